/**
 * Parsers for Linux Wi-Fi state: NetworkManager's terse `nmcli -t` output, `iw dev <if> link`
 * and `wpa_cli status` (fallbacks where NetworkManager is absent).
 * Pure functions: text in, typed data out; garbage gives [] / null and never throws.
 */
import {normaliseMac} from '../../../util/mac.js'
import {authFromNmcliSecurity, authFromWpaKeyMgmt, cipherFromNmcliFlags, cipherFromText, impliedCipher} from './wifi-security.js'
import {bandFromFrequency, dbm, labelValue, leadingInt, MAX_LINE_LENGTH, noConnection, splitLines, str} from './text.js'
import type {NearbyNetwork, WifiConnection} from './types.js'

/**
 * Split one line of `nmcli -t` output into fields: `:` separates, `\:` is a literal colon and
 * `\\` a literal backslash (nmcli's escaping in terse mode).
 */
export function splitNmcliTerse(line: string): string[] {
  if (typeof line !== 'string') return []
  const fields: string[] = []
  let current = ''
  let start = 0
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i)
    if (ch === 92 /* \\ */ && i + 1 < line.length) {
      current += line.slice(start, i) + line[i + 1]
      i++
      start = i + 1
    } else if (ch === 58 /* : */) {
      fields.push(current + line.slice(start, i))
      current = ''
      start = i + 1
    }
  }
  fields.push(current + line.slice(start))
  return fields
}

/** The field list the collector asks for (`nmcli -t -f <these> dev wifi list --rescan no`). */
export const NMCLI_WIFI_FIELDS = ['ACTIVE', 'SSID', 'BSSID', 'SECURITY', 'WPA-FLAGS', 'RSN-FLAGS', 'CHAN', 'FREQ', 'SIGNAL', 'DEVICE'] as const

/** The columns `nmcli -t dev wifi list` prints when no `-f` is given (NetworkManager 1.2x+). */
export const NMCLI_WIFI_DEFAULT_FIELDS = ['IN-USE', 'BSSID', 'SSID', 'MODE', 'CHAN', 'RATE', 'SIGNAL', 'BARS', 'SECURITY'] as const

export interface NmcliWifiList {
  /** The network(s) marked active (`ACTIVE` = yes or `IN-USE` = *): one per device, normally one. */
  current: WifiConnection[]
  /** Every row, including the active one, grouped by SSID and security (hidden networks stay separate). */
  nearby: NearbyNetwork[]
}

/**
 * Parse `nmcli -t -f <fields> dev wifi list`. `fields` must be the `-f` list in order (default
 * {@link NMCLI_WIFI_FIELDS}); lines with another field count are skipped.
 */
