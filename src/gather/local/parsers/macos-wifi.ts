/**
 * Parsers for macOS Wi-Fi state: `system_profiler SPAirPortDataType -json` (all macOS versions in
 * use), `wdutil info` (macOS 12+, needs sudo) and the legacy `airport -I` (removed in macOS 14.4).
 *
 * Since macOS 14.4/15 the SSID and BSSID are shown as `<redacted>` unless the calling process has
 * Location Services permission; the security mode is still given, so it is read and the name is null.
 * Pure functions: text in, typed data out; garbage gives [] / null and never throws.
 */
import {normaliseMac} from '../../../util/mac.js'
import {
  authFromAirportLinkAuth,
  authFromCoreWlanName,
  authFromSystemProfiler,
  impliedCipher,
} from './wifi-security.js'
import {bandFromText, dbm, isObject, labelValue, leadingInt, noConnection, parseJson, splitLines, str} from './text.js'
import type {JsonObject} from './text.js'
import type {NearbyNetwork, WifiConnection} from './types.js'

const REDACTED = /^<redacted>$/i

function nameOrNull(value: unknown): string | null {
  const s = str(value)
  if (s === null || REDACTED.test(s)) return null
  return s
}

function validChannel(n: number | null): number | null {
  return n !== null && n >= 1 && n <= 233 ? n : null
}

/** `"6 (2GHz, 20MHz)"` → channel 6, band 2.4 GHz; `"149 (5GHz, 80MHz)"`; older macOS: `"36"` or a number. */
function channelInfo(value: unknown): {channel: number | null; band: WifiConnection['band']} {
  if (typeof value === 'number') return {channel: validChannel(Number.isInteger(value) ? value : null), band: null}
  if (typeof value !== 'string') return {channel: null, band: null}
  const channel = validChannel(leadingInt(value))
  const inner = /\(([^,)]+)/.exec(value)
  return {channel, band: inner ? bandFromText(inner[1]) : null}
}

/** `"-58 dBm / -97 dBm"` → -58. */
function signalFrom(value: unknown): number | null {
  if (typeof value !== 'string') return null
  return dbm(value.split('/')[0])
}

/** The `spairport_airport_interfaces` entries of every `SPAirPortDataType` item. */
function airportInterfaces(text: string): JsonObject[] {
  const root = parseJson(text)
  if (!isObject(root)) return []
  const items = root['SPAirPortDataType']
  if (!Array.isArray(items)) return []
  const out: JsonObject[] = []
  for (const item of items) {
    if (!isObject(item)) continue
    const ifaces = item['spairport_airport_interfaces']
    if (!Array.isArray(ifaces)) continue
    for (const iface of ifaces) if (isObject(iface)) out.push(iface)
  }
  return out
}

/** AWDL (AirDrop) and low-latency WLAN pseudo-interfaces are not Wi-Fi links. */
function isPseudoInterface(name: string | null): boolean {
  return name !== null && /^(awdl|llw)\d*$/i.test(name)
}

/**
 * Wi-Fi adapters from `system_profiler SPAirPortDataType -json`, one per real interface (awdl0 and
 * llw0 are skipped). `spairport_status_information` gives the state (connected / off / ...).
 */
export function parseSystemProfilerAirport(text: string): WifiConnection[] {
  const result: WifiConnection[] = []
  for (const iface of airportInterfaces(text)) {
    const name = str(iface['_name'])
    if (isPseudoInterface(name)) continue
    const status = str(iface['spairport_status_information'])?.toLowerCase() ?? null
    const currentRaw = iface['spairport_current_network_information']
    const current = isObject(currentRaw) ? currentRaw : null
    const hasNetwork = current !== null && (current['_name'] !== undefined || current['spairport_security_mode'] !== undefined)
    let state: WifiConnection['state'] = 'unknown'
    if (status === 'spairport_status_connected') state = 'connected'
    else if (status !== null && /spairport_status_(off|disconnected|inactive|init)/.test(status)) state = 'disconnected'
    else if (hasNetwork) state = 'connected'
    const conn: WifiConnection = noConnection(name, state)
    if (current && hasNetwork && state !== 'disconnected') {
      conn.ssid = nameOrNull(current['_name'])
      conn.bssid = normaliseMac(str(current['spairport_network_bssid']))
      conn.auth = authFromSystemProfiler(current['spairport_security_mode'])
      conn.cipher = impliedCipher(conn.auth)
      const ch = channelInfo(current['spairport_network_channel'])
      conn.channel = ch.channel
      conn.band = ch.band
      conn.signal = signalFrom(current['spairport_signal_noise'])
      conn.signalUnit = conn.signal === null ? null : 'dbm'
    }
    result.push(conn)
  }
  return result
}

/**
 * Nearby networks from the same `system_profiler` output (`spairport_airport_other_local_wireless_networks`,
 * and `spairport_airport_local_wireless_networks` on older releases). macOS gives no BSSIDs here.
 */
