import type {Host, ProbeResult} from '../../../evidence/schema.js'
import {parseIpv4} from '../../../scope/ipv4.js'
import {readNeighbourTable} from '../../network/neighbour-table.js'
import {lookupVendor} from '../../oui.js'
import {DEFAULT_TCP_PORTS, serviceName} from '../common-ports.js'
import type {DiscoveryInput, DiscoveryOutput} from '../discover-hosts.js'
import {isPrivileged, type NmapRunResult, runNmap, type RunNmapOptions} from './run-nmap.js'

const MAX_PROBE_RAW = 4096

export interface NmapDiscoveryOptions {
  /** The command that runs nmap (default ['nmap']); see RunNmapOptions.command. */
  command?: readonly string[]
  /** The whole nmap run; default 10 minutes. */
  timeoutMs?: number
  signal?: AbortSignal
  privileged?: boolean
  env?: NodeJS.ProcessEnv
}

function newHost(ip: string): Host {
  return {ip, mac: null, vendor: null, macRandomized: false, names: [], ports: [], isGateway: false, isSelf: false, discoveredBy: []}
}

function probeOf(run: NmapRunResult, target: string, hostsFound: number): ProbeResult {
  const command = `nmap ${run.args.join(' ')}`
  const detail = `${command}: ${hostsFound} host${hostsFound === 1 ? '' : 's'} up` + (run.error ? `; ${run.error}` : '')
  const raw = run.warnings.join('\n')
  return {
    probe: 'nmap',
    target,
    ok: run.ok,
    durationMs: run.durationMs,
    detail,
    ...(raw ? {raw: raw.length > MAX_PROBE_RAW ? raw.slice(0, MAX_PROBE_RAW) : raw} : {}),
  }
}

/**
 * The nmap discovery engine: one nmap run over the scope (SYN scan as root, connect scan
 * otherwise) on the same common TCP ports as the built-in engine; MAC addresses from nmap's
 * ARP replies (root) or else from the OS neighbour table, which nmap's connection attempts
 * fill; hosts that only the neighbour table knows get their ports scanned by a second run with
 * `-Pn`. Only open ports are kept, as with the built-in engine. Throws NmapNotFoundError when
 * nmap is missing.
 */
export async function discoverHostsWithNmap(input: DiscoveryInput, options: NmapDiscoveryOptions = {}): Promise<DiscoveryOutput> {
  const {scope} = input
  const probes: ProbeResult[] = []
  const hosts = new Map<string, Host>()
  const selfIp = input.self.ip && scope.allows(input.self.ip) ? input.self.ip : null
  const portList = input.ports ?? DEFAULT_TCP_PORTS
  const common: Omit<RunNmapOptions, 'mode'> = {
    scope,
    ports: portList,
    probeTimeoutMs: input.timeoutMs,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    command: options.command,
    env: options.env,
    privileged: options.privileged ?? isPrivileged(),
  }

  const keepOpen = (host: Host) => {
    host.ports = host.ports
      .filter((p) => p.state === 'open')
      .map((p) => ({...p, service: p.service ?? (p.protocol === 'tcp' ? serviceName(p.port) : null)}))
    return host
  }

  input.onPhase?.('sweep', {done: 0, total: 100})
  const firstRun = (privileged: boolean) =>
    runNmap({
      ...common,
      privileged,
      mode: 'ports',
      exclude: selfIp ? [selfIp] : [],
      onProgress: (event) => input.onPhase?.('sweep', {done: Math.floor(event.percent ?? 0), total: 100}),
    })
  let run = await firstRun(common.privileged!)
  if (common.privileged && run.exitCode !== 0 && run.hosts.length === 0 && !run.aborted && !run.timedOut) {
    // Root without working raw sockets (a container without CAP_NET_RAW, no usable device):
    // say so, and do what an unprivileged user gets, a connect scan.
    probes.push(probeOf(run, scope.toString(), 0))
    run = await firstRun(false)
  }
  for (const host of run.hosts) {
    if (!scope.allows(host.ip) || host.ip === selfIp) continue
    hosts.set(host.ip, keepOpen(host))
  }
  probes.push(probeOf(run, scope.toString(), hosts.size))

  const neighbours = await readNeighbourTable(input.platform)
  probes.push(neighbours.probe)
  const onlyInTable: string[] = []
  for (const entry of neighbours.entries) {
    if (!scope.allows(entry.ip) || entry.ip === selfIp) continue
    let host = hosts.get(entry.ip)
    let used = false
    if (!host) {
      host = newHost(entry.ip)
      hosts.set(entry.ip, host)
      onlyInTable.push(entry.ip)
      used = true
    }
    if (!host.mac && entry.mac) {
      // nmap gives MACs only with raw sockets (root); otherwise its connection attempts made
      // the OS resolve every address, and the table has them.
      host.mac = entry.mac
      const {vendor, randomized} = lookupVendor(entry.mac)
      host.vendor = vendor
      host.macRandomized = randomized
      used = true
    }
    if (used && !host.discoveredBy.includes('neighbour-table')) host.discoveredBy.push('neighbour-table')
  }

  // Hosts that answered ARP but not nmap's host discovery (unprivileged: a TCP ping to 80/443).
  if (onlyInTable.length > 0 && !run.aborted) {
    input.onPhase?.('ports', {hosts: onlyInTable.length})
    const second = await runNmap({...common, privileged: run.args.includes('-sS'), mode: 'ports', targets: onlyInTable, skipHostDiscovery: true})
    for (const found of second.hosts) {
      const host = hosts.get(found.ip)
      if (!host) continue
      host.ports = keepOpen(found).ports
      host.names.push(...found.names.filter((n) => !host.names.some((k) => k.name === n.name)))
      if (!host.discoveredBy.includes('nmap')) host.discoveredBy.push('nmap')
    }
    probes.push(probeOf(second, onlyInTable.join(','), second.hosts.length))
  }

  if (selfIp) {
    const self = hosts.get(selfIp) ?? newHost(selfIp)
    hosts.set(selfIp, self)
    self.isSelf = true
    self.mac = input.self.mac
    const {vendor, randomized} = lookupVendor(self.mac)
    self.vendor = vendor
    self.macRandomized = randomized
    self.discoveredBy.push('self')
  }
  if (input.gateway && hosts.has(input.gateway)) hosts.get(input.gateway)!.isGateway = true

  return {hosts: [...hosts.values()].sort((a, b) => parseIpv4(a.ip)! - parseIpv4(b.ip)!), probes}
}