export function parseNmcliWifiList(text: string, fields: readonly string[] = NMCLI_WIFI_FIELDS): NmcliWifiList {
  const current: WifiConnection[] = []
  const bySsid = new Map<string, NearbyNetwork>()
  const hidden: NearbyNetwork[] = []
  const names = (Array.isArray(fields) ? fields : NMCLI_WIFI_FIELDS).map((f) => String(f).toUpperCase())
  const col = (name: string) => names.indexOf(name)
  const iActive = col('ACTIVE')
  const iInUse = col('IN-USE')
  const iSsid = col('SSID')
  const iBssid = col('BSSID')
  const iSec = col('SECURITY')
  const iChan = col('CHAN')
  const iSignal = col('SIGNAL')
  const iFreq = col('FREQ')
  const iDevice = col('DEVICE')
  const iWpaFlags = col('WPA-FLAGS')
  const iRsnFlags = col('RSN-FLAGS')
  if (names.length === 0) return {current, nearby: []}

  for (const line of splitLines(text)) {
    if (line.length === 0 || line.length > MAX_LINE_LENGTH) continue
    const parts = splitNmcliTerse(line)
    if (parts.length !== names.length) continue
    const get = (i: number) => (i >= 0 ? (parts[i] ?? '') : '')
    const signalNum = iSignal >= 0 ? leadingInt(get(iSignal)) : null
    const signal = signalNum !== null && signalNum >= 0 && signalNum <= 100 ? signalNum : null
    const channelNum = iChan >= 0 ? leadingInt(get(iChan)) : null
    const channel = channelNum !== null && channelNum >= 1 && channelNum <= 233 ? channelNum : null
    const band = iFreq >= 0 ? bandFromFrequency(leadingInt(get(iFreq))) : null
    const secText = iSec >= 0 ? get(iSec) : null
    const auth = iSec >= 0 ? authFromNmcliSecurity(secText) : 'unknown'
    const ssidText = get(iSsid)
    const ssid = ssidText.length > 0 && ssidText !== '--' ? ssidText : null
    const bssid = normaliseMac(get(iBssid))
    const active = (iActive >= 0 && get(iActive).trim().toLowerCase() === 'yes') || (iInUse >= 0 && get(iInUse).trim() === '*')
    const flags = iWpaFlags >= 0 || iRsnFlags >= 0 ? cipherFromNmcliFlags(get(iWpaFlags), get(iRsnFlags)) : null
    const cipher = flags ?? impliedCipher(auth)

    if (active) {
      current.push({
        interface: iDevice >= 0 ? str(get(iDevice)) : null,
        ssid,
        bssid,
        auth,
        cipher,
        band,
        channel,
        signal,
        signalUnit: signal === null ? null : 'percent',
        state: 'connected',
      })
    }
    // One entry per name and security: an open network under the name of a protected one (an
    // evil twin) stays a network of its own.
    const key = `${ssid}\u0000${auth}\u0000${cipher}`
    const existing = ssid !== null ? bySsid.get(key) : undefined
    if (existing) {
      if (bssid && !existing.bssids.includes(bssid)) existing.bssids.push(bssid)
      if (signal !== null && (existing.signal === null || signal > existing.signal)) {
        existing.signal = signal
        existing.channel = channel
        existing.band = band
      }
      continue
    }
    const entry: NearbyNetwork = {
      ssid,
      auth,
      cipher,
      bssids: bssid ? [bssid] : [],
      signal,
      signalUnit: signal === null ? null : 'percent',
      channel,
      band,
    }
    if (ssid === null) hidden.push(entry)
    else bySsid.set(key, entry)
  }
  return {current, nearby: [...bySsid.values(), ...hidden]}
}

/**
 * `iw dev <if> link`. `Not connected.` gives a disconnected result; text without either form gives null.
 * iw reports no security mode, so auth and cipher are `unknown`.
 */
export function parseIwLink(text: string, iface: string | null = null): WifiConnection | null {
  let connected = false
  let disconnected = false
  let name = iface
  let bssid: string | null = null
  let ssid: string | null = null
  let freq: number | null = null
  let signal: number | null = null
  for (const line of splitLines(text)) {
    const head = /^\s*Connected to\s+([0-9a-fA-F:]{11,17})(?:\s+\(on\s+([^)\s]+)\))?/.exec(line)
    if (head) {
      connected = true
      bssid = normaliseMac(head[1])
      if (head[2]) name = head[2]
      continue
    }
    if (/^\s*Not connected\.?\s*$/i.test(line)) {
      disconnected = true
      continue
    }
    if (!connected) continue
    const kv = labelValue(line)
    if (!kv) continue
    const key = kv.label.toLowerCase()
    if (key === 'ssid' && ssid === null) ssid = kv.value.length > 0 ? kv.value : null
    else if (key === 'freq') freq = leadingInt(kv.value)
    else if (key === 'signal') signal = dbm(kv.value)
  }
  if (!connected && !disconnected) return null
  if (!connected) {
    return noConnection(name, 'disconnected')
  }
  return {
    interface: name,
    ssid,
    bssid,
    auth: 'unknown',
    cipher: 'unknown',
    band: bandFromFrequency(freq),
    channel: channelFromFrequency(freq),
    signal,
    signalUnit: signal === null ? null : 'dbm',
    state: 'connected',
  }
}

/** IEEE channel number from a centre frequency in MHz (2.4, 5 and 6 GHz bands). */
export function channelFromFrequency(mhz: number | null): number | null {
  if (mhz === null) return null
  if (mhz === 2484) return 14
  if (mhz >= 2412 && mhz <= 2472) return (mhz - 2407) / 5
  if (mhz >= 5160 && mhz <= 5885) return (mhz - 5000) / 5
  if (mhz >= 5955 && mhz <= 7115) return (mhz - 5950) / 5
  return null
}