export function parseSystemProfilerNearby(text: string): NearbyNetwork[] {
  const result: NearbyNetwork[] = []
  for (const iface of airportInterfaces(text)) {
    if (isPseudoInterface(str(iface['_name']))) continue
    for (const key of ['spairport_airport_other_local_wireless_networks', 'spairport_airport_local_wireless_networks']) {
      const list = iface[key]
      if (!Array.isArray(list)) continue
      for (const net of list) {
        if (!isObject(net)) continue
        const auth = authFromSystemProfiler(net['spairport_security_mode'])
        const ch = channelInfo(net['spairport_network_channel'])
        const signal = signalFrom(net['spairport_signal_noise'])
        const bssid = normaliseMac(str(net['spairport_network_bssid']))
        result.push({
          ssid: nameOrNull(net['_name']),
          auth,
          cipher: impliedCipher(auth),
          bssids: bssid ? [bssid] : [],
          signal,
          signalUnit: signal === null ? null : 'dbm',
          channel: ch.channel,
          band: ch.band,
        })
      }
    }
  }
  return result
}

/** `5g44/40` → 44 / 5 GHz; `2g1/20`; `6g37/160`. */
function wdutilChannel(value: string): {channel: number | null; band: WifiConnection['band']} {
  const match = /^\s*([256])g(\d{1,3})(?:\/\d+)?\s*$/i.exec(value)
  if (!match) return {channel: validChannel(leadingInt(value)), band: null}
  const band = match[1] === '2' ? '2.4 GHz' : match[1] === '5' ? '5 GHz' : '6 GHz'
  return {channel: validChannel(Number(match[2])), band}
}

/**
 * The WIFI section of `sudo wdutil info`. Returns null when the text has no WIFI section fields.
 * A disconnected adapter shows `SSID : None`, `BSSID : None`, `Security : None`, `RSSI : 0 dBm`.
 */
export function parseWdutilInfo(text: string): WifiConnection | null {
  const fields = new Map<string, string>()
  let section: string | null = null
  for (const line of splitLines(text)) {
    const trimmed = line.trim()
    if (/^[A-Z][A-Z0-9 ]+$/.test(trimmed)) {
      section = trimmed
      continue
    }
    if (section !== null && section !== 'WIFI') continue
    // Text without section banners is accepted too (the WIFI block pasted alone).
    const kv = labelValue(line)
    if (!kv) continue
    const key = kv.label.toLowerCase()
    if (!fields.has(key)) fields.set(key, kv.value)
  }
  const known = ['ssid', 'bssid', 'security', 'rssi', 'interface name', 'op mode']
  if (!known.some((k) => fields.has(k))) return null
  const none = (v: string | undefined) => v === undefined || v === '' || /^none$/i.test(v) || REDACTED.test(v)
  const ssidRaw = fields.get('ssid')
  const bssidRaw = fields.get('bssid')
  const security = fields.get('security')
  const opMode = fields.get('op mode')
  const rssi = dbm(fields.get('rssi'))
  const associated = (opMode !== undefined && /^sta$/i.test(opMode)) || (!none(security) && security !== undefined) || rssi !== null
  const state: WifiConnection['state'] =
    associated ? 'connected' : none(ssidRaw) && none(bssidRaw) && (opMode === undefined || none(opMode)) ? 'disconnected' : 'unknown'
  let auth = state === 'connected' ? authFromCoreWlanName(security ?? null) : 'unknown'
  if (state === 'connected' && security !== undefined && /^none$/i.test(security)) auth = 'open'
  const ch = state === 'connected' ? wdutilChannel(fields.get('channel') ?? '') : {channel: null, band: null}
  return {
    interface: str(fields.get('interface name')),
    ssid: state === 'connected' && !none(ssidRaw) ? (ssidRaw ?? null) : null,
    bssid: state === 'connected' ? normaliseMac(bssidRaw) : null,
    auth,
    cipher: impliedCipher(auth),
    band: ch.band,
    channel: ch.channel,
    signal: state === 'connected' ? rssi : null,
    signalUnit: state === 'connected' && rssi !== null ? 'dbm' : null,
    state,
  }
}

/**
 * Legacy `airport -I` (`/System/Library/PrivateFrameworks/Apple80211.framework/.../airport -I`).
 * `AirPort: Off` gives a disconnected result; text with no recognisable field gives null.
 */
