import type {HttpObservation, RouterObservations, UpnpDeviceSummary} from '../../evidence/router-schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {httpFetch} from '../net/http-fetch.js'
import {ADMIN_PORTS, probeHttpAdmin} from '../probes/http-admin.js'
import {probeSnmp} from '../probes/snmp.js'
import {ssdpSearch} from '../probes/ssdp.js'
import {MAX_DESCRIPTION_BYTES, parseUpnpDescription} from '../probes/upnp-description.js'
import {summariseDescription} from './summarise-description.js'

export const TR064_PORT = 49000

/** Fetch and parse a description (UPnP or TR-064) from a device; the failure reason is kept. */
export async function fetchDescription(scope: ScanScope, url: string, timeoutMs: number): Promise<{url: string; device: UpnpDeviceSummary | null; error: string | null}> {
  const res = await httpFetch(scope, url, {timeoutMs, maxRedirects: 0, maxBytes: MAX_DESCRIPTION_BYTES})
  if (res.truncated) return {url, device: null, error: `description rejected: too large (${res.error})`}
  if (res.timedOut) return {url, device: null, error: `description rejected: timed out (${res.error})`}
  if (res.error) return {url, device: null, error: `description not read: ${res.error}`}
  if (res.status !== 200) return {url, device: null, error: `description not read: HTTP ${res.status}`}
  try {
    return {url, device: summariseDescription(parseUpnpDescription(res.body)), error: null}
  } catch (error) {
    return {url, device: null, error: error instanceof Error ? error.message : String(error)}
  }
}

export interface GatherRouterOptions {
  timeoutMs?: number
  /** Open TCP ports already known (from the port check), to skip admin ports that are closed. */
  openTcpPorts?: readonly number[]
  ouiVendor?: string | null
}

/** Ask the router who it is, over every protocol it may answer: SSDP/UPnP, HTTP(S), SNMP, TR-064. */
export async function gatherRouter(scope: ScanScope, ip: string, options: GatherRouterOptions = {}): Promise<RouterObservations> {
  const timeoutMs = options.timeoutMs ?? 3000
  const open = options.openTcpPorts ? new Set(options.openTcpPorts) : null
  const [ssdp, snmp, http, tr064] = await Promise.all([
    ssdpSearch(scope, ip, Math.min(timeoutMs, 1500)),
    probeSnmp(scope, ip, Math.min(timeoutMs, 1500)),
    Promise.all(ADMIN_PORTS.filter((p) => !open || open.has(p.port)).map((p) => probeHttpAdmin(scope, ip, p.port, p.scheme, timeoutMs))),
    !open || open.has(TR064_PORT) ? fetchDescription(scope, `http://${ip}:${TR064_PORT}/tr64desc.xml`, timeoutMs) : Promise.resolve(null),
  ])
  const location = ssdp.find((s) => s.trustedLocation && /InternetGatewayDevice|rootdevice/i.test(s.st ?? ''))?.trustedLocation ?? ssdp.find((s) => s.trustedLocation)?.trustedLocation ?? null
  const upnp = location ? await fetchDescription(scope, location, timeoutMs) : null
  const httpPages: HttpObservation[] = http.filter((p) => p.status !== null || !/ECONNREFUSED/.test(p.error ?? ''))
  return {
    target: ip,
    ouiVendor: options.ouiVendor ?? null,
    ssdp: ssdp.map(({st, usn, server, location: loc, trustedLocation}) => ({st, usn, server, location: loc, trustedLocation})),
    upnp,
    http: httpPages,
    snmp: {answer: snmp.answer, attempts: snmp.attempts},
    tr064: tr064 && (tr064.device || !/ECONNREFUSED|HTTP 404/.test(tr064.error ?? '')) ? tr064 : null,
  }
}
