/**
 * Parsers for macOS (BSD) network commands: `route -n get default`, `ifconfig`, `arp -an`.
 * Pure functions: text in, typed data out; garbage gives []/null and never throws.
 */
import {isMulticastMac, normaliseMac} from '../../../util/mac.js'
import type {DefaultRoute, InterfaceAddress, NeighbourEntry} from '../types.js'
import {isIPv4, isNeighbourIPv4, MAX_LINE_LENGTH, netmaskToPrefix, splitLines} from './netmask.js'

/** An interface name as BSD prints it: `en0`, `bridge100`, `utun3`, `XHC12`, `vlan0.5`. */
const IFNAME = /^[A-Za-z][A-Za-z0-9._-]{0,31}$/

/**
 * The default route from `route -n get default`:
 * ```
 *    route to: default
 * destination: default
 *        mask: default
 *     gateway: 192.168.68.1
 *   interface: en1
 * ```
 * Returns null when the output names neither a gateway nor an interface (no default
 * route: "route: writing to routing socket: not in table", or garbage). A default over a
 * point-to-point link (VPN) has an interface and no gateway: `gateway: null`.
 * `route get` reports no metric or source, so both are null.
 */
export function parseRouteGetDefault(text: string): DefaultRoute | null {
  if (typeof text !== 'string') return null
  let gateway: string | null = null
  let iface: string | null = null
  let destination: string | null = null
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH) continue
    const m = /^\s*([a-z ]+?)\s*:\s*(\S+)\s*$/.exec(line)
    if (!m) continue
    const key = m[1] as string
    const value = m[2] as string
    if (key === 'gateway' && gateway === null && isIPv4(value)) gateway = value
    else if (key === 'interface' && iface === null && IFNAME.test(value)) iface = value
    else if (key === 'destination' && destination === null) destination = value
  }
  if (destination !== null && destination !== 'default' && destination !== '0.0.0.0') return null
  if (gateway === null && iface === null) return null
  return {interface: iface, gateway, source: null, metric: null}
}

/**
 * IPv4 addresses from macOS `ifconfig` (or `ifconfig -a`, or several `ifconfig <if>`
 * outputs one after another). Each `inet A netmask 0xffffff00 [broadcast B]` line gives
 * one address; a point-to-point `inet A --> B netmask ...` gives A. The MAC is the
 * interface's `ether` line, wherever it appears in the block.
 */
export function parseIfconfig(text: string): InterfaceAddress[] {
  if (typeof text !== 'string') return []
  const out: InterfaceAddress[] = []
  let current: {name: string; mac: string | null; addresses: {address: string; prefixLength: number}[]} | null = null
  const flush = (): void => {
    if (current === null) return
    for (const a of current.addresses) out.push({interface: current.name, address: a.address, prefixLength: a.prefixLength, mac: current.mac, gateway: null})
    current = null
  }
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH) continue
    const header = /^([A-Za-z][A-Za-z0-9._-]{0,31}):\s+flags=/.exec(line)
    if (header) {
      flush()
      current = {name: header[1] as string, mac: null, addresses: []}
      continue
    }
    if (current === null) continue
    if (!/^\s/.test(line)) {
      // Not indented and not a header: this block has ended (some other text follows).
      flush()
      continue
    }
    const fields = line.trim().split(/\s+/)
    if (fields[0] === 'ether' && current.mac === null) {
      const mac = normaliseMac(fields[1])
      if (mac !== null) current.mac = mac
      continue
    }
    if (fields[0] !== 'inet') continue
    const address = fields[1]
    if (!isIPv4(address)) continue
    const maskAt = fields.indexOf('netmask')
    if (maskAt < 0) continue
    const prefixLength = netmaskToPrefix(fields[maskAt + 1])
    if (prefixLength === null) continue
    current.addresses.push({address, prefixLength})
  }
  flush()
  return out
}

/** One `arp -an` line: `? (192.168.1.1) at 0:11:22:33:44:55 on en0 ifscope [ethernet]`. */
const ARP_LINE = /^\S+ \((\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})\) at (\S+)(?: on (\S+))?(.*)$/

/**
 * Neighbours from `arp -an` (or `arp -a`; the host-name column is ignored). Skips
 * `(incomplete)` entries, broadcast and multicast addresses (IP or MAC). macOS marks only
 * static entries, as `permanent`; every other entry is reported with state `dynamic`.
 */
export function parseArpAn(text: string): NeighbourEntry[] {
  if (typeof text !== 'string') return []
  const out: NeighbourEntry[] = []
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH) continue
    const m = ARP_LINE.exec(line.trim())
    if (!m) continue
    const ip = m[1] as string
    if (!isNeighbourIPv4(ip)) continue
    const mac = normaliseMac(m[2])
    if (mac === null || isMulticastMac(mac)) continue
    const iface = m[3] !== undefined && IFNAME.test(m[3]) ? m[3] : null
    const rest = (m[4] ?? '').split(/\s+/)
    out.push({ip, mac, interface: iface, state: rest.includes('permanent') ? 'permanent' : 'dynamic'})
  }
  return out
}
