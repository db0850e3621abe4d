import {TOP_TCP_PORTS} from './top-ports.js'

/**
 * The small set of TCP ports checked on every host found, with nmap-services names.
 * Chosen for what matters to the guideline: file sharing, remote access, admin pages,
 * printers, media servers (DLNA), NAS WebDAV, phones and IoT. 5005/5006 are WebDAV on Synology
 * NAS, 8200 is minidlna (the DLNA server of many NAS and routers): named for what they are at home.
 */
export const COMMON_TCP_PORTS: ReadonlyArray<{port: number; service: string}> = [
  {port: 21, service: 'ftp'},
  {port: 22, service: 'ssh'},
  {port: 23, service: 'telnet'},
  {port: 53, service: 'domain'},
  {port: 80, service: 'http'},
  {port: 111, service: 'rpcbind'},
  {port: 135, service: 'msrpc'},
  {port: 139, service: 'netbios-ssn'},
  {port: 443, service: 'https'},
  {port: 445, service: 'microsoft-ds'},
  {port: 515, service: 'printer'},
  {port: 548, service: 'afp'},
  {port: 554, service: 'rtsp'},
  {port: 631, service: 'ipp'},
  {port: 1883, service: 'mqtt'},
  {port: 2049, service: 'nfs'},
  {port: 3389, service: 'ms-wbt-server'},
  {port: 5000, service: 'upnp'},
  {port: 5005, service: 'webdav'},
  {port: 5006, service: 'webdavs'},
  {port: 5357, service: 'wsdapi'},
  {port: 7000, service: 'afs3-fileserver'},
  {port: 8080, service: 'http-proxy'},
  {port: 8200, service: 'dlna'},
  {port: 8443, service: 'https-alt'},
  {port: 9100, service: 'jetdirect'},
  {port: 49000, service: 'tr-064'},
  {port: 62078, service: 'iphone-sync'},
]

/**
 * Ports tried on every address of the subnet. One attempt is enough to make the OS resolve
 * the address (hosts that drop everything still land in the neighbour table); a second port
 * catches hosts whose answer (open or reset) proves them alive when the table cannot be read.
 */
export const SWEEP_TCP_PORTS: readonly number[] = [80, 445]

const TOP_NAMES = new Map(TOP_TCP_PORTS)

export function serviceName(port: number): string | null {
  return COMMON_TCP_PORTS.find((p) => p.port === port)?.service ?? TOP_NAMES.get(port) ?? null
}

/** The first `n` of nmap's most frequently open TCP ports. */
export function topTcpPorts(n: number): number[] {
  return TOP_TCP_PORTS.slice(0, Math.max(0, Math.min(n, TOP_TCP_PORTS.length))).map(([port]) => port)
}

/** What the port check tries by default: nmap's top 100, plus the home-network ports above. */
export const DEFAULT_TCP_PORTS: readonly number[] = [...new Set([...topTcpPorts(100), ...COMMON_TCP_PORTS.map((p) => p.port)])]

export const MAX_PORTS = 4096

/**
 * Parse a --ports list: "22,80,8000-8100". Null when malformed, out of range, or longer than
 * MAX_PORTS ports.
 */
export function parsePortSpec(spec: string): number[] | null {
  const ports = new Set<number>()
  for (const part of spec.split(',').map((p) => p.trim())) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part)
    if (!m) return null
    const from = Number(m[1])
    const to = m[2] === undefined ? from : Number(m[2])
    if (from < 1 || to > 65535 || to < from || ports.size + (to - from + 1) > MAX_PORTS) return null
    for (let p = from; p <= to; p++) ports.add(p)
  }
  return ports.size > 0 ? [...ports] : null
}
