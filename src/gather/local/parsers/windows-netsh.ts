/**
 * Parsers for Windows `netsh wlan show interfaces` and `netsh wlan show networks mode=bssid`.
 *
 * netsh output is localised and cannot be switched to English, so labels are matched in English
 * and Japanese (the two locales the company's PCs run). Layouts of Windows 10 and 11 are both
 * handled, including Windows 11 24H2's `AP BSSID`, `Band` and `Rssi` lines.
 * Pure functions: text in, typed data out; garbage gives [] and never throws.
 */
import {normaliseMac} from '../../../util/mac.js'
import {authFromNetsh, cipherFromText, impliedCipher} from './wifi-security.js'
import {bandFromText, dbm, labelValue, leadingInt, noConnection, normLabel, percent, splitLines} from './text.js'
import type {NearbyNetwork, WifiConnection} from './types.js'

type Field = 'name' | 'state' | 'ssid' | 'bssid' | 'auth' | 'cipher' | 'channel' | 'signal' | 'rssi' | 'band'

/** `show interfaces` labels, lower-cased. */
const INTERFACE_LABELS: Record<string, Field> = {
  name: 'name',
  '名前': 'name',
  state: 'state',
  '状態': 'state',
  ssid: 'ssid',
  bssid: 'bssid',
  'ap bssid': 'bssid',
  authentication: 'auth',
  '認証': 'auth',
  cipher: 'cipher',
  '暗号': 'cipher',
  '暗号化': 'cipher',
  channel: 'channel',
  'チャネル': 'channel',
  signal: 'signal',
  'シグナル': 'signal',
  rssi: 'rssi',
  band: 'band',
  'バンド': 'band',
  '帯域': 'band',
}

function stateFrom(value: string): WifiConnection['state'] {
  const v = normLabel(value)
  if (v === 'connected' || v === '接続されました' || v === '接続済み') return 'connected'
  if (v === 'disconnected' || v === '切断されました' || v === '切断' || v === '切断済み') return 'disconnected'
  return 'unknown'
}


function validChannel(n: number | null): number | null {
  return n !== null && n >= 1 && n <= 233 ? n : null
}

/**
 * One entry per wireless adapter in `netsh wlan show interfaces`. A disconnected adapter has
 * `state: 'disconnected'` and null network fields. Output that lists no adapter (no Wi-Fi
 * hardware, the WLAN service stopped, or Windows 11's "location permission" refusal) gives [].
 */
export function parseNetshInterfaces(text: string): WifiConnection[] {
  const result: WifiConnection[] = []
  let current: WifiConnection | null = null
  let rawAuth: string | null = null
  let rawCipher: string | null = null
  let rssi: number | null = null

  const finish = () => {
    if (!current) return
    let auth = authFromNetsh(rawAuth)
    const cipher = cipherFromText(rawCipher)
    // Static WEP shows "Authentication: Open" with "Cipher: WEP".
    if (auth === 'open' && cipher === 'wep') auth = 'wep'
    current.auth = auth
    current.cipher = rawCipher === null ? impliedCipher(auth) : cipher
    if (current.signal === null && rssi !== null) {
      current.signal = rssi
      current.signalUnit = 'dbm'
    }
    if (current.state !== 'connected') {
      // A disconnected adapter reports no network; keep nothing that would look like one.
      if (current.ssid === null) {
        current.auth = 'unknown'
        current.cipher = 'unknown'
      }
    }
    result.push(current)
  }

  let nameIndent = 0
  for (const line of splitLines(text)) {
    const kv = labelValue(line)
    if (!kv) continue
    const field = INTERFACE_LABELS[normLabel(kv.label)]
    if (!field) continue
    if (field === 'name') {
      finish()
      current = noConnection(kv.value || null)
      nameIndent = kv.indent
      rawAuth = null
      rawCipher = null
      rssi = null
      continue
    }
    if (!current) continue
    // Windows 11 lists Wi-Fi 6E "Colocated APs" as deeper-indented `BSSID: ..., Band: ..., Channel: ...`
    // lines; they describe other radios of the AP, not this link.
    if (kv.indent > nameIndent + 2) continue
    const value = kv.value
    switch (field) {
      case 'state':
        current.state = stateFrom(value)
        break
      case 'ssid':
        current.ssid = value.length > 0 ? value : null
        break
      case 'bssid':
        current.bssid = normaliseMac(value)
        break
      case 'auth':
        rawAuth = value.length > 0 ? value : null
        break
      case 'cipher':
        rawCipher = value.length > 0 ? value : null
        break
      case 'channel':
        current.channel = validChannel(leadingInt(value))
        break
      case 'signal': {
        const p = percent(value)
        if (p !== null) {
          current.signal = p
          current.signalUnit = 'percent'
        }
        break
      }
      case 'rssi':
        rssi = dbm(value)
        break
      case 'band':
        current.band = bandFromText(value)
        break
    }
  }
  finish()
  return result
}

