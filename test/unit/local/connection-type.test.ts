import assert from 'node:assert/strict'
import {
  isMobileRouterSsid,
  kindFromNmType,
  mobileRouterSsidMatch,
  parseGetNetAdapterJson,
  parseNmcliActiveConnections,
  parseNmcliDeviceStatus,
  parseNmcliDeviceTable,
} from '../../../src/gather/local/parsers/connection-type.js'
import {parseNmcliWifiTable} from '../../../src/gather/local/parsers/linux-wifi.js'
import {fixture, hostileInputs} from './helpers.js'

describe('connection type: NetworkManager', () => {
  it('reads the `nmcli device` table in the Japanese locale (接続済み / 利用不可), dropping loopback and p2p', () => {
    assert.deepEqual(parseNmcliDeviceTable(fixture('linux/nmcli-device-ja-shimakaze.txt')), [
      {interface: 'wlp3s0', type: 'wireless', state: 'connected'},
      {interface: 'enp0s25', type: 'wired', state: 'unavailable'},
    ])
  })

  it('reads terse `nmcli -t -f DEVICE,TYPE,STATE dev` rows', () => {
    // Rows in the documented terse layout (built here; no captured terse output was found).
    const rows = 'wlp0s20f3:wifi:connected\nenp0s31f6:ethernet:unavailable\nwwan0:gsm:connected\nwg0:wireguard:connected (externally)\ntun0:tun:connected (externally)\nlo:loopback:connected (externally)\np2p-dev-wlp0s20f3:wifi-p2p:disconnected\nvirbr0:bridge:connecting (getting IP configuration)'
    assert.deepEqual(parseNmcliDeviceStatus(rows), [
      {interface: 'wlp0s20f3', type: 'wireless', state: 'connected'},
      {interface: 'enp0s31f6', type: 'wired', state: 'unavailable'},
      {interface: 'wwan0', type: 'cellular', state: 'connected'},
      {interface: 'wg0', type: 'vpn', state: 'connected'},
      {interface: 'tun0', type: 'vpn', state: 'connected'},
      {interface: 'virbr0', type: 'other', state: 'unknown'},
    ])
  })

  it('reads the real nmcli 1.42 terse device list and active connections (D-Bus scenarios, nmcli-dbusmock/)', () => {
    assert.deepEqual(parseNmcliDeviceStatus(fixture('linux/nmcli-dbusmock/wep.device.txt')), [
      {interface: 'wlp2s0', type: 'wireless', state: 'connected'},
      {interface: 'enp1s0', type: 'wired', state: 'unavailable'},
    ])
    assert.deepEqual(parseNmcliDeviceStatus(fixture('linux/nmcli-dbusmock/ethernet-only.device.txt')), [{interface: 'enp1s0', type: 'wired', state: 'connected'}])
    assert.deepEqual(parseNmcliActiveConnections(fixture('linux/nmcli-dbusmock/enterprise.active-connections.txt')), [{interface: 'wlp2s0', type: 'wireless', state: 'connected'}])
    assert.deepEqual(parseNmcliActiveConnections(fixture('linux/nmcli-dbusmock/disconnected.active-connections.txt')), [])
  })

  it('reads active connections (NAME,TYPE,DEVICE)', () => {
    const rows = 'Home Wi-Fi:802-11-wireless:wlp0s20f3\nWired connection 1:802-3-ethernet:enp0s31f6\nOffice VPN:vpn:\nlo:loopback:lo'
    assert.deepEqual(parseNmcliActiveConnections(rows), [
      {interface: 'wlp0s20f3', type: 'wireless', state: 'connected'},
      {interface: 'enp0s31f6', type: 'wired', state: 'connected'},
      {interface: 'Office VPN', type: 'vpn', state: 'connected'},
    ])
  })

  it('maps NetworkManager types', () => {
    assert.deepEqual(
      ['ethernet', 'wifi', 'gsm', 'cdma', 'bridge', 'wireguard', 'tun', 'vpn', 'bond', '802-3-ethernet', '802-11-wireless'].map(kindFromNmType),
      ['wired', 'wireless', 'cellular', 'cellular', 'other', 'vpn', 'vpn', 'vpn', 'other', 'wired', 'wireless'],
    )
  })
})

