/**
 * VPN detection from OS output: Linux `ip -j link|addr` (+ `ip -j route`), Windows `ipconfig /all`
 * (English and Japanese) and `Get-VpnConnection | ConvertTo-Json`, macOS `scutil --nc list`,
 * `ifconfig` and `netstat -rn`.
 * Pure functions: text in, typed data out; garbage gives [] and never throws.
 */
import {isObject, jsonObjects, listRecords, MAX_LINE_LENGTH, parseJson, splitLines, str} from './text.js'
import type {VpnInterface, VpnKind} from './types.js'

/**
 * VPN client adapters by their Windows adapter description (also used for product names).
 * Order matters: the first match wins.
 */
const DESCRIPTION_KINDS: ReadonlyArray<[RegExp, VpnKind]> = [
  [/wireguard|tailscale|nordlynx/i, 'wireguard'],
  [/anyconnect|cisco secure client|cisco systems vpn/i, 'anyconnect'],
  [/fortinet|forticlient|fortissl/i, 'forticlient'],
  [/pangp|globalprotect|palo alto/i, 'globalprotect'],
  [/juniper|pulse secure|ivanti/i, 'pulse'],
  [/tap-windows|tap-\S+ windows adapter|openvpn|tap adapter/i, 'openvpn'],
  [/wan miniport \((ikev2|l2tp|ipsec)\)|ikev2|l2tp|ipsec/i, 'ipsec'],
  [/wan miniport \((pptp|sstp|pppoe)\)|pptp|sstp|\bppp\b/i, 'ppp'],
  [/wintun|tunnel|\bvpn\b/i, 'other'],
]

/** The VPN kind an adapter description or product name suggests, or null when it is not a VPN. */
export function vpnKindFromDescription(description: string | null | undefined): VpnKind | null {
  if (typeof description !== 'string' || description.length === 0) return null
  // Windows' own tunnels (Teredo, 6to4, IP-HTTPS, ISATAP) and Hyper-V are not VPNs.
  if (/teredo|6to4|isatap|ip-https|hyper-v|microsoft kernel debug/i.test(description)) return null
  for (const [re, kind] of DESCRIPTION_KINDS) if (re.test(description)) return kind
  return null
}

