import {type Cidr, cidrContains, cidrSize, cidrWithin, formatCidr, parseCidr, parseIpv4} from './ipv4.js'

/**
 * The scope guard: the one place that decides which addresses homeaudit may send packets to.
 * A scan's scope is one private (or link-local, CGNAT, loopback) subnet; every probe asks
 * `ScanScope.allows()` before it opens a socket, through `assertInScope()`.
 */

export const ALLOWED_RANGES: ReadonlyArray<{cidr: Cidr; label: string}> = [
  {cidr: parseCidr('10.0.0.0/8')!, label: 'RFC 1918'},
  {cidr: parseCidr('172.16.0.0/12')!, label: 'RFC 1918'},
  {cidr: parseCidr('192.168.0.0/16')!, label: 'RFC 1918'},
  {cidr: parseCidr('100.64.0.0/10')!, label: 'CGNAT (RFC 6598)'},
  {cidr: parseCidr('169.254.0.0/16')!, label: 'link-local (RFC 3927)'},
  {cidr: parseCidr('127.0.0.0/8')!, label: 'loopback'},
]

/** Subnets larger than this (a /22) need an explicit --max-hosts. */
export const DEFAULT_MAX_HOSTS = 1024

export class ScopeError extends Error {
  override name = 'ScopeError'
}

export class ScanScope {
  private constructor(readonly cidr: Cidr) {}

  /**
   * Build a scope from a CIDR, refusing anything outside the private ranges and anything
   * larger than `maxHosts` addresses.
   */
  static fromCidr(text: string, maxHosts: number = DEFAULT_MAX_HOSTS): ScanScope {
    if (text.includes(':')) throw new ScopeError(`IPv6 targets are not supported yet: ${text}`)
    const cidr = parseCidr(text)
    if (!cidr || !text.includes('/')) throw new ScopeError(`not a valid IPv4 CIDR (expected a.b.c.d/n): ${text}`)
    const range = ALLOWED_RANGES.find((r) => cidrWithin(cidr, r.cidr))
    if (!range) {
      throw new ScopeError(
        `refusing to scan ${formatCidr(cidr)}: it is not a private, CGNAT, link-local or loopback range; homeaudit only scans your own home network`,
      )
    }
    const size = cidrSize(cidr)
    if (size > maxHosts) {
      throw new ScopeError(
        `${formatCidr(cidr)} has ${size} addresses, more than the limit of ${maxHosts}; pass --max-hosts ${size} to scan it anyway, or choose a smaller --target`,
      )
    }
    return new ScanScope(cidr)
  }

  toString(): string {
    return formatCidr(this.cidr)
  }

  get size(): number {
    return cidrSize(this.cidr)
  }

  allows(ip: string): boolean {
    const value = parseIpv4(ip)
    return value !== null && cidrContains(this.cidr, value)
  }

  /** Throw unless `ip` is inside the scope. Every socket homeaudit opens goes through this. */
  assertAllows(ip: string): void {
    if (!this.allows(ip)) throw new ScopeError(`address ${ip} is outside the scan scope ${this.toString()}`)
  }
}
