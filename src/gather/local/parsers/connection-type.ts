/**
 * How the PC is attached: wired, Wi-Fi, cellular modem, VPN tunnel. Parsers for NetworkManager
 * (`nmcli -t -f DEVICE,TYPE,STATE dev`, `nmcli -t -f NAME,TYPE,DEVICE connection show --active`)
 * and Windows `Get-NetAdapter | ConvertTo-Json`, plus `isMobileRouterSsid` for the Wi-Fi name.
 * Pure functions: text in, typed data out; garbage gives [] and never throws.
 */
import {splitNmcliTerse} from './linux-wifi.js'
import {vpnKindFromDescription} from './vpn.js'
import {jsonObjects, MAX_LINE_LENGTH, num, splitLines, str} from './text.js'
import type {ConnectionInterface, ConnectionKind} from './types.js'

/** NetworkManager device types (`nmcli -t -f DEVICE,TYPE dev`) and connection types (`802-3-ethernet` ...). */
export function kindFromNmType(type: string): ConnectionKind {
  const t = type.trim().toLowerCase()
  if (t === 'ethernet' || t === '802-3-ethernet') return 'wired'
  if (t === 'wifi' || t === '802-11-wireless') return 'wireless'
  if (t === 'gsm' || t === 'cdma' || t === 'modem' || t === 'wwan' || t === 'bluetooth-dun') return 'cellular'
  if (t === 'wireguard' || t === 'vpn' || t === 'tun' || t === 'ip-tunnel' || t === 'ppp') return 'vpn'
  return 'other'
}

function nmState(state: string): ConnectionInterface['state'] {
  const s = state.trim().toLowerCase()
  if (s.startsWith('connected')) return 'connected' // "connected", "connected (externally)", "connected (site only)"
  if (s === 'disconnected' || s === 'deactivated') return 'disconnected'
  if (s === 'unavailable' || s === 'unmanaged') return 'unavailable'
  return 'unknown' // connecting (getting IP configuration), deactivating, ...
}

/**
 * `nmcli -t -f DEVICE,TYPE,STATE dev`. Loopback and Wi-Fi P2P pseudo-devices are dropped.
 * Pass `fields` when a different `-f` list was used (must contain DEVICE and TYPE).
 */
export function parseNmcliDeviceStatus(text: string, fields: readonly string[] = ['DEVICE', 'TYPE', 'STATE']): ConnectionInterface[] {
  const names = (Array.isArray(fields) ? fields : ['DEVICE', 'TYPE', 'STATE']).map((f) => String(f).toUpperCase())
  const iDev = names.indexOf('DEVICE')
  const iType = names.indexOf('TYPE')
  const iState = names.indexOf('STATE')
  if (iDev < 0 || iType < 0) return []
  const result: ConnectionInterface[] = []
  for (const line of splitLines(text)) {
    if (line.length === 0 || line.length > MAX_LINE_LENGTH) continue
    const parts = splitNmcliTerse(line)
    if (parts.length !== names.length) continue
    const device = str(parts[iDev])
    const type = (parts[iType] ?? '').trim().toLowerCase()
    if (device === null || type === '' || type === 'loopback' || type === 'wifi-p2p') continue
    result.push({
      interface: device,
      type: kindFromNmType(type),
      state: iState >= 0 ? nmState(parts[iState] ?? '') : 'unknown',
    })
  }
  return result
}

/**
 * The human table of `nmcli device` / `nmcli dev status` (no `-t`), any locale: DEVICE TYPE STATE
 * CONNECTION separated by two or more spaces. Japanese states (接続済み, 切断済み, 利用不可, 管理無し)
 * are understood as well as English ones.
 */
export function parseNmcliDeviceTable(text: string): ConnectionInterface[] {
  const result: ConnectionInterface[] = []
  let header = false
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const cells = raw.trim().split(/\s{2,}/)
    if (!header) {
      header = cells[0]?.toUpperCase() === 'DEVICE' && cells[1]?.toUpperCase() === 'TYPE'
      continue
    }
    if (cells.length < 3) continue
    const device = str(cells[0])
    const type = (cells[1] ?? '').toLowerCase()
    if (device === null || type === 'loopback' || type === 'wifi-p2p') continue
    result.push({interface: device, type: kindFromNmType(type), state: nmState(jaState(cells[2] ?? ''))})
  }
  return result
}

