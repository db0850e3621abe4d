import assert from 'node:assert/strict'
import {parseNetshInterfaces, parseNetshNetworks} from '../../../src/gather/local/parsers/windows-netsh.js'
import {fixture, hostileInputs} from './helpers.js'

describe('netsh wlan show interfaces', () => {
  it('reads an English Windows 10/11 WPA2-Personal connection', () => {
    assert.deepEqual(parseNetshInterfaces(fixture('windows/netsh-interfaces-en-wifi-heatmapper.txt')), [
      {
        interface: 'Wi-Fi',
        ssid: 'SSID-1',
        bssid: 'fe:dc:ba:09:87:02',
        auth: 'wpa2-personal',
        cipher: 'ccmp',
        band: null,
        channel: 44,
        signal: 42,
        signalUnit: 'percent',
        state: 'connected',
      },
    ])
  })

  it('reads the newer Windows 11 layout (AP BSSID, Band, Rssi, Akm-cipher; CRLF line ends)', () => {
    assert.deepEqual(parseNetshInterfaces(fixture('windows/netsh-interfaces-en-win11-ap-bssid-band-wpa2.txt')), [
      {
        interface: 'Wi-Fi',
        ssid: 'kevin_5g',
        bssid: 'ac:b6:87:a6:81:a0',
        auth: 'wpa2-personal',
        cipher: 'ccmp',
        band: '5 GHz',
        channel: 149,
        signal: 78,
        signalUnit: 'percent',
        state: 'connected',
      },
    ])
  })

  it('reads WPA3-Personal (H2E) on 6 GHz and ignores the Wi-Fi 6E colocated-AP lines', () => {
    const [wifi] = parseNetshInterfaces(fixture('windows/netsh-interfaces-en-win11-6e-wpa3-colocated-excerpt.txt'))
    assert.ok(wifi)
    assert.equal(wifi.auth, 'wpa3-personal')
    assert.equal(wifi.bssid, 'bc:d5:ed:f7:5c:c8') // not the colocated bc:d5:ed:f7:5c:cb
    assert.equal(wifi.band, '6 GHz') // not the colocated 2.4 / 5 GHz radios
    assert.equal(wifi.channel, 101)
    assert.equal(wifi.signal, 87)
    assert.equal(wifi.ssid, 'Bangla')
    assert.equal(wifi.state, 'unknown') // the excerpt has no State line
  })

  it('reads a full Windows 11 capture: WPA3-Personal (H2E) on 6 GHz, colocated APs, and a disconnected second adapter', () => {
    assert.deepEqual(parseNetshInterfaces(fixture('windows/netsh-interfaces-en-win11-wpa3-h2e-6ghz-two-adapters-msi-notes.txt')), [
      {
        interface: 'Wi-Fi',
        ssid: 'alextrex',
        bssid: '70:13:01:8a:d9:a3', // AP BSSID, not the three colocated 72:13:01:83:d9:a* radios
        auth: 'wpa3-personal', // "WPA3-Personal  (H2E)"
        cipher: 'ccmp',
        band: '6 GHz', // not the colocated radios' 5 GHz
        channel: 197, // not their channel 44
        signal: 100,
        signalUnit: 'percent',
        state: 'connected',
      },
      {interface: 'Wi-Fi 3', ssid: null, bssid: null, auth: 'unknown', cipher: 'unknown', band: null, channel: null, signal: null, signalUnit: null, state: 'disconnected'},
    ])
  })

  it('reads WPA2-Enterprise (eduroam), lines with trailing spaces', () => {
    assert.deepEqual(parseNetshInterfaces(fixture('windows/netsh-interfaces-en-wpa2-enterprise-eduroam.txt')), [
      {
        interface: 'Wi-Fi',
        ssid: 'eduroam',
        bssid: 'ac:a3:1e:97:07:d1',
        auth: 'enterprise',
        cipher: 'ccmp',
        band: null,
        channel: 56,
        signal: 84,
        signalUnit: 'percent',
        state: 'connected',
      },
    ])
  })

  it('reads Japanese-locale output (名前 / 状態 接続されました / 認証 WPA2-パーソナル / 暗号 CCMP)', () => {
    assert.deepEqual(parseNetshInterfaces(fixture('windows/netsh-interfaces-ja-wpa2-go-mock.txt')), [
      {
        interface: 'Wi-Fi',
        ssid: 'TEST_SSID',
        bssid: null, // anonymised as xx:xx:xx:xx:xx:xx in the source
        auth: 'wpa2-personal',
        cipher: 'ccmp',
        band: null,
        channel: 1,
        signal: 100,
        signalUnit: 'percent',
        state: 'connected',
      },
    ])
  })

  it('reads a real English open connection (Authentication Open, Cipher None; from a `netsh wlan show all`)', () => {
    assert.deepEqual(parseNetshInterfaces(fixture('windows/netsh-interfaces-en-open-ce-wlan-show-all.txt')), [
      {
        interface: 'Wi-Fi',
        ssid: 'CE_WLAN',
        bssid: '04:18:d6:c2:bf:0d',
        auth: 'open',
        cipher: 'none',
        band: null,
        channel: 1,
        signal: 98,
        signalUnit: 'percent',
        state: 'connected',
      },
    ])
  })

  it('reads a disconnected adapter whose radio is switched off in software (two-line Radio status)', () => {
    assert.deepEqual(parseNetshInterfaces(fixture('windows/netsh-interfaces-en-disconnected-radio-software-off-rz616.txt')), [
      {interface: 'Wi-Fi', ssid: null, bssid: null, auth: 'unknown', cipher: 'unknown', band: null, channel: null, signal: null, signalUnit: null, state: 'disconnected'},
    ])
  })

  it('reads a disconnected adapter (Windows 11 layout with Interface type): no network, state disconnected', () => {
    assert.deepEqual(parseNetshInterfaces(fixture('windows/netsh-interfaces-en-disconnected-win11-ax201.txt')), [
      {interface: 'Wi-Fi', ssid: null, bssid: null, auth: 'unknown', cipher: 'unknown', band: null, channel: null, signal: null, signalUnit: null, state: 'disconnected'},
    ])
  })

  it('gives [] for Windows 11 refusing without location permission', () => {
    assert.deepEqual(parseNetshInterfaces(fixture('windows/netsh-interfaces-en-location-denied-wifi-heatmapper.txt')), [])
  })

  it('maps authentication and cipher values of both locales', () => {
    const one = (auth: string, cipher: string, state = '接続されました') =>
      parseNetshInterfaces(`    名前 : Wi-Fi\n    状態 : ${state}\n    SSID : x\n    認証 : ${auth}\n    暗号 : ${cipher}\n`)[0]
    assert.deepEqual([one('オープン', 'なし')?.auth, one('オープン', 'なし')?.cipher], ['open', 'none'])
    assert.deepEqual([one('オープン', 'WEP')?.auth, one('オープン', 'WEP')?.cipher], ['wep', 'wep']) // static WEP
    assert.equal(one('共有', 'WEP')?.auth, 'wep')
    assert.equal(one('WPA-パーソナル', 'TKIP')?.auth, 'wpa-personal')
    assert.equal(one('WPA-パーソナル', 'TKIP')?.cipher, 'tkip')
    assert.equal(one('WPA3-パーソナル', 'CCMP')?.auth, 'wpa3-personal')
    assert.equal(one('WPA2-エンタープライズ', 'CCMP')?.auth, 'enterprise')
    assert.equal(one('WPA3-Enterprise 192 Bits', 'GCMP-256')?.cipher, 'gcmp')
    assert.equal(one('Open', 'None')?.auth, 'open')
    assert.equal(one('Shared', 'WEP')?.auth, 'wep')
    assert.equal(one('OWE', 'CCMP')?.auth, 'owe')
    assert.equal(one('Something new', 'CCMP')?.auth, 'unknown')
    assert.equal(one('WPA2-パーソナル', 'CCMP', '切断されました')?.state, 'disconnected')
  })
})

