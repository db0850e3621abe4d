import type {Host, Port, ProbeResult} from '../../evidence/schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {parseIpv4} from '../../scope/ipv4.js'
import {readNeighbourTable} from '../network/neighbour-table.js'
import {lookupVendor} from '../oui.js'
import {checkTcpPorts} from './port-check.js'
import {DEFAULT_TCP_PORTS, SWEEP_TCP_PORTS} from './common-ports.js'
import {tcpSweep} from './tcp-sweep.js'
import {discoverHostsWithNmap} from './nmap/nmap-discovery.js'
import {mapLimit} from '../../util/concurrency.js'
import {withDeviceType} from '../../identify/device-type.js'

// The name and SNMP stages bring axios, cheerio and net-snmp (about half a second of module
// loading): they are loaded only when used (never with --no-names), and warmed up while the
// sweep waits on the network.
const loadNames = () => import('../names/gather-names.js')
const loadSnmp = () => import('../probes/snmp.js')

/** `--engine`: 'auto' is the built-in engine unless nmap is asked for. */
export type DiscoveryEngine = 'auto' | 'builtin' | 'nmap'
export const DISCOVERY_ENGINES: readonly DiscoveryEngine[] = ['auto', 'builtin', 'nmap']

export interface DiscoveryInput {
  scope: ScanScope
  self: {ip: string | null; mac: string | null}
  gateway: string | null
  timeoutMs: number
  concurrency: number
  ports?: readonly number[]
  platform?: NodeJS.Platform
  onPhase?: (phase: 'sweep' | 'ports', detail: {done?: number; total?: number; hosts?: number}) => void
  /** Which engine finds the hosts; default 'auto' (= builtin). 'nmap' needs nmap installed. */
  engine?: DiscoveryEngine
  /** Ask the hosts their names (mDNS, NetBIOS, SSDP, reverse DNS, HTTP); default true. */
  names?: boolean
}

export interface DiscoveryOutput {
  hosts: Host[]
  probes: ProbeResult[]
}

function newHost(ip: string): Host {
  return {ip, mac: null, vendor: null, macRandomized: false, names: [], ports: [], isGateway: false, isSelf: false, discoveredBy: []}
}

/**
 * The built-in discovery engine, without root and without nmap: a TCP connect sweep of the
 * scope, then the OS neighbour table for MAC addresses (and for hosts that answer nothing but
 * ARP), then a check of common TCP ports on every host found.
 */
export async function discoverHosts(input: DiscoveryInput): Promise<DiscoveryOutput> {
  if (input.names !== false) for (const load of [loadNames, loadSnmp]) load().catch(() => undefined)
  const found = input.engine === 'nmap' ? await discoverHostsWithNmap(input) : await discoverBuiltin(input)
  if (input.names === false) return {...found, hosts: found.hosts.map(withDeviceType)}
  return addSnmp(input, await addNames(input, found))
}

/**
 * SNMP on UDP 161 of every other host: one v2c GET of the system group with the community
 * `public` (the router gets the full check in its own stage). An answer opens 161/udp and
 * gives the host's sysName as a name.
 */
async function addSnmp(input: DiscoveryInput, found: DiscoveryOutput): Promise<DiscoveryOutput> {
  const started = Date.now()
  const {probeSnmp} = await loadSnmp()
  const targets = found.hosts.filter((h) => !h.isSelf && !h.isGateway)
  const answers = await mapLimit(targets, 16, (h) => probeSnmp(input.scope, h.ip, Math.min(input.timeoutMs, 1000), {version: 'v2c', community: 'public'}))
  const byIp = new Map(targets.map((h, i) => [h.ip, answers[i]!]))
  const hosts = found.hosts.map((host) => {
    const answer = byIp.get(host.ip)?.answer
    if (!answer) return host
    const names = answer.system.sysName ? [...host.names, {name: answer.system.sysName, source: 'snmp' as const}] : host.names
    return withDeviceType({...host, names, ports: [...host.ports, {port: 161, protocol: 'udp' as const, state: 'open' as const, service: 'snmp'}]})
  })
  const answered = answers.filter((a) => a.answer).length
  return {hosts, probes: [...found.probes, {probe: 'snmp', target: input.scope.toString(), ok: true, durationMs: Date.now() - started, detail: `SNMP v2c "public" asked on ${targets.length} hosts; ${answered} answered`}]}
}

/**
 * Names for the hosts found (each with its source) and then each host's device type. The
 * name probes are bounded and never throw; should one fail anyway, the hosts keep no names.
 */