export function parseAirportInfo(text: string): WifiConnection | null {
  const fields = new Map<string, string>()
  let off = false
  for (const line of splitLines(text)) {
    if (/^\s*AirPort:\s*Off\s*$/i.test(line)) off = true
    const kv = labelValue(line)
    if (!kv) continue
    const key = kv.label.toLowerCase()
    if (!fields.has(key)) fields.set(key, kv.value)
  }
  if (off) {
    return noConnection(null, 'disconnected')
  }
  const known = ['agrctlrssi', 'ssid', 'bssid', 'link auth', 'state']
  if (!known.some((k) => fields.has(k))) return null
  const stateRaw = fields.get('state')?.toLowerCase()
  const ssid = str(fields.get('ssid'))
  const rssi = dbm(fields.get('agrctlrssi'))
  let state: WifiConnection['state'] = 'unknown'
  if (stateRaw === 'running' && (ssid !== null || rssi !== null)) state = 'connected'
  else if (stateRaw === 'init' || stateRaw === 'off') state = 'disconnected'
  const auth = state === 'connected' ? authFromAirportLinkAuth(fields.get('link auth') ?? null) : 'unknown'
  const channel = state === 'connected' ? validChannel(leadingInt(fields.get('channel'))) : null
  return {
    interface: null,
    ssid: state === 'connected' && ssid !== null && !REDACTED.test(ssid) ? ssid : null,
    bssid: state === 'connected' ? normaliseMac(fields.get('bssid')) : null,
    auth,
    cipher: impliedCipher(auth),
    band: null,
    channel,
    signal: state === 'connected' ? rssi : null,
    signalUnit: state === 'connected' && rssi !== null ? 'dbm' : null,
    state,
  }
}

/** `Status:` of the text report: `Connected`, `Off`, `Not Associated`, `Disconnected`, ... */
function textStatus(value: string): WifiConnection['state'] {
  const v = value.trim().toLowerCase()
  if (v === 'connected') return 'connected'
  if (v === 'off' || v === 'disconnected' || v === 'not associated' || v === 'inactive' || v === 'init') return 'disconnected'
  return 'unknown'
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length
}

/**
 * The plain-text `system_profiler SPAirPortDataType` (macOS before 10.15, which has no `-json`):
 * `Interfaces:` → `en0:` → `Status: Connected`, `Current Network Information:` → `<SSID>:` →
 * `Channel`, `Security` (CoreWLAN names such as `WPA2 Enterprise`), `Signal / Noise`. One entry per
 * real interface (awdl0 / llw0 skipped); [] when the text has no `Interfaces:` block.
 */
export function parseSystemProfilerAirportText(text: string): WifiConnection[] {
  const result: WifiConnection[] = []
  const lines = splitLines(text).filter((l) => l.trim().length > 0 && l.length <= 4096)
  let ifacesIndent = -1
  let ifaceIndent = -1
  let conn: WifiConnection | null = null
  let currentIndent = -1 // indent of `Current Network Information:`
  let ssidIndent = -1 // indent of the `<SSID>:` line under it
  let security: string | null = null
  const finish = () => {
    if (!conn) return
    if (isPseudoInterface(conn.interface)) {
      conn = null
      return
    }
    if (conn.state !== 'disconnected' && security !== null) {
      if (conn.state === 'unknown') conn.state = 'connected'
      conn.auth = /^none$/i.test(security) ? 'open' : authFromCoreWlanName(security)
      conn.cipher = impliedCipher(conn.auth)
    }
    result.push(conn)
    conn = null
  }
  for (const line of lines) {
    const indent = indentOf(line)
    const trimmed = line.trim()
    if (ifacesIndent < 0) {
      if (trimmed === 'Interfaces:') ifacesIndent = indent
      continue
    }
    if (indent <= ifacesIndent) break // the next section (Software Versions, ...) ends the list
    if (ifaceIndent < 0) ifaceIndent = indent
    if (indent === ifaceIndent) {
      finish()
      conn = trimmed.endsWith(':') ? noConnection(trimmed.slice(0, -1).trim() || null) : null
      currentIndent = -1
      ssidIndent = -1
      security = null
      continue
    }
    if (!conn) continue
    if (currentIndent >= 0 && indent <= currentIndent) {
      currentIndent = -1
      ssidIndent = -1
    }
    if (currentIndent < 0) {
      if (trimmed === 'Current Network Information:') {
        currentIndent = indent
        continue
      }
      const kv = labelValue(line)
      if (kv && kv.label === 'Status') conn.state = textStatus(kv.value)
      continue
    }
    if (ssidIndent < 0) {
      if (trimmed.endsWith(':')) {
        ssidIndent = indent
        conn.ssid = nameOrNull(trimmed.slice(0, -1))
      }
      continue
    }
    if (indent <= ssidIndent) continue // a second network under Current Network Information: not expected
    const kv = labelValue(line)
    if (!kv) continue
    switch (kv.label) {
      case 'Security':
        security = kv.value
        break
      case 'Channel': {
        const ch = channelInfo(kv.value)
        conn.channel = ch.channel
        conn.band = ch.band
        break
      }
      case 'Signal / Noise':
        conn.signal = signalFrom(kv.value)
        conn.signalUnit = conn.signal === null ? null : 'dbm'
        break
      case 'BSSID':
        conn.bssid = normaliseMac(kv.value)
        break
    }
  }
  finish()
  return result
}
