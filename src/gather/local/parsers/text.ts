/**
 * Small helpers shared by the local-posture parsers. Every function here is total: any input,
 * including non-strings, gives a value and never throws.
 */
import type {WifiBand, WifiConnection} from './types.js'

/** Lines longer than this are ignored by the line-oriented parsers: no real command output has them. */
export const MAX_LINE_LENGTH = 4096

/** Inputs larger than this are cut before parsing, so a runaway command cannot make a parser slow. */
export const MAX_INPUT_LENGTH = 4 * 1024 * 1024

export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The text as lines without their CR/LF, a leading BOM removed; [] for non-strings. */
export function splitLines(text: unknown): string[] {
  if (typeof text !== 'string' || text.length === 0) return []
  const cut = text.length > MAX_INPUT_LENGTH ? text.slice(0, MAX_INPUT_LENGTH) : text
  return cut.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
}

/** Parse JSON, or null. Strips a BOM and surrounding whitespace first. */
export function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return null
  if (text.length > MAX_INPUT_LENGTH) return null
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null
  try {
    return JSON.parse(trimmed) as unknown
  } catch {
    return null
  }
}

/**
 * The objects of a PowerShell `ConvertTo-Json` answer: it prints a bare object for one result and
 * an array for several (and nothing at all for none), so both shapes are accepted.
 */
export function jsonObjects(text: unknown): JsonObject[] {
  const parsed = parseJson(text)
  if (Array.isArray(parsed)) return parsed.filter(isObject)
  if (isObject(parsed)) return [parsed]
  return []
}

/** A non-empty trimmed string, or null. */
export function str(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed.length > 0 ? trimmed : null
}

/** A finite number from a number or a numeric string, or null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value)
  return null
}

/** The first integer in a string (`"44"`, `"36,80"`, `"6 (2GHz, 20MHz)"`), or null. */
export function leadingInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null
  if (typeof value !== 'string') return null
  const match = /^\s*(-?\d{1,6})(?!\d)/.exec(value)
  return match ? Number(match[1]) : null
}

/**
 * Split a `label : value` line at its first colon. Returns null for lines without one, with an
 * empty label, or too long to be real. Values keep their own colons (MAC addresses).
 */
export function labelValue(line: string): {label: string; value: string; indent: number} | null {
  if (line.length > MAX_LINE_LENGTH) return null
  const colon = line.indexOf(':')
  if (colon <= 0) return null
  const rawLabel = line.slice(0, colon)
  const label = rawLabel.trim()
  if (label.length === 0) return null
  const indent = rawLabel.length - rawLabel.trimStart().length
  return {label, value: line.slice(colon + 1).trim(), indent}
}

/** Lower-case, collapse internal whitespace, NFKC-normalise (full-width letters and digits become ASCII). */
export function normLabel(label: string): string {
  return label.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** Band from a frequency in MHz (2412, 5180, 5955 ...). */
export function bandFromFrequency(mhz: number | null): WifiBand | null {
  if (mhz === null) return null
  if (mhz >= 2400 && mhz < 2500) return '2.4 GHz'
  if (mhz >= 4900 && mhz < 5925) return '5 GHz'
  if (mhz >= 5925 && mhz < 7200) return '6 GHz'
  return null
}

/** Band from text such as `5 GHz`, `2.4 GHz`, `2GHz` (macOS's word for 2.4 GHz), `6GHz`, `5g`. */
export function bandFromText(value: unknown): WifiBand | null {
  if (typeof value !== 'string') return null
  const text = value.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
  if (/^(2\.4|2)(ghz|g)?$/.test(text) || text.includes('2.4ghz') || text.includes('2ghz')) return '2.4 GHz'
  if (/^5(ghz|g)?$/.test(text) || text.includes('5ghz')) return '5 GHz'
  if (/^6(ghz|g)?$/.test(text) || text.includes('6ghz')) return '6 GHz'
  return null
}

/** A signal written as `42%` → 42; out-of-range or unreadable → null. */
export function percent(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const match = /^\s*(\d{1,3})\s*[%％]\s*$/.exec(value)
  if (!match) return null
  const n = Number(match[1])
  return n <= 100 ? n : null
}

/** A signal written as `-58 dBm` or `-58` → -58; positive or absurd values → null. */
export function dbm(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? leadingInt(value.replace(/^\s*\+/, '')) : null
  if (n === null || !Number.isFinite(n)) return null
  return n < 0 && n >= -150 ? n : null
}

/** `Key : Value` blocks of PowerShell's default list format, one map per record. */
export function listRecords(text: string): Array<Map<string, string>> {
  const records: Array<Map<string, string>> = []
  let current: Map<string, string> | null = null
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const m = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*:\s?(.*)$/.exec(raw)
    if (!m) {
      if (raw.trim().length === 0) current = null
      continue
    }
    const key = (m[1] ?? '').toLowerCase()
    if (!current || current.has(key)) {
      current = new Map()
      records.push(current)
    }
    current.set(key, (m[2] ?? '').trim())
  }
  return records
}

/** A Wi-Fi adapter with no network known: every field null or unknown, in the given state. */
export function noConnection(name: string | null, state: WifiConnection['state'] = 'unknown'): WifiConnection {
  return {interface: name, ssid: null, bssid: null, auth: 'unknown', cipher: 'unknown', band: null, channel: null, signal: null, signalUnit: null, state}
}
