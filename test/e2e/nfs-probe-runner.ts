/**
 * Runs probeNfsHost() once and prints {result, evidence} as JSON on stdout. The lab e2e test and
 * the fixture capture start it inside a lab namespace (`ip netns exec <prefix>-pc node --import tsx …`).
 *
 *   node --import tsx test/e2e/nfs-probe-runner.ts <scope-cidr> <ip> [options-json]
 *
 * options-json: NfsProbeOptions (stepTimeoutMs, deadlineMs, portmapperOpen, nfsPortOpen) plus
 * `lan` ({address, cidr}, the asking host's address and subnet) for the evidence.
 */
import {nfsToEvidence, probeNfsHost} from '../../src/gather/probes/nfs/index.js'
import {ScanScope} from '../../src/scope/scope-guard.js'

const [cidr, ip, json] = process.argv.slice(2)
if (!cidr || !ip) {
  process.stderr.write('usage: nfs-probe-runner.ts <scope-cidr> <ip> [options-json]\n')
  process.exit(2)
}
const {lan, ...options} = json ? JSON.parse(json) : {}
const result = await probeNfsHost(ScanScope.fromCidr(cidr), ip, options)
const evidence = nfsToEvidence(result, lan ?? {address: null, cidr: null})
process.stdout.write(`${JSON.stringify({result, evidence}, null, 2)}\n`)
