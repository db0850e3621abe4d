import type {Host} from '../evidence/schema.js'

/** A one-line, language-neutral account of a host for evidence lists. */
export function describeHost(host: Host): string {
  const parts = [host.ip]
  if (host.mac) parts.push(host.mac)
  if (host.vendor) parts.push(host.vendor)
  else if (host.macRandomized) parts.push('randomised MAC')
  const name = host.names[0]?.name
  if (name) parts.push(`"${name}"`)
  if (host.ports.length > 0) parts.push(`open: ${host.ports.map((p) => `${p.port}/${p.protocol}`).join(',')}`)
  return parts.join(' ')
}

/** Hosts on the segment that are neither this PC nor the router. */
export function otherHosts(hosts: readonly Host[]): Host[] {
  return hosts.filter((h) => !h.isSelf && !h.isGateway)
}
