import assert from 'node:assert/strict'

import {parseArpAn, parseIfconfig, parseRouteGetDefault} from '../../../src/gather/network/parsers/macos.js'
import {fixture, GARBAGE, NOT_STRINGS, randomText} from './robustness-inputs.js'

// Fixtures are real macOS captures published in other projects; see test/fixtures/os/SOURCES.md.

describe('macOS parsers', () => {
  describe('parseRouteGetDefault', () => {
    it('reads gateway and interface (getmac, macOS 10.12.6)', () => {
      assert.deepEqual(parseRouteGetDefault(fixture('macos/route-n-get-default-getmac-10.12.6.txt')), {
        interface: 'en0', gateway: '10.0.2.2', source: null, metric: null,
      })
    })

    it('reads gateway and interface (kairos-lab, Wi-Fi on en1)', () => {
      assert.deepEqual(parseRouteGetDefault(fixture('macos/route-n-get-default-kairos-lab.txt')), {
        interface: 'en1', gateway: '192.168.68.1', source: null, metric: null,
      })
    })

    it('gives null when there is no default route', () => {
      // kairos-lab's test documents that this is all `route -n get default` prints without a default route.
      assert.equal(parseRouteGetDefault('   route to: default\n'), null)
      assert.equal(parseRouteGetDefault('route: writing to routing socket: not in table\n'), null)
    })

    it('gives null for output cut before the gateway and interface lines', () => {
      const text = fixture('macos/route-n-get-default-kairos-lab.txt')
      const cut = text.indexOf('    gateway:')
      assert.equal(parseRouteGetDefault(text.slice(0, cut)), null)
      assert.equal(parseRouteGetDefault(text.slice(0, cut + '    gateway: 192.16'.length)), null)
    })

    it('gives null for other commands\' output', () => {
      assert.equal(parseRouteGetDefault(fixture('macos/ifconfig-getmac-10.12.6.txt')), null)
      assert.equal(parseRouteGetDefault(fixture('macos/arp-an-getmac-10.12.6.txt')), null)
    })
  })

  describe('parseIfconfig', () => {
    it('reads en0 and lo0 from a space-indented ifconfig (getmac, macOS 10.12.6)', () => {
      assert.deepEqual(parseIfconfig(fixture('macos/ifconfig-getmac-10.12.6.txt')), [
        {interface: 'lo0', address: '127.0.0.1', prefixLength: 8, mac: null, gateway: null},
        {interface: 'en0', address: '10.0.2.15', prefixLength: 24, mac: '08:00:27:2b:c2:ed', gateway: null},
      ])
    })

    it('reads `ifconfig -a` with tabs, ether before inet, and interfaces without IPv4 (getmac, macOS 15.7.9)', () => {
      assert.deepEqual(parseIfconfig(fixture('macos/ifconfig-a-getmac-15.7.9.txt')), [
        {interface: 'lo0', address: '127.0.0.1', prefixLength: 8, mac: null, gateway: null},
        {interface: 'en0', address: '198.51.100.11', prefixLength: 24, mac: '12:34:56:15:a0:10', gateway: null},
      ])
    })

    it('reads a bridge with member lines and skips interfaces that only have IPv6', () => {
      assert.deepEqual(parseIfconfig(fixture('macos/ifconfig-citizen-scientist.txt')), [
        {interface: 'lo0', address: '127.0.0.1', prefixLength: 8, mac: null, gateway: null},
        {interface: 'bridge100', address: '192.168.64.1', prefixLength: 24, mac: 'ae:de:48:00:33:64', gateway: null},
      ])
    })

    it('reads several `ifconfig <if>` outputs one after another (kairos-lab)', () => {
      assert.deepEqual(parseIfconfig(fixture('macos/ifconfig-kairos-lab.txt')), [
        {interface: 'en1', address: '192.168.68.61', prefixLength: 24, mac: '3c:22:fb:1d:2e:aa', gateway: null},
        {interface: 'lo0', address: '127.0.0.1', prefixLength: 8, mac: null, gateway: null},
      ])
    })

    it('keeps only whole blocks when the output is cut short', () => {
      const text = fixture('macos/ifconfig-getmac-10.12.6.txt')
      const beforeEn0Inet = text.slice(0, text.indexOf('        inet 10.0.2.15'))
      assert.deepEqual(parseIfconfig(beforeEn0Inet), [
        {interface: 'lo0', address: '127.0.0.1', prefixLength: 8, mac: null, gateway: null},
      ])
      const midLine = text.slice(0, text.indexOf('netmask 0xffffff00') + 'netmask 0xfff'.length)
      // en0's mask is cut to `0xfff`, which is not a netmask: en0's address is left out rather than guessed.
      assert.deepEqual(parseIfconfig(midLine).map((a) => a.interface), ['lo0'])
      assert.deepEqual(parseIfconfig(text.slice(0, 20)), [])
    })
  })

  describe('parseArpAn', () => {
    it('reads neighbours, pads macOS\'s short octets and drops multicast (getmac, macOS 10.12.6)', () => {
      assert.deepEqual(parseArpAn(fixture('macos/arp-an-getmac-10.12.6.txt')), [
        {ip: '10.0.2.2', mac: '52:54:00:12:35:02', interface: 'en0', state: 'dynamic'},
        {ip: '10.0.2.3', mac: '52:54:00:12:35:03', interface: 'en0', state: 'dynamic'},
      ])
    })

    it('drops the broadcast entry (getmac, macOS 15.7.9)', () => {
      assert.deepEqual(parseArpAn(fixture('macos/arp-an-getmac-15.7.9.txt')), [
        {ip: '198.51.100.1', mac: '12:34:56:00:a0:20', interface: 'en0', state: 'dynamic'},
      ])
    })

    it('drops (incomplete), broadcast and unparsable (masked) MACs, and ignores the shell prompt (nmap issue #1189)', () => {
      assert.deepEqual(parseArpAn(fixture('macos/arp-a-nmap-issue-1189.txt')), [])
    })

    it('reports a permanent entry as permanent', () => {
      // The getmac 10.12.6 multicast row is `permanent`; with its MAC made unicast it must be kept with that state.
      const line = (fixture('macos/arp-an-getmac-10.12.6.txt').split('\n')[2] as string)
        .replace('(224.0.0.251) at 1:0:5e:0:0:fb', '(10.0.2.4) at 0:5e:0:0:0:fb')
      assert.deepEqual(parseArpAn(line), [{ip: '10.0.2.4', mac: '00:5e:00:00:00:fb', interface: 'en0', state: 'permanent'}])
    })

    it('reads a row cut before its MAC as nothing', () => {
      assert.deepEqual(parseArpAn('? (10.0.2.2) at 52:54:0:1'), [])
      assert.deepEqual(parseArpAn('? (10.0.2.2) at'), [])
    })
  })

  describe('robustness', () => {
    const listParsers = {parseIfconfig, parseArpAn}

    for (const [name, parse] of Object.entries(listParsers)) {
      it(`${name}: empty, garbage and non-string input give []`, () => {
        assert.deepEqual(parse(''), [])
        for (const g of GARBAGE) assert.deepEqual(parse(g), [], JSON.stringify(g.slice(0, 40)))
        for (const v of NOT_STRINGS) assert.deepEqual(parse(v as string), [])
      })

      it(`${name}: 1 MB of random text gives []`, () => {
        assert.deepEqual(parse(randomText()), [])
      })
    }

    it('parseRouteGetDefault: empty, garbage, non-string and random input give null', () => {
      assert.equal(parseRouteGetDefault(''), null)
      for (const g of GARBAGE) assert.equal(parseRouteGetDefault(g), null, JSON.stringify(g.slice(0, 40)))
      for (const v of NOT_STRINGS) assert.equal(parseRouteGetDefault(v as string), null)
      assert.equal(parseRouteGetDefault(randomText()), null)
    })

    it('parseRouteGetDefault: an invalid gateway or interface is not reported', () => {
      assert.equal(parseRouteGetDefault('    gateway: 999.1.1.1\n  interface: \u0000\n'), null)
    })
  })
})
