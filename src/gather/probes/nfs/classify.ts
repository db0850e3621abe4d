import {type Cidr, cidrContains, cidrWithin, formatCidr, parseCidr, parseIpv4} from '../../../scope/ipv4.js'

/**
 * Who may mount an export, judged from the groups its server lists. NFS with AUTH_SYS has no
 * password: the server believes the client's address and the user ID it claims. So an export
 * whose groups take in everyone, or a whole network this PC is on, is open to any device there.
 *
 * - `everyone`: no group listed (nfs-utils lists an export to `*` so), `*`, or a /0 network.
 * - `lan`: a network that covers the scanned LAN, or a network of 4+ addresses holding this PC,
 *   or a host pattern (`192.168.1.*`) that matches this PC's address.
 * - `restricted`: only single hosts, smaller networks, host names, netgroups (`@name`) or other
 *   patterns; whether those include a given device is not known from the list alone.
 */
export type ExportReach = 'everyone' | 'lan' | 'restricted'

/** The network the scan runs on: this PC's address and its subnet (either may be unknown). */
export interface LanContext {
  address: string | null
  cidr: string | null
}

const EVERYONE = new Set(['*', '(everyone)', 'everyone', '::/0', '0/0'])

/** `a.b.c.d/n` or `a.b.c.d/255.255.255.0` (contiguous masks only); null for anything else. */
export function parseNetworkGroup(group: string): Cidr | null {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2}|\d{1,3}(?:\.\d{1,3}){3})$/.exec(group)
  if (!m) return null
  if (!m[2]!.includes('.')) return parseCidr(group)
  const mask = parseIpv4(m[2]!)
  if (mask === null) return null
  const prefix = 32 - Math.log2(((~mask >>> 0) + 1) >>> 0 || 2 ** 32)
  if (!Number.isInteger(prefix)) return null
  return parseCidr(`${m[1]}/${prefix}`)
}

function globMatches(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
  return re.test(text)
}

export function classifyGroup(group: string, lan: LanContext): {reach: ExportReach; note: string} {
  const g = group.trim()
  if (EVERYONE.has(g.toLowerCase())) return {reach: 'everyone', note: `${g} (every client)`}
  const self = lan.address ? parseIpv4(lan.address) : null
  const subnet = lan.cidr ? parseCidr(lan.cidr) : null
  const network = parseNetworkGroup(g)
  if (network) {
    if (network.prefixLength === 0) return {reach: 'everyone', note: `${g} (every address)`}
    // nfs-ganesha lists a single client address as a /32.
    if (network.prefixLength === 32) return {reach: 'restricted', note: network.network === self ? `${g} (this PC only)` : `${g} (one host)`}
    if (subnet && cidrWithin(subnet, network)) {
      return {reach: 'lan', note: formatCidr(network) === formatCidr(subnet) ? `${g} (this whole LAN)` : `${g} (a network holding this whole LAN, ${formatCidr(subnet)})`}
    }
    if (self !== null && cidrContains(network, self) && network.prefixLength <= 30) return {reach: 'lan', note: `${g} (a network that includes this PC)`}
    return {reach: 'restricted', note: `${g} (a network without this PC)`}
  }
  const ip = parseIpv4(g)
  if (ip !== null) return {reach: 'restricted', note: ip === self ? `${g} (this PC only)` : `${g} (one host)`}
  if (g.startsWith('@')) return {reach: 'restricted', note: `${g} (a netgroup; members not known)`}
  if (/[*?]/.test(g) && lan.address && globMatches(g, lan.address)) return {reach: 'lan', note: `${g} (a pattern matching this PC's address)`}
  return {reach: 'restricted', note: `${g} (host names or a pattern; who matches is not known)`}
}

const RANK: Record<ExportReach, number> = {restricted: 0, lan: 1, everyone: 2}

/** The widest reach among an export's groups, and a note per group. */
export function classifyExport(groups: readonly string[], lan: LanContext): {reach: ExportReach; notes: string[]} {
  if (groups.length === 0) return {reach: 'everyone', notes: ['no client restriction listed (every client)']}
  let reach: ExportReach = 'restricted'
  const notes: string[] = []
  for (const group of groups) {
    const c = classifyGroup(group, lan)
    notes.push(c.note)
    if (RANK[c.reach] > RANK[reach]) reach = c.reach
  }
  return {reach, notes}
}