/** Linux interface names used by VPN software. */
function linuxKind(name: string, infoKind: string | null): VpnKind | null {
  if (infoKind === 'wireguard' || /^(wg|nordlynx|tailscale|mullvad|proton)/i.test(name)) return 'wireguard'
  if (/^cscotun/i.test(name)) return 'anyconnect'
  if (/^gpd\d/i.test(name)) return 'globalprotect'
  if (/^(ppp)\d/i.test(name) || infoKind === 'ppp') return 'ppp'
  if (/^(ipsec|vti|xfrm)/i.test(name) || infoKind === 'vti' || infoKind === 'xfrm') return 'ipsec'
  // tun/tap devices: OpenVPN is their usual owner (openconnect also uses tun).
  if (/^(tun|tap)\d/i.test(name) || infoKind === 'tun') return 'openvpn'
  return null
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/**
 * Interfaces that carry a default route, from `ip -j route` (any table, so `ip -j route show table all`
 * also catches wg-quick's policy-routing table). OpenVPN's `redirect-gateway def1` pair
 * (`0.0.0.0/1` + `128.0.0.0/1`) counts as a default route.
 */
export function defaultRouteDevicesFromIpRoute(text: string): Set<string> {
  const devices = new Set<string>()
  const parsed = parseJson(text)
  if (!Array.isArray(parsed)) return devices
  for (const route of parsed) {
    if (!isObject(route)) continue
    const dst = str(route['dst'])
    const type = str(route['type'])
    if (type !== null && type !== 'unicast') continue
    if (dst !== 'default' && dst !== '0.0.0.0/0' && dst !== '0.0.0.0/1' && dst !== '128.0.0.0/1' && dst !== '::/0') continue
    const dev = str(route['dev'])
    if (dev) devices.add(dev)
    if (Array.isArray(route['nexthops'])) {
      for (const hop of route['nexthops']) {
        const hopDev = isObject(hop) ? str(hop['dev']) : null
        if (hopDev) devices.add(hopDev)
      }
    }
  }
  return devices
}

/**
 * VPN interfaces from `ip -j link` or `ip -j addr` (`-d` adds `linkinfo.info_kind`, used when present).
 * A point-to-point interface with `link_type: none` and an unknown name counts as `other`.
 * `routeJson` (`ip -j route [show table all]`) fills `carriesDefaultRoute`; without it that is null.
 */
export function parseLinuxIpVpn(linkJson: string, routeJson?: string): VpnInterface[] {
  const parsed = parseJson(linkJson)
  if (!Array.isArray(parsed)) return []
  const defaults = routeJson === undefined ? null : defaultRouteDevicesFromIpRoute(routeJson)
  const result: VpnInterface[] = []
  for (const link of parsed) {
    if (!isObject(link)) continue
    const name = str(link['ifname'])
    if (name === null) continue
    const linkinfo = link['linkinfo']
    const infoKind = isObject(linkinfo) ? str(linkinfo['info_kind']) : null
    const flags = stringArray(link['flags'])
    let kind = linuxKind(name, infoKind)
    if (kind === null && str(link['link_type']) === 'none' && flags.includes('POINTOPOINT')) kind = 'other'
    if (kind === null) continue
    const operstate = str(link['operstate'])
    const up = flags.includes('UP') && operstate !== 'DOWN' && operstate !== 'LOWERLAYERDOWN'
    result.push({name, kind, up, carriesDefaultRoute: defaults === null ? null : defaults.has(name)})
  }
  return result
}

interface IpconfigAdapter {
  header: string
  name: string
  fields: Map<string, string[]>
}


/** Adapter blocks of `ipconfig /all`, English or Japanese; labels lower-cased with dots removed. */
function ipconfigAdapters(text: string): IpconfigAdapter[] {
  const adapters: IpconfigAdapter[] = []
  let current: IpconfigAdapter | null = null
  let lastKey: string | null = null
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH || line.trim().length === 0) continue
    const end = line.trimEnd()
    if (!/^\s/.test(line) && end.endsWith(':')) {
      const title = end.slice(0, -1).trim()
      const lower = title.toLowerCase()
      const en = lower.indexOf(' adapter ')
      const ja = title.indexOf('アダプター')
      const at = en >= 0 ? en + ' adapter'.length : ja >= 0 ? ja + 'アダプター'.length : -1
      if (at > 0 && title.slice(at).trim().length > 0) {
        current = {header: title.slice(0, at).trim(), name: title.slice(at).trim(), fields: new Map()}
        adapters.push(current)
      } else {
        current = null // "Windows IP Configuration" / "Windows IP 構成"
      }
      lastKey = null
      continue
    }
    if (!current) continue
    const indent = line.length - line.trimStart().length
    if (indent >= 12) {
      // continuation of the previous field (second DNS server, second gateway)
      if (lastKey !== null) current.fields.get(lastKey)?.push(line.trim())
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const key = line
      .slice(0, colon)
      .replace(/(\s*\.)+\s*$/, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
    const value = line.slice(colon + 1).trim()
    lastKey = key
    current.fields.set(key, value.length > 0 ? [value] : [])
  }
  return adapters
}

function first(fields: Map<string, string[]>, keys: string[]): string[] {
  for (const k of keys) {
    const v = fields.get(k)
    if (v !== undefined) return v
  }
  return []
}

const IPV4_IN = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/

/**
 * VPN adapters in `ipconfig /all`: adapters whose description names a VPN client (WireGuard, TAP /
 * OpenVPN, AnyConnect / Secure Client, Fortinet, PANGP / GlobalProtect, Juniper / Pulse) and every
 * `PPP adapter` block (a connected Windows built-in VPN). `up` = not "Media disconnected" and has an
 * IPv4 address; `carriesDefaultRoute` = a default gateway is listed (PPP shows `0.0.0.0` when
 * "use default gateway on remote network" is on).
 */
export function parseIpconfigVpn(text: string): VpnInterface[] {
  const result: VpnInterface[] = []
  for (const adapter of ipconfigAdapters(text)) {
    const description = first(adapter.fields, ['description', '説明'])[0] ?? null
    const isPpp = /^ppp/i.test(adapter.header)
    let kind = vpnKindFromDescription(description)
    if (kind === null && !isPpp) continue
    if (kind === null || (isPpp && kind === 'other')) kind = 'ppp'
    const media = first(adapter.fields, ['media state', 'メディアの状態'])[0] ?? ''
    const disconnected = /disconnected|切断|接続されていません/i.test(media)
    const ipv4 = first(adapter.fields, ['ipv4 address', 'ipv4 アドレス', 'ip address', 'ip アドレス', 'autoconfiguration ipv4 address', '自動構成 ipv4 アドレス'])
    const hasIpv4 = ipv4.some((v) => IPV4_IN.test(v) && !/^169\.254\./.test(v))
    const gateways = first(adapter.fields, ['default gateway', 'デフォルト ゲートウェイ'])
    const hasGateway = gateways.some((g) => IPV4_IN.test(g))
    const up = !disconnected && hasIpv4
    result.push({name: adapter.name, kind, up, carriesDefaultRoute: up ? hasGateway : false})
  }
  return result
}

function tunnelKind(value: unknown): VpnKind {
  // Get-VpnConnection returns CIM instances whose TunnelType is a string: Automatic, Pptp, L2tp, Sstp, Ikev2.
  const t = typeof value === 'string' ? value.toLowerCase() : ''
  if (t === 'ikev2' || t === 'l2tp') return 'ipsec'
  if (t === 'pptp' || t === 'sstp') return 'ppp'
  return 'other'
}

/** `True` / `False` as PowerShell's list format prints them, or a JSON boolean; anything else null. */
function boolOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') return null
  const v = value.trim().toLowerCase()
  return v === 'true' ? true : v === 'false' ? false : null
}

