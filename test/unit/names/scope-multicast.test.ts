import assert from 'node:assert/strict'
import {GuardedUdp, isMulticast} from '../../../src/gather/names/udp.js'
import {LINK_MULTICAST_GROUPS, ScanScope, ScopeError} from '../../../src/scope/scope-guard.js'

const LAN = '192.168.1.0/24'
const PC = '192.168.1.10'
const bound = (boundAddress: string | null, ttl = 1) => ({boundAddress, ttl})

describe('scope guard: the link-local multicast rule', () => {
  it('allows exactly mDNS 224.0.0.251:5353 and SSDP 239.255.255.250:1900', () => {
    assert.deepEqual(
      LINK_MULTICAST_GROUPS.map((g) => `${g.group}:${g.port}`),
      ['224.0.0.251:5353', '239.255.255.250:1900'],
    )
  })

  it('allows them only with the scope set to the interface, the socket bound to its address, and TTL 1', () => {
    const scope = ScanScope.fromCidr(LAN).withInterface(PC, LAN)
    assert.equal(scope.interfaceAddress, PC)
    assert.ok(scope.allowsMulticast('224.0.0.251', 5353, bound(PC)))
    assert.ok(scope.allowsMulticast('239.255.255.250', 1900, bound(PC)))
    assert.ok(!scope.allowsMulticast('224.0.0.251', 5353, bound('0.0.0.0')), 'bound to any address')
    assert.ok(!scope.allowsMulticast('224.0.0.251', 5353, bound(null)), 'not bound')
    assert.ok(!scope.allowsMulticast('224.0.0.251', 5353, bound('192.168.1.11')), 'bound to another address')
    assert.ok(!scope.allowsMulticast('224.0.0.251', 5353, bound(PC, 2)), 'TTL 2')
    assert.ok(!scope.allowsMulticast('224.0.0.251', 5353, bound(PC, 255)), 'TTL 255 (the multicast-dns default)')
    assert.ok(!scope.allowsMulticast('224.0.0.251', 1900, bound(PC)), 'right group, wrong port')
    assert.ok(!scope.allowsMulticast('224.0.0.1', 5353, bound(PC)), 'all-hosts')
    assert.ok(!scope.allowsMulticast('224.0.0.252', 5355, bound(PC)), 'LLMNR is not on the list')
    assert.ok(!scope.allowsMulticast('239.255.255.250', 5353, bound(PC)))
    assert.throws(() => scope.assertMulticast('224.0.0.251', 5353, bound(PC, 64)), (e: unknown) => e instanceof ScopeError && /TTL 64, not 1/.test(e.message))
    assert.throws(() => scope.assertMulticast('224.0.0.251', 5353, bound('0.0.0.0')), /bound to 0\.0\.0\.0, not to the scanned interface 192\.168\.1\.10/)
  })

  it('refuses all multicast when the scope has no interface', () => {
    const scope = ScanScope.fromCidr(LAN)
    assert.equal(scope.interfaceAddress, null)
    assert.throws(() => scope.assertMulticast('224.0.0.251', 5353, bound(PC)), /has no interface/)
  })

  it('keeps no interface unless the interface address and its whole subnet lie inside the scope', () => {
    // A /28 target inside a /24 link: multicast would reach hosts outside the target.
    assert.equal(ScanScope.fromCidr('192.168.1.0/28').withInterface('192.168.1.10', LAN).interfaceAddress, null)
    // The PC itself outside the target.
    assert.equal(ScanScope.fromCidr('192.168.1.16/28').withInterface(PC, LAN).interfaceAddress, null)
    // The interface is on another network altogether.
    assert.equal(ScanScope.fromCidr(LAN).withInterface('10.0.0.5', '10.0.0.0/24').interfaceAddress, null)
    // Address not in its own stated subnet, or not a CIDR.
    assert.equal(ScanScope.fromCidr(LAN).withInterface(PC, '192.168.2.0/24').interfaceAddress, null)
    assert.equal(ScanScope.fromCidr(LAN).withInterface(PC, '192.168.1.10').interfaceAddress, null)
    assert.equal(ScanScope.fromCidr(LAN).withInterface(null, LAN).interfaceAddress, null)
    // A wider target that covers the link keeps it.
    assert.equal(ScanScope.fromCidr('192.168.0.0/22').withInterface(PC, LAN).interfaceAddress, PC)
    // The unicast rule is unchanged.
    const scope = ScanScope.fromCidr(LAN).withInterface(PC, LAN)
    assert.ok(scope.allows('192.168.1.200') && !scope.allows('224.0.0.251') && !scope.allows('8.8.8.8'))
  })

  it('the name sockets check every destination before sending (no packet is sent in this test)', async () => {
    assert.ok(isMulticast('224.0.0.251') && isMulticast('239.255.255.250') && !isMulticast('192.168.1.1') && !isMulticast('bogus'))
    // A loopback scope: the socket binds to 127.0.0.1 but nothing below reaches send().
    const scope = ScanScope.fromCidr('127.0.0.0/24').withInterface('127.0.0.1', '127.0.0.0/24')
    const udp = await GuardedUdp.open(scope)
    const sent: unknown[] = []
    udp.socket.send = ((...a: unknown[]) => sent.push(a)) as typeof udp.socket.send
    try {
      await assert.rejects(udp.send(Buffer.from('x'), 53, '8.8.8.8'), ScopeError)
      await assert.rejects(udp.send(Buffer.from('x'), 5353, '224.0.0.251'), /TTL -1, not 1/, 'a unicast socket never set a multicast TTL')
      await assert.rejects(udp.send(Buffer.from('x'), 5355, '224.0.0.252'), /not an allowed link-local group/)
      const facade = udp.facade()
      const error = await new Promise<Error | null>((resolve) => (facade.send as (...a: unknown[]) => void)(Buffer.from('x'), 0, 1, 5353, '10.0.0.1', resolve))
      assert.ok(error instanceof ScopeError)
      assert.equal(sent.length, 0, 'nothing reached the real socket')
    } finally {
      udp.close()
    }
  })

  it('refuses to open a multicast socket without an interface in the scope', async () => {
    await assert.rejects(GuardedUdp.open(ScanScope.fromCidr('127.0.0.0/24'), {multicast: true}), /no multicast/)
  })
})
