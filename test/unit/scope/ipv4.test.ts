import assert from 'node:assert/strict'
import {cidrContains, cidrSize, formatCidr, formatIpv4, hostAddresses, parseCidr, parseIpv4} from '../../../src/scope/ipv4.js'

describe('ipv4', () => {
  it('parses and formats dotted quads', () => {
    assert.equal(formatIpv4(parseIpv4('192.168.77.10')!), '192.168.77.10')
    assert.equal(parseIpv4('255.255.255.255'), 0xffffffff)
    assert.equal(parseIpv4('0.0.0.0'), 0)
  })

  it('rejects malformed addresses', () => {
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', 'a.b.c.d', '', ' 1.2.3.4x', '1.2.3.-1']) {
      assert.equal(parseIpv4(bad), null, bad)
    }
  })

  it('parses CIDRs and clears host bits', () => {
    assert.equal(formatCidr(parseCidr('192.168.77.10/24')!), '192.168.77.0/24')
    assert.equal(formatCidr(parseCidr('10.1.2.3/8')!), '10.0.0.0/8')
    assert.equal(formatCidr(parseCidr('10.1.2.3')!), '10.1.2.3/32')
    assert.equal(formatCidr(parseCidr('0.0.0.0/0')!), '0.0.0.0/0')
    assert.equal(parseCidr('10.0.0.0/33'), null)
    assert.equal(parseCidr('10.0.0.0/2/3'), null)
    assert.equal(parseCidr('10.0.0.0/x'), null)
  })

  it('sizes and containment', () => {
    const net = parseCidr('192.168.77.0/24')!
    assert.equal(cidrSize(net), 256)
    assert.ok(cidrContains(net, parseIpv4('192.168.77.255')!))
    assert.ok(!cidrContains(net, parseIpv4('192.168.78.0')!))
  })

  it('lists host addresses without network and broadcast', () => {
    const hosts = [...hostAddresses(parseCidr('192.168.1.0/29')!)].map(formatIpv4)
    assert.deepEqual(hosts, ['192.168.1.1', '192.168.1.2', '192.168.1.3', '192.168.1.4', '192.168.1.5', '192.168.1.6'])
    assert.deepEqual([...hostAddresses(parseCidr('10.0.0.4/31')!)].map(formatIpv4), ['10.0.0.4', '10.0.0.5'])
    assert.deepEqual([...hostAddresses(parseCidr('10.0.0.9/32')!)].map(formatIpv4), ['10.0.0.9'])
    assert.equal([...hostAddresses(parseCidr('10.0.0.0/24')!)].length, 254)
  })
})
