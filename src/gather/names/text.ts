import type {HostName} from '../../evidence/schema.js'

/** Longest name kept (in code points): a DNS name is at most 255 bytes; anything longer is cut. */
export const MAX_NAME_LENGTH = 255
/** Most names kept per host, all sources together. */
export const MAX_NAMES_PER_HOST = 16

/**
 * A name as a device gave it, size-capped and trimmed; null when nothing is left. Control
 * characters are kept here (the evidence is raw) and neutralised at output time by the
 * report sanitiser.
 */
export function capName(raw: string | null | undefined, max = MAX_NAME_LENGTH): string | null {
  if (typeof raw !== 'string') return null
  // Work on a bounded slice first: a 10 MB "name" must not be split into code points whole.
  const bounded = raw.length > max * 4 ? raw.slice(0, max * 4) : raw
  const trimmed = bounded.replace(/^[\s\u0000]+|[\s\u0000]+$/g, '')
  if (!trimmed) return null
  const chars = [...trimmed]
  return chars.length > max ? chars.slice(0, max).join('') : trimmed
}

/** Add a name to a host's list unless it is there already (same text, same source) or the list is full. */
export function addName(names: HostName[], name: string | null | undefined, source: HostName['source']): void {
  const capped = capName(name)
  if (!capped || names.length >= MAX_NAMES_PER_HOST) return
  if (names.some((n) => n.source === source && n.name.toLowerCase() === capped.toLowerCase())) return
  names.push({name: capped, source})
}

const shiftJis = (() => {
  try {
    return new TextDecoder('shift_jis', {fatal: true})
  } catch {
    return null
  }
})()
const utf8 = new TextDecoder('utf-8', {fatal: true})

/**
 * Decode the bytes of a NetBIOS name. Printable ASCII as it is; otherwise the OEM code page a
 * Japanese Windows uses (CP932/Shift_JIS), then UTF-8; bytes that fit neither are written as
 * `\xNN` so that nothing invalid reaches the evidence.
 */
export function decodeLegacyName(bytes: Uint8Array): string {
  if (bytes.every((b) => b >= 0x20 && b < 0x7f)) return Buffer.from(bytes).toString('latin1')
  for (const decoder of [shiftJis, utf8]) {
    if (!decoder) continue
    try {
      return decoder.decode(bytes)
    } catch {
      // not this encoding
    }
  }
  return [...bytes].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('')
}
