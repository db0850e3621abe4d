/**
 * Parsers for Linux iproute2 JSON output (`ip -j ...`) and /proc/net/arp.
 * Pure functions: text in, typed data out; garbage gives [] and never throws.
 */
import {isMulticastMac, normaliseMac} from '../../../util/mac.js'
import type {DefaultRoute, InterfaceAddress, NeighbourEntry} from '../types.js'
import {isIPv4, isNeighbourIPv4, MAX_LINE_LENGTH, splitLines} from './netmask.js'

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The array of objects `ip -j` prints, or [] for anything that is not one. */
function parseJsonObjects(text: unknown): JsonObject[] {
  if (typeof text !== 'string') return []
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (!trimmed.startsWith('[')) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(trimmed)
  } catch {
    return []
  }
  return Array.isArray(parsed) ? parsed.filter(isObject) : []
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null
}

function finiteInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null
}

/** Route types that carry traffic; `unreachable`, `blackhole`, `prohibit`, `throw` ... defaults do not. */
const FORWARDING_TYPES = new Set(['unicast'])

/**
 * Default routes from `ip -j route show default`, `ip -j -4 route` or `ip -j route`.
 * Keeps IPv4 routes whose `dst` is `default` or `0.0.0.0/0`; a multipath default gives
 * one entry per next hop. A default without a gateway (`default dev wg0 scope link`)
 * has `gateway: null`. Order is the kernel's.
 */
export function parseIpRouteJson(text: string): DefaultRoute[] {
  const routes: DefaultRoute[] = []
  for (const route of parseJsonObjects(text)) {
    const dst = route['dst']
    if (dst !== 'default' && dst !== '0.0.0.0/0') continue
    const type = str(route['type'])
    if (type !== null && !FORWARDING_TYPES.has(type)) continue
    if (route['family'] !== undefined && route['family'] !== 'inet') continue
    const metric = finiteInt(route['metric'])
    const prefsrc = str(route['prefsrc'])
    const source = isIPv4(prefsrc) ? prefsrc : null
    const hops: JsonObject[] = Array.isArray(route['nexthops']) ? route['nexthops'].filter(isObject) : [route]
    for (const hop of hops) {
      const gatewayText = str(hop['gateway'])
      if (gatewayText !== null && !isIPv4(gatewayText)) continue // an IPv6 next hop: not an IPv4 default
      const dev = str(hop['dev']) ?? str(route['dev'])
      if (gatewayText === null && dev === null) continue
      routes.push({interface: dev, gateway: gatewayText, source, metric})
    }
  }
  return routes
}

/**
 * IPv4 addresses from `ip -j addr` / `ip -j -4 addr`. The MAC comes from the link's
 * `address` when `link_type` is `ether` (plain `ip -j -4 addr` omits the link fields, so
 * its addresses have `mac: null`). Loopback addresses are kept; callers decide.
 */
export function parseIpAddrJson(text: string): InterfaceAddress[] {
  const out: InterfaceAddress[] = []
  for (const link of parseJsonObjects(text)) {
    const ifname = str(link['ifname'])
    if (ifname === null) continue
    const mac = link['link_type'] === 'ether' ? normaliseMac(str(link['address'])) : null
    const infos = Array.isArray(link['addr_info']) ? link['addr_info'].filter(isObject) : []
    for (const info of infos) {
      if (info['family'] !== 'inet') continue
      const address = str(info['local'])
      const prefixLength = finiteInt(info['prefixlen'])
      if (!isIPv4(address) || prefixLength === null || prefixLength > 32) continue
      out.push({interface: ifname, address, prefixLength, mac, gateway: null})
    }
  }
  return out
}

/** Neighbour states that do not give a usable MAC. */
const UNRESOLVED_STATES = new Set(['FAILED', 'INCOMPLETE'])

/**
 * IPv4 neighbours from `ip -j neigh`. Drops IPv6 entries, entries without `lladdr`,
 * FAILED/INCOMPLETE entries, and broadcast/multicast addresses. `state` is the kernel's
 * state list joined with `,` (e.g. `REACHABLE`, `STALE`, `PERMANENT`).
 */
export function parseIpNeighJson(text: string): NeighbourEntry[] {
  const out: NeighbourEntry[] = []
  for (const entry of parseJsonObjects(text)) {
    const ip = str(entry['dst'])
    if (!isIPv4(ip) || !isNeighbourIPv4(ip)) continue
    const states = Array.isArray(entry['state']) ? entry['state'].filter((s): s is string => typeof s === 'string') : []
    if (states.some((s) => UNRESOLVED_STATES.has(s))) continue
    const mac = normaliseMac(str(entry['lladdr']))
    if (mac === null || isMulticastMac(mac)) continue
    out.push({ip, mac, interface: str(entry['dev']), state: states.join(',')})
  }
  return out
}

/** ATF_COM: the entry is complete (has a resolved hardware address). */
const ATF_COM = 0x02

/**
 * Entries of /proc/net/arp. Rows whose flags lack ATF_COM (0x0: incomplete) are dropped,
 * as are all-zero, broadcast and multicast MACs. `state` is the flags column as printed
 * (`0x2` complete, `0x6` complete + permanent).
 */
export function parseProcNetArp(text: string): NeighbourEntry[] {
  if (typeof text !== 'string') return []
  const out: NeighbourEntry[] = []
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH) continue
    const fields = line.trim().split(/\s+/)
    if (fields.length !== 6) continue
    const [ip, hwType, flagsText, hwAddress, , device] = fields as [string, string, string, string, string, string]
    if (!isIPv4(ip) || !isNeighbourIPv4(ip)) continue
    if (!/^0x[0-9a-f]+$/i.test(hwType) || !/^0x[0-9a-f]+$/i.test(flagsText)) continue
    const flags = Number.parseInt(flagsText.slice(2), 16)
    if ((flags & ATF_COM) === 0) continue
    const mac = normaliseMac(hwAddress)
    if (mac === null || isMulticastMac(mac)) continue
    out.push({ip, mac, interface: device, state: flagsText})
  }
  return out
}
