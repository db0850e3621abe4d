import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {DescriptionRejected, flattenDevices, parseUpnpDescription} from '../../../src/gather/probes/upnp-description.js'
import {summariseDescription} from '../../../src/gather/router/summarise-description.js'

// Captured from the lab router (Debian miniupnpd 2.3.1) with
// `ip netns exec halab-pc busybox wget -qO- http://192.168.77.1:5431/rootDesc.xml` on 2026-11-26.
const labDescription = readFileSync(new URL('../../fixtures/router/lab/miniupnpd-2.3.1-rootDesc.xml', import.meta.url))

describe('UPnP description parser', () => {
  it('reads the root device and keeps embedded devices apart', () => {
    const d = parseUpnpDescription(labDescription)
    assert.equal(d.root.deviceType, 'urn:schemas-upnp-org:device:InternetGatewayDevice:1')
    assert.equal(d.root.manufacturer, 'NEC Platforms, Ltd.')
    assert.equal(d.root.modelName, 'Aterm WX3600HP')
    assert.equal(d.root.modelNumber, 'WX3600HP')
    const all = flattenDevices(d.root)
    assert.ok(all.length >= 3, 'WANDevice and WANConnectionDevice are embedded')
    assert.ok(all.slice(1).some((x) => x.manufacturer === 'MiniUPnP'), "miniupnpd's own name sits in the embedded devices")
    const summary = summariseDescription(d)
    assert.equal(summary.manufacturer, 'NEC Platforms, Ltd.')
    assert.ok(summary.services.some((s) => /WANIPConnection/.test(s)))
  })

  it('rejects DOCTYPE and entity declarations (billion laughs, XXE) unread', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><root><device><manufacturer>&lol2;</manufacturer></device></root>`
    assert.throws(() => parseUpnpDescription(bomb), DescriptionRejected)
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><root><device><manufacturer>&x;</manufacturer></device></root>`
    assert.throws(() => parseUpnpDescription(xxe), /DOCTYPE/)
  })

  it('rejects oversized, malformed and rootless documents with a reason', () => {
    assert.throws(() => parseUpnpDescription('<root>' + 'x'.repeat(1024 * 1024 + 1) + '</root>'), /larger than/)
    assert.throws(() => parseUpnpDescription('<root><device><manufacturer>x</device>'), DescriptionRejected)
    assert.throws(() => parseUpnpDescription('<html><body>hello</body></html>'), /no <root><device>/)
  })

  it('caps nesting and device counts', () => {
    const nest = (n: number) => '<root><device><deviceList>' + '<device><deviceList>'.repeat(n) + '</deviceList></device>'.repeat(n) + '</deviceList></device></root>'
    assert.ok(flattenDevices(parseUpnpDescription(nest(10)).root).length <= 6, 'depth is capped')
    assert.throws(() => parseUpnpDescription(nest(200)), DescriptionRejected, 'absurd nesting is rejected')
    const wide = `<root><device><deviceList>${'<device><modelName>m</modelName></device>'.repeat(500)}</deviceList></device></root>`
    assert.ok(flattenDevices(parseUpnpDescription(wide).root).length <= 65)
  })

  it('caps field lengths', () => {
    const d = parseUpnpDescription(`<root><device><friendlyName>${'A'.repeat(5000)}</friendlyName></device></root>`)
    assert.equal(d.root.friendlyName!.length, 512)
  })
})
