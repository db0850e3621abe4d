import type {ScanScope} from '../../scope/scope-guard.js'
import {httpFetch} from '../net/http-fetch.js'
import {type IppResponse, type IppValue, IppParseError, MAX_IPP_BYTES, getPrinterAttributesRequest, ippStatusName, parseIppResponse, printerStateName} from './ipp-codec.js'

/**
 * A printer's IPP service (631/tcp): one Get-Printer-Attributes, the read-only query every IPP
 * client makes first, over HTTP POST. No job is created and nothing is printed.
 */

export const IPP_PORT = 631
/** IPP Everywhere's resource first (RFC 8011 printers, PWG 5100.14), then the older "/ipp". */
export const IPP_RESOURCES: readonly string[] = ['/ipp/print', '/ipp']

export interface IppPrinterFacts {
  name: string | null
  makeAndModel: string | null
  info: string | null
  location: string | null
  state: string | null
  acceptingJobs: boolean | null
  firmware: string | null
  uris: string[]
  /** uri-authentication-supported: "none" means jobs are accepted from anyone. */
  authentication: string[]
  security: string[]
  ippVersions: string[]
}

export interface IppProbeResult {
  host: string
  port: number
  resource: string | null
  httpStatus: number | null
  status: string | null
  /** Get-Printer-Attributes answered without credentials (true), refused for want of them (false), or unknown (null). */
  anonymous: boolean | null
  printer: IppPrinterFacts | null
  error: string | null
}

const strings = (values: IppValue[] | undefined, max = 16) => (values ?? []).filter((v): v is string => typeof v === 'string').slice(0, max)
const first = (values: IppValue[] | undefined) => strings(values, 1)[0] ?? null

export function printerFacts(response: IppResponse): IppPrinterFacts {
  const a = response.printer
  const accepting = a.get('printer-is-accepting-jobs')?.[0]
  return {
    name: first(a.get('printer-name')),
    makeAndModel: first(a.get('printer-make-and-model')),
    info: first(a.get('printer-info')),
    location: first(a.get('printer-location')),
    state: printerStateName(a.get('printer-state')?.[0]),
    acceptingJobs: typeof accepting === 'boolean' ? accepting : null,
    firmware: first(a.get('printer-firmware-string-version')),
    uris: strings(a.get('printer-uri-supported')),
    authentication: strings(a.get('uri-authentication-supported')),
    security: strings(a.get('uri-security-supported')),
    ippVersions: strings(a.get('ipp-versions-supported')),
  }
}

/** Ask `ip` for its printer attributes, at each known resource until one is found. Never throws. */
export async function probeIpp(scope: ScanScope, ip: string, port = IPP_PORT, timeoutMs = 3000): Promise<IppProbeResult> {
  const result: IppProbeResult = {host: ip, port, resource: null, httpStatus: null, status: null, anonymous: null, printer: null, error: null}
  for (const resource of IPP_RESOURCES) {
    const res = await httpFetch(scope, `http://${ip}:${port}${resource}`, {
      method: 'POST',
      timeoutMs,
      maxRedirects: 0,
      maxBytes: MAX_IPP_BYTES,
      headers: {'Content-Type': 'application/ipp', Accept: 'application/ipp'},
      data: getPrinterAttributesRequest(`ipp://${ip}:${port}${resource}`),
    })
    Object.assign(result, {resource, httpStatus: res.status, error: res.error})
    if (res.error) return result
    if (res.status === 401 || res.status === 403) return {...result, anonymous: false, error: null}
    if (res.status === 404) continue
    if (res.status !== 200) return {...result, error: `HTTP ${res.status}`}
    let response: IppResponse
    try {
      response = parseIppResponse(res.body)
    } catch (error) {
      return {...result, error: error instanceof IppParseError ? error.message : String(error)}
    }
    result.status = ippStatusName(response.statusCode)
    if (response.statusCode === 0x0406) continue // client-error-not-found: another resource
    if (response.statusCode === 0x0402 || response.statusCode === 0x0403) return {...result, anonymous: false}
    if (response.statusCode >= 0x0100) return {...result, error: `IPP status ${result.status}`}
    return {...result, anonymous: true, printer: printerFacts(response)}
  }
  return {...result, error: result.error ?? `no printer at ${IPP_RESOURCES.join(' or ')}`}
}