function jaState(state: string): string {
  const s = state.trim()
  if (s.startsWith('接続済み')) return 'connected'
  if (s.startsWith('切断済み')) return 'disconnected'
  if (s.startsWith('利用不可')) return 'unavailable'
  if (s.startsWith('管理無し') || s.startsWith('管理なし')) return 'unmanaged'
  return s
}

/**
 * `nmcli -t -f NAME,TYPE,DEVICE connection show --active`: every listed connection is active, so
 * state is `connected`. The interface is the DEVICE column (the profile NAME when DEVICE is empty,
 * as for some VPN plugins). Loopback is dropped.
 */
export function parseNmcliActiveConnections(text: string, fields: readonly string[] = ['NAME', 'TYPE', 'DEVICE']): ConnectionInterface[] {
  const names = (Array.isArray(fields) ? fields : ['NAME', 'TYPE', 'DEVICE']).map((f) => String(f).toUpperCase())
  const iName = names.indexOf('NAME')
  const iType = names.indexOf('TYPE')
  const iDev = names.indexOf('DEVICE')
  if (iType < 0 || (iName < 0 && iDev < 0)) return []
  const result: ConnectionInterface[] = []
  for (const line of splitLines(text)) {
    if (line.length === 0 || line.length > MAX_LINE_LENGTH) continue
    const parts = splitNmcliTerse(line)
    if (parts.length !== names.length) continue
    const type = (parts[iType] ?? '').trim().toLowerCase()
    if (type === '' || type === 'loopback') continue
    const device = iDev >= 0 ? str(parts[iDev]) : null
    const name = device ?? (iName >= 0 ? str(parts[iName]) : null)
    if (name === null || name === '--') continue
    result.push({interface: name, type: kindFromNmType(type), state: 'connected'})
  }
  return result
}

/**
 * `Get-NetAdapter | Select-Object Name,InterfaceDescription,Status,MediaType,PhysicalMediaType,NdisPhysicalMedium | ConvertTo-Json`.
 * PhysicalMediaType / MediaType `802.3` = wired, `Native 802.11` / `Wireless LAN` = wireless,
 * `Wireless WAN` / `BlueTooth` DUN = cellular; NdisPhysicalMedium 14 = 802.3, 9 = Native 802.11,
 * 8 = WirelessWan. VPN adapters are recognised by their description first (a TAP adapter claims 802.3).
 */
export function parseGetNetAdapterJson(text: string): ConnectionInterface[] {
  const result: ConnectionInterface[] = []
  for (const adapter of jsonObjects(text)) {
    const name = str(adapter['Name']) ?? str(adapter['ifAlias']) ?? str(adapter['InterfaceAlias'])
    if (name === null) continue
    const description = str(adapter['InterfaceDescription']) ?? str(adapter['DriverDescription']) ?? ''
    const media = `${str(adapter['PhysicalMediaType']) ?? ''} ${str(adapter['MediaType']) ?? ''}`.toLowerCase()
    const ndis = num(adapter['NdisPhysicalMedium'])
    let type: ConnectionKind = 'other'
    if (vpnKindFromDescription(description) !== null) type = 'vpn'
    else if (media.includes('802.11') || media.includes('wireless lan') || ndis === 9) type = 'wireless'
    else if (media.includes('wireless wan') || media.includes('wwan') || ndis === 8) type = 'cellular'
    else if (media.includes('802.3') || ndis === 14) type = 'wired'
    const statusRaw = adapter['Status']
    const status = (typeof statusRaw === 'string' ? statusRaw : '').toLowerCase()
    // ConvertTo-Json of the MediaConnectionState enum gives a number: 1 = Connected, 2 = Disconnected.
    const mediaState = num(adapter['MediaConnectionState'])
    let state: ConnectionInterface['state'] = 'unknown'
    if (status === 'up' || mediaState === 1) state = 'connected'
    else if (status === 'disconnected' || status === 'down' || mediaState === 2) state = 'disconnected'
    else if (status === 'not present' || status === 'disabled') state = 'unavailable'
    result.push({interface: name, type, state})
  }
  return result
}

