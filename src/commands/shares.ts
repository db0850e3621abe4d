import {Command, Flags} from '@oclif/core'
import {smbPasswordFlag, smbUserFlag, langFlag, langOf} from '../cli/shared-flags.js'
import {smbCredentials} from '../cli/smb-credentials.js'
import {checkTcpPorts} from '../gather/discovery/port-check.js'
import {discoverHosts} from '../gather/discovery/discover-hosts.js'
import {readActiveNetwork} from '../gather/network/active-network.js'
import {gatherExposures} from '../gather/exposures/gather-exposures.js'
import {WEBDAV_PORTS} from '../gather/probes/webdav.js'
import {gatherShares} from '../gather/shares/gather-shares.js'
import {shareUrl} from '../history/diff.js'
import {partialEvidence} from '../pipeline/partial-evidence.js'
import {findingsText} from '../report/terminal.js'
import {colourEnabled} from '../report/terminal-style.js'
import {safeJson, sanitizeText} from '../report/sanitize.js'
import {evaluateRules, RULES} from '../rules/index.js'
import {DEFAULT_MAX_HOSTS, ScanScope, ScopeError} from '../scope/scope-guard.js'

const SHARE_RULES = new Set(['open-shares-on-other-hosts', 'nfs-open-export', 'cleartext-services', 'smb1-enabled', 'webdav-anonymous', 'dlna-open-content', 'network-printers'])
/** The file-service ports, then those of the other exposures: Telnet, IPP, raw print, minidlna, WebDAV. */
const PORTS = [21, 111, 139, 445, 2049, ...new Set([23, 631, 9100, 8200, ...WEBDAV_PORTS.map((p) => p.port)])]

export default class Shares extends Command {
  static override summary = 'What the other hosts share: SMB guest/anonymous access, NFS exports, anonymous FTP, DLNA, printers, WebDAV, Telnet (read-only checks)'
  static override description = 'Nothing is ever written, deleted or uploaded on a host. Exit code 1 when a rule finds a violation.'
  static override flags = {
    target: Flags.string({description: 'one host (IP) or a private CIDR; default: the active subnet'}),
    json: Flags.boolean({description: 'print {shares, fileServices, findings} as JSON'}),
    timeout: Flags.integer({description: 'per-step timeout in milliseconds', default: 3000, min: 100, max: 30000}),
    'smb-user': smbUserFlag,
    'smb-password': smbPasswordFlag,
    lang: langFlag,
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(Shares)
    const lang = langOf(flags.lang)
    const {network} = await readActiveNetwork()
    const targetText = flags.target ? (flags.target.includes('/') ? flags.target : `${flags.target}/32`) : network.cidr
    if (!targetText) this.error('no active network interface with an IPv4 address was found; pass --target', {exit: 2})
    let scope: ScanScope
    try {
      scope = ScanScope.fromCidr(targetText, DEFAULT_MAX_HOSTS)
    } catch (error) {
      this.error(error instanceof ScopeError ? error.message : String(error), {exit: 2})
    }
    const hosts = scope.size === 1
      ? [{ip: targetText.split('/')[0]!, mac: null, vendor: null, macRandomized: false, names: [], ports: (await checkTcpPorts(scope, [targetText.split('/')[0]!], PORTS, {timeoutMs: 1000, concurrency: 4})).get(targetText.split('/')[0]!) ?? [], isGateway: false, isSelf: false, discoveredBy: ['tcp-connect' as const]}]
      : (await discoverHosts({scope, self: {ip: network.address, mac: network.mac}, gateway: network.gateway, timeoutMs: 1000, concurrency: 256, ports: PORTS})).hosts
    const {shares, fileServices} = await gatherShares(scope, hosts, {timeoutMs: flags.timeout, smbCredentials: await smbCredentials(flags['smb-user'], flags['smb-password']), lan: {address: network.address, cidr: network.cidr}})
    const exposures = await gatherExposures(scope, hosts, {timeoutMs: flags.timeout})
    const evidence = partialEvidence(network, lang, {hosts, shares, fileServices, exposures})
    const findings = evaluateRules(evidence, lang, RULES.filter((r) => SHARE_RULES.has(r.id)))
    if (flags.json) {
      process.stdout.write(safeJson({shares, fileServices, exposures, findings}) + '\n')
    } else {
      for (const s of fileServices) process.stdout.write(`${s.protocol} ${s.host}:${s.port}${s.protocol === 'smb' ? ` SMB1 ${s.smb1 ?? '?'}, dialect ${s.dialect ?? '?'}, signing required ${s.signingRequired ?? '?'}` : ''}${s.banner ? ` "${sanitizeText(s.banner, 80)}"` : ''}${s.error ? ` (${sanitizeText(s.error, 120)})` : ''}\n`)
      for (const s of shares) process.stdout.write(`  ${sanitizeText(shareUrl(s), 120).padEnd(40)} ${s.access}${s.comment ? `  ${sanitizeText(s.comment, 60)}` : ''}\n`)
      for (const e of exposures) process.stdout.write(`${e.kind} ${e.host}:${e.port} anonymous ${e.anonymous ?? '?'}: ${sanitizeText(e.summary, 200)}\n`)
      process.stdout.write(findingsText(findings, {lang, colour: colourEnabled(process.stdout), width: process.stdout.columns}))
    }
    if (findings.some((f) => f.status === 'violation')) this.exit(1)
  }
}
