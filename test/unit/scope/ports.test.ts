import assert from 'node:assert/strict'
import {DEFAULT_TCP_PORTS, parsePortSpec, serviceName, topTcpPorts} from '../../../src/gather/discovery/common-ports.js'

describe('port lists', () => {
  it("nmap's top ports, most frequent first (from Debian's nmap-services)", () => {
    assert.deepEqual(topTcpPorts(5), [80, 23, 443, 21, 22])
    assert.equal(topTcpPorts(100).length, 100)
    assert.equal(topTcpPorts(5000).length, 1000)
    assert.equal(serviceName(3389), 'ms-wbt-server')
    assert.equal(serviceName(62078), 'iphone-sync')
  })

  it('the default is the top 100 plus the home-network ports, without duplicates', () => {
    assert.equal(new Set(DEFAULT_TCP_PORTS).size, DEFAULT_TCP_PORTS.length)
    for (const p of [...topTcpPorts(100), 49000, 62078, 9100, 2049]) assert.ok(DEFAULT_TCP_PORTS.includes(p), String(p))
  })

  it('parses --ports lists and ranges, refusing bad ones', () => {
    assert.deepEqual(parsePortSpec('22,80,8000-8002'), [22, 80, 8000, 8001, 8002])
    assert.deepEqual(parsePortSpec(' 443 , 443 '), [443])
    for (const bad of ['', '0', '65536', '80-79', 'http', '1-65535', '22;80', '-5']) assert.equal(parsePortSpec(bad), null, bad)
  })
})
