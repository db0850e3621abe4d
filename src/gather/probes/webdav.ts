import type {ScanScope} from '../../scope/scope-guard.js'
import {httpFetch} from '../net/http-fetch.js'
import {XmlRejected, parseSafeXml, xmlList, xmlText} from './safe-xml.js'

/**
 * WebDAV on a device's web ports (a NAS's 5005/5006 above all): OPTIONS / for the DAV and Allow
 * headers (RFC 4918 §10.1, RFC 9110 §9.3.7), then one PROPFIND of "/" with Depth 0 (RFC 4918
 * §9.1): 207 Multi-Status without credentials means anyone on the LAN can read it. Nothing else
 * is sent: never PUT, DELETE, MKCOL, MOVE, COPY, PROPPATCH or LOCK.
 */

export const WEBDAV_PORTS: ReadonlyArray<{port: number; scheme: 'http' | 'https'}> = [
  {port: 80, scheme: 'http'},
  {port: 443, scheme: 'https'},
  {port: 5005, scheme: 'http'},
  {port: 5006, scheme: 'https'},
  {port: 8080, scheme: 'http'},
  {port: 8443, scheme: 'https'},
]

const MAX_MULTISTATUS = 256 * 1024
const WRITE_METHODS = new Set(['PUT', 'DELETE', 'MKCOL', 'MOVE', 'COPY', 'PROPPATCH', 'LOCK', 'UNLOCK'])

export const PROPFIND_BODY = '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>'

export interface WebdavProbeResult {
  host: string
  port: number
  scheme: 'http' | 'https'
  /** The DAV header of OPTIONS (compliance classes, e.g. "1,2"). */
  dav: string | null
  /** Methods the Allow header lists, and those of them that would write (advertised, never tried). */
  allow: string[]
  writeMethodsAdvertised: string[]
  server: string | null
  optionsStatus: number | null
  propfindStatus: number | null
  /** PROPFIND answered 207 without credentials (true), asked for them (false), or unknown (null). */
  anonymous: boolean | null
  /** The hrefs of the multistatus answer (the root itself with Depth 0), capped. */
  hrefs: string[]
  error: string | null
}

/** The responses of a 207 Multi-Status body. Throws XmlRejected, nothing else. */
export function parseMultistatus(xml: string | Buffer): {responses: number; hrefs: string[]} {
  const doc = parseSafeXml(xml, {what: 'WebDAV multistatus', maxChars: MAX_MULTISTATUS, arrays: ['response', 'href']})
  const root = doc.multistatus as Record<string, unknown> | '' | undefined
  if (root === '') return {responses: 0, hrefs: []} // <multistatus/>
  if (!root || typeof root !== 'object') throw new XmlRejected('WebDAV multistatus rejected: no <multistatus>')
  const responses = xmlList(root.response)
  const hrefs = responses.flatMap((r) => (Array.isArray(r.href) ? r.href : [r.href]).map((h) => xmlText({h}, 'h', 256)).filter((h): h is string => h !== null))
  return {responses: responses.length, hrefs: hrefs.slice(0, 16)}
}

function methods(allow: string | undefined): string[] {
  if (!allow) return []
  return [...new Set(allow.split(',').map((m) => m.trim().toUpperCase()).filter((m) => /^[A-Z-]{1,20}$/.test(m)))].slice(0, 32)
}

/**
 * Ask one web port whether it is WebDAV and whether an anonymous visitor may read it. Null when
 * the port does not look like WebDAV (no DAV header, no PROPFIND in Allow, no 207). Never throws.
 */
export async function probeWebdav(scope: ScanScope, ip: string, port: number, scheme: 'http' | 'https', timeoutMs = 3000): Promise<WebdavProbeResult | null> {
  const url = `${scheme}://${ip}:${port}/`
  const options = await httpFetch(scope, url, {method: 'OPTIONS', timeoutMs, maxRedirects: 0, maxBytes: 64 * 1024})
  if (options.error && options.status === null) return null
  const dav = options.headers.dav?.slice(0, 64) ?? null
  const allow = methods(options.headers.allow)
  const looksDav = dav !== null || allow.includes('PROPFIND')
  // A server that wants credentials for everything says nothing to OPTIONS; PROPFIND may still tell.
  if (!looksDav && options.status !== 401) return null
  const result: WebdavProbeResult = {
    host: ip,
    port,
    scheme,
    dav,
    allow,
    writeMethodsAdvertised: allow.filter((m) => WRITE_METHODS.has(m)),
    server: options.headers.server?.slice(0, 256) ?? null,
    optionsStatus: options.status,
    propfindStatus: null,
    anonymous: null,
    hrefs: [],
    error: null,
  }
  const propfind = await httpFetch(scope, url, {
    method: 'PROPFIND',
    timeoutMs,
    maxRedirects: 0,
    maxBytes: MAX_MULTISTATUS,
    headers: {Depth: '0', 'Content-Type': 'application/xml; charset=utf-8'},
    data: PROPFIND_BODY,
  })
  result.propfindStatus = propfind.status
  if (propfind.error) return looksDav ? {...result, error: propfind.error} : null
  if (propfind.status === 207) {
    try {
      const multistatus = parseMultistatus(propfind.body)
      if (multistatus.responses === 0) return {...result, error: '207 without any response element'}
      return {...result, anonymous: true, hrefs: multistatus.hrefs}
    } catch (error) {
      return {...result, error: error instanceof Error ? error.message : String(error)}
    }
  }
  if (!looksDav) return null // 401 to everything, and no sign of WebDAV: not counted as WebDAV
  if (propfind.status === 401 || propfind.status === 403) return {...result, anonymous: false}
  return {...result, error: `PROPFIND answered HTTP ${propfind.status}`}
}
