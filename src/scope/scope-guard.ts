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

/**
 * The only multicast homeaudit ever sends: one-shot queries to these groups, with TTL 1 (never
 * routed off the link), from a socket bound to the scanned interface's own address. See
 * `ScanScope.allowsMulticast`. Every other destination must be inside the scope.
 */
export const LINK_MULTICAST_GROUPS: ReadonlyArray<{group: string; port: number; label: string}> = [
  {group: '224.0.0.251', port: 5353, label: 'mDNS (RFC 6762)'},
  {group: '239.255.255.250', port: 1900, label: 'SSDP (UPnP)'},
]

/** Subnets larger than this (a /22) need an explicit --max-hosts. */
export const DEFAULT_MAX_HOSTS = 1024

export class ScopeError extends Error {
  override name = 'ScopeError'
}

export class ScanScope {
  private constructor(
    readonly cidr: Cidr,
    /** The interface the scan runs from, set only when its whole subnet lies inside the scope. */
    private readonly link: {address: string; cidr: Cidr} | null = null,
  ) {}

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

  /**
   * The same scope, told which interface it is scanned from (`address` in `interfaceCidr`).
   * The link is kept only when the address and the interface's whole subnet (everything a
   * TTL-1 multicast can reach) lie inside the scope; otherwise every multicast stays refused.
   */
  withInterface(address: string | null | undefined, interfaceCidr: string | null | undefined): ScanScope {
    const ip = address ? parseIpv4(address) : null
    const subnet = interfaceCidr ? parseCidr(interfaceCidr) : null
    const ok = ip !== null && subnet !== null && interfaceCidr!.includes('/') && this.allows(address!) && cidrContains(subnet, ip) && cidrWithin(subnet, this.cidr)
    return new ScanScope(this.cidr, ok ? {address: address!, cidr: subnet!} : null)
  }

  /** The scanned interface's address when multicast may be sent from it, else null. */
  get interfaceAddress(): string | null {
    return this.link?.address ?? null
  }

  /**
   * The multicast rule: a packet to a group outside the scope is allowed only when it is one of
   * LINK_MULTICAST_GROUPS (group and port), the scope knows its interface (withInterface), the
   * socket is bound to that interface's address, and the multicast TTL is 1.
   */
  allowsMulticast(group: string, port: number, socket: {boundAddress: string | null | undefined; ttl: number}): boolean {
    return this.multicastRefusal(group, port, socket) === null
  }

  /** Throw unless `allowsMulticast`; the message says which condition failed. */
  assertMulticast(group: string, port: number, socket: {boundAddress: string | null | undefined; ttl: number}): void {
    const reason = this.multicastRefusal(group, port, socket)
    if (reason) throw new ScopeError(`multicast to ${group}:${port} refused: ${reason}`)
  }

  private multicastRefusal(group: string, port: number, socket: {boundAddress: string | null | undefined; ttl: number}): string | null {
    if (!LINK_MULTICAST_GROUPS.some((g) => g.group === group && g.port === port)) return 'not an allowed link-local group (mDNS 224.0.0.251:5353, SSDP 239.255.255.250:1900)'
    if (!this.link) return `the scope ${this.toString()} has no interface whose whole subnet it covers`
    if (socket.boundAddress !== this.link.address) return `the socket is bound to ${socket.boundAddress ?? '(nothing)'}, not to the scanned interface ${this.link.address}`
    if (socket.ttl !== 1) return `TTL ${socket.ttl}, not 1`
    return null
  }
}
