import type {ScanScope} from '../../scope/scope-guard.js'
import {httpFetch} from '../net/http-fetch.js'
import {XmlRejected, decodeXmlEntities, parseSafeXml, xmlList, xmlText} from './safe-xml.js'

/**
 * DLNA / UPnP AV media servers: does the ContentDirectory hand out its content to anyone on the
 * LAN? One SOAP Browse of the root (ObjectID "0", BrowseDirectChildren, at most 20 entries) —
 * ContentDirectory:1 §2.7.4 — and the DIDL-Lite titles it returns. Browse only reads.
 */

export const MAX_DLNA_XML = 1024 * 1024
export const BROWSE_COUNT = 20
const MAX_ENTRIES = BROWSE_COUNT
const MAX_TITLE = 128
const MAX_DEVICES = 64

export interface ContentDirectory {
  descriptionUrl: string
  deviceType: string | null
  friendlyName: string | null
  manufacturer: string | null
  modelName: string | null
  serviceType: string
  /** Absolute URL of the ContentDirectory control point. */
  controlUrl: string
}

export interface DidlEntry {
  kind: 'container' | 'item'
  id: string | null
  title: string | null
  upnpClass: string | null
  childCount: number | null
}

export interface BrowseResult {
  numberReturned: number | null
  totalMatches: number | null
  entries: DidlEntry[]
  /** The server sent more entries than asked for; only the first ones are kept. */
  capped: boolean
  /** A SOAP fault instead of a result: UPnP error code and description. */
  fault: {code: number | null; description: string | null} | null
}

function count(text: string | null): number | null {
  return text !== null && /^\d{1,10}$/.test(text) ? Number(text) : null
}

function attribute(node: Record<string, unknown>, name: string, max = 128): string | null {
  const value = node[`@_${name}`]
  return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, max) : null
}

/**
 * The ContentDirectory service of a UPnP description (a MediaServer's), with its control URL
 * resolved against URLBase or the description's own URL; null when the description has none.
 * Throws XmlRejected for a description that cannot be read safely.
 */
export function findContentDirectory(xml: string | Buffer, descriptionUrl: string): ContentDirectory | null {
  const doc = parseSafeXml(xml, {what: 'UPnP description', maxChars: MAX_DLNA_XML, arrays: ['device', 'service']})
  const root = doc.root as Record<string, unknown> | undefined
  if (!root || typeof root !== 'object') throw new XmlRejected('UPnP description rejected: no <root>')
  let base: URL
  try {
    base = new URL(xmlText(root, 'URLBase', 1024) ?? descriptionUrl, descriptionUrl)
  } catch {
    base = new URL(descriptionUrl)
  }
  const queue = xmlList(root.device).map((d) => ({device: d, depth: 0}))
  for (let seen = 0; queue.length > 0 && seen < MAX_DEVICES; seen++) {
    const {device, depth} = queue.shift()!
    for (const service of xmlList((device.serviceList as Record<string, unknown> | undefined)?.service).slice(0, 64)) {
      const serviceType = xmlText(service, 'serviceType', 256)
      const control = xmlText(service, 'controlURL', 1024)
      if (!serviceType || !control || !/:service:ContentDirectory:\d+$/i.test(serviceType)) continue
      let controlUrl: string
      try {
        controlUrl = new URL(control, base).href
      } catch {
        continue
      }
      return {
        descriptionUrl,
        deviceType: xmlText(device, 'deviceType', 256),
        friendlyName: xmlText(device, 'friendlyName', 256),
        manufacturer: xmlText(device, 'manufacturer', 256),
        modelName: xmlText(device, 'modelName', 256),
        serviceType,
        controlUrl,
      }
    }
    if (depth < 4) queue.push(...xmlList((device.deviceList as Record<string, unknown> | undefined)?.device).map((d) => ({device: d, depth: depth + 1})))
  }
  return null
}

/** The SOAP body of one Browse: the direct children of `objectId`, at most BROWSE_COUNT. */
export function browseRequest(serviceType: string, objectId = '0'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>',
    `<u:Browse xmlns:u="${esc(serviceType)}"><ObjectID>${esc(objectId)}</ObjectID><BrowseFlag>BrowseDirectChildren</BrowseFlag>`,
    `<Filter>*</Filter><StartingIndex>0</StartingIndex><RequestedCount>${BROWSE_COUNT}</RequestedCount><SortCriteria></SortCriteria></u:Browse>`,
    '</s:Body></s:Envelope>',
  ].join('')
}

function didlEntries(result: string): {entries: DidlEntry[]; capped: boolean} {
  // The DIDL-Lite document travels as escaped text inside <Result> (or, from some servers, as CDATA).
  const didl = result.trimStart().startsWith('<') ? result : decodeXmlEntities(result)
  const doc = parseSafeXml(didl, {what: 'DIDL-Lite', maxChars: MAX_DLNA_XML, arrays: ['container', 'item'], attributes: true})
  const root = doc['DIDL-Lite'] as Record<string, unknown> | undefined
  if (!root || typeof root !== 'object') throw new XmlRejected('DIDL-Lite rejected: no <DIDL-Lite>')
  const read = (kind: DidlEntry['kind']) =>
    xmlList(root[kind]).map((node) => ({
      kind,
      id: attribute(node, 'id'),
      title: xmlText(node, 'title', MAX_TITLE),
      upnpClass: xmlText(node, 'class', 128),
      childCount: count(attribute(node, 'childCount', 12)),
    }))
  const all = [...read('container'), ...read('item')]
  return {entries: all.slice(0, MAX_ENTRIES), capped: all.length > MAX_ENTRIES}
}

