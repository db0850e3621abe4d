import type {Exposure} from '../../evidence/exposures-schema.js'
import type {Host} from '../../evidence/schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {mapLimit} from '../../util/concurrency.js'
import {type DlnaProbeResult, probeDlna} from '../probes/dlna.js'
import {IPP_PORT, type IppProbeResult, probeIpp} from '../probes/ipp.js'
import {TELNET_PORT, type TelnetProbeResult, probeTelnet} from '../probes/telnet.js'
import {WEBDAV_PORTS, type WebdavProbeResult, probeWebdav} from '../probes/webdav.js'

/** minidlna's port and description path: asked when 8200 is open but no SSDP answer named a media server. */
export const MINIDLNA_PORT = 8200
export const RAW_PRINT_PORT = 9100

export interface GatherExposuresOptions {
  timeoutMs: number
}

/**
 * The description URLs of a host that may describe a media server, most likely first: SSDP
 * answers naming a MediaServer or ContentDirectory, then the description the name probes read
 * when it is a MediaServer's, then minidlna's well-known one when 8200 is open. Empty when
 * nothing hints at a media server (the router's IGD description is not fetched again).
 */
export function mediaServerUrls(host: Host): string[] {
  const urls: string[] = []
  const id = host.identity
  for (const s of id?.ssdp ?? []) if (s.location && /MediaServer|ContentDirectory/i.test(s.st ?? '')) urls.push(s.location)
  if (id?.upnp?.url && /MediaServer/i.test(id.upnp.deviceType ?? '')) urls.push(id.upnp.url)
  if (host.ports.some((p) => p.protocol === 'tcp' && p.port === MINIDLNA_PORT)) urls.push(`http://${host.ip}:${MINIDLNA_PORT}/rootDesc.xml`)
  return [...new Set(urls)].slice(0, 3)
}

export function dlnaExposure(r: DlnaProbeResult): Exposure {
  const titles = (r.browse?.entries ?? []).map((e) => e.title ?? '(untitled)')
  const name = r.server.friendlyName ?? r.server.modelName ?? r.host
  const summary =
    r.anonymous === true
      ? `DLNA media server "${name}": Browse of the root answered without credentials, ${titles.length} entries${titles.length ? ` (${titles.slice(0, 8).join(', ')})` : ''}${r.browse?.totalMatches ? `, ${r.browse.totalMatches} in all` : ''}`
      : r.anonymous === false
        ? `DLNA media server "${name}": Browse refused without credentials${r.status ? ` (HTTP ${r.status})` : ''}`
        : `DLNA media server "${name}": Browse not answered (${r.error ?? 'unknown'})`
  return {
    host: r.host,
    kind: 'dlna',
    port: r.port,
    anonymous: r.anonymous,
    summary,
    details: {
      friendlyName: r.server.friendlyName,
      manufacturer: r.server.manufacturer,
      modelName: r.server.modelName,
      deviceType: r.server.deviceType,
      descriptionUrl: r.server.descriptionUrl,
      controlUrl: r.server.controlUrl,
      httpStatus: r.status,
      numberReturned: r.browse?.numberReturned ?? null,
      totalMatches: r.browse?.totalMatches ?? null,
      containers: (r.browse?.entries ?? []).filter((e) => e.kind === 'container').length,
      items: (r.browse?.entries ?? []).filter((e) => e.kind === 'item').length,
      titles,
    },
    error: r.error,
  }
}

export function ippExposure(r: IppProbeResult): Exposure {
  const p = r.printer
  const jobsOpen = p?.authentication.includes('none') ?? null
  const summary =
    r.anonymous === true
      ? `IPP printer "${p?.makeAndModel ?? p?.name ?? '?'}" answered Get-Printer-Attributes without credentials${jobsOpen === null ? '' : jobsOpen ? '; accepts jobs without authentication' : `; job authentication: ${p!.authentication.join(', ')}`}`
      : r.anonymous === false
        ? `IPP printer asks for credentials (${r.httpStatus === 200 ? r.status : `HTTP ${r.httpStatus}`})`
        : `IPP on ${r.port}: no answer (${r.error ?? 'unknown'})`
  return {
    host: r.host,
    kind: 'ipp',
    port: r.port,
    anonymous: r.anonymous,
    summary,
    details: {
      resource: r.resource,
      httpStatus: r.httpStatus,
      status: r.status,
      printerName: p?.name ?? null,
      makeAndModel: p?.makeAndModel ?? null,
      info: p?.info ?? null,
      location: p?.location ?? null,
      state: p?.state ?? null,
      acceptingJobs: p?.acceptingJobs ?? null,
      firmware: p?.firmware ?? null,
      uris: p?.uris ?? [],
      uriAuthentication: p?.authentication ?? [],
      uriSecurity: p?.security ?? [],
      ippVersions: p?.ippVersions ?? [],
      jobsWithoutAuthentication: jobsOpen,
    },
    error: r.error,
  }
}

