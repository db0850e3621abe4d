import {Command, Flags} from '@oclif/core'
import {portsFlag, portsFromFlags, topPortsFlag, langFlag, langOf} from '../cli/shared-flags.js'
import {DISCOVERY_ENGINES, type DiscoveryEngine, discoverHosts} from '../gather/discovery/discover-hosts.js'
import {NmapNotFoundError} from '../gather/discovery/nmap/run-nmap.js'
import {readActiveNetwork} from '../gather/network/active-network.js'
import {format, ui} from '../i18n/messages.js'
import {safeJson, sanitizeText} from '../report/sanitize.js'
import {DEFAULT_MAX_HOSTS, ScanScope, ScopeError} from '../scope/scope-guard.js'

export default class Discover extends Command {
  static override summary = 'Discovery alone: the hosts on the subnet with MAC, vendor, names and device type (ports only when asked)'
  static override description = 'The same discovery `scan` uses, without the router, shares, PC posture or rules. Exit code 0, or 2 on an error.'
  static override flags = {
    target: Flags.string({description: 'CIDR to discover instead of the active subnet (private ranges only)'}),
    'max-hosts': Flags.integer({description: 'allow a target with up to this many addresses (default 1024)', min: 1, max: 65536}),
    engine: Flags.string({options: [...DISCOVERY_ENGINES], default: 'auto', description: 'builtin (no root, no nmap), nmap, auto (= builtin)'}),
    ports: portsFlag,
    'top-ports': topPortsFlag,
    names: Flags.boolean({description: 'ask hosts their names (mDNS, NetBIOS, SSDP, reverse DNS)', default: true, allowNo: true}),
    timeout: Flags.integer({description: 'per-connection timeout in milliseconds', default: 1000, min: 50, max: 30000}),
    json: Flags.boolean({description: 'print {network, scope, hosts, probes} as JSON'}),
    lang: langFlag,
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(Discover)
    const lang = langOf(flags.lang)
    const {network} = await readActiveNetwork()
    const target = flags.target ?? network.cidr
    if (!target) this.error('no active network interface with an IPv4 address was found; pass --target CIDR', {exit: 2})
    let scope: ScanScope
    let ports: number[] | undefined
    try {
      scope = ScanScope.fromCidr(target, flags['max-hosts'] ?? DEFAULT_MAX_HOSTS)
      ports = await portsFromFlags(flags.ports, flags['top-ports'])
    } catch (error) {
      this.error(error instanceof ScopeError || error instanceof Error ? error.message : String(error), {exit: 2})
    }
    let result
    try {
      result = await discoverHosts({
        scope,
        self: {ip: network.address, mac: network.mac},
        gateway: network.gateway,
        timeoutMs: flags.timeout,
        concurrency: 256,
        ports: ports ?? [],
        engine: flags.engine as DiscoveryEngine,
        names: flags.names,
      })
    } catch (error) {
      if (error instanceof NmapNotFoundError) this.error(error.message, {exit: 2})
      throw error
    }
    if (flags.json) {
      process.stdout.write(safeJson({network, scope: {target: scope.toString(), addresses: scope.size}, hosts: result.hosts, probes: result.probes}) + '\n')
      return
    }
    process.stdout.write(`${format(ui.hosts, lang, {count: result.hosts.length})} — ${scope.toString()}\n`)
    for (const h of result.hosts) {
      const tag = h.isSelf ? ui.self[lang] : h.isGateway ? ui.router[lang] : h.deviceType ?? ''
      const names = h.names.map((n) => sanitizeText(n.name, 40)).slice(0, 3).join(', ')
      const open = h.ports.map((p) => p.port).join(',')
      process.stdout.write(`${h.ip.padEnd(16)}${(h.mac ?? '-').padEnd(19)}${sanitizeText(h.vendor ?? (h.macRandomized ? ui.randomMac[lang] : '-'), 28).padEnd(30)}${tag.padEnd(14)}${names}${open ? `  [${open}]` : ''}\n`)
    }
  }
}