/** Parse a Browse answer (a BrowseResponse or a SOAP fault). Throws XmlRejected, nothing else. */
export function parseBrowseResponse(xml: string | Buffer): BrowseResult {
  const doc = parseSafeXml(xml, {what: 'SOAP response', maxChars: MAX_DLNA_XML})
  const body = (doc.Envelope as Record<string, unknown> | undefined)?.Body as Record<string, unknown> | undefined
  if (!body || typeof body !== 'object') throw new XmlRejected('SOAP response rejected: no <Envelope><Body>')
  const fault = body.Fault as Record<string, unknown> | undefined
  if (fault && typeof fault === 'object') {
    const error = ((fault.detail as Record<string, unknown> | undefined)?.UPnPError ?? {}) as Record<string, unknown>
    return {numberReturned: null, totalMatches: null, entries: [], capped: false, fault: {code: count(xmlText(error, 'errorCode', 12)), description: xmlText(error, 'errorDescription', 256) ?? xmlText(fault, 'faultstring', 256)}}
  }
  const response = body.BrowseResponse as Record<string, unknown> | undefined
  if (!response || typeof response !== 'object') throw new XmlRejected('SOAP response rejected: no BrowseResponse')
  const result = xmlText(response, 'Result', MAX_DLNA_XML)
  const {entries, capped} = result ? didlEntries(result) : {entries: [], capped: false}
  return {numberReturned: count(xmlText(response, 'NumberReturned', 12)), totalMatches: count(xmlText(response, 'TotalMatches', 12)), entries, capped, fault: null}
}

export interface DlnaProbeResult {
  host: string
  server: ContentDirectory
  /** The port of the control URL. */
  port: number
  status: number | null
  /** Answered without credentials (true), refused for want of them (false), or could not tell (null). */
  anonymous: boolean | null
  browse: BrowseResult | null
  error: string | null
}

/** The first ContentDirectory found at these description URLs (each on `ip` itself), or null. */
async function locate(scope: ScanScope, ip: string, urls: readonly string[], timeoutMs: number): Promise<{server: ContentDirectory | null; errors: string[]}> {
  const errors: string[] = []
  for (const url of urls.slice(0, 3)) {
    if (!sameHost(url, ip)) continue
    const res = await httpFetch(scope, url, {timeoutMs, maxRedirects: 0, maxBytes: MAX_DLNA_XML})
    if (res.error || res.status !== 200) {
      errors.push(`${url}: ${res.error ?? `HTTP ${res.status}`}`)
      continue
    }
    try {
      const server = findContentDirectory(res.body, url)
      if (server) return {server, errors}
    } catch (error) {
      errors.push(`${url}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return {server: null, errors}
}

function sameHost(url: string, ip: string): boolean {
  try {
    const u = new URL(url)
    return u.hostname === ip && (u.protocol === 'http:' || u.protocol === 'https:')
  } catch {
    return false
  }
}

/**
 * Look for a media server in the host's UPnP descriptions and, when it has a ContentDirectory on
 * the host itself, Browse its root once without credentials. Null when no description offers a
 * ContentDirectory. Never throws.
 */
export async function probeDlna(scope: ScanScope, ip: string, descriptionUrls: readonly string[], timeoutMs = 3000): Promise<DlnaProbeResult | null> {
  const {server} = await locate(scope, ip, descriptionUrls, timeoutMs)
  if (!server) return null
  const control = new URL(server.controlUrl)
  const port = Number(control.port || (control.protocol === 'https:' ? 443 : 80))
  const base = {host: ip, server, port, status: null, anonymous: null, browse: null}
  if (!sameHost(server.controlUrl, ip)) return {...base, error: `control URL ${server.controlUrl.slice(0, 200)} is not on ${ip}: not asked`}
  const res = await httpFetch(scope, server.controlUrl, {
    method: 'POST',
    timeoutMs,
    maxRedirects: 0,
    maxBytes: MAX_DLNA_XML,
    headers: {'Content-Type': 'text/xml; charset="utf-8"', SOAPACTION: `"${server.serviceType}#Browse"`},
    data: browseRequest(server.serviceType),
  })
  if (res.error) return {...base, error: res.error}
  if (res.status === 401 || res.status === 403) return {...base, status: res.status, anonymous: false, error: null}
  let browse: BrowseResult
  try {
    browse = parseBrowseResponse(res.body)
  } catch (error) {
    return {...base, status: res.status, error: `HTTP ${res.status}: ${error instanceof Error ? error.message : String(error)}`}
  }
  if (browse.fault) {
    // UPnP error 606: "Action not authorized" — the server wants credentials or a registered client.
    const refused = browse.fault.code === 606
    return {...base, status: res.status, anonymous: refused ? false : null, browse, error: refused ? null : `SOAP fault ${browse.fault.code ?? '?'}: ${browse.fault.description ?? ''}`.trim()}
  }
  return {...base, status: res.status, anonymous: res.status === 200, browse, error: res.status === 200 ? null : `HTTP ${res.status}`}
}