describe('connection type: Windows Get-NetAdapter JSON', () => {
  it('classifies by PhysicalMediaType / NdisPhysicalMedium and VPN descriptions', () => {
    // ConvertTo-Json shape (one object or an array); values built here, no captured output was found.
    const json = JSON.stringify([
      {Name: 'Wi-Fi', InterfaceDescription: 'Intel(R) Wi-Fi 6E AX211 160MHz', Status: 'Up', PhysicalMediaType: 'Native 802.11', NdisPhysicalMedium: 9},
      {Name: 'Ethernet', InterfaceDescription: 'Realtek PCIe GbE Family Controller', Status: 'Disconnected', PhysicalMediaType: '802.3', NdisPhysicalMedium: 14},
      {Name: 'Cellular', InterfaceDescription: 'Generic Mobile Broadband Adapter', Status: 'Up', PhysicalMediaType: 'Wireless WAN', NdisPhysicalMedium: 8},
      {Name: 'Ethernet 3', InterfaceDescription: 'TAP-Windows Adapter V9', Status: 'Disconnected', PhysicalMediaType: '802.3'},
      {Name: 'Bluetooth Network Connection', InterfaceDescription: 'Bluetooth Device (Personal Area Network)', Status: 'Not Present', PhysicalMediaType: 'BlueTooth'},
    ])
    assert.deepEqual(parseGetNetAdapterJson(json), [
      {interface: 'Wi-Fi', type: 'wireless', state: 'connected'},
      {interface: 'Ethernet', type: 'wired', state: 'disconnected'},
      {interface: 'Cellular', type: 'cellular', state: 'connected'},
      {interface: 'Ethernet 3', type: 'vpn', state: 'disconnected'},
      {interface: 'Bluetooth Network Connection', type: 'other', state: 'unavailable'},
    ])
    assert.deepEqual(parseGetNetAdapterJson(JSON.stringify({Name: 'Wi-Fi', PhysicalMediaType: 'Native 802.11', Status: 'Up'})), [
      {interface: 'Wi-Fi', type: 'wireless', state: 'connected'},
    ])
  })

  it('reads a real PowerShell-formatted adapter list: an up sing-tun VPN adapter (Happ) is a VPN', () => {
    assert.deepEqual(parseGetNetAdapterJson(fixture('windows/get-netadapter-json-sing-tun-vpn-report.json')), [
      {interface: 'happ-tun', type: 'vpn', state: 'connected'},
    ])
  })
})

describe('isMobileRouterSsid', () => {
  it('flags phone hotspots and pocket routers seen in a real Japanese scan, not home routers or public hotspots', () => {
    const {nearby} = parseNmcliWifiTable(fixture('linux/nmcli-dev-wifi-table-ja-shimakaze.txt'))
    const flagged = nearby.filter((n) => isMobileRouterSsid(n.ssid)).map((n) => n.ssid)
    assert.deepEqual(flagged, ['801ZTa-C6752F']) // SoftBank Pocket WiFi 801ZT; 0001docomo is a public hotspot
    const docomo = nearby.find((n) => n.ssid === '0001docomo')
    assert.equal(docomo?.auth, 'enterprise') // "WPA2 802.1X"
  })

  it('recognises the documented default names', () => {
    for (const ssid of ['iPhone', '太郎のiPhone', "Steve's iPhone", 'AndroidAP_4821', 'AndroidAP', 'Galaxy S23 5G', 'MiFi 8800L', 'Verizon-MiFi7730L-XXXX', 'MyTether', '602HW-1A2B3C']) {
      assert.ok(isMobileRouterSsid(ssid), ssid)
    }
    for (const ssid of ['aterm-72e649-g', 'Buffalo-G-1358', '0000docomo', '0001docomo', 'au_Wi-Fi2', 'eduroam', '', null, undefined]) {
      assert.equal(isMobileRouterSsid(ssid), false, String(ssid))
    }
    assert.match(mobileRouterSsidMatch('iPhone')?.source ?? '', /MozStumbler/)
  })

  it('recognises the WiMAX "SPWN_" pocket-router family from real observed SSIDs, and nothing looser', () => {
    for (const ssid of ['SPWN_N36_763a50', 'SPWN_N34_5f1166', 'SPWN_H37_FC3E99']) assert.ok(isMobileRouterSsid(ssid), ssid)
    for (const ssid of ['SPWN', 'SPWN_N36', 'SPWN_N36_763a5', 'SPWN_N36_763a50-guest', 'MySPWN_N36_763a50']) assert.equal(isMobileRouterSsid(ssid), false, ssid)
  })
})

describe('connection-type parsers on hostile input', () => {
  it('never throw', () => {
    const sample = fixture('linux/nmcli-device-ja-shimakaze.txt')
    for (const input of hostileInputs(sample)) {
      assert.ok(Array.isArray(parseNmcliDeviceStatus(input)))
      assert.ok(Array.isArray(parseNmcliDeviceTable(input)))
      assert.ok(Array.isArray(parseNmcliActiveConnections(input)))
      assert.ok(Array.isArray(parseGetNetAdapterJson(input)))
      isMobileRouterSsid(input)
    }
  })
})