/**
 * One SSID pattern that the phone / pocket router makers or carriers use by default, with where the
 * pattern comes from. Public hotspots (`0000docomo`, `0001docomo`, `au_Wi-Fi`, `Wi2`...) are NOT
 * here: they are not the user's own mobile router.
 */
export interface MobileSsidPattern {
  pattern: RegExp
  what: string
  source: string
}

export const MOBILE_ROUTER_SSID_PATTERNS: readonly MobileSsidPattern[] = [
  {
    pattern: /iphone|ipad/i,
    what: 'iPhone / iPad Personal Hotspot (the SSID is the device name, "iPhone" or "<name>のiPhone" by default)',
    source: 'Mozilla MozStumbler SSIDBlockList (org.mozilla.mozstumbler.SSIDBlockList: prefix/suffix "iPhone", "iPad")',
  },
  {
    pattern: /^Android ?(AP|Tether|Hotspot)/i,
    what: 'Android hotspot default name (AndroidAP_xxxx and similar)',
    source: 'Mozilla MozStumbler SSIDBlockList: prefixes "AndroidAP", "AndroidTether", "AndroidHotspot", "Android Hotspot"',
  },
  {
    pattern: /^Galaxy[ _-]?(S|Note|Tab|A|Z)\w*/i,
    what: 'Samsung Galaxy hotspot default name',
    source: 'Mozilla MozStumbler SSIDBlockList: prefixes "Galaxy Note", "Galaxy S", "Galaxy Tab"',
  },
  {
    pattern: /mifi/i,
    what: 'MiFi pocket routers',
    source: 'Mozilla MozStumbler SSIDBlockList: "MIFI", "MiFi", "Mifi" (prefix, suffix and substring)',
  },
  {
    pattern: /tether$|^PhoneAP|^HelloMoto|^myTouch 4G Hotspot|^barnacle/i,
    what: 'phone tethering apps and older phone hotspots',
    source: 'Mozilla MozStumbler SSIDBlockList: suffix "Tether"/"tether", prefixes "PhoneAP", "HelloMoto", "myTouch 4G Hotspot", "barnacle"',
  },
  {
    pattern: /^\d{3}(ZT|HW|SH|KC|NE)[a-z]?-[0-9A-F]{6}$/i,
    what: 'SoftBank Pocket WiFi default SSID (<model>-<6 hex>, e.g. 801ZTa-C6752F)',
    source: 'real nmcli scan in shimakaze-git/security-documents wireless.md (801ZTa-C6752F, SoftBank 801ZT); model-number form of SoftBank routers',
  },
  {
    pattern: /^SPWN_[A-Z]\d{2}_[0-9a-f]{6}$/i,
    what: 'UQ WiMAX "Speed Wi-Fi NEXT" / "Speed Wi-Fi 5G" pocket-router default SSID family (SPWN_<maker letter><model number>_<6 hex>)',
    source:
      'real default-style SSIDs hard-coded in three public microcontroller sketches found with the search tool (index ids 48770887453 "SPWN_N36_763a50", 12057964023 "SPWN_N34_5f1166" replacing an "aterm-…-g" home SSID, 69104652471 "SPWN_H37_FC3E99" "WiFi laptop aktif"); reading SPWN as SPeed Wi-fi Next is an inference — no carrier manual stating the format was found',
  },
]

/** Which mobile-router pattern an SSID matches, or null. */
export function mobileRouterSsidMatch(ssid: string | null | undefined): MobileSsidPattern | null {
  if (typeof ssid !== 'string') return null
  const name = ssid.normalize('NFKC').trim()
  if (name.length === 0 || name.length > 64) return null
  for (const p of MOBILE_ROUTER_SSID_PATTERNS) if (p.pattern.test(name)) return p
  return null
}

/**
 * True when the SSID looks like a phone hotspot or a carrier pocket router's default name.
 * A heuristic: a user can rename either, and a home router can be given such a name.
 */
export function isMobileRouterSsid(ssid: string | null | undefined): boolean {
  return mobileRouterSsidMatch(ssid) !== null
}