async function addNames(input: DiscoveryInput, found: DiscoveryOutput): Promise<DiscoveryOutput> {
  try {
    const {gatherNames} = await loadNames()
    const named = await gatherNames({scope: input.scope, self: {ip: input.self.ip}, hosts: found.hosts, timeoutMs: input.timeoutMs})
    const hosts = found.hosts.map((host) => {
      const extra = named.hosts.get(host.ip)
      if (!extra) return host
      const names = [...host.names]
      for (const n of extra.names) if (!names.some((m) => m.source === n.source && m.name === n.name)) names.push(n)
      return {...host, names, identity: extra.identity, ports: [...host.ports, ...udpPortsFrom(extra.identity, host.ports)]}
    })
    return {hosts: hosts.map(withDeviceType), probes: [...found.probes, ...named.probes]}
  } catch (error) {
    const detail = `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300)
    return {hosts: found.hosts.map(withDeviceType), probes: [...found.probes, {probe: 'names', target: input.scope.toString(), ok: false, durationMs: 0, detail}]}
  }
}

/**
 * UDP services that answered their own protocol during the name probes (no root needed, so no
 * raw UDP scan): NetBIOS name service, mDNS, SSDP. A port is listed only when it answered.
 */
function udpPortsFrom(identity: Host['identity'], existing: readonly Port[]): Port[] {
  if (!identity) return []
  const ports: Port[] = []
  const add = (port: number, service: string) => {
    if (!existing.some((p) => p.protocol === 'udp' && p.port === port)) ports.push({port, protocol: 'udp', state: 'open', service})
  }
  if (identity.netbios.length > 0) add(137, 'netbios-ns')
  if (identity.mdnsServices.length > 0 || Object.keys(identity.mdnsTxt).length > 0) add(5353, 'mdns')
  if (identity.ssdp.length > 0) add(1900, 'upnp')
  return ports
}

async function discoverBuiltin(input: DiscoveryInput): Promise<DiscoveryOutput> {
  const {scope} = input
  const probes: ProbeResult[] = []
  const hosts = new Map<string, Host>()
  const hostFor = (ip: string) => hosts.get(ip) ?? hosts.set(ip, newHost(ip)).get(ip)!

  const sweepStarted = Date.now()
  const skip = new Set(input.self.ip ? [input.self.ip] : [])
  const sweep = await tcpSweep(scope, {
    ports: SWEEP_TCP_PORTS,
    timeoutMs: input.timeoutMs,
    concurrency: input.concurrency,
    skip,
    onProgress: (done, total) => input.onPhase?.('sweep', {done, total}),
  })
  for (const ip of sweep.alive.keys()) hostFor(ip).discoveredBy.push('tcp-connect')
  probes.push({
    probe: 'tcp-sweep',
    target: scope.toString(),
    ok: true,
    durationMs: Date.now() - sweepStarted,
    detail: `${sweep.attempted} addresses tried on TCP ${SWEEP_TCP_PORTS.join(', ')}; ${sweep.alive.size} answered`,
  })

  const neighbours = await readNeighbourTable(input.platform)
  probes.push(neighbours.probe)
  for (const entry of neighbours.entries) {
    if (!scope.allows(entry.ip) || entry.ip === input.self.ip) continue
    const host = hostFor(entry.ip)
    host.mac ??= entry.mac
    host.discoveredBy.push('neighbour-table')
  }

  if (input.self.ip && scope.allows(input.self.ip)) {
    const self = hostFor(input.self.ip)
    self.isSelf = true
    self.mac = input.self.mac
    self.discoveredBy.push('self')
  }
  if (input.gateway && hosts.has(input.gateway)) hosts.get(input.gateway)!.isGateway = true

  const others = [...hosts.values()].filter((h) => !h.isSelf).map((h) => h.ip)
  input.onPhase?.('ports', {hosts: others.length})
  const portsStarted = Date.now()
  const portList = input.ports ?? DEFAULT_TCP_PORTS
  const open = await checkTcpPorts(scope, others, portList, {timeoutMs: input.timeoutMs, concurrency: input.concurrency})
  for (const [ip, ports] of open) hostFor(ip).ports = ports
  probes.push({
    probe: 'tcp-ports',
    target: scope.toString(),
    ok: true,
    durationMs: Date.now() - portsStarted,
    detail: `${portList.length} TCP ports checked on ${others.length} hosts`,
  })

  for (const host of hosts.values()) {
    const {vendor, randomized} = lookupVendor(host.mac)
    host.vendor = vendor
    host.macRandomized = randomized
  }
  return {hosts: [...hosts.values()].sort((a, b) => parseIpv4(a.ip)! - parseIpv4(b.ip)!), probes}
}
