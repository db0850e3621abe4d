import assert from 'node:assert/strict'
import {
  defaultRouteDevicesFromIpRoute,
  parseGetVpnConnectionJson,
  parseIpconfigVpn,
  parseLinuxIpVpn,
  parseMacIfconfigVpn,
  parseNetstatDefaultInterfaces,
  parseScutilNcList,
  vpnKindFromDescription,
  withDefaultRoute,
} from '../../../src/gather/local/parsers/vpn.js'
import {fixture, hostileInputs} from './helpers.js'

describe('VPN: Linux ip -j', () => {
  it('finds a WireGuard interface (link_type none, POINTOPOINT, operstate UNKNOWN but UP)', () => {
    assert.deepEqual(parseLinuxIpVpn(fixture('linux/ip-j-addr-wg0.json')), [
      {name: 'wg0', kind: 'wireguard', up: true, carriesDefaultRoute: null},
    ])
  })

  it('says whether the default route goes through it when `ip -j route` is given', () => {
    const links = fixture('linux/ip-j-addr-wg0.json')
    assert.deepEqual(parseLinuxIpVpn(links, fixture('linux/ip-j-route-devmachine.json')), [
      {name: 'wg0', kind: 'wireguard', up: true, carriesDefaultRoute: false},
    ])
    // wg-quick's table 51820 default, as `ip -j route show table all` lists it (built here).
    const allTables = '[{"dst":"default","dev":"wg0","table":"51820","scope":"link","flags":[]},{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]}]'
    assert.deepEqual(parseLinuxIpVpn(links, allTables)[0]?.carriesDefaultRoute, true)
    assert.deepEqual([...defaultRouteDevicesFromIpRoute('[{"dst":"0.0.0.0/1","gateway":"10.8.0.1","dev":"tun0"},{"dst":"128.0.0.0/1","gateway":"10.8.0.1","dev":"tun0"}]')], ['tun0'])
  })

  it('reads a real OpenVPN tunnel: tun0 (linkinfo tun) carrying the def1 routes 0/1 and 128/1, eth0 not a VPN', () => {
    // Captured in the lab PC's namespace with a real OpenVPN 2.6 client connected (SOURCES.md).
    const links = fixture('linux/ip-j-d-link-openvpn-tun0-lab.json')
    const routes = fixture('linux/ip-j-route-all-openvpn-def1-lab.json')
    assert.deepEqual(parseLinuxIpVpn(links, routes), [{name: 'tun0', kind: 'openvpn', up: true, carriesDefaultRoute: true}])
    assert.deepEqual([...defaultRouteDevicesFromIpRoute(routes)].sort(), ['eth0', 'tun0'])
  })

  it('finds nothing on a machine without a VPN', () => {
    assert.deepEqual(parseLinuxIpVpn(fixture('linux/ip-j-link-devmachine-no-vpn.json'), fixture('linux/ip-j-route-devmachine.json')), [])
  })

  it('recognises VPN interface names and link kinds', () => {
    const json = JSON.stringify([
      {ifname: 'tun0', flags: ['POINTOPOINT', 'MULTICAST', 'NOARP', 'UP', 'LOWER_UP'], operstate: 'UNKNOWN', link_type: 'none'},
      {ifname: 'tap0', flags: ['BROADCAST', 'MULTICAST'], operstate: 'DOWN', link_type: 'ether'},
      {ifname: 'ppp0', flags: ['POINTOPOINT', 'UP', 'LOWER_UP'], operstate: 'UNKNOWN', link_type: 'ppp'},
      {ifname: 'cscotun0', flags: ['UP'], operstate: 'UNKNOWN'},
      {ifname: 'gpd0', flags: ['UP'], operstate: 'UNKNOWN'},
      {ifname: 'vti0', flags: ['NOARP'], operstate: 'DOWN'},
      {ifname: 'work', flags: ['UP'], linkinfo: {info_kind: 'wireguard'}},
      {ifname: 'odd0', flags: ['POINTOPOINT', 'UP'], link_type: 'none'},
      {ifname: 'eth0', flags: ['BROADCAST', 'UP'], link_type: 'ether'},
    ])
    assert.deepEqual(
      parseLinuxIpVpn(json).map((v) => [v.name, v.kind, v.up]),
      [
        ['tun0', 'openvpn', true],
        ['tap0', 'openvpn', false],
        ['ppp0', 'ppp', true],
        ['cscotun0', 'anyconnect', true],
        ['gpd0', 'globalprotect', true],
        ['vti0', 'ipsec', false],
        ['work', 'wireguard', true],
        ['odd0', 'other', true],
      ],
    )
  })
})