type NetworkField = 'auth' | 'cipher' | 'signal' | 'channel' | 'band'

const NETWORK_LABELS: Record<string, NetworkField> = {
  authentication: 'auth',
  '認証': 'auth',
  encryption: 'cipher',
  '暗号化': 'cipher',
  '暗号': 'cipher',
  signal: 'signal',
  'シグナル': 'signal',
  channel: 'channel',
  'チャネル': 'channel',
  band: 'band',
  'バンド': 'band',
  '帯域': 'band',
}

const SSID_HEADER = /^\s*SSID\s+\d+\s*:\s?(.*)$/
const BSSID_HEADER = /^\s*BSSID\s+\d+\s*:(.*)$/

interface Bss {
  mac: string | null
  signal: number | null
  channel: number | null
  band: NearbyNetwork['band']
}

/**
 * Networks from `netsh wlan show networks mode=bssid` (also works without `mode=bssid`, giving
 * no BSSIDs). Hidden networks (`SSID 2 : `) have `ssid: null`. Signal is the strongest BSS's, in percent.
 */
export function parseNetshNetworks(text: string): NearbyNetwork[] {
  const result: NearbyNetwork[] = []
  let ssid: string | null = null
  let open = false
  let rawAuth: string | null = null
  let rawCipher: string | null = null
  let bsses: Bss[] = []
  let bss: Bss | null = null

  const finish = () => {
    if (!open) return
    let auth = authFromNetsh(rawAuth)
    const cipher = rawCipher === null ? impliedCipher(auth) : cipherFromText(rawCipher)
    if (auth === 'open' && cipher === 'wep') auth = 'wep'
    let best: Bss | null = null
    for (const b of bsses) if (best === null || (b.signal ?? -1) > (best.signal ?? -1)) best = b
    result.push({
      ssid,
      auth,
      cipher,
      bssids: bsses.map((b) => b.mac).filter((m): m is string => m !== null),
      signal: best?.signal ?? null,
      signalUnit: best?.signal != null ? 'percent' : null,
      channel: best?.channel ?? null,
      band: best?.band ?? null,
    })
  }

  for (const line of splitLines(text)) {
    if (line.length > 4096) continue
    const ssidMatch = SSID_HEADER.exec(line)
    if (ssidMatch) {
      finish()
      const name = (ssidMatch[1] ?? '').trim()
      ssid = name.length > 0 ? name : null
      open = true
      rawAuth = null
      rawCipher = null
      bsses = []
      bss = null
      continue
    }
    if (!open) continue
    const bssidMatch = BSSID_HEADER.exec(line)
    if (bssidMatch) {
      bss = {mac: normaliseMac((bssidMatch[1] ?? '').trim()), signal: null, channel: null, band: null}
      bsses.push(bss)
      continue
    }
    const kv = labelValue(line)
    if (!kv) continue
    const field = NETWORK_LABELS[normLabel(kv.label)]
    if (!field) continue
    switch (field) {
      case 'auth':
        rawAuth = kv.value || null
        break
      case 'cipher':
        rawCipher = kv.value || null
        break
      case 'signal':
        if (bss) bss.signal = percent(kv.value)
        break
      case 'channel':
        if (bss) bss.channel = validChannel(leadingInt(kv.value))
        break
      case 'band':
        if (bss) bss.band = bandFromText(kv.value)
        break
    }
  }
  finish()
  return result
}
