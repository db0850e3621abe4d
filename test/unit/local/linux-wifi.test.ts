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

  it('splits terse fields with nmcli escaping', () => {
    assert.deepEqual(splitNmcliTerse('a\\:b:c\\\\d:'), ['a:b', 'c\\d', ''])
  })
})

describe('nmcli -t with the collector fields: the real nmcli 1.42 reading NetworkManager D-Bus scenarios', () => {
  // test/fixtures/local/linux/nmcli-dbusmock/: Debian 12's nmcli reading python-dbusmock's
  // NetworkManager, one scenario per file (test/lab/nm-mock/nm-scenario.py sets each access
  // point's WpaFlags/RsnFlags; nmcli itself turns them into SECURITY and the flag words).
  const list = (scenario: string) => parseNmcliWifiList(fixture(`linux/nmcli-dbusmock/${scenario}.wifi-list.txt`))
  // What nm-scenario.py connects to in each scenario: SSID, the auth and pairwise cipher its
  // flags mean, band and channel of its frequency.
  const connected: Array<[string, string, string, string, string, number]> = [
    ['open', 'CafeFree', 'open', 'none', '2.4 GHz', 6],
    ['wep', 'OldRouter-WEP', 'wep', 'wep', '2.4 GHz', 1],
    ['wpa1', 'Legacy-TKIP', 'wpa-personal', 'tkip', '2.4 GHz', 11],
    ['wpa2', 'aterm-home-g', 'wpa2-personal', 'ccmp', '2.4 GHz', 1],
    ['wpa2-tkip', 'WPA2-TKIP-only', 'wpa2-personal', 'tkip', '2.4 GHz', 9],
    ['mixed', 'Mixed-WPA1-2', 'wpa2-personal', 'ccmp', '2.4 GHz', 6],
    ['wpa3', 'Home-WPA3', 'wpa3-personal', 'ccmp', '5 GHz', 36],
    ['transition', 'Home-WPA2-WPA3', 'wpa2-wpa3-personal', 'ccmp', '5 GHz', 100],
    ['enterprise', 'Corp-802.1X', 'enterprise', 'ccmp', '5 GHz', 48],
    ['owe', 'Enhanced-Open', 'owe', 'ccmp', '5 GHz', 149],
  ]

  for (const [scenario, ssid, auth, cipher, band, channel] of connected) {
    it(`${scenario}: the active row is ${ssid}, ${auth} / ${cipher}`, () => {
      const {current, nearby} = list(scenario)
      assert.equal(current.length, 1)
      const c = current[0]!
      assert.deepEqual([c.ssid, c.auth, c.cipher, c.band, c.channel, c.interface, c.state], [ssid, auth, cipher, band, channel, 'wlp2s0', 'connected'])
      assert.match(c.bssid ?? '', /^a0:b1:c2:00:00:0[1-9a]$/)
      assert.equal(nearby.length, 10)
    })
  }

  it('every nearby network keeps the auth and cipher of its own flags', () => {
    const nearby = list('wpa2').nearby
    for (const [, ssid, auth, cipher] of connected) {
      const n = nearby.find((x) => x.ssid === ssid)
      assert.deepEqual([n?.auth, n?.cipher], [auth, cipher], ssid)
    }
  })

  it('eviltwin: an open access point under the name of the connected WPA2 network stays a nearby network of its own', () => {
    const {current, nearby} = list('eviltwin')
    assert.deepEqual(current.map((c) => [c.ssid, c.auth, c.cipher]), [['aterm-home-g', 'wpa2-personal', 'ccmp']])
    const same = nearby.filter((n) => n.ssid === 'aterm-home-g')
    assert.deepEqual(same.map((n) => [n.auth, n.cipher, n.bssids]).sort(), [['open', 'none', ['a0:b1:c2:00:00:0b']], ['wpa2-personal', 'ccmp', ['a0:b1:c2:00:00:04']]])
  })

  it('disconnected: no active row, the networks nearby still listed; no Wi-Fi adapter: nothing at all', () => {
    assert.deepEqual([list('disconnected').current.length, list('disconnected').nearby.length], [0, 10])
    assert.equal(fixture('linux/nmcli-dbusmock/ethernet-only.wifi-list.txt'), '')
    assert.deepEqual(list('ethernet-only'), {current: [], nearby: []})
  })

  it('the default terse fields and the plain table of the same nmcli agree on the WEP connection', () => {
    const terse = parseNmcliWifiList(fixture('linux/nmcli-dbusmock/wep.wifi-list-default-fields.txt'), NMCLI_WIFI_DEFAULT_FIELDS)
    const table = parseNmcliWifiTable(fixture('linux/nmcli-dbusmock/wep.wifi-table.txt'))
    for (const {current, nearby} of [terse, table]) {
      assert.deepEqual(current.map((c) => [c.ssid, c.auth, c.cipher, c.channel]), [['OldRouter-WEP', 'wep', 'wep', 1]])
      assert.equal(nearby.length, 10)
    }
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
