import assert from 'node:assert/strict'

import {parseArpA, parseIpconfig, parseRoutePrint} from '../../../src/gather/network/parsers/windows.js'
import {fixture, GARBAGE, NOT_STRINGS, randomText} from './robustness-inputs.js'

// Fixtures are real Windows captures published in other projects; see test/fixtures/os/SOURCES.md.

describe('Windows parsers', () => {
  describe('parseRoutePrint', () => {
    it('reads the one default route of an English `route print -4` with many on-link rows', () => {
      assert.deepEqual(parseRoutePrint(fixture('windows/route-print-4-en-getmac-win10.txt')), [
        {interface: '10.0.0.185', gateway: '10.0.0.1', source: '10.0.0.185', metric: 25},
      ])
    })

    it('reads two default routes with their metrics', () => {
      assert.deepEqual(parseRoutePrint(fixture('windows/route-print-en-jackpal-multiple-gateways.txt')), [
        {interface: '192.168.100.74', gateway: '192.168.100.1', source: '192.168.100.74', metric: 50},
        {interface: '10.21.38.97', gateway: '10.21.38.1', source: '10.21.38.97', metric: 2},
      ])
    })

    it('reads an On-link default route as gateway null', () => {
      assert.deepEqual(parseRoutePrint(fixture('windows/route-print-en-jackpal-onlink-default.txt')), [
        {interface: '192.0.2.5', gateway: null, source: '192.0.2.5', metric: 1},
      ])
    })

    it('reads a Japanese `route print` (ネットワーク宛先 ... リンク上) without reading its headers', () => {
      assert.deepEqual(parseRoutePrint(fixture('windows/route-print-ja-zenn.txt')), [
        {interface: '192.168.0.103', gateway: '192.168.0.1', source: '192.168.0.103', metric: 35},
      ])
    })

    it('reads a second Japanese `route print` (IBM Cloud docs)', () => {
      assert.deepEqual(parseRoutePrint(fixture('windows/route-print-ja-ibm-cloud-docs.txt')), [
        {interface: '169.54.255.73', gateway: '169.54.255.65', source: '169.54.255.73', metric: 26},
      ])
    })

    it('reads French and Spanish tables, and does not take 0.0.0.0/192.0.0.0 (En vínculo) for a default', () => {
      assert.deepEqual(parseRoutePrint(fixture('windows/route-print-fr-jackpal-localized.txt')), [
        {interface: '10.88.88.149', gateway: '10.88.88.2', source: '10.88.88.149', metric: 10},
      ])
      assert.deepEqual(parseRoutePrint(fixture('windows/route-print-es-jackpal-localized2.txt')), [
        {interface: '192.168.100.80', gateway: '192.168.100.1', source: '192.168.100.80', metric: 35},
      ])
    })

    it('reads the Japanese on-link word リンク上 in a default row as gateway null', () => {
      // A row of the zenn capture with its destination and mask changed to 0.0.0.0 (derived, not captured):
      // the real table has リンク上 only on non-default rows.
      const realRow = fixture('windows/route-print-ja-zenn.txt').split('\n').find((l) => l.includes('172.20.192.0')) as string
      assert.deepEqual(parseRoutePrint(realRow), [])
      const asDefault = realRow.replace('172.20.192.0', '     0.0.0.0').replace('255.255.240.0', '      0.0.0.0')
      assert.deepEqual(parseRoutePrint(asDefault), [{interface: '172.20.192.1', gateway: null, source: '172.20.192.1', metric: 5256}])
    })

    it('gives [] for a table cut before the default row, or in the middle of it', () => {
      const text = fixture('windows/route-print-4-en-getmac-win10.txt')
      const row = text.indexOf('          0.0.0.0          0.0.0.0')
      assert.deepEqual(parseRoutePrint(text.slice(0, row)), [])
      assert.deepEqual(parseRoutePrint(text.slice(0, row + 50)), [])
    })

    it('gives [] for other commands\' output', () => {
      assert.deepEqual(parseRoutePrint(fixture('windows/ipconfig-all-en-getmac-win10.txt')), [])
      assert.deepEqual(parseRoutePrint(fixture('windows/arp-a-en-getmac-win10.txt')), [])
    })
  })

  describe('parseIpconfig', () => {
    it('reads an English `ipconfig /all`: addresses, prefixes, MACs and the gateway', () => {
      assert.deepEqual(parseIpconfig(fixture('windows/ipconfig-all-en-getmac-win10.txt')), [
        {interface: 'Ethernet 3', address: '10.0.0.104', prefixLength: 24, mac: '74:d4:35:e9:45:71', gateway: '10.0.0.1'},
        {interface: 'VMware Network Adapter VMnet1', address: '192.168.21.1', prefixLength: 24, mac: '00:50:56:c0:00:01', gateway: null},
        {interface: 'VMware Network Adapter VMnet8', address: '192.168.107.1', prefixLength: 24, mac: '00:50:56:c0:00:08', gateway: null},
      ])
    })

    it('takes the IPv4 gateway from the line under an IPv6 one, and skips disconnected Wi-Fi Direct adapters', () => {
      assert.deepEqual(parseIpconfig(fixture('windows/ipconfig-all-en-alvns.txt')), [
        {interface: 'VMware Network Adapter VMnet1', address: '192.168.217.1', prefixLength: 24, mac: '00:50:56:c0:00:01', gateway: null},
        {interface: 'VMware Network Adapter VMnet8', address: '192.168.137.1', prefixLength: 24, mac: '00:50:56:c0:00:08', gateway: null},
        {interface: 'Wi-Fi', address: '192.168.201.223', prefixLength: 24, mac: '50:5a:65:f7:b0:29', gateway: '192.168.201.115'},
      ])
    })

    it('reads a Japanese `ipconfig /all` (イーサネット アダプター, 物理アドレス, (優先), サブネット マスク)', () => {
      assert.deepEqual(parseIpconfig(fixture('windows/ipconfig-all-ja-hnakamur.txt')), [
        {interface: 'vEthernet (WSL)', address: '172.26.128.1', prefixLength: 20, mac: '00:15:5d:3e:f8:ee', gateway: null},
      ])
    })

    it('reads a Japanese plain `ipconfig`: デフォルト ゲートウェイ, `::` gateway, メディアは接続されていません', () => {
      assert.deepEqual(parseIpconfig(fixture('windows/ipconfig-ja-vuls.txt')), [
        {interface: 'イーサネット 4', address: '10.145.8.50', prefixLength: 16, mac: null, gateway: null},
        {interface: 'イーサネット 2', address: '192.168.56.1', prefixLength: 24, mac: null, gateway: null},
        {interface: 'Wi-Fi', address: '192.168.0.205', prefixLength: 24, mac: null, gateway: '192.168.0.1'},
      ])
    })

    it('reads the Japanese header form "Wireless LAN アダプター Wi-Fi:"', () => {
      // The vuls capture's Wi-Fi block under the header wording newer Japanese Windows builds print.
      const text = fixture('windows/ipconfig-ja-vuls.txt').replace('Wireless LAN adapter Wi-Fi:', 'Wireless LAN アダプター Wi-Fi:')
      assert.deepEqual(parseIpconfig(text).map((a) => a.interface), ['イーサネット 4', 'イーサネット 2', 'Wi-Fi'])
    })

    it('handles CRLF line endings as ipconfig writes them', () => {
      const text = fixture('windows/ipconfig-all-en-getmac-win10.txt').replaceAll('\n', '\r\n')
      assert.equal(parseIpconfig(text).length, 3)
      assert.equal(parseIpconfig(text)[0]?.gateway, '10.0.0.1')
    })

    it('drops an address whose subnet mask was cut off', () => {
      const text = fixture('windows/ipconfig-all-en-getmac-win10.txt')
      assert.deepEqual(parseIpconfig(text.slice(0, text.indexOf('   Subnet Mask'))), [])
      assert.deepEqual(parseIpconfig(text.slice(0, 200)), [])
    })

    it('gives [] for other commands\' output', () => {
      assert.deepEqual(parseIpconfig(fixture('windows/route-print-4-en-getmac-win10.txt')), [])
      assert.deepEqual(parseIpconfig(fixture('windows/arp-a-en-getmac-win10.txt')), [])
    })
  })

  describe('parseArpA', () => {
    it('reads dynamic neighbours with their interface and drops broadcast and multicast rows', () => {
      assert.deepEqual(parseArpA(fixture('windows/arp-a-en-getmac-win10.txt')), [
        {ip: '10.0.0.1', mac: '6a:d7:9a:29:2b:82', interface: '10.0.0.185', state: 'dynamic'},
        {ip: '10.0.0.175', mac: '78:28:ca:c4:66:fe', interface: '10.0.0.185', state: 'dynamic'},
        {ip: '10.0.0.187', mac: '5c:aa:fd:5e:49:48', interface: '10.0.0.185', state: 'dynamic'},
        {ip: '10.0.0.198', mac: 'b8:e9:37:46:ff:76', interface: '10.0.0.185', state: 'dynamic'},
      ])
    })

    it('copes with the trailing spaces Windows pads the type column with', () => {
      assert.deepEqual(parseArpA(fixture('windows/arp-a-en-alvns.txt')), [
        {ip: '192.168.201.115', mac: 'c6:82:1c:c7:f4:3a', interface: '192.168.201.223', state: 'dynamic'},
      ])
    })

    it('reads a Japanese block (インターフェイス:, 動的, 静的) next to an English one', () => {
      assert.deepEqual(parseArpA(fixture('windows/arp-a-en-ja-s3h.txt')), [
        {ip: '192.168.10.1', mac: '60:60:1f:d2:d5:55', interface: '192.168.10.2', state: 'dynamic'},
        {ip: '10.70.78.254', mac: '50:3d:e5:a0:0d:ff', interface: '10.70.78.153', state: '動的'},
      ])
    })

    it('gives [] when cut before the first row or inside it', () => {
      const text = fixture('windows/arp-a-en-getmac-win10.txt')
      const row = text.indexOf('  10.0.0.1 ')
      assert.deepEqual(parseArpA(text.slice(0, row)), [])
      assert.deepEqual(parseArpA(text.slice(0, row + 30)), [])
    })
  })

  describe('robustness', () => {
    for (const [name, parse] of Object.entries({parseRoutePrint, parseIpconfig, parseArpA})) {
      it(`${name}: empty, garbage and non-string input give []`, () => {
        assert.deepEqual(parse(''), [])
        for (const g of GARBAGE) assert.deepEqual(parse(g), [], JSON.stringify(g.slice(0, 40)))
        for (const v of NOT_STRINGS) assert.deepEqual(parse(v as string), [])
      })

      it(`${name}: 1 MB of random text gives []`, () => {
        assert.deepEqual(parse(randomText()), [])
      })
    }

    it('parseRoutePrint refuses rows whose addresses are out of range', () => {
      assert.deepEqual(parseRoutePrint('          0.0.0.0          0.0.0.0      999.1.1.1    10.0.0.185     25'), [])
      assert.deepEqual(parseRoutePrint('          0.0.0.0          0.0.0.0       10.0.0.1    10.0.0.300     25'), [])
    })
  })
})
