import assert from 'node:assert/strict'
import type {Host, HostIdentity} from '../../../src/evidence/schema.js'
import {classifyDevice, withDeviceType} from '../../../src/identify/device-type.js'
import {host} from '../../helpers/evidence.js'

const tcp = (...ports: number[]): Host['ports'] => ports.map((port) => ({port, protocol: 'tcp', state: 'open', service: null}))

function identity(extra: Partial<HostIdentity>): HostIdentity {
  return {mdnsServices: [], mdnsTxt: {}, netbios: [], netbiosMac: null, ssdp: [], upnp: null, http: [], ...extra}
}

const nb = (name: string, ...suffixes: number[]) => suffixes.map((suffix) => ({name, suffix, group: false}))

describe('device type', () => {
  it('types the lab hosts as a scan sees them: router, PC, NAS, phone', () => {
    const router = host('192.168.77.1', {
      isGateway: true,
      vendor: 'NEC Platforms, Ltd.',
      ports: tcp(53, 80, 443, 5431, 8080),
      identity: identity({upnp: {url: 'http://192.168.77.1:5431/rootDesc.xml', deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1', friendlyName: 'Aterm WX3600HP', manufacturer: 'NEC Platforms, Ltd.', modelName: 'Aterm WX3600HP'}}),
    })
    const family = host('192.168.77.21', {
      vendor: 'Dell Inc.',
      ports: tcp(139, 445),
      names: [{name: 'FAMILY-PC', source: 'netbios'}],
      identity: identity({netbios: [...nb('FAMILY-PC', 0x00, 0x03, 0x20), {name: 'WORKGROUP', suffix: 0, group: true}]}),
    })
    const nas = host('192.168.77.30', {
      vendor: 'Synology Incorporated',
      ports: tcp(21, 139, 445),
      names: [{name: 'DISKSTATION', source: 'netbios'}, {name: 'DiskStation.local', source: 'mdns'}],
      identity: identity({netbios: nb('DISKSTATION', 0x00, 0x03, 0x20), mdnsServices: ['_smb._tcp']}),
    })
    const phone = host('192.168.77.42', {
      vendor: 'Apple, Inc.',
      names: [{name: 'Hanakos-iPhone.local', source: 'mdns'}, {name: 'Hanako’s iPhone', source: 'mdns'}],
      identity: identity({mdnsServices: ['_companion-link._tcp', '_device-info._tcp'], mdnsTxt: {model: 'iPhone14,5', rpmd: 'iPhone14,5'}}),
    })
    assert.equal(classifyDevice(router).type, 'router')
    assert.equal(classifyDevice(family).type, 'pc')
    assert.equal(classifyDevice(nas).type, 'nas')
    const typedPhone = classifyDevice(phone)
    assert.equal(typedPhone.type, 'phone/tablet')
    assert.ok(typedPhone.reasons.some((r) => /model=iPhone14,5 \(an iPhone\)/.test(r)), typedPhone.reasons.join('\n'))
    const stored = withDeviceType(phone)
    assert.equal(stored.deviceType, 'phone/tablet')
    assert.deepEqual(stored.deviceTypeReasons, typedPhone.reasons)
  })

  it('an open 62078 (iOS lockdown) makes an Apple device a phone/tablet even without mDNS', () => {
    assert.equal(classifyDevice(host('192.168.1.5', {vendor: 'Apple, Inc.', ports: tcp(62078)})).type, 'phone/tablet')
  })

  it('printers: JetDirect/IPP ports, IPP services, the ty= TXT key, printer vendors', () => {
    assert.equal(classifyDevice(host('192.168.1.6', {ports: tcp(631, 9100)})).type, 'printer')
    assert.equal(classifyDevice(host('192.168.1.7', {identity: identity({mdnsServices: ['_ipp._tcp'], mdnsTxt: {ty: 'Brother HL-L2375DW'}})})).type, 'printer')
    assert.equal(classifyDevice(host('192.168.1.8', {vendor: 'Brother Industries, LTD.', ports: tcp(80)})).type, 'printer')
  })

  it('TVs and media: Cast, AirPlay + Apple TV model, MediaRenderer', () => {
    assert.equal(classifyDevice(host('192.168.1.9', {identity: identity({mdnsServices: ['_googlecast._tcp'], mdnsTxt: {md: 'Chromecast'}})})).type, 'tv/media')
    assert.equal(classifyDevice(host('192.168.1.11', {vendor: 'Apple, Inc.', identity: identity({mdnsServices: ['_airplay._tcp', '_raop._tcp'], mdnsTxt: {model: 'AppleTV11,1'}})})).type, 'tv/media')
    assert.equal(classifyDevice(host('192.168.1.12', {identity: identity({upnp: {url: 'x', deviceType: 'urn:schemas-upnp-org:device:MediaRenderer:1', friendlyName: 'BRAVIA', manufacturer: 'Sony', modelName: 'KJ-55'}})})).type, 'tv/media')
  })

  it('IoT: Espressif modules, HomeKit accessories, smart speakers', () => {
    assert.equal(classifyDevice(host('192.168.1.13', {vendor: 'Espressif Inc.'})).type, 'iot')
    assert.equal(classifyDevice(host('192.168.1.14', {identity: identity({mdnsServices: ['_hap._tcp']})})).type, 'iot')
    assert.equal(classifyDevice(host('192.168.1.15', {identity: identity({mdnsServices: ['_googlecast._tcp'], mdnsTxt: {md: 'Google Nest Mini'}})})).type, 'iot', 'the speaker model outweighs the Cast service')
  })

  it('a Mac is a PC; a Windows box with RDP is a PC', () => {
    assert.equal(classifyDevice(host('192.168.1.16', {vendor: 'Apple, Inc.', identity: identity({mdnsTxt: {model: 'MacBookPro18,3'}})})).type, 'pc')
    assert.equal(classifyDevice(host('192.168.1.17', {ports: tcp(135, 445, 3389)})).type, 'pc')
  })

  it('unknown rather than a guess: nothing known, an Apple device with no more, SMB alone, a randomised MAC alone', () => {
    for (const h of [
      host('192.168.1.20'),
      host('192.168.1.21', {vendor: 'Apple, Inc.'}),
      host('192.168.1.22', {ports: tcp(445)}),
      host('192.168.1.23', {macRandomized: true}),
    ]) {
      const typed = classifyDevice(h)
      assert.equal(typed.type, 'unknown', h.ip)
      assert.ok(typed.reasons.length > 0)
    }
    assert.match(classifyDevice(host('192.168.1.22', {ports: tcp(445)})).reasons[0]!, /not decided: (pc 2, nas 2|nas 2, pc 2)/)
  })

  it('a phone that names itself is a phone, whatever its MAC', () => {
    assert.equal(classifyDevice(host('192.168.1.24', {macRandomized: true, names: [{name: 'Galaxy-S23', source: 'dns'}]})).type, 'phone/tablet')
    assert.equal(classifyDevice(host('192.168.1.25', {macRandomized: true, names: [{name: 'android-4f2a9c.lan', source: 'dns'}]})).type, 'phone/tablet')
  })

  it('quotes device text in reasons only capped and on one line', () => {
    const typed = classifyDevice(host('192.168.1.26', {identity: identity({mdnsTxt: {model: `iPhone14,5\n${'x'.repeat(5000)}`}})}))
    assert.equal(typed.type, 'phone/tablet')
    for (const r of typed.reasons) assert.ok(r.length < 200 && !r.includes('\n'), r)
  })
})