describe('VPN: Windows', () => {
  it('finds a connected Cisco AnyConnect adapter carrying a default gateway in ipconfig /all', () => {
    assert.deepEqual(parseIpconfigVpn(fixture('windows/ipconfig-all-en-anyconnect-docker-for-win-7179.txt')), [
      {name: 'Ethernet', kind: 'anyconnect', up: true, carriesDefaultRoute: true},
    ])
  })

  it('maps VPN adapter descriptions to kinds', () => {
    const cases: Array<[string, string | null]> = [
      ['WireGuard Tunnel', 'wireguard'],
      ['TAP-Windows Adapter V9', 'openvpn'],
      ['TAP-NordVPN Windows Adapter V9', 'openvpn'],
      ['Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64', 'anyconnect'],
      ['Cisco Secure Client Virtual Miniport Adapter for Windows x64', 'anyconnect'],
      ['Fortinet SSL VPN Virtual Ethernet Adapter', 'forticlient'],
      ['PANGP Virtual Ethernet Adapter Secure', 'globalprotect'],
      ['Juniper Networks Virtual Adapter', 'pulse'],
      ['WAN Miniport (IKEv2)', 'ipsec'],
      ['WAN Miniport (SSTP)', 'ppp'],
      ['Microsoft Teredo Tunneling Adapter', null],
      ['Hyper-V Virtual Ethernet Adapter #3', null],
      ['Intel(R) Wi-Fi 6 AX201 160MHz', null],
    ]
    for (const [description, kind] of cases) assert.equal(vpnKindFromDescription(description), kind, description)
  })

  it('reads PPP adapter blocks (Windows built-in VPN), English and Japanese labels', () => {
    // Block layout of ipconfig /all; the VPN name and addresses are built here.
    const en = 'PPP adapter Office VPN:\r\n\r\n   Connection-specific DNS Suffix  . :\r\n   Description . . . . . . . . . . . : Office VPN\r\n   Physical Address. . . . . . . . . :\r\n   DHCP Enabled. . . . . . . . . . . : No\r\n   IPv4 Address. . . . . . . . . . . : 10.10.0.5(Preferred)\r\n   Subnet Mask . . . . . . . . . . . : 255.255.255.255\r\n   Default Gateway . . . . . . . . . : 0.0.0.0\r\n'
    assert.deepEqual(parseIpconfigVpn(en), [{name: 'Office VPN', kind: 'ppp', up: true, carriesDefaultRoute: true}])
    const ja = 'PPP アダプター 社内VPN:\r\n\r\n   説明. . . . . . . . . . . . . . . . .: 社内VPN\r\n   IPv4 アドレス . . . . . . . . . . . .: 10.10.0.6(優先)\r\n   デフォルト ゲートウェイ . . . . . . .:\r\n'
    assert.deepEqual(parseIpconfigVpn(ja), [{name: '社内VPN', kind: 'ppp', up: true, carriesDefaultRoute: false}])
    const disconnected = 'Unknown adapter OpenVPN TAP-Windows6:\r\n\r\n   Media State . . . . . . . . . . . : Media disconnected\r\n   Description . . . . . . . . . . . : TAP-Windows Adapter V9\r\n'
    assert.deepEqual(parseIpconfigVpn(disconnected), [{name: 'OpenVPN TAP-Windows6', kind: 'openvpn', up: false, carriesDefaultRoute: false}])
  })

  it('reads Get-VpnConnection JSON (one object or an array)', () => {
    // ConvertTo-Json shape of Get-VpnConnection; values built here.
    const json = JSON.stringify([
      {Name: 'Office', ServerAddress: 'vpn.example.com', TunnelType: 'Ikev2', ConnectionStatus: 'Connected', SplitTunneling: false},
      {Name: 'Old', TunnelType: 'Pptp', ConnectionStatus: 'Disconnected', SplitTunneling: false},
      {Name: 'Split', TunnelType: 'Sstp', ConnectionStatus: 'Connected', SplitTunneling: true},
    ])
    assert.deepEqual(parseGetVpnConnectionJson(json), [
      {name: 'Office', kind: 'ipsec', up: true, carriesDefaultRoute: true},
      {name: 'Old', kind: 'ppp', up: false, carriesDefaultRoute: false},
      {name: 'Split', kind: 'ppp', up: true, carriesDefaultRoute: false},
    ])
    assert.equal(parseGetVpnConnectionJson('{"Name":"One","ConnectionStatus":"Connected","TunnelType":"L2tp"}').length, 1)
  })

  it('reads the default list output of Get-VpnConnection (a real connected IKEv2 Always On profile with split tunnelling)', () => {
    assert.deepEqual(parseGetVpnConnectionJson(fixture('windows/get-vpnconnection-list-ikev2-always-on-azure-guide.txt')), [
      {name: 'Always On VPN', kind: 'ipsec', up: true, carriesDefaultRoute: false},
    ])
  })
})

