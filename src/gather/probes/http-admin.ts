import * as cheerio from 'cheerio'
import type {ScanScope} from '../../scope/scope-guard.js'
import {httpFetch, type TlsFacts} from '../net/http-fetch.js'

/** What a device's web admin page says about itself. */
export interface HttpAdminPage {
  url: string
  port: number
  scheme: 'http' | 'https'
  status: number | null
  server: string | null
  realm: string | null
  title: string | null
  meta: Record<string, string>
  /** Visible text, whitespace folded, capped. */
  text: string
  scripts: string[]
  tls: TlsFacts | null
  redirects: string[]
  error: string | null
}

export const ADMIN_PORTS: ReadonlyArray<{port: number; scheme: 'http' | 'https'}> = [
  {port: 80, scheme: 'http'},
  {port: 443, scheme: 'https'},
  {port: 8080, scheme: 'http'},
  {port: 8443, scheme: 'https'},
]

const MAX_TEXT = 2048
const MAX_SCRIPTS = 32

/** Extract the identifying parts of an HTML page; never throws. */
export function extractPage(html: string): Pick<HttpAdminPage, 'title' | 'meta' | 'text' | 'scripts'> {
  try {
    const $ = cheerio.load(html.slice(0, 1024 * 1024))
    const title = $('title').first().text().replace(/\s+/g, ' ').trim().slice(0, 256) || null
    const meta: Record<string, string> = {}
    $('meta[name], meta[http-equiv]').each((i, el) => {
      if (i >= 32) return false
      const name = ($(el).attr('name') ?? $(el).attr('http-equiv') ?? '').toLowerCase().slice(0, 64)
      const content = ($(el).attr('content') ?? '').slice(0, 256)
      if (name) meta[name] = content
      return undefined
    })
    const scripts = $('script[src]')
      .map((_, el) => ($(el).attr('src') ?? '').split('?')[0]!.split('/').pop()!.slice(0, 128))
      .get()
      .filter(Boolean)
      .slice(0, MAX_SCRIPTS)
    $('script, style, noscript, template').remove()
    // Text nodes joined with spaces, so that "1.4.2" in one cell and "Copyright" in the next stay apart.
    const parts: string[] = []
    $('body')
      .find('*')
      .addBack()
      .contents()
      .each((_, node) => {
        if (node.type === 'text' && parts.length < 4096) parts.push(node.data)
      })
    const text = parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT)
    return {title, meta, text, scripts}
  } catch {
    return {title: null, meta: {}, text: '', scripts: []}
  }
}

export function parseRealm(wwwAuthenticate: string | undefined): string | null {
  if (!wwwAuthenticate) return null
  const m = /realm\s*=\s*"([^"]{0,256})"|realm\s*=\s*([^,\s]{1,256})/i.exec(wwwAuthenticate)
  return m ? (m[1] ?? m[2] ?? null) : null
}

/**
 * Decode a page by its declared charset (Content-Type, then <meta charset>): Japanese admin
 * pages are often Shift_JIS or EUC-JP. Unknown labels fall back to UTF-8.
 */
export function decodeHtml(body: Buffer, contentType: string): string {
  const head = body.subarray(0, 2048).toString('latin1')
  const label = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8'
  try {
    return new TextDecoder(label.toLowerCase()).decode(body)
  } catch {
    return new TextDecoder('utf-8').decode(body)
  }
}

/** Fetch `/` on one admin port of a device. */
export async function probeHttpAdmin(scope: ScanScope, ip: string, port: number, scheme: 'http' | 'https', timeoutMs = 4000): Promise<HttpAdminPage> {
  const url = `${scheme}://${ip}:${port}/`
  const res = await httpFetch(scope, url, {timeoutMs})
  const contentType = res.headers['content-type'] ?? ''
  const page = res.ok && /html|^$/i.test(contentType) ? extractPage(decodeHtml(res.body, contentType)) : {title: null, meta: {}, text: '', scripts: []}
  return {
    url: res.url,
    port,
    scheme,
    status: res.status,
    server: res.headers.server ?? null,
    realm: parseRealm(res.headers['www-authenticate']),
    ...page,
    tls: res.tls,
    redirects: res.redirects,
    error: res.error,
  }
}
