import assert from 'node:assert/strict'

import {parseIpAddrJson, parseIpNeighJson, parseIpRouteJson, parseProcNetArp} from '../../../src/gather/network/parsers/linux.js'
import {fixture, GARBAGE, NOT_STRINGS, randomText} from './robustness-inputs.js'

// Fixtures captured in a throwaway network namespace on 2026-11-26; see test/fixtures/os/SOURCES.md.

describe('linux parsers', () => {
  describe('parseIpRouteJson', () => {
    it('reads both default routes from `ip -j route show default`', () => {
      assert.deepEqual(parseIpRouteJson(fixture('linux/ip-j-route-show-default.json')), [
        {interface: 'veth-a', gateway: '192.168.88.1', source: null, metric: 100},
        {interface: 'veth-c', gateway: '10.77.0.1', source: null, metric: 600},
      ])
    })

    it('keeps only the default routes of the full `ip -j route` and `ip -j -4 route` tables', () => {
      const expected = [
        {interface: 'veth-a', gateway: '192.168.88.1', source: null, metric: 100},
        {interface: 'veth-c', gateway: '10.77.0.1', source: null, metric: 600},
      ]
      assert.deepEqual(parseIpRouteJson(fixture('linux/ip-j-route.json')), expected)
      assert.deepEqual(parseIpRouteJson(fixture('linux/ip-j-4-route.json')), expected)
    })

    it('reads prefsrc as source, and an on-link default (no gateway) as gateway null', () => {
      assert.deepEqual(parseIpRouteJson(fixture('linux/ip-j-route-show-default-dhcp-onlink.json')), [
        {interface: 'veth-a', gateway: '192.168.88.1', source: '192.168.88.10', metric: 100},
        {interface: 'veth-c', gateway: null, source: null, metric: 600},
      ])
    })

    it('splits a multipath default into its next hops and ignores an unreachable default', () => {
      assert.deepEqual(parseIpRouteJson(fixture('linux/ip-j-route-show-default-multipath-unreachable.json')), [
        {interface: 'veth-a', gateway: '192.168.88.1', source: null, metric: 50},
        {interface: 'veth-c', gateway: '10.77.0.1', source: null, metric: 50},
      ])
    })

    it('ignores an IPv6 default route', () => {
      assert.deepEqual(parseIpRouteJson(fixture('linux/ip-j-6-route-show-default.json')), [])
    })

    it('accepts dst "0.0.0.0/0" as a default', () => {
      // The captured route with its dst spelled the other way iproute2 can print it.
      const text = fixture('linux/ip-j-route-show-default.json').replaceAll('"dst":"default"', '"dst":"0.0.0.0/0"')
      assert.equal(parseIpRouteJson(text).length, 2)
    })

    it('finds nothing in the other commands\' output', () => {
      assert.deepEqual(parseIpRouteJson(fixture('linux/ip-j-addr.json')), [])
      assert.deepEqual(parseIpRouteJson(fixture('linux/ip-j-neigh.json')), [])
      assert.deepEqual(parseIpRouteJson(fixture('linux/proc-net-arp.txt')), [])
    })
  })

  describe('parseIpAddrJson', () => {
    it('reads IPv4 addresses, prefixes and Ethernet MACs from `ip -j addr`', () => {
      assert.deepEqual(parseIpAddrJson(fixture('linux/ip-j-addr.json')), [
        {interface: 'lo', address: '127.0.0.1', prefixLength: 8, mac: null, gateway: null},
        {interface: 'veth-a', address: '192.168.88.10', prefixLength: 24, mac: '02:5a:11:00:00:0a', gateway: null},
        {interface: 'veth-c', address: '10.77.0.2', prefixLength: 16, mac: '02:5a:22:00:00:02', gateway: null},
      ])
    })

    it('reads `ip -j -4 addr`, which carries no link fields, with mac null', () => {
      assert.deepEqual(parseIpAddrJson(fixture('linux/ip-j-4-addr.json')), [
        {interface: 'lo', address: '127.0.0.1', prefixLength: 8, mac: null, gateway: null},
        {interface: 'veth-a', address: '192.168.88.10', prefixLength: 24, mac: null, gateway: null},
        {interface: 'veth-c', address: '10.77.0.2', prefixLength: 16, mac: null, gateway: null},
      ])
    })

    it('leaves out IPv6 addresses', () => {
      const all = parseIpAddrJson(fixture('linux/ip-j-addr.json'))
      assert.ok(all.every((a) => !a.address.includes(':')))
    })
  })

  describe('parseIpNeighJson', () => {
    it('keeps resolved IPv4 neighbours and drops FAILED, INCOMPLETE and IPv6 entries', () => {
      assert.deepEqual(parseIpNeighJson(fixture('linux/ip-j-neigh.json')), [
        {ip: '10.77.0.1', mac: '02:5a:22:00:00:01', interface: 'veth-c', state: 'STALE'},
        {ip: '192.168.88.1', mac: '02:5a:11:00:00:01', interface: 'veth-a', state: 'STALE'},
        {ip: '192.168.88.20', mac: '3c:22:fb:ab:cd:ef', interface: 'veth-a', state: 'PERMANENT'},
        {ip: '192.168.88.5', mac: '00:11:22:33:44:55', interface: 'veth-a', state: 'REACHABLE'},
      ])
    })
  })

  describe('parseProcNetArp', () => {
    it('keeps complete entries and drops the incomplete (flags 0x0) ones', () => {
      assert.deepEqual(parseProcNetArp(fixture('linux/proc-net-arp.txt')), [
        {ip: '10.77.0.1', mac: '02:5a:22:00:00:01', interface: 'veth-c', state: '0x2'},
        {ip: '192.168.88.1', mac: '02:5a:11:00:00:01', interface: 'veth-a', state: '0x2'},
        {ip: '192.168.88.20', mac: '3c:22:fb:ab:cd:ef', interface: 'veth-a', state: '0x6'},
        {ip: '192.168.88.5', mac: '00:11:22:33:44:55', interface: 'veth-a', state: '0x2'},
      ])
    })

    it('agrees with `ip -j neigh` captured at the same moment', () => {
      const fromProc = parseProcNetArp(fixture('linux/proc-net-arp.txt')).map((e) => `${e.ip} ${e.mac} ${e.interface}`)
      const fromIp = parseIpNeighJson(fixture('linux/ip-j-neigh.json')).map((e) => `${e.ip} ${e.mac} ${e.interface}`)
      assert.deepEqual(fromProc, fromIp)
    })

    it('reads the header alone, or a row cut short, as nothing', () => {
      const text = fixture('linux/proc-net-arp.txt')
      const header = text.split('\n')[0] as string
      assert.deepEqual(parseProcNetArp(header), [])
      assert.deepEqual(parseProcNetArp(`${header}\n10.77.0.1        0x1         0x2         02:5a:22:00`), [])
    })

    it('handles CRLF line endings', () => {
      assert.equal(parseProcNetArp(fixture('linux/proc-net-arp.txt').replaceAll('\n', '\r\n')).length, 4)
    })
  })

  describe('robustness', () => {
    const jsonParsers = {parseIpRouteJson, parseIpAddrJson, parseIpNeighJson}
    const all = {...jsonParsers, parseProcNetArp}

    for (const [name, parse] of Object.entries(all)) {
      it(`${name}: empty, garbage and non-string input give []`, () => {
        assert.deepEqual(parse(''), [])
        assert.deepEqual(parse('   \n  '), [])
        for (const g of GARBAGE) assert.deepEqual(parse(g), [], JSON.stringify(g.slice(0, 40)))
        for (const v of NOT_STRINGS) assert.deepEqual(parse(v as string), [])
      })

      it(`${name}: 1 MB of random text gives []`, () => {
        assert.deepEqual(parse(randomText()), [])
      })
    }

    for (const [name, parse] of Object.entries(jsonParsers)) {
      it(`${name}: truncated JSON gives []`, () => {
        for (const file of ['linux/ip-j-route.json', 'linux/ip-j-addr.json', 'linux/ip-j-neigh.json']) {
          const text = fixture(file)
          for (const cut of [1, 10, Math.floor(text.length / 2), text.length - 3]) {
            assert.deepEqual(parse(text.slice(0, cut)), [], `${file} cut at ${cut}`)
          }
        }
      })
    }

    it('JSON of the wrong shape gives []', () => {
      const odd = ['{}', '[]', '[[]]', '[{"dst":5}]', '[{"dst":"default","gateway":"not-an-ip","dev":null}]',
        '[{"ifname":"eth0","addr_info":[{"family":"inet","local":"300.1.1.1","prefixlen":24}]}]',
        '[{"ifname":"eth0","addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":99}]}]',
        '[{"dst":"10.0.0.1","lladdr":"zz:zz","state":["REACHABLE"]}]']
      for (const text of odd) {
        assert.deepEqual(parseIpRouteJson(text), [], text)
        assert.deepEqual(parseIpAddrJson(text), [], text)
        assert.deepEqual(parseIpNeighJson(text), [], text)
      }
    })
  })
})