/** Raw printing has no authentication at all; the port is only seen open, nothing is sent to it (it would print). */
export function rawPrintExposure(ip: string): Exposure {
  return {
    host: ip,
    kind: 'raw-print',
    port: RAW_PRINT_PORT,
    anonymous: true,
    summary: `raw printing (JetDirect/AppSocket) port ${RAW_PRINT_PORT} open: the protocol has no authentication; nothing was sent to it`,
    details: {probe: 'port open (TCP connect only)'},
    error: null,
  }
}

export function webdavExposure(r: WebdavProbeResult): Exposure {
  const summary =
    r.anonymous === true
      ? `WebDAV at ${r.scheme}://${r.host}:${r.port}/: PROPFIND (Depth 0) answered 207 without credentials${r.writeMethodsAdvertised.length ? `; Allow lists ${r.writeMethodsAdvertised.join(', ')} (not tried)` : ''}`
      : r.anonymous === false
        ? `WebDAV at ${r.scheme}://${r.host}:${r.port}/: PROPFIND asks for credentials (HTTP ${r.propfindStatus})`
        : `WebDAV at ${r.scheme}://${r.host}:${r.port}/: access not known (${r.error ?? 'unknown'})`
  return {
    host: r.host,
    kind: 'webdav',
    port: r.port,
    anonymous: r.anonymous,
    summary,
    details: {
      scheme: r.scheme,
      dav: r.dav,
      allow: r.allow,
      writeMethodsAdvertised: r.writeMethodsAdvertised,
      server: r.server,
      optionsStatus: r.optionsStatus,
      propfindStatus: r.propfindStatus,
      hrefs: r.hrefs,
    },
    error: r.error,
  }
}

export function telnetExposure(r: TelnetProbeResult): Exposure {
  return {
    host: r.host,
    kind: 'telnet',
    port: r.port,
    // Telnet sends the login and everything after it in clear text; whether a login is needed is not tried.
    anonymous: null,
    summary: `Telnet on ${r.host}:${r.port}: ${r.reachable ? (r.banner ? `greeting "${r.banner}"` : r.negotiation ? 'option negotiation, no text before a reply' : 'connected, nothing sent by the server') : `not reachable (${r.error ?? '?'})`}`,
    details: {negotiation: r.negotiation, banner: r.banner},
    error: r.error,
  }
}

/**
 * Ask every other host's remaining services what an anonymous visitor gets: DLNA (one Browse of
 * the root), IPP (Get-Printer-Attributes), raw 9100 (port only), WebDAV (OPTIONS and a Depth-0
 * PROPFIND), Telnet (the greeting). Read-only: nothing is written, printed or uploaded. Never throws.
 */
export async function gatherExposures(scope: ScanScope, hosts: readonly Host[], options: GatherExposuresOptions): Promise<Exposure[]> {
  const {timeoutMs} = options
  const jobs: Array<() => Promise<Exposure | null>> = []
  for (const host of hosts.filter((h) => !h.isSelf && scope.allows(h.ip))) {
    const open = new Set(host.ports.filter((p) => p.protocol === 'tcp' && p.state === 'open').map((p) => p.port))
    const ip = host.ip
    if (open.has(TELNET_PORT)) jobs.push(async () => telnetExposure(await probeTelnet(scope, ip, TELNET_PORT, timeoutMs)))
    if (open.has(IPP_PORT)) jobs.push(async () => ippExposure(await probeIpp(scope, ip, IPP_PORT, timeoutMs)))
    if (open.has(RAW_PRINT_PORT)) jobs.push(async () => rawPrintExposure(ip))
    for (const {port, scheme} of WEBDAV_PORTS.filter((p) => open.has(p.port))) {
      jobs.push(async () => {
        const r = await probeWebdav(scope, ip, port, scheme, timeoutMs)
        return r ? webdavExposure(r) : null
      })
    }
    const urls = mediaServerUrls(host)
    if (urls.length > 0) {
      jobs.push(async () => {
        const r = await probeDlna(scope, ip, urls, timeoutMs)
        return r ? dlnaExposure(r) : null
      })
    }
  }
  const results = await mapLimit(jobs, 8, async (job) => {
    try {
      return await job()
    } catch {
      return null // a probe never throws; should one anyway, its service is left out rather than the scan ended
    }
  })
  return results.filter((e): e is Exposure => e !== null)
}
