/**
 * Parsers for Windows network commands: `route print`, `ipconfig /all`, `arp -a`.
 * Windows localises labels (English, Japanese, ...), so rows are recognised by their
 * shape wherever possible and labels are only used where nothing else can tell fields apart.
 * Pure functions: text in, typed data out; garbage gives [] and never throws.
 */
import {isMulticastMac, normaliseMac} from '../../../util/mac.js'
import type {DefaultRoute, InterfaceAddress, NeighbourEntry} from '../types.js'
import {isIPv4, isNeighbourIPv4, MAX_LINE_LENGTH, netmaskToPrefix, splitLines} from './netmask.js'

const IP = String.raw`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`

/**
 * An active IPv4 route row: destination, netmask, gateway, interface address, metric.
 * The gateway is an address or the locale's word for on-link (`On-link`, `リンク上`,
 * `En vínculo`, `Auf Verbindung` ...), which may contain a space. Persistent-route rows
 * (four columns, no interface) and IPv6 rows do not have this shape.
 */
const ROUTE_ROW = new RegExp(String.raw`^\s*(${IP})\s+(${IP})\s+(\S.{0,40}?)\s+(${IP})\s+(\d{1,9})\s*$`)

/**
 * Default routes from `route print` / `route print -4` / `netstat -r`: the active IPv4
 * rows whose destination and netmask are both 0.0.0.0. `interface` (and `source`) is the
 * interface's IPv4 address as printed; an on-link gateway, in any language, is null.
 * Header language is never consulted. Order is the table's.
 */
export function parseRoutePrint(text: string): DefaultRoute[] {
  if (typeof text !== 'string') return []
  const out: DefaultRoute[] = []
  for (const line of splitLines(text)) {
    if (line.length > MAX_LINE_LENGTH) continue
    const m = ROUTE_ROW.exec(line)
    if (!m) continue
    const [, destination, netmask, gatewayText, iface, metricText] = m as unknown as [string, string, string, string, string, string]
    if (destination !== '0.0.0.0' || netmask !== '0.0.0.0') continue
    if (!isIPv4(iface)) continue
    let gateway: string | null
    if (isIPv4(gatewayText)) gateway = gatewayText
    else if (/\d/.test(gatewayText)) continue // an address-like token that is not a valid address: not a route row
    else gateway = null // the localised "On-link"
    out.push({interface: iface, gateway, source: iface, metric: Number(metricText)})
  }
  return out
}

// ---------------------------------------------------------------------------------------
// ipconfig /all

/** What a `label . . . : value` line of ipconfig is about. */
type IpconfigField = 'ipv4' | 'mask' | 'mac' | 'gateway' | 'media' | 'other'

/**
 * Label recognition. English and Japanese are required; a few other common locales are
 * recognised too. Everything else about a block is found by shape.
 */
function classifyLabel(label: string): IpconfigField {
  const l = label.toLowerCase()
  if (/ipv4|^ip address$|^ip アドレス$/.test(l)) return 'ipv4'
  if (/subnet mask|サブネット マスク|subnetzmaske|masque de sous-réseau|máscara de subred|子网掩码/.test(l)) return 'mask'
  if (/physical address|物理アドレス|physische adresse|adresse physique|dirección física|物理地址/.test(l)) return 'mac'
  if (/gateway|ゲートウェイ|passerelle|puerta de enlace|网关/.test(l)) return 'gateway'
  if (/media state|メディアの状態|medienstatus|statut du média|estado de los medios|媒体状态/.test(l)) return 'media'
  return 'other'
}

/** Values meaning the adapter has no link ("Media disconnected", "メディアは接続されていません", ...). */
const DISCONNECTED = /disconnected|接続されていません|getrennt|déconnecté|desconectado|已断开/i

/** A Windows MAC as ipconfig prints it: `74-D4-35-E9-45-71` (longer tunnel IDs have 8 groups). */
const WINDOWS_MAC = /^[0-9A-F]{2}(?:-[0-9A-F]{2}){5}$/i

interface AdapterBlock {
  name: string
  disconnected: boolean
  mac: string | null
  gateways: string[]
  addresses: {address: string; prefixLength: number | null}[]
}

/** `Ethernet adapter Ethernet 3:` -> `Ethernet 3`; `イーサネット アダプター vEthernet (WSL):` -> `vEthernet (WSL)`. */
function adapterName(header: string): string {
  const body = header.replace(/\s*:\s*$/, '')
  const m = /^.*?(?:adapter|アダプター|アダプタ|适配器)\s+(.+)$/i.exec(body)
  return (m ? (m[1] as string) : body).trim()
}

/** Drop an address's state suffix: `10.0.0.104(Preferred)`, `172.26.128.1(優先)`, `... (Bevorzugt)`. */
function stripSuffix(value: string): string {
  return value.replace(/\s*\([^)]*\)\s*$/, '').trim()
}

/**
 * IPv4 addresses from `ipconfig /all` (plain `ipconfig` works too, without MACs).
 * One entry per IPv4 address of each adapter, with the adapter's name (the header after
 * "adapter"/"アダプター"), its prefix from the Subnet Mask that follows the address, the
 * Physical Address as `mac`, and the first IPv4 Default Gateway (which may sit on a
 * continuation line under an IPv6 one) as `gateway`. Disconnected adapters and addresses
 * without a mask are left out.
 */
