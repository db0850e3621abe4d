// The hostile router's admin pages:
// - 80: redirects, first on the router itself (/ → /login), then off it (→ //8.8.8.8/…);
// - 443: a page over TLS whose certificate subject holds terminal escapes, HTML, a
//   right-to-left override and a 5 KB common name;
// - 8080: endless headers;
// - 8443: a gzip bomb (1 MB on the wire, 1 GiB inflated), over TLS with the same certificate.
import {evilCertificate} from '../lib/evil-cert.mjs'
import {listenHttp} from '../lib/descriptions.mjs'
import {PUBLIC_TARGETS} from '../lib/evil-text.mjs'
import {gzipBomb, listenEndlessHeaders, listenHttps, sendGzipBomb} from '../lib/http-tricks.mjs'

export async function start(ip, log) {
  const tls = evilCertificate()
  const bomb = gzipBomb()
  await listenHttp(ip, 80, log, (req, res) => {
    // Protocol-relative: resolved against http://<router>/login it names another host.
    const location = req.url === '/' ? '/login' : `//${PUBLIC_TARGETS[0]}/cgi-bin/luci`
    res.writeHead(302, {Location: location, 'Content-Type': 'text/html'}).end(`<a href="${location}">moved</a>`)
  })
  await listenHttps(ip, 443, log, tls, (_req, res) => {
    res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'}).end('<html><head><title>Router login</title></head><body>Login</body></html>')
  })
  await listenEndlessHeaders(ip, 8080, log)
  await listenHttps(ip, 8443, log, tls, (_req, res) => sendGzipBomb(res, bomb))
}
