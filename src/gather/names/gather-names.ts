import {networkInterfaces} from 'node:os'
import type {Host, HostIdentity, HostName, ProbeResult} from '../../evidence/schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {type HttpNameFacts, httpNames} from './http-names.js'
import {discoverMdns} from './mdns.js'
import {type NodeStatus, netbiosHostName, queryNodeStatus} from './netbios.js'
import {reverseLookup} from './reverse-dns.js'
import {type SsdpHostFacts, discoverSsdp} from './ssdp-multicast.js'
import {addName, capName} from './text.js'

export interface NamesInput {
  scope: ScanScope
  self: {ip: string | null}
  hosts: readonly Host[]
  timeoutMs: number
  /** The subnet of the interface the scan runs on (e.g. 192.168.1.0/24); read from the OS when absent. */
  interfaceCidr?: string | null
}

export interface HostNames {
  names: HostName[]
  identity: HostIdentity
}

export interface NamesOutput {
  hosts: Map<string, HostNames>
  probes: ProbeResult[]
}

/** The CIDR of the local interface that has `ip`, from the OS (reading it sends nothing). */
export function interfaceCidrOf(ip: string | null): string | null {
  if (!ip) return null
  try {
    for (const list of Object.values(networkInterfaces())) {
      for (const entry of list ?? []) if (entry.family === 'IPv4' && entry.address === ip && entry.cidr) return entry.cidr
    }
  } catch {
    // no interface list: no multicast
  }
  return null
}

function emptyIdentity(): HostIdentity {
  return {mdnsServices: [], mdnsTxt: {}, netbios: [], netbiosMac: null, ssdp: [], upnp: null, http: []}
}

/** Run `task`, but give up after `ms` with `fallback` (the task's own windows are shorter). */
async function withDeadline<T>(task: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([task, new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback()), ms)))])
  } finally {
    clearTimeout(timer)
  }
}

function failed(probe: string, started: number, error: unknown): ProbeResult {
  return {probe, target: null, ok: false, durationMs: Date.now() - started, detail: `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300)}
}

/**
 * Names for every host but this PC, each with its source: NetBIOS node status, mDNS/DNS-SD,
 * SSDP (+ UPnP friendlyName), reverse DNS, HTTP titles. The probes run side by side, each
 * bounded in time and size; a probe that fails or overruns adds a failed probe record and no
 * names, never an exception.
 */
export async function gatherNames(input: NamesInput): Promise<NamesOutput> {
  const started = Date.now()
  const scope = input.scope.withInterface(input.self.ip, input.interfaceCidr ?? interfaceCidrOf(input.self.ip))
  const others = input.hosts.filter((h) => !h.isSelf && scope.allows(h.ip))
  const targets = others.map((h) => h.ip)
  const httpTimeout = Math.min(Math.max(input.timeoutMs * 2, 1000), 3000)
  const deadline = (ms: number) => ms + 2000

  const [mdns, nbstat, ssdp, rdns, http] = await Promise.all([
    withDeadline(
      discoverMdns(scope, targets, {windowMs: 2000}).catch((e) => ({collector: null, probe: failed('mdns', started, e)})),
      deadline(2000),
      () => ({collector: null, probe: failed('mdns', started, 'overran its deadline')}),
    ),
    withDeadline(
      queryNodeStatus(scope, targets, {windowMs: 1500}).catch((e) => ({statuses: new Map<string, NodeStatus>(), probe: failed('netbios-nbstat', started, e)})),
      deadline(1500),
      () => ({statuses: new Map<string, NodeStatus>(), probe: failed('netbios-nbstat', started, 'overran its deadline')}),
    ),
    withDeadline(
      discoverSsdp(scope, {windowMs: 1500, timeoutMs: httpTimeout, budgetMs: httpTimeout * 2}).catch((e) => ({hosts: new Map<string, SsdpHostFacts>(), probe: failed('ssdp-multicast', started, e)})),
      deadline(1500 + httpTimeout * 2),
      () => ({hosts: new Map<string, SsdpHostFacts>(), probe: failed('ssdp-multicast', started, 'overran its deadline')}),
    ),
    withDeadline(
      reverseLookup(scope, targets, {timeoutMs: 1000, budgetMs: 4000}).catch((e) => ({names: new Map<string, string[]>(), probe: failed('reverse-dns', started, e)})),
      deadline(4000),
      () => ({names: new Map<string, string[]>(), probe: failed('reverse-dns', started, 'overran its deadline')}),
    ),
    withDeadline(
      httpNames(scope, others.map((h) => ({ip: h.ip, ports: h.ports.map((p) => p.port)})), {timeoutMs: httpTimeout, budgetMs: httpTimeout * 4}).catch((e) => ({pages: new Map<string, HttpNameFacts[]>(), probe: failed('http-names', started, e)})),
      deadline(httpTimeout * 4),
      () => ({pages: new Map<string, HttpNameFacts[]>(), probe: failed('http-names', started, 'overran its deadline')}),
    ),
  ])

  const hosts = new Map<string, HostNames>()
  for (const host of others) {
    const names: HostName[] = []
    const identity = emptyIdentity()

    const status = nbstat.statuses.get(host.ip)
    if (status) {
      identity.netbios = status.names.slice(0, 32).map((n) => ({name: capName(n.name, 16) ?? '', suffix: n.suffix, group: n.group}))
      identity.netbiosMac = status.mac
      addName(names, netbiosHostName(status), 'netbios')
    }

    const facts = mdns.collector?.hosts.get(host.ip)
    if (facts) {
      identity.mdnsServices = [...facts.services]
      identity.mdnsTxt = {...facts.txt}
      for (const n of facts.hostnames) addName(names, n, 'mdns')
      for (const n of facts.instances) addName(names, n, 'mdns')
      if (facts.txt.fn) addName(names, facts.txt.fn, 'mdns')
    }

    const upnp = ssdp.hosts.get(host.ip)
    if (upnp) {
      identity.ssdp = upnp.responses.slice(0, 16).map((r) => ({st: r.st, server: r.server, location: r.location}))
      const device = upnp.description?.device
      if (upnp.description && device) {
        identity.upnp = {
          url: upnp.description.url,
          deviceType: capName(device.deviceType, 256),
          friendlyName: capName(device.friendlyName, 256),
          manufacturer: capName(device.manufacturer, 256),
          modelName: capName(device.modelName, 256),
          error: null,
        }
        addName(names, device.friendlyName, 'ssdp')
      } else if (upnp.description) {
        // Why it was not read ("description rejected: too large", ...), so a hostile device shows as such.
        const error = capName(upnp.description.error, 300) ?? 'description not read'
        identity.upnp = {url: upnp.description.url, deviceType: null, friendlyName: null, manufacturer: null, modelName: null, error}
      }
    }

    for (const n of rdns.names.get(host.ip) ?? []) addName(names, n, 'dns')

    const pages = http.pages.get(host.ip) ?? []
    identity.http = pages.map((p) => ({port: p.port, title: p.title, server: p.server, ...(p.error ? {error: p.error} : {})}))
    for (const p of pages) if (p.status !== null && p.status < 400) addName(names, p.title, 'http')

    hosts.set(host.ip, {names, identity})
  }
  return {hosts, probes: [mdns.probe, nbstat.probe, ssdp.probe, rdns.probe, http.probe]}
}