export function parseIpconfig(text: string): InterfaceAddress[] {
  if (typeof text !== 'string') return []
  const blocks: AdapterBlock[] = []
  let current: AdapterBlock | null = null
  let lastField: IpconfigField | null = null

  for (const rawLine of splitLines(text)) {
    if (rawLine.length > MAX_LINE_LENGTH) continue
    const line = rawLine.replace(/\s+$/, '')
    if (line === '') continue

    // Adapter header: starts in column 0 and ends with a colon.
    if (/^\S/.test(line)) {
      if (/:$/.test(line) && line.length <= 200) {
        current = {name: adapterName(line), disconnected: false, mac: null, gateways: [], addresses: []}
        blocks.push(current)
      } else {
        current = null // "Windows IP Configuration" or unrelated text
      }
      lastField = null
      continue
    }
    if (current === null) continue

    // Continuation line: deeply indented single value (extra DNS servers, the IPv4 gateway under an IPv6 one).
    const continuation = /^\s{10,}(\S+)$/.exec(line)
    if (continuation) {
      const value = continuation[1] as string
      if (lastField === 'gateway' && isIPv4(stripSuffix(value))) current.gateways.push(stripSuffix(value))
      continue
    }

    const colon = line.indexOf(':')
    if (colon < 0) continue
    const label = line.slice(0, colon).replace(/[\s.]+$/, '').trim()
    const value = line.slice(colon + 1).trim()
    let field = classifyLabel(label)
    // Shape fallbacks for labels in locales not listed above.
    if (field === 'other' && WINDOWS_MAC.test(value)) field = 'mac'
    if (field === 'other' && lastField === 'ipv4' && netmaskToPrefix(value) !== null && /^\d/.test(value)) field = 'mask'
    lastField = field

    switch (field) {
      case 'ipv4': {
        const address = stripSuffix(value)
        if (isIPv4(address)) current.addresses.push({address, prefixLength: null})
        else lastField = 'other'
        break
      }
      case 'mask': {
        const last = current.addresses.at(-1)
        const prefix = netmaskToPrefix(value)
        if (last !== undefined && last.prefixLength === null && prefix !== null) last.prefixLength = prefix
        break
      }
      case 'mac': {
        if (current.mac === null && WINDOWS_MAC.test(value)) current.mac = normaliseMac(value)
        break
      }
      case 'gateway': {
        const gateway = stripSuffix(value)
        if (isIPv4(gateway)) current.gateways.push(gateway)
        break
      }
      case 'media': {
        if (DISCONNECTED.test(value)) current.disconnected = true
        break
      }
      default:
        break
    }
  }

  const out: InterfaceAddress[] = []
  for (const block of blocks) {
    if (block.disconnected) continue
    const gateway = block.gateways.find((g) => g !== '0.0.0.0') ?? null
    for (const a of block.addresses) {
      if (a.prefixLength === null) continue
      out.push({interface: block.name, address: a.address, prefixLength: a.prefixLength, mac: block.mac, gateway})
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------
// arp -a

/** `Interface: 192.168.1.10 --- 0x5`, `インターフェイス: 192.168.1.10 --- 0x5`, `接口: ...` */
const ARP_INTERFACE = new RegExp(String.raw`^\S[^:]{0,40}:\s*(${IP})\s+---\s+0x[0-9a-f]{1,8}\s*$`, 'i')
/** `  192.168.1.1           00-11-22-33-44-55     dynamic` (the type word is localised: 動的, 静的, dynamisch ...). */
const ARP_ROW = new RegExp(String.raw`^\s+(${IP})\s+([0-9a-f]{2}(?:-[0-9a-f]{2}){5})\s+(\S{1,20})$`, 'i')

/**
 * Neighbours from `arp -a`. Each row takes its interface from the block header (the
 * interface's IPv4 address). Broadcast (ff-ff-ff-ff-ff-ff) and multicast (01-00-5e-...)
 * rows, and rows with an all-zero MAC, are dropped; `state` is the type word as printed
 * (`dynamic`, `static`, `動的`, `静的`).
 */
export function parseArpA(text: string): NeighbourEntry[] {
  if (typeof text !== 'string') return []
  const out: NeighbourEntry[] = []
  let iface: string | null = null
  for (const rawLine of splitLines(text)) {
    if (rawLine.length > MAX_LINE_LENGTH) continue
    const line = rawLine.replace(/\s+$/, '')
    const header = ARP_INTERFACE.exec(line)
    if (header) {
      const address = header[1] as string
      iface = isIPv4(address) ? address : null
      continue
    }
    const row = ARP_ROW.exec(line)
    if (!row) continue
    const ip = row[1] as string
    if (!isIPv4(ip) || !isNeighbourIPv4(ip)) continue
    const mac = normaliseMac(row[2])
    if (mac === null || isMulticastMac(mac)) continue
    out.push({ip, mac, interface: iface, state: row[3] as string})
  }
  return out
}