describe('VPN: macOS', () => {
  it('reads scutil --nc list: Network Extension VPNs, disconnected', () => {
    assert.deepEqual(parseScutilNcList(fixture('macos/scutil-nc-list-wireguard-tailscale-disconnected.txt')), [
      {name: 'Rivendell', kind: 'wireguard', up: false, carriesDefaultRoute: false},
      {name: 'Tailscale', kind: 'wireguard', up: false, carriesDefaultRoute: false}, // Tailscale is WireGuard-based
    ])
  })

  it('reads scutil --nc list: a connected L2TP VPN, skipping dial-up modems', () => {
    assert.deepEqual(parseScutilNcList(fixture('macos/scutil-nc-list-l2tp-connected.txt')), [
      {name: 'Test-VPN', kind: 'ipsec', up: true, carriesDefaultRoute: null},
    ])
  })

  it('finds a utun interface with an IPv4 address and the OpenVPN def1 routes through utun3', () => {
    assert.deepEqual(parseMacIfconfigVpn(fixture('macos/ifconfig-utun13-wireguard-blog.txt')), [
      {name: 'utun13', kind: 'utun', up: true, carriesDefaultRoute: null},
    ])
    assert.deepEqual(parseNetstatDefaultInterfaces(fixture('macos/netstat-rn-inet-vpn-def1-panland.txt')), ['utun3', 'en0'])
    assert.deepEqual(
      parseMacIfconfigVpn(fixture('macos/ifconfig-utun13-wireguard-blog.txt'), fixture('macos/netstat-rn-inet-vpn-def1-panland.txt')),
      [{name: 'utun13', kind: 'utun', up: true, carriesDefaultRoute: false}],
    )
    assert.deepEqual(withDefaultRoute([{name: 'utun3', kind: 'utun', up: true, carriesDefaultRoute: null}], ['utun3']), [
      {name: 'utun3', kind: 'utun', up: true, carriesDefaultRoute: true},
    ])
  })

  it('ignores the system utun interfaces that only have IPv6 link-local addresses', () => {
    const text = 'utun0: flags=8051<UP,POINTOPOINT,RUNNING,MULTICAST> mtu 1380\n\tinet6 fe80::1%utun0 prefixlen 64 scopeid 0x8 \n\tnd6 options=201<PERFORMNUD,DAD>\n'
    assert.deepEqual(parseMacIfconfigVpn(text), [])
  })
})

describe('VPN parsers on hostile input', () => {
  it('never throw', () => {
    const samples = [fixture('windows/ipconfig-all-en-anyconnect-docker-for-win-7179.txt'), fixture('linux/ip-j-addr-wg0.json'), fixture('macos/scutil-nc-list-l2tp-connected.txt')]
    for (const sample of samples) {
      for (const input of hostileInputs(sample)) {
        assert.ok(Array.isArray(parseLinuxIpVpn(input, input)))
        assert.ok(Array.isArray(parseIpconfigVpn(input)))
        assert.ok(Array.isArray(parseGetVpnConnectionJson(input)))
        assert.ok(Array.isArray(parseScutilNcList(input)))
        assert.ok(Array.isArray(parseMacIfconfigVpn(input, input)))
        assert.ok(Array.isArray(parseNetstatDefaultInterfaces(input)))
      }
    }
  })
})