/**
 * `Get-VpnConnection | ConvertTo-Json` (add `-AllUserConnection` for machine-wide profiles), or the
 * cmdlet's default list output (`ConnectionStatus      : Connected`, `SplitTunneling        : True`).
 * `ConnectionStatus` "Connected" = up. A connected profile without split tunnelling sends all
 * traffic through the VPN (`carriesDefaultRoute: true`); with split tunnelling, false.
 */
export function parseGetVpnConnectionJson(text: string): VpnInterface[] {
  const result: VpnInterface[] = []
  const objects = jsonObjects(text)
  const rows =
    objects.length > 0
      ? objects.map((o) => ({name: o['Name'], status: o['ConnectionStatus'], split: o['SplitTunneling'], tunnel: o['TunnelType'], plugin: o['PluginApplicationID']}))
      : listRecords(text).map((r) => ({
          name: r.get('name'),
          status: r.get('connectionstatus'),
          split: r.get('splittunneling'),
          tunnel: r.get('tunneltype'),
          plugin: r.get('pluginapplicationid'),
        }))
  for (const row of rows) {
    const name = str(row.name)
    if (name === null) continue
    const up = typeof row.status === 'string' ? row.status.trim().toLowerCase() === 'connected' : false
    const split = boolOf(row.split)
    let kind = tunnelKind(typeof row.tunnel === 'string' ? row.tunnel.trim() : row.tunnel)
    const plugin = str(row.plugin)
    if (plugin) kind = vpnKindFromDescription(plugin) ?? 'other'
    result.push({
      name,
      kind,
      up,
      carriesDefaultRoute: up ? (split === null ? null : !split) : false,
    })
  }
  return result
}

/** macOS VPN service types from the bracket of `scutil --nc list`: `[IPSec]`, `[PPP:L2TP]`, `[VPN:com.cisco.anyconnect]`. */
function scutilKind(bracket: string): VpnKind {
  const b = bracket.toLowerCase()
  if (b.startsWith('vpn:')) return vpnKindFromDescription(b.slice(4).replace(/\./g, ' ')) ?? bundleKind(b.slice(4))
  if (b.includes('ipsec') || b.includes('ikev2') || b.includes('l2tp')) return 'ipsec'
  if (b.startsWith('ppp')) return 'ppp'
  return 'other'
}

function bundleKind(bundle: string): VpnKind {
  if (bundle.includes('wireguard') || bundle.includes('tailscale')) return 'wireguard'
  if (bundle.includes('cisco')) return 'anyconnect'
  if (bundle.includes('paloalto')) return 'globalprotect'
  if (bundle.includes('forti')) return 'forticlient'
  if (bundle.includes('pulse') || bundle.includes('juniper') || bundle.includes('ivanti')) return 'pulse'
  if (bundle.includes('openvpn') || bundle.includes('tunnelblick')) return 'openvpn'
  return 'other'
}

const UUID = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/

