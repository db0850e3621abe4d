import assert from 'node:assert/strict'
import net from 'node:net'
import {tcpSweep} from '../../../src/gather/discovery/tcp-sweep.js'
import {tcpConnect} from '../../../src/gather/net/tcp-connect.js'
import {ScanScope, ScopeError} from '../../../src/scope/scope-guard.js'

/** Record the host of every TCP connect made until `restore()` (real sockets still open). */
function recordConnects(): {opened: string[]; restore: () => void} {
  const opened: string[] = []
  const original = net.Socket.prototype.connect
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    opened.push(String((args[0] as {host?: string}).host))
    return (original as (...a: unknown[]) => net.Socket).apply(this, args)
  } as typeof original
  return {opened, restore: () => (net.Socket.prototype.connect = original)}
}

describe('scope guard', () => {
  it('accepts private, CGNAT, link-local and loopback subnets', () => {
    for (const ok of ['192.168.1.0/24', '10.20.30.0/24', '172.16.5.0/24', '172.31.255.0/24', '100.64.1.0/24', '169.254.3.0/24', '127.0.0.0/24', '192.168.1.7/32']) {
      assert.equal(ScanScope.fromCidr(ok).toString().split('/')[1], ok.split('/')[1], ok)
    }
  })

  it('refuses public targets and ranges that straddle a private boundary', () => {
    for (const bad of ['8.8.8.0/24', '1.1.1.1/32', '172.32.0.0/24', '192.169.0.0/24', '100.128.0.0/24', '0.0.0.0/0', '192.168.0.0/15', '11.0.0.0/24', '224.0.0.0/24']) {
      assert.throws(() => ScanScope.fromCidr(bad), (e: unknown) => e instanceof ScopeError && /refusing to scan/.test(e.message), bad)
    }
  })

  it('refuses malformed CIDRs and IPv6 with a clear message', () => {
    assert.throws(() => ScanScope.fromCidr('banana'), /not a valid IPv4 CIDR/)
    assert.throws(() => ScanScope.fromCidr('192.168.1.0'), /not a valid IPv4 CIDR/)
    assert.throws(() => ScanScope.fromCidr('192.168.1.0/40'), /not a valid IPv4 CIDR/)
    assert.throws(() => ScanScope.fromCidr('fe80::/64'), /IPv6/)
  })

  it('needs --max-hosts for anything larger than a /22', () => {
    assert.equal(ScanScope.fromCidr('10.0.0.0/22').size, 1024)
    assert.throws(() => ScanScope.fromCidr('10.0.0.0/21'), /--max-hosts 2048/)
    assert.equal(ScanScope.fromCidr('10.0.0.0/21', 2048).size, 2048)
    assert.throws(() => ScanScope.fromCidr('10.0.0.0/16', 2048), /65536 addresses/)
  })

  it('allows exactly the addresses inside the subnet', () => {
    const scope = ScanScope.fromCidr('192.168.77.16/28')
    assert.ok(scope.allows('192.168.77.16'))
    assert.ok(scope.allows('192.168.77.31'))
    assert.ok(!scope.allows('192.168.77.15'))
    assert.ok(!scope.allows('192.168.77.32'))
    assert.ok(!scope.allows('192.168.77.1'))
    assert.ok(!scope.allows('not-an-ip'))
  })

  it('tcpConnect refuses an out-of-scope address before any socket is opened', async () => {
    const scope = ScanScope.fromCidr('127.0.0.0/30')
    const {opened, restore} = recordConnects()
    try {
      assert.throws(() => tcpConnect(scope, '8.8.8.8', 80, 100), ScopeError)
      assert.throws(() => tcpConnect(scope, '127.0.0.4', 80, 100), ScopeError)
      assert.deepEqual(opened, [])
    } finally {
      restore()
    }
  })

  it('a sweep only ever connects to addresses inside its scope (real loopback sockets)', async () => {
    const server = net.createServer((s) => s.destroy())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve))
    const port = (server.address() as net.AddressInfo).port
    const {opened, restore} = recordConnects()
    try {
      const scope = ScanScope.fromCidr('127.0.0.0/29')
      const result = await tcpSweep(scope, {ports: [port], timeoutMs: 500, concurrency: 8})
      assert.ok(result.alive.has('127.0.0.2'), 'the listening loopback address answers')
      assert.equal(result.attempted, 6)
      assert.ok(opened.length >= 6)
      for (const ip of opened) assert.ok(scope.allows(ip), `${ip} is inside ${scope}`)
    } finally {
      restore()
      server.close()
    }
  })
})
