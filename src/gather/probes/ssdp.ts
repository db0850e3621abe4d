import dgram from 'node:dgram'
import type {ScanScope} from '../../scope/scope-guard.js'

/** One SSDP answer: the responder and the headers that matter. */
export interface SsdpResponse {
  from: string
  st: string | null
  usn: string | null
  server: string | null
  location: string | null
  /** The LOCATION if it points at the responder itself (anything else is never fetched). */
  trustedLocation: string | null
}

const MAX_DATAGRAM = 8 * 1024
const MAX_RESPONSES = 64

/** Parse an SSDP response datagram (HTTP over UDP); null if it is not one. */
export function parseSsdpResponse(from: string, message: Buffer | string): SsdpResponse | null {
  const text = (typeof message === 'string' ? message : message.subarray(0, MAX_DATAGRAM).toString('latin1')).slice(0, MAX_DATAGRAM)
  const lines = text.split(/\r?\n/)
  if (!/^HTTP\/1\.[01] 200\b/i.test(lines[0] ?? '') && !/^NOTIFY \* HTTP\/1\.[01]/i.test(lines[0] ?? '')) return null
  const headers = new Map<string, string>()
  for (const line of lines.slice(1, 40)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim().slice(0, 512))
  }
  const location = headers.get('location') ?? null
  let trustedLocation: string | null = null
  if (location) {
    try {
      const url = new URL(location)
      if (url.protocol === 'http:' && url.hostname === from) trustedLocation = url.href
    } catch {
      // not a URL: not fetched
    }
  }
  return {from, st: headers.get('st') ?? headers.get('nt') ?? null, usn: headers.get('usn') ?? null, server: headers.get('server') ?? null, location, trustedLocation}
}

/**
 * Send an SSDP M-SEARCH to one device (unicast to port 1900) and collect its answers for
 * `windowMs`. Answers from any other address are ignored.
 */
export function ssdpSearch(scope: ScanScope, ip: string, windowMs = 1500, st = 'ssdp:all'): Promise<SsdpResponse[]> {
  scope.assertAllows(ip)
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4')
    const responses: SsdpResponse[] = []
    const finish = () => {
      clearTimeout(timer)
      socket.close()
      resolve(responses)
    }
    const timer = setTimeout(finish, windowMs)
    socket.on('error', finish)
    socket.on('message', (message, rinfo) => {
      if (rinfo.address !== ip || responses.length >= MAX_RESPONSES) return
      const parsed = parseSsdpResponse(rinfo.address, message)
      if (parsed) responses.push(parsed)
    })
    const request = ['M-SEARCH * HTTP/1.1', `HOST: ${ip}:1900`, 'MAN: "ssdp:discover"', 'MX: 1', `ST: ${st}`, 'USER-AGENT: homeaudit UPnP/1.1', '', ''].join('\r\n')
    socket.bind(0, () => socket.send(request, 1900, ip, (error) => error && finish()))
  })
}
