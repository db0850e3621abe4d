import https from 'node:https'
import http from 'node:http'
import type {Duplex} from 'node:stream'
import type {PeerCertificate, TLSSocket} from 'node:tls'
import axios from 'axios'
import type {ScanScope} from '../../scope/scope-guard.js'

export interface TlsFacts {
  subject: string | null
  issuer: string | null
  validTo: string | null
  selfSigned: boolean
}

export interface HttpFetchResult {
  url: string
  ok: boolean
  status: number | null
  headers: Record<string, string>
  body: Buffer
  truncated: boolean
  /** The total deadline ended the request (a slow or silent device). */
  timedOut: boolean
  tls: TlsFacts | null
  /** Redirects followed, and the one refused (if any). */
  redirects: string[]
  error: string | null
  durationMs: number
}

export interface HttpFetchOptions {
  timeoutMs?: number
  maxBytes?: number
  maxRedirects?: number
  /** Read-only methods only: OPTIONS and PROPFIND ask a WebDAV server what it allows, POST carries SOAP/IPP queries. */
  method?: 'GET' | 'POST' | 'OPTIONS' | 'PROPFIND'
  headers?: Record<string, string>
  data?: string | Buffer
}

function certName(name: Record<string, string | string[]> | undefined): string | null {
  if (!name) return null
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ')
    .slice(0, 512)
}

/** An HTTPS agent that keeps the peer certificate of the connection it made. */
class CertificateRecordingAgent extends https.Agent {
  certificate: PeerCertificate | null = null

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex {
    const socket = (super.createConnection as (o: https.RequestOptions, cb?: typeof callback) => TLSSocket)(options, callback)
    socket.once('secureConnect', () => {
      this.certificate = socket.getPeerCertificate()
    })
    return socket
  }
}

/** Refuse a URL unless it names an IP address literal inside the scope: no DNS, no escape. */
function checkUrl(scope: ScanScope, raw: string): URL {
  const url = new URL(raw)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`scheme ${url.protocol} not fetched`)
  if (!scope.allows(url.hostname)) throw new Error(`${url.hostname} is outside the scan scope ${scope.toString()}`)
  return url
}

/**
 * One bounded HTTP(S) request to a device in the scope: proxies ignored, a total deadline,
 * a byte cap (on the decompressed body), redirects followed only to the same host, TLS
 * certificates accepted but recorded. Never throws.
 */
export async function httpFetch(scope: ScanScope, rawUrl: string, options: HttpFetchOptions = {}): Promise<HttpFetchResult> {
  const started = Date.now()
  const timeoutMs = options.timeoutMs ?? 4000
  const maxBytes = options.maxBytes ?? 1024 * 1024
  const redirects: string[] = []
  let tls: TlsFacts | null = null
  const result = (partial: Partial<HttpFetchResult>): HttpFetchResult => ({
    url: rawUrl,
    ok: false,
    status: null,
    headers: {},
    body: Buffer.alloc(0),
    truncated: false,
    timedOut: false,
    tls,
    redirects,
    error: null,
    durationMs: Date.now() - started,
    ...partial,
  })
  const deadline = AbortSignal.timeout(timeoutMs)
  let current = rawUrl
  try {
    for (let hop = 0; hop <= (options.maxRedirects ?? 2); hop++) {
      const url = checkUrl(scope, current)
      const httpsAgent = new CertificateRecordingAgent({rejectUnauthorized: false, keepAlive: false})
      const response = await axios.request<Buffer>({
        url: url.href,
        method: options.method ?? 'GET',
        headers: {'User-Agent': 'homeaudit', Accept: '*/*', ...options.headers},
        data: options.data,
        proxy: false,
        maxRedirects: 0,
        maxContentLength: maxBytes,
        maxBodyLength: 64 * 1024,
        responseType: 'arraybuffer',
        decompress: true,
        validateStatus: () => true,
        signal: deadline,
        timeout: timeoutMs,
        httpAgent: new http.Agent({keepAlive: false}),
        httpsAgent,
      })
      const cert = httpsAgent.certificate
      if (url.protocol === 'https:' && cert) {
        if (Object.keys(cert).length > 0) {
          const subject = certName(cert.subject as unknown as Record<string, string>)
          const issuer = certName(cert.issuer as unknown as Record<string, string>)
          tls = {subject, issuer, validTo: cert.valid_to ?? null, selfSigned: subject !== null && subject === issuer}
        }
      }
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v).slice(0, 2048)]))
      const location = headers.location
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, url)
        if (next.hostname !== url.hostname) {
          redirects.push(`refused: ${next.href.slice(0, 200)} (another host)`)
          return result({ok: true, status: response.status, headers, url: url.href, body: Buffer.from(response.data)})
        }
        redirects.push(next.href)
        current = next.href
        continue
      }
      return result({ok: true, status: response.status, headers, url: url.href, body: Buffer.from(response.data)})
    }
    return result({error: 'too many redirects'})
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/maxContentLength/.test(message)) return result({error: `response larger than ${maxBytes} bytes`, truncated: true})
    // Node's HTTP parser stops at 16 KiB of status line and headers (its --max-http-header-size).
    if (/Header overflow|HPE_HEADER_OVERFLOW/i.test(`${message} ${(error as {code?: string})?.code ?? ''}`)) return result({error: 'response headers too large (over 16 KiB)', truncated: true})
    if (deadline.aborted || /timeout|aborted|canceled/i.test(message)) return result({error: `no complete answer within ${timeoutMs} ms`, timedOut: true})
    return result({error: message.slice(0, 300)})
  }
}
