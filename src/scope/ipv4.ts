/** IPv4 address and CIDR arithmetic on unsigned 32-bit integers. */

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** Parse dotted-quad IPv4; null for anything else (no shorthand, no leading garbage). */
export function parseIpv4(text: string): number | null {
  const m = OCTETS.exec(text.trim())
  if (!m) return null
  let value = 0
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!
    if (part.length > 1 && part.startsWith('0')) return null
    const octet = Number(part)
    if (octet > 255) return null
    value = value * 256 + octet
  }
  return value >>> 0
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.')
}

export interface Cidr {
  /** Network address (host bits cleared). */
  network: number
  prefixLength: number
}

export function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0
}

/** Parse `a.b.c.d/n` (or a bare address as /32). Host bits are cleared. */
export function parseCidr(text: string): Cidr | null {
  const [addr, prefix, extra] = text.trim().split('/')
  if (extra !== undefined || addr === undefined) return null
  const ip = parseIpv4(addr)
  if (ip === null) return null
  let prefixLength = 32
  if (prefix !== undefined) {
    if (!/^\d{1,2}$/.test(prefix)) return null
    prefixLength = Number(prefix)
    if (prefixLength > 32) return null
  }
  return {network: (ip & maskOf(prefixLength)) >>> 0, prefixLength}
}

export function cidrFromAddress(address: string, prefixLength: number): Cidr | null {
  return parseCidr(`${address}/${prefixLength}`)
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefixLength)
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ((ip & maskOf(cidr.prefixLength)) >>> 0) === cidr.network
}

/** True when every address of `inner` lies in `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return inner.prefixLength >= outer.prefixLength && cidrContains(outer, inner.network)
}

/**
 * The addresses a sweep should try: every address but the network and broadcast
 * addresses (for /31 and /32 every address, as RFC 3021 allows).
 */
export function* hostAddresses(cidr: Cidr): Generator<number> {
  const size = cidrSize(cidr)
  if (size <= 2) {
    for (let i = 0; i < size; i++) yield (cidr.network + i) >>> 0
    return
  }
  for (let i = 1; i < size - 1; i++) yield (cidr.network + i) >>> 0
}
