import assert from 'node:assert/strict'
import {
  parseAirportInfo,
  parseSystemProfilerAirport,
  parseSystemProfilerAirportText,
  parseSystemProfilerNearby,
  parseWdutilInfo,
} from '../../../src/gather/local/parsers/macos-wifi.js'
import {fixture, hostileInputs} from './helpers.js'

describe('system_profiler SPAirPortDataType -json', () => {
  it('reads a macOS 15 connection whose SSID is <redacted>, with the misspelt WPA3-transition mode', () => {
    assert.deepEqual(parseSystemProfilerAirport(fixture('macos/system-profiler-airport-redacted-wpa3-transition-jp.json')), [
      {
        interface: 'en0',
        ssid: null,
        bssid: null,
        auth: 'wpa2-wpa3-personal',
        cipher: 'unknown',
        band: '5 GHz',
        channel: 40,
        signal: -51,
        signalUnit: 'dbm',
        state: 'connected',
      },
    ])
  })

  it('reads the nearby networks of that output, names redacted', () => {
    assert.deepEqual(parseSystemProfilerNearby(fixture('macos/system-profiler-airport-redacted-wpa3-transition-jp.json')), [
      {ssid: null, auth: 'wpa2-personal', cipher: 'unknown', bssids: [], signal: null, signalUnit: null, channel: 6, band: '2.4 GHz'},
      {ssid: null, auth: 'wpa2-wpa3-personal', cipher: 'unknown', bssids: [], signal: -48, signalUnit: 'dbm', channel: 40, band: '5 GHz'},
    ])
  })

  it('reads macOS 10.15 connected to an open network (numeric channel, BSSID present)', () => {
    assert.deepEqual(parseSystemProfilerAirport(fixture('macos/system-profiler-airport-open-10.15.7-wifi-heatmapper.json')), [
      {
        interface: 'en1',
        ssid: 'SSID-6',
        bssid: 'fe:dc:ba:09:87:65',
        auth: 'open',
        cipher: 'none',
        band: null,
        channel: 6,
        signal: -55,
        signalUnit: 'dbm',
        state: 'connected',
      },
    ])
    const nearby = parseSystemProfilerNearby(fixture('macos/system-profiler-airport-open-10.15.7-wifi-heatmapper.json'))
    assert.equal(nearby.length, 17)
    assert.equal(nearby.filter((n) => n.auth === 'open').length, 10)
    assert.equal(nearby.filter((n) => n.auth === 'wpa2-personal').length, 7)
    const ssid9 = nearby.find((n) => n.ssid === 'SSID-9')
    assert.deepEqual(ssid9 && [ssid9.channel, ssid9.signal, ssid9.cipher], [149, -70, 'none']) // channel "149,+1"
  })

  it('reports Wi-Fi switched off as disconnected and skips awdl0', () => {
    assert.deepEqual(parseSystemProfilerAirport(fixture('macos/system-profiler-airport-wifi-off-15.5-wifi-heatmapper.json')), [
      {
        interface: 'en0',
        ssid: null,
        bssid: null,
        auth: 'unknown',
        cipher: 'unknown',
        band: null,
        channel: null,
        signal: null,
        signalUnit: null,
        state: 'disconnected',
      },
    ])
    assert.deepEqual(parseSystemProfilerNearby(fixture('macos/system-profiler-airport-wifi-off-15.5-wifi-heatmapper.json')), [])
  })

  it('reads a real macOS 26 WPA3-Personal connection on 6 GHz (SSID redacted, awdl0 skipped)', () => {
    assert.deepEqual(parseSystemProfilerAirport(fixture('macos/system-profiler-airport-wpa3-personal-6ghz-macos26-go-test.json')), [
      {interface: 'en0', ssid: null, bssid: null, auth: 'wpa3-personal', cipher: 'unknown', band: '6 GHz', channel: 37, signal: -52, signalUnit: 'dbm', state: 'connected'},
    ])
  })

  it('reads a real WPA2-Enterprise (eduroam) current-network object placed in the report structure', () => {
    // The object is real (a script's example of its own machine's system_profiler output, kept in
    // a shell comment, SOURCES.md); the surrounding SPAirPortDataType structure is built here.
    const commented = fixture('macos/system-profiler-current-network-eduroam-wpa2-enterprise-script-comment.txt')
    const json = commented
      .split('\n')
      .map((l) => l.replace(/^\s*#\s?/, ''))
      .join('\n')
      .replace(/^\s*Ex:\s*WiFiDetails='/, '')
      .replace(/'\s*$/, '')
    const current = JSON.parse(json) as Record<string, unknown>
    const report = {SPAirPortDataType: [{spairport_airport_interfaces: [{_name: 'en0', spairport_status_information: 'spairport_status_connected', spairport_current_network_information: current}]}]}
    const [c] = parseSystemProfilerAirport(JSON.stringify(report))
    assert.deepEqual(c && [c.ssid, c.auth, c.band, c.channel, c.signal], ['eduroam', 'enterprise', '5 GHz', 52, -66])
  })

  it('maps every security mode spelling', () => {
    const modeOf = (mode: string) =>
      parseSystemProfilerAirport(
        JSON.stringify({
          SPAirPortDataType: [
            {
              spairport_airport_interfaces: [
                {_name: 'en0', spairport_status_information: 'spairport_status_connected', spairport_current_network_information: {_name: 'x', spairport_security_mode: mode}},
              ],
            },
          ],
        }),
      )[0]?.auth
    assert.equal(modeOf('spairport_security_mode_none'), 'open')
    assert.equal(modeOf('spairport_security_mode_wep'), 'wep')
    assert.equal(modeOf('spairport_security_mode_wpa_personal'), 'wpa-personal')
    assert.equal(modeOf('spairport_security_mode_wpa2_personal'), 'wpa2-personal')
    assert.equal(modeOf('spairport_security_mode_wpa2_personal_mixed'), 'wpa2-personal')
    assert.equal(modeOf('spairport_security_mode_wpa3_personal'), 'wpa3-personal')
    assert.equal(modeOf('spairport_security_mode_wpa3_transition'), 'wpa2-wpa3-personal')
    assert.equal(modeOf('pairport_security_mode_wpa3_transition'), 'wpa2-wpa3-personal')
    assert.equal(modeOf('spairport_security_mode_wpa2_enterprise'), 'enterprise')
    assert.equal(modeOf('spairport_security_mode_wpa3_enterprise'), 'enterprise')
    assert.equal(modeOf('spairport_security_mode_owe'), 'owe')
    assert.equal(modeOf('spairport_security_mode_something_new'), 'unknown')
  })
})

describe('system_profiler SPAirPortDataType (plain text, macOS before 10.15)', () => {
  it('reads a real WPA2-Enterprise connection (excerpt as quoted in a work log)', () => {
    assert.deepEqual(parseSystemProfilerAirportText(fixture('macos/system-profiler-text-wpa2-enterprise-excerpt-worklog.txt')), [
      {interface: 'en0', ssid: 'gost-eap-tls', bssid: null, auth: 'enterprise', cipher: 'unknown', band: null, channel: null, signal: null, signalUnit: null, state: 'connected'},
    ])
  })

  it('maps the other CoreWLAN security names, Wi-Fi off, and skips awdl0', () => {
    // Layout of the capture above; the field values are built here.
    const one = (security: string, status = 'Connected') =>
      parseSystemProfilerAirportText(
        `Wi-Fi:\n\n      Interfaces:\n        en0:\n          Status: ${status}\n          Current Network Information:\n            Home:\n              Channel: 36 (5GHz, 80MHz)\n              Security: ${security}\n              Signal / Noise: -58 dBm / -92 dBm\n        awdl0:\n          Status: Connected\n`,
      )
    assert.deepEqual(one('WEP').map((c) => [c.interface, c.auth, c.cipher, c.channel, c.band, c.signal]), [['en0', 'wep', 'wep', 36, '5 GHz', -58]])
    assert.equal(one('None')[0]?.auth, 'open')
    assert.equal(one('WPA2 Personal')[0]?.auth, 'wpa2-personal')
    assert.equal(one('WPA3 Personal')[0]?.auth, 'wpa3-personal')
    assert.equal(one('WPA2 Personal', 'Off')[0]?.state, 'disconnected')
    assert.equal(one('WPA2 Personal', 'Off')[0]?.auth, 'unknown')
    assert.deepEqual(parseSystemProfilerAirportText('Wi-Fi:\n  Software Versions:\n    CoreWLAN: 16.0\n'), [])
  })
})

describe('wdutil info', () => {
  it('reads a macOS 15 WPA2 Personal connection with redacted SSID/BSSID', () => {
    assert.deepEqual(parseWdutilInfo(fixture('macos/wdutil-info-wpa2-macos15-wifi-heatmapper.txt')), {
      interface: 'en0',
      ssid: null,
      bssid: null,
      auth: 'wpa2-personal',
      cipher: 'unknown',
      band: '5 GHz',
      channel: 44,
      signal: -79,
      signalUnit: 'dbm',
      state: 'connected',
    })
  })

  it('reads a real macOS 15.4 WPA3 Personal connection (5g44/80, redacted names, fault sections after WIFI)', () => {
    assert.deepEqual(parseWdutilInfo(fixture('macos/wdutil-info-wpa3-macos15.4-kz-go-test.txt')), {
      interface: 'en0',
      ssid: null,
      bssid: null,
      auth: 'wpa3-personal',
      cipher: 'unknown',
      band: '5 GHz',
      channel: 44,
      signal: -71,
      signalUnit: 'dbm',
      state: 'connected',
    })
  })

  it('reads a disconnected adapter (SSID/BSSID/Security None, RSSI 0 dBm)', () => {
    assert.deepEqual(parseWdutilInfo(fixture('macos/wdutil-info-disconnected-wifi-heatmapper.txt')), {
      interface: 'en0',
      ssid: null,
      bssid: null,
      auth: 'unknown',
      cipher: 'unknown',
      band: null,
      channel: null,
      signal: null,
      signalUnit: null,
      state: 'disconnected',
    })
  })
})

describe('airport -I (legacy)', () => {
  it('reads wpa2-psk link auth, RSSI and a BSSID with dropped leading zeros', () => {
    assert.deepEqual(parseAirportInfo(fixture('macos/airport-I-wpa2-node-wifi.txt')), {
      interface: null,
      ssid: 'Linksys01227_5GHz',
      bssid: '31:23:03:1a:9f:1d',
      auth: 'wpa2-personal',
      cipher: 'unknown',
      band: null,
      channel: 36,
      signal: -50,
      signalUnit: 'dbm',
      state: 'connected',
    })
    const jc = parseAirportInfo(fixture('macos/airport-I-wpa2-jc-10.14.6.txt'))
    assert.deepEqual(jc && [jc.ssid, jc.bssid, jc.auth, jc.channel, jc.signal], ['SnazzleDazzle', '3c:37:86:15:ad:f9', 'wpa2-personal', 48, -66])
  })

  it('reads a real open-network connection (link auth none)', () => {
    const open = parseAirportInfo(fixture('macos/airport-I-open-va-internet-moonpoint.txt'))
    assert.deepEqual(open && [open.ssid, open.bssid, open.auth, open.cipher, open.channel, open.signal, open.state], ['VA Internet', 'ec:44:76:81:e4:40', 'open', 'none', 11, -67, 'connected'])
  })

  it('reports "AirPort: Off" as disconnected', () => {
    assert.equal(parseAirportInfo('AirPort: Off\n')?.state, 'disconnected')
  })
})

describe('macOS Wi-Fi parsers on hostile input', () => {
  it('never throw', () => {
    const sample = fixture('macos/system-profiler-airport-open-10.15.7-wifi-heatmapper.json')
    const text = fixture('macos/wdutil-info-wpa2-macos15-wifi-heatmapper.txt')
    for (const input of [...hostileInputs(sample), ...hostileInputs(text)]) {
      assert.ok(Array.isArray(parseSystemProfilerAirport(input)))
      assert.ok(Array.isArray(parseSystemProfilerNearby(input)))
      parseWdutilInfo(input)
      parseAirportInfo(input)
      assert.ok(Array.isArray(parseSystemProfilerAirportText(input)))
    }
    assert.deepEqual(parseSystemProfilerAirport(''), [])
    assert.equal(parseWdutilInfo(''), null)
    assert.equal(parseAirportInfo('garbage'), null)
    assert.deepEqual(parseSystemProfilerAirport('{"SPAirPortDataType":[{"spairport_airport_interfaces":[null, 5, {"_name": 7}]}]}').length, 1)
  })
})
