/**
 * Runs probeSmbHost() once and prints the result as JSON on stdout. The lab e2e test starts it
 * inside the work PC's namespace (`ip netns exec halab-pc node --import tsx …`), since there is
 * no `homeaudit shares` command yet.
 *
 *   node --import tsx test/e2e/smb-probe-runner.ts <scope-cidr> <ip> [options-json]
 *
 * options-json is SmbProbeOptions without the hook, e.g. '{"credentials":{"user":"u","password":"p"}}'.
 */
import {probeSmbHost} from '../../src/gather/probes/smb/probe.js'
import {ScanScope} from '../../src/scope/scope-guard.js'

const [cidr, ip, json] = process.argv.slice(2)
if (!cidr || !ip) {
  process.stderr.write('usage: smb-probe-runner.ts <scope-cidr> <ip> [options-json]\n')
  process.exit(2)
}
const result = await probeSmbHost(ScanScope.fromCidr(cidr), ip, json ? JSON.parse(json) : {})
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