/**
 * `wpa_cli status` (or `wpa_cli -i <if> status`): `key=value` lines with `wpa_state`, `ssid`,
 * `bssid`, `freq`, `key_mgmt`, `pairwise_cipher`. Returns null when there is no `wpa_state`.
 */
export function parseWpaCliStatus(text: string, iface: string | null = null): WifiConnection | null {
  const fields = new Map<string, string>()
  let name = iface
  for (const line of splitLines(text)) {
    const sel = /^Selected interface '([^']+)'/.exec(line)
    if (sel) {
      name = sel[1] ?? name
      continue
    }
    const eq = line.indexOf('=')
    if (eq <= 0 || line.length > MAX_LINE_LENGTH) continue
    const key = line.slice(0, eq).trim()
    if (!fields.has(key)) fields.set(key, line.slice(eq + 1).trim())
  }
  const wpaState = fields.get('wpa_state')
  if (wpaState === undefined) return null
  const completed = wpaState === 'COMPLETED'
  const state: WifiConnection['state'] = completed
    ? 'connected'
    : ['DISCONNECTED', 'INACTIVE', 'SCANNING', 'INTERFACE_DISABLED'].includes(wpaState)
      ? 'disconnected'
      : 'unknown'
  if (!completed) {
    return noConnection(name, state)
  }
  const pairwise = fields.get('pairwise_cipher') ?? null
  const auth = authFromWpaKeyMgmt(fields.get('key_mgmt') ?? null, pairwise)
  const cipher = pairwise !== null ? cipherFromText(pairwise) : impliedCipher(auth)
  const freq = leadingInt(fields.get('freq'))
  return {
    interface: name,
    ssid: str(fields.get('ssid')),
    bssid: normaliseMac(fields.get('bssid')),
    auth,
    cipher,
    band: bandFromFrequency(freq),
    channel: channelFromFrequency(freq),
    signal: null,
    signalUnit: null,
    state,
  }
}

/**
 * The human table of `nmcli dev wifi [list]` (no `-t`), in any locale: columns are found from the
 * header line (IN-USE BSSID SSID MODE CHAN RATE SIGNAL BARS SECURITY; older releases print `*`
 * instead of IN-USE, or `SSID BSSID MODE CHAN FREQ RATE SIGNAL BARS SECURITY ACTIVE *` as NetworkManager
 * 1.0–1.2 did) and cells are separated by two or more spaces. Prefer the terse form
 * ({@link parseNmcliWifiList}); this is a fallback for outputs captured without `-t`.
 */
export function parseNmcliWifiTable(text: string): NmcliWifiList {
  const lines = splitLines(text)
  const headerIndex = lines.findIndex((l) => /\bBSSID\b/.test(l) && /\bSSID\b/.test(l.replace(/\bBSSID\b/g, '')))
  if (headerIndex < 0) return {current: [], nearby: []}
  const header = (lines[headerIndex] ?? '').trim().split(/\s{2,}/).map((h) => h.trim().toUpperCase())
  const hasInUse = header[0] === 'IN-USE' || header[0] === '*'
  const fields = hasInUse ? header.slice(1) : header
  const rows: string[] = []
  for (const raw of lines.slice(headerIndex + 1)) {
    if (raw.trim().length === 0 || raw.length > MAX_LINE_LENGTH) continue
    let line = raw.trimEnd()
    let active = false
    if (hasInUse) {
      const m = /^\s*(\*)?\s*(.*)$/.exec(line)
      active = Boolean(m?.[1])
      line = m?.[2] ?? ''
    }
    const cells = line.split(/\s{2,}/).map((c) => c.trim())
    // Older releases print `SSID … SECURITY ACTIVE *` with an empty last column on inactive rows,
    // which `trimEnd()` removes: pad missing trailing cells (never more than two).
    if (cells.length < fields.length && fields.length - cells.length <= 2) while (cells.length < fields.length) cells.push('')
    // Rebuild a terse line so the terse parser does the mapping: escape `:` and `\`.
    const escaped = cells.map((c) => c.replace(/\\/g, '\\\\').replace(/:/g, '\\:'))
    rows.push([active ? '*' : '', ...escaped].join(':'))
  }
  return parseNmcliWifiList(rows.join('\n'), ['IN-USE', ...fields])
}
