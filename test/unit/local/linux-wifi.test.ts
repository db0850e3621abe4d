import assert from 'node:assert/strict'
import {
  channelFromFrequency,
  NMCLI_WIFI_DEFAULT_FIELDS,
  parseIwLink,
  parseNmcliWifiList,
  parseNmcliWifiTable,
  parseWpaCliStatus,
  splitNmcliTerse,
} from '../../../src/gather/local/parsers/linux-wifi.js'
import {fixture, hostileInputs} from './helpers.js'

describe('nmcli -t dev wifi list', () => {
  const list = () => parseNmcliWifiList(fixture('linux/nmcli-t-dev-wifi-list-default-fields-wifi-heatmapper.txt'), NMCLI_WIFI_DEFAULT_FIELDS)

  it('finds the in-use network (IN-USE "*"), an open one', () => {
    assert.deepEqual(list().current, [
      {
        interface: null,
        ssid: 'SSID-3',
        bssid: 'fe:dc:ba:09:87:03',
        auth: 'open',
        cipher: 'none',
        band: null,
        channel: 1,
        signal: 87,
        signalUnit: 'percent',
        state: 'connected',
      },
    ])
  })

  it('lists nearby networks with security flags mapped and `\\:` / `\\\\` unescaped', () => {
    const nearby = list().nearby
    assert.equal(nearby.length, 11)
    const by = (ssid: string) => nearby.find((n) => n.ssid === ssid)
    assert.deepEqual(by('SSID-1')?.auth, 'wpa2-personal') // "WPA1 WPA2": strongest offered
    assert.deepEqual(by('SSID-11')?.auth, 'wpa2-wpa3-personal') // "WPA2 WPA3"
    assert.deepEqual(by('SSID-5')?.auth, 'open') // empty SECURITY
    assert.deepEqual(by('SSID-2-\\foo:bar')?.bssids, ['fe:dc:ba:09:87:02'])
    assert.deepEqual(by('SSID-11')?.bssids, ['fe:dc:ba:09:87:0b'])
  })

  it('supports the collector field list (ACTIVE,SSID,BSSID,SECURITY,CHAN,SIGNAL,FREQ) and the remaining security flags', () => {
    // Field layout per `nmcli -t -f ACTIVE,SSID,BSSID,SECURITY,CHAN,SIGNAL,FREQ dev wifi list`;
    // these rows are built here to exercise the mapping, not captured output.
    const rows = [
      'yes:Office:AA\\:BB\\:CC\\:00\\:11\\:22:WPA2 802.1X:36:70:5180 MHz',
      'no:Old:AA\\:BB\\:CC\\:00\\:11\\:23:WEP:6:40:2437 MHz',
      'no:Cafe:AA\\:BB\\:CC\\:00\\:11\\:24:OWE:11:30:2462 MHz',
      'no:New:AA\\:BB\\:CC\\:00\\:11\\:25:WPA3:37:20:6135 MHz',
      'no:::WPA2:1:10:2412 MHz',
    ].join('\n')
    const {current, nearby} = parseNmcliWifiList(rows)
    assert.deepEqual(current.map((c) => [c.ssid, c.auth, c.band, c.channel, c.bssid]), [['Office', 'enterprise', '5 GHz', 36, 'aa:bb:cc:00:11:22']])
    assert.deepEqual(
      nearby.map((n) => [n.ssid, n.auth, n.band]),
      [
        ['Office', 'enterprise', '5 GHz'],
        ['Old', 'wep', '2.4 GHz'],
        ['Cafe', 'owe', '2.4 GHz'],
        ['New', 'wpa3-personal', '6 GHz'],
        [null, 'wpa2-personal', '2.4 GHz'],
      ],
    )
  })

  it('splits terse fields with nmcli escaping', () => {
    assert.deepEqual(splitNmcliTerse('a\\:b:c\\\\d:'), ['a:b', 'c\\d', ''])
  })
})

describe('iw dev <if> link', () => {
  it('reads a connection (BSSID, SSID, frequency, dBm)', () => {
    assert.deepEqual(parseIwLink(fixture('linux/iw-dev-link-wifi-heatmapper.txt')), {
      interface: 'wlp1s0',
      ssid: 'SSID-1',
      bssid: 'fe:dc:ba:98:76:02',
      auth: 'unknown',
      cipher: 'unknown',
      band: '2.4 GHz',
      channel: 1,
      signal: -51,
      signalUnit: 'dbm',
      state: 'connected',
    })
  })

  it('reads "Not connected."', () => {
    assert.equal(parseIwLink('Not connected.\n', 'wlan0')?.state, 'disconnected')
    assert.equal(parseIwLink('Not connected.\n', 'wlan0')?.interface, 'wlan0')
  })

  it('converts frequencies to channels', () => {
    assert.deepEqual([2412, 2484, 5180, 5825, 5955, 6135, 3000].map(channelFromFrequency), [1, 14, 36, 165, 1, 37, null])
  })
})