/** One service line of `scutil --nc list`, split without backtracking-prone regexes. */
function scutilLine(line: string): {status: string; type: string; name: string; bracket: string} | null {
  let t = line.trim()
  if (t.startsWith('*')) t = t.slice(1).trimStart()
  if (!t.startsWith('(')) return null
  const close = t.indexOf(')')
  if (close < 0) return null
  const status = t.slice(1, close).trim()
  const rest = t.slice(close + 1)
  const uuid = UUID.exec(rest)
  if (!uuid) return null
  const afterUuid = rest.slice(uuid.index + uuid[0].length)
  const q1 = afterUuid.indexOf('"')
  const q2 = afterUuid.lastIndexOf('"')
  if (q1 < 0 || q2 <= q1) return null
  const tail = afterUuid.slice(q2 + 1).trim()
  const bracket = tail.startsWith('[') && tail.endsWith(']') ? tail.slice(1, -1) : ''
  return {status, type: afterUuid.slice(0, q1).trim(), name: afterUuid.slice(q1 + 1, q2).replace(/\\"/g, '"'), bracket}
}

/**
 * `scutil --nc list`:
 * `* (Connected)    <UUID> IPSec "Office" [IPSec]` / `* (Disconnected) <UUID> VPN (com.wireguard.macos) "wg" [VPN:com.wireguard.macos]`.
 * The quoted name is returned; routes are not shown, so `carriesDefaultRoute` is null when connected.
 */
export function parseScutilNcList(text: string): VpnInterface[] {
  const result: VpnInterface[] = []
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH) continue
    const m = scutilLine(line)
    if (!m) continue
    const status = m.status.toLowerCase()
    const up = status === 'connected'
    const bracket = m.bracket
    // Dial-up modems and PPPoE are listed too; they are links, not VPNs.
    if (/^PPP:(Modem|PPPoE|Serial)/i.test(bracket) || /^PPPoE/i.test(bracket)) continue
    const kind = bracket ? scutilKind(bracket) : scutilKind(m.type)
    result.push({name: m.name, kind, up, carriesDefaultRoute: up ? null : false})
  }
  return result
}

/**
 * Interfaces carrying a default route in macOS `netstat -rn` (or `netstat -nr -f inet`): rows whose
 * destination is `default`, `0/1` or `128.0/1` (OpenVPN def1), last column = interface name.
 */
export function parseNetstatDefaultInterfaces(text: string): string[] {
  const out: string[] = []
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH) continue
    const cols = line.trim().split(/\s+/)
    if (cols.length < 4) continue
    const dst = cols[0]
    if (dst !== 'default' && dst !== '0/1' && dst !== '128.0/1' && dst !== '0.0.0.0/1' && dst !== '128.0.0.0/1') continue
    // netstat -rn columns: Destination Gateway Flags [Refs Use] Netif [Expire]; the interface is the
    // first column after Flags that looks like an interface name.
    const iface = cols.slice(3).find((c) => /^[a-z]+\d+$/i.test(c))
    if (iface && !out.includes(iface)) out.push(iface)
  }
  return out
}

/**
 * Tunnel interfaces in macOS `ifconfig` output that have an IPv4 address: `utunN` (most VPN clients
 * and Network Extension VPNs), `ppp0`, `ipsec0`. macOS keeps several utun interfaces with only IPv6
 * link-local addresses for its own services; those are ignored. `netstatText` (`netstat -rn`) fills
 * `carriesDefaultRoute`; without it that is null.
 */
export function parseMacIfconfigVpn(text: string, netstatText?: string): VpnInterface[] {
  const defaults = netstatText === undefined ? null : new Set(parseNetstatDefaultInterfaces(netstatText))
  const result: VpnInterface[] = []
  let name: string | null = null
  let flags: string[] = []
  let hasInet = false
  const finish = () => {
    if (name === null || !hasInet) return
    let kind: VpnKind | null = null
    if (/^utun\d+$/.test(name)) kind = 'utun'
    else if (/^ppp\d+$/.test(name)) kind = 'ppp'
    else if (/^ipsec\d+$/.test(name)) kind = 'ipsec'
    else if (/^(tun|tap)\d+$/.test(name)) kind = 'openvpn'
    if (kind === null) return
    result.push({name, kind, up: flags.includes('UP') && flags.includes('RUNNING'), carriesDefaultRoute: defaults === null ? null : defaults.has(name)})
  }
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH) continue
    const head = /^([a-zA-Z][a-zA-Z0-9]*):\s+flags=[0-9a-fA-F]+<([^>]*)>/.exec(line)
    if (head) {
      finish()
      name = head[1] ?? null
      flags = (head[2] ?? '').split(',')
      hasInet = false
      continue
    }
    if (name !== null && /^\s+inet\s+\d{1,3}(\.\d{1,3}){3}\b/.test(line)) hasInet = true
  }
  finish()
  return result
}

/** Mark which VPN interfaces carry a default route, given the interfaces that do. */
export function withDefaultRoute(vpns: VpnInterface[], defaultInterfaces: Iterable<string>): VpnInterface[] {
  if (!Array.isArray(vpns)) return []
  const iterable = defaultInterfaces as unknown
  const set = new Set<string>(
    typeof iterable === 'string'
      ? [iterable]
      : iterable !== null && typeof iterable === 'object' && Symbol.iterator in iterable
        ? (iterable as Iterable<string>)
        : [],
  )
  return vpns.map((v) => ({...v, carriesDefaultRoute: set.has(v.name)}))
}