describe('netsh wlan show networks mode=bssid', () => {
  it('groups BSSIDs under their SSID and keeps the strongest signal (English, Windows 11 with Band)', () => {
    assert.deepEqual(parseNetshNetworks(fixture('windows/netsh-networks-bssid-en-win11-wifi-heatmapper.txt')), [
      {
        ssid: 'SSID-1',
        auth: 'open',
        cipher: 'none',
        bssids: ['fe:dc:ba:09:87:01', 'fe:dc:ba:09:87:02', 'fe:dc:ba:09:87:03', 'fe:dc:ba:09:87:04'],
        signal: 88,
        signalUnit: 'percent',
        channel: 6,
        band: '2.4 GHz',
      },
      {
        ssid: 'SSID-2',
        auth: 'open',
        cipher: 'none',
        bssids: ['fe:dc:ba:09:87:05', 'fe:dc:ba:09:87:06', 'fe:dc:ba:09:87:07'],
        signal: 87,
        signalUnit: 'percent',
        channel: 44,
        band: '5 GHz',
      },
      {
        ssid: 'SSID-3',
        auth: 'wpa2-personal',
        cipher: 'ccmp',
        bssids: ['fe:dc:ba:09:87:08'],
        signal: 81,
        signalUnit: 'percent',
        channel: 4,
        band: '2.4 GHz',
      },
    ])
  })

  it('reads Japanese labels (ネットワークの種類 / 認証 / 暗号化 / シグナル / チャネル)', () => {
    assert.deepEqual(parseNetshNetworks(fixture('windows/netsh-networks-bssid-ja-en-fragment-go-comment.txt')), [
      {
        ssid: 'aterm-82aef0-g',
        auth: 'wpa2-personal',
        cipher: 'ccmp',
        bssids: ['c0:25:a2:c0:31:55'],
        signal: 48,
        signalUnit: 'percent',
        channel: 11,
        band: null,
      },
      {
        ssid: 'Buffalo-G-1358',
        auth: 'wpa2-personal',
        cipher: 'ccmp',
        bssids: ['58:27:8c:7d:13:58'],
        signal: 25,
        signalUnit: 'percent',
        channel: 8,
        band: null,
      },
    ])
  })

  it('keeps a hidden network (empty SSID) with ssid null', () => {
    const nets = parseNetshNetworks('SSID 1 : \n    Authentication : WPA2-Personal\n    Encryption : CCMP\n')
    assert.deepEqual(nets.map((n) => [n.ssid, n.auth]), [[null, 'wpa2-personal']])
  })
})

describe('netsh parsers on hostile input', () => {
  it('never throw and give arrays', () => {
    const sample = fixture('windows/netsh-networks-bssid-en-win11-wifi-heatmapper.txt')
    for (const input of hostileInputs(sample)) {
      assert.ok(Array.isArray(parseNetshInterfaces(input)))
      assert.ok(Array.isArray(parseNetshNetworks(input)))
    }
    assert.deepEqual(parseNetshInterfaces(''), [])
    assert.deepEqual(parseNetshNetworks('garbage'), [])
    assert.deepEqual(parseNetshInterfaces(undefined as unknown as string), [])
  })
})