describe('nmcli dev wifi (human table of NetworkManager 1.0–1.2: SSID … SECURITY ACTIVE *)', () => {
  it('finds a real WEP connection as the active row (Ubuntu 15.10, wireless-info report)', () => {
    const {current, nearby} = parseNmcliWifiTable(fixture('linux/nmcli-dev-wifi-wep-active-ubuntuforums-owd24.txt'))
    assert.deepEqual(current, [
      {interface: null, ssid: 'OWD24', bssid: null, auth: 'wep', cipher: 'wep', band: '2.4 GHz', channel: 11, signal: 80, signalUnit: 'percent', state: 'connected'},
    ])
    // Inactive rows end in an empty `*` column: they must not be dropped.
    assert.deepEqual(
      nearby.map((n) => [n.ssid, n.auth, n.channel, n.signal]),
      [
        ['OWD24', 'wep', 11, 80],
        ['HIGHLANDER2', 'wep', 6, 50],
        ['Kensington', 'wpa2-personal', 1, 50], // WPA1 WPA2: the strongest is negotiated
      ],
    )
  })

  it('finds a real WPA2-Enterprise (802.1X) connection next to WEP and WPA2 networks (Ubuntu 17.10)', () => {
    const {current, nearby} = parseNmcliWifiTable(fixture('linux/nmcli-dev-wifi-enterprise-active-ubuntuforums-aubg-excerpt.txt'))
    assert.deepEqual(
      current.map((c) => [c.ssid, c.auth, c.cipher, c.channel, c.signal]),
      [['AUBGSTUDENTS', 'enterprise', 'unknown', 1, 100]],
    )
    assert.deepEqual(
      nearby.map((n) => [n.ssid, n.auth]),
      [
        ['AUBGSTUDENTS', 'enterprise'],
        ['AUBGLABS', 'enterprise'],
        ['AUBGPrivPC', 'enterprise'],
        ['AUBGGuests', 'wep'],
        ['AUBGOCC', 'enterprise'],
        ['AUBGServiceOCC', 'wpa2-personal'],
      ],
    )
  })
})

describe('wpa_cli status', () => {
  it('reads a real WPA2-Enterprise (PEAP) eduroam connection', () => {
    assert.deepEqual(parseWpaCliStatus(fixture('linux/wpa-cli-status-eduroam-peap-rpi-guide.txt')), {
      interface: null,
      ssid: 'eduroam',
      bssid: 'ac:a3:1e:eb:53:c1',
      auth: 'enterprise',
      cipher: 'ccmp',
      band: '2.4 GHz',
      channel: 11,
      signal: null,
      signalUnit: null,
      state: 'connected',
    })
  })

  it('reads WPA2-PSK / CCMP from an Intel Edison', () => {
    assert.deepEqual(parseWpaCliStatus(fixture('linux/wpa-cli-status-wpa2-eggduino.txt')), {
      interface: 'wlan0',
      ssid: 'Microduino_IoT',
      bssid: 'd0:ee:07:42:b0:52',
      auth: 'wpa2-personal',
      cipher: 'ccmp',
      band: null,
      channel: null,
      signal: null,
      signalUnit: null,
      state: 'connected',
    })
  })

  it('maps key_mgmt values (NONE with and without WEP, SAE, EAP, WPA-PSK) and non-completed states', () => {
    const auth = (keyMgmt: string, pairwise = 'CCMP') =>
      parseWpaCliStatus(`wpa_state=COMPLETED\nkey_mgmt=${keyMgmt}\npairwise_cipher=${pairwise}\n`)?.auth
    assert.equal(auth('NONE', 'NONE'), 'open')
    assert.equal(auth('NONE', 'WEP-104'), 'wep')
    assert.equal(auth('WPA-PSK', 'TKIP'), 'wpa-personal')
    assert.equal(auth('SAE'), 'wpa3-personal')
    assert.equal(auth('WPA2/IEEE 802.1X/EAP'), 'enterprise')
    assert.equal(auth('OWE'), 'owe')
    assert.equal(parseWpaCliStatus('wpa_state=DISCONNECTED\naddress=00:11:22:33:44:55\n')?.state, 'disconnected')
    assert.equal(parseWpaCliStatus('wpa_state=ASSOCIATING\n')?.state, 'unknown')
  })
})

describe('Linux Wi-Fi parsers on hostile input', () => {
  it('never throw', () => {
    const sample = fixture('linux/nmcli-t-dev-wifi-list-default-fields-wifi-heatmapper.txt')
    for (const input of hostileInputs(sample)) {
      const r = parseNmcliWifiList(input)
      assert.ok(Array.isArray(r.current) && Array.isArray(r.nearby))
      parseNmcliWifiList(input, NMCLI_WIFI_DEFAULT_FIELDS)
      parseIwLink(input)
      parseWpaCliStatus(input)
    }
    for (const input of hostileInputs(fixture('linux/nmcli-dev-wifi-wep-active-ubuntuforums-owd24.txt'))) {
      const t = parseNmcliWifiTable(input)
      assert.ok(Array.isArray(t.current) && Array.isArray(t.nearby))
    }
    assert.deepEqual(parseNmcliWifiList(''), {current: [], nearby: []})
    assert.deepEqual(parseNmcliWifiList('x', []), {current: [], nearby: []})
    assert.equal(parseIwLink('garbage'), null)
    assert.equal(parseWpaCliStatus('garbage'), null)
  })
})
