// A hostile web device (a camera, say):
// - 80: a gzip bomb served as the home page (1 MB on the wire, 1 GiB inflated);
// - 443: TLS with a hostile certificate subject, and a page whose title and Server header
//   carry markup, escapes and a right-to-left override.
import {evilCertificate} from '../lib/evil-cert.mjs'
import {listenHttp} from '../lib/descriptions.mjs'
import {EVIL_TITLE, SCRIPT} from '../lib/evil-text.mjs'
import {gzipBomb, listenHttps, sendGzipBomb} from '../lib/http-tricks.mjs'

export async function start(ip, log) {
  const bomb = gzipBomb()
  await listenHttp(ip, 80, log, (_req, res) => sendGzipBomb(res, bomb))
  await listenHttps(ip, 443, log, evilCertificate(), (_req, res) => {
    res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8', Server: `cam-httpd ${SCRIPT}`}).end(`<html><head><title>${EVIL_TITLE}</title></head><body><p>${SCRIPT}</p></body></html>`)
  })
}
