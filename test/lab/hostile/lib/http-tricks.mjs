// Web servers that misbehave: redirects off the device, endless headers, gzip bombs, and TLS
// with a certificate whose subject is hostile.
import https from 'node:https'
import {once} from 'node:events'
import zlib from 'node:zlib'
import {drained, listenTcp} from './descriptions.mjs'

/** Serve `handler` over HTTPS with `cert` on ip:port; resolves once listening. */
export async function listenHttps(ip, port, log, {cert, key}, handler) {
  const server = https.createServer({cert, key}, (req, res) => {
    log(`HTTPS ${req.method} ${req.url} from ${req.socket.remoteAddress} on ${port}`)
    res.on('error', () => undefined)
    Promise.resolve(handler(req, res)).catch(() => res.destroy())
  })
  server.on('tlsClientError', () => undefined)
  server.on('clientError', (_error, socket) => socket.destroy())
  server.listen(port, ip)
  await once(server, 'listening')
  return server
}

/**
 * A gzip bomb: `members` concatenated gzip members of 10 MiB of zeros each. 100 members are
 * about 1 MB on the wire and 1 GiB once inflated (RFC 1952 allows several members in a row).
 */
export function gzipBomb(members = 100) {
  const member = zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024), {level: 9})
  return Buffer.concat(Array.from({length: members}, () => member))
}

export function sendGzipBomb(res, bomb) {
  res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length)})
  res.end(bomb)
}

/**
 * Endless headers: a status line, then header lines forever (until the client hangs up, or
 * `maxBytes` per connection), never the blank line that ends them.
 */
export function listenEndlessHeaders(ip, port, log, maxBytes = 64 * 1024 * 1024) {
  return listenTcp(ip, port, log, (socket) => {
    socket.once('data', async () => {
      socket.write('HTTP/1.1 200 OK\r\nServer: endless\r\n')
      const line = `X-Endless: ${'a'.repeat(1000)}\r\n`
      let sent = 0
      let closed = false
      socket.on('close', () => (closed = true))
      for (let i = 0; !closed && sent < maxBytes; i++) {
        const chunk = Array.from({length: 16}, (_, j) => `X-Endless-${i * 16 + j}${line.slice(9)}`).join('')
        sent += chunk.length
        if (!socket.write(chunk)) await drained(socket)
      }
      socket.destroy()
    })
  })
}
