import assert from 'node:assert/strict'
import type {AddressInfo} from 'node:net'
import type {Server} from 'node:http'
import {httpFetch} from '../../../src/gather/net/http-fetch.js'
import {fetchDescription} from '../../../src/gather/router/gather-router.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
// The hostile lab's own servers (test/lab/hostile/lib), run here on loopback.
import {billionLaughs, listenHttp, listenTcp, slowAnswer, streamHuge, trickle, xxe} from '../../lab/hostile/lib/descriptions.mjs'
import {gzipBomb, listenEndlessHeaders, sendGzipBomb} from '../../lab/hostile/lib/http-tricks.mjs'

const IP = '127.0.0.1'
const scope = ScanScope.fromCidr('127.0.0.0/24')
const quiet = () => undefined
const port = (server: Server) => (server.address() as AddressInfo).port

describe('HTTP fetcher and description reader against hostile servers (loopback)', function () {
  this.timeout(30_000)
  const servers: Server[] = []
  const bomb = gzipBomb(100)
  let base = ''
  let endless = 0
  let slow = 0

  before(async () => {
    const http = await listenHttp(IP, 0, quiet, (req, res) => {
      switch (req.url) {
        case '/bomb.xml':
          return res.writeHead(200, {'Content-Type': 'text/xml'}).end(billionLaughs('u', {externalHost: '8.8.8.8'}))
        case '/xxe.xml':
          return res.writeHead(200, {'Content-Type': 'text/xml'}).end(xxe('u', '203.0.113.9'))
        case '/huge.xml':
          return streamHuge(res, 50 * 1024 * 1024, 'u')
        case '/gzip':
          return sendGzipBomb(res, bomb)
        case '/off-host':
          return res.writeHead(302, {Location: '//8.8.8.8/admin'}).end()
        case '/other-lab-host':
          return res.writeHead(302, {Location: `http://127.0.0.2:${port(http)}/`}).end()
        case '/loop':
          return res.writeHead(302, {Location: '/loop'}).end()
        default:
          return res.writeHead(404).end()
      }
    })
    servers.push(http)
    base = `http://${IP}:${port(http)}`
    const headers = await listenEndlessHeaders(IP, 0, quiet)
    servers.push(headers as unknown as Server)
    endless = (headers.address() as AddressInfo).port
    const slowServer = await listenTcp(IP, 0, quiet, (socket) => {
      socket.resume()
      trickle(socket, slowAnswer('u'))
    })
    servers.push(slowServer as unknown as Server)
    slow = (slowServer.address() as AddressInfo).port
  })

  after(() => {
    for (const s of servers) {
      s.close()
      ;(s as unknown as {closeAllConnections?: () => void}).closeAllConnections?.()
    }
  })

  it('stops a 50 MB body at the byte cap, and the description reader says "too large"', async () => {
    const res = await httpFetch(scope, `${base}/huge.xml`, {timeoutMs: 10_000})
    assert.equal(res.truncated, true)
    assert.match(res.error!, /^response larger than 1048576 bytes/)
    const d = await fetchDescription(scope, `${base}/huge.xml`, 10_000)
    assert.equal(d.device, null)
    assert.match(d.error!, /^description rejected: too large \(response larger than 1048576 bytes\)/)
  })

  it('caps a gzip bomb after decompression (1 GiB inflated from 1 MB), in bounded memory', async () => {
    const before = process.memoryUsage().rss
    const res = await httpFetch(scope, `${base}/gzip`, {timeoutMs: 10_000})
    assert.equal(res.truncated, true)
    assert.match(res.error!, /^response larger than 1048576 bytes/)
    assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024, 'nowhere near the 1 GiB it inflates to')
  })

  it('cuts endless headers with a clear reason', async () => {
    const started = Date.now()
    const res = await httpFetch(scope, `http://${IP}:${endless}/`, {timeoutMs: 10_000})
    assert.equal(res.status, null)
    assert.match(res.error!, /^response headers too large/)
    assert.ok(Date.now() - started < 5000)
  })

  it('gives up on a byte-a-second answer at its deadline, and the description reader says "timed out"', async () => {
    const started = Date.now()
    const res = await httpFetch(scope, `http://${IP}:${slow}/`, {timeoutMs: 1500})
    assert.equal(res.timedOut, true)
    assert.match(res.error!, /no complete answer within 1500 ms/)
    assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`)
    const d = await fetchDescription(scope, `http://${IP}:${slow}/description.xml`, 1500)
    assert.match(d.error!, /^description rejected: timed out/)
  })

  it('rejects the billion laughs (with an external entity) and XXE descriptions unread', async () => {
    for (const path of ['/bomb.xml', '/xxe.xml']) {
      const d = await fetchDescription(scope, `${base}${path}`, 5000)
      assert.equal(d.device, null)
      assert.match(d.error!, /^description rejected: DOCTYPE or ENTITY declarations are not allowed/, path)
    }
  })

  it('refuses redirects to another host (public or in scope), and stops redirect loops', async () => {
    const off = await httpFetch(scope, `${base}/off-host`, {timeoutMs: 5000})
    assert.deepEqual(off.redirects, ['refused: http://8.8.8.8/admin (another host)'])
    assert.equal(off.status, 302)
    const other = await httpFetch(scope, `${base}/other-lab-host`, {timeoutMs: 5000})
    assert.match(other.redirects[0]!, /^refused: http:\/\/127\.0\.0\.2:\d+\/ \(another host\)/)
    const loop = await httpFetch(scope, `${base}/loop`, {timeoutMs: 5000})
    assert.equal(loop.error, 'too many redirects')
  })

  it('never connects to a URL outside the scope', async () => {
    const res = await httpFetch(scope, 'http://8.8.8.8/', {timeoutMs: 5000})
    assert.match(res.error!, /outside the scan scope/)
    assert.ok(res.durationMs < 100)
  })
})
