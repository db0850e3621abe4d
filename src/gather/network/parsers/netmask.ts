/**
 * Small IPv4 helpers shared by the OS-output parsers: address validation,
 * netmask -> prefix length, and "is this a host address worth reporting".
 * All are pure and never throw.
 */

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** Parse a dotted-quad IPv4 address into its 32-bit value, or null. Leading zeros (`010.0.0.1`) are refused: they mean octal to some tools. */
export function ipv4ToInt(text: string | null | undefined): number | null {
  if (typeof text !== 'string') return null
  const m = DOTTED_QUAD.exec(text.trim())
  if (!m) return null
  let value = 0
  for (let i = 1; i <= 4; i++) {
    const part = m[i] as string
    if (part.length > 1 && part.startsWith('0')) return null
    const n = Number(part)
    if (n > 255) return null
    value = value * 256 + n
  }
  return value
}

/** True for a well-formed dotted-quad IPv4 address. */
export function isIPv4(text: string | null | undefined): text is string {
  return ipv4ToInt(text) !== null
}

/** Number of leading one bits when `value` (32-bit) is a contiguous netmask, else null. */
function contiguousPrefix(value: number): number | null {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) return null
  let prefix = 0
  let bit = 0x80000000
  while (prefix < 32 && value >= bit) {
    value -= bit
    bit /= 2
    prefix++
  }
  return value === 0 ? prefix : null
}

/**
 * Netmask to prefix length. Accepts the dotted form (`255.255.255.0`, Windows, Linux)
 * and the hex form (`0xffffff00`, macOS/BSD `ifconfig`). Returns null for anything else,
 * including non-contiguous masks such as `255.0.255.0`.
 */
export function netmaskToPrefix(mask: string | null | undefined): number | null {
  if (typeof mask !== 'string') return null
  const text = mask.trim()
  const hex = /^0x([0-9a-f]{1,8})$/i.exec(text)
  if (hex) return contiguousPrefix(Number.parseInt(hex[1] as string, 16))
  const value = ipv4ToInt(text)
  return value === null ? null : contiguousPrefix(value)
}

/**
 * True when an IPv4 address can be a neighbour host: not 0.0.0.0/8, not multicast
 * (224.0.0.0/4) and not the limited broadcast 255.255.255.255. (A subnet's directed
 * broadcast cannot be recognised without its prefix; its ff:ff:ff:ff:ff:ff MAC gives it away.)
 */
export function isNeighbourIPv4(text: string): boolean {
  const value = ipv4ToInt(text)
  if (value === null) return false
  const first = Math.floor(value / 0x1000000)
  if (first === 0) return false
  if (first >= 224) return false
  return true
}

/** Longest line any of the parsed commands prints; longer lines are skipped unread, which keeps every regex cheap on hostile input. */
export const MAX_LINE_LENGTH = 1024

/** Split command output into lines (LF, CRLF or CR), dropping a leading byte-order mark. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
}
