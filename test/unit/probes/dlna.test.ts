import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {BROWSE_COUNT, browseRequest, findContentDirectory, parseBrowseResponse} from '../../../src/gather/probes/dlna.js'
import {XmlRejected} from '../../../src/gather/probes/safe-xml.js'

// Real answers of minidlna 1.3.0 (Debian 12) captured in the lab: test/fixtures/exposures/SOURCES.md.
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/exposures/${name}`, import.meta.url))
const routerDescription = readFileSync(new URL('../../fixtures/router/lab/miniupnpd-2.3.1-rootDesc.xml', import.meta.url))

describe('DLNA ContentDirectory: description, Browse request and DIDL-Lite answer', () => {
  it("finds a MediaServer's ContentDirectory control URL, resolved against the description URL", () => {
    const cd = findContentDirectory(fixture('minidlna-rootDesc.xml'), 'http://192.168.77.50:8200/rootDesc.xml')!
    assert.equal(cd.controlUrl, 'http://192.168.77.50:8200/ctl/ContentDir')
    assert.equal(cd.serviceType, 'urn:schemas-upnp-org:service:ContentDirectory:1')
    assert.equal(cd.deviceType, 'urn:schemas-upnp-org:device:MediaServer:1')
    assert.equal(cd.friendlyName, 'BRAVIA KJ-43X8000H')
  })

  it('a router (IGD) description has no ContentDirectory: null, nothing to ask', () => {
    assert.equal(findContentDirectory(routerDescription, 'http://192.168.77.1:5431/rootDesc.xml'), null)
  })

  it('honours URLBase and finds the service in an embedded device', () => {
    const xml = `<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><URLBase>http://192.168.1.20:50001/</URLBase><device><deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><deviceList><device><deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType><friendlyName>NAS &amp; media</friendlyName><serviceList><service><serviceType>urn:schemas-upnp-org:service:ContentDirectory:1</serviceType><controlURL>cd/control</controlURL></service></serviceList></device></deviceList></device></root>`
    const cd = findContentDirectory(xml, 'http://192.168.1.20:50001/desc.xml')!
    assert.equal(cd.controlUrl, 'http://192.168.1.20:50001/cd/control')
    assert.equal(cd.friendlyName, 'NAS &amp; media', 'entities are not expanded (the report shows the text as sent)')
  })

  it('the Browse request asks for the direct children of the root, at most 20, and escapes the service type', () => {
    const body = browseRequest('urn:schemas-upnp-org:service:ContentDirectory:1')
    assert.match(body, /<ObjectID>0<\/ObjectID><BrowseFlag>BrowseDirectChildren<\/BrowseFlag>/)
    assert.match(body, new RegExp(`<RequestedCount>${BROWSE_COUNT}</RequestedCount>`))
    assert.equal(BROWSE_COUNT, 20)
    assert.ok(!browseRequest('a"><x>').includes('"><x>'))
  })

  it("reads minidlna's root: four containers, their titles and counts", () => {
    const r = parseBrowseResponse(fixture('minidlna-browse-root.xml'))
    assert.deepEqual(r.entries.map((e) => [e.kind, e.id, e.title]), [
      ['container', '64', 'Browse Folders'],
      ['container', '1', 'Music'],
      ['container', '3', 'Pictures'],
      ['container', '2', 'Video'],
    ])
    assert.equal(r.numberReturned, 4)
    assert.equal(r.totalMatches, 4)
    assert.equal(r.fault, null)
    assert.equal(r.entries[0]!.upnpClass, 'object.container.storageFolder')
  })

  it('reads folders with childCount and items', () => {
    const folders = parseBrowseResponse(fixture('minidlna-browse-folders.xml'))
    assert.deepEqual(folders.entries.map((e) => [e.title, e.childCount]), [['Music', 2], ['Video', 0]])
    const items = parseBrowseResponse(fixture('minidlna-browse-items.xml'))
    assert.deepEqual(items.entries.map((e) => [e.kind, e.title, e.upnpClass]), [
      ['item', 'chime', 'object.item.audioItem.musicTrack'],
      ['item', 'doorbell', 'object.item.audioItem.musicTrack'],
    ])
  })

  it('a SOAP fault gives its UPnP error code', () => {
    const r = parseBrowseResponse(fixture('minidlna-browse-fault.xml'))
    assert.deepEqual(r.fault, {code: 701, description: 'No such object error'})
    assert.deepEqual(r.entries, [])
  })

  it('a Result sent as CDATA is read as well', () => {
    const didl = '<DIDL-Lite xmlns="urn:schemas-upnp-org:metadata-1-0/DIDL-Lite/" xmlns:dc="http://purl.org/dc/elements/1.1/"><container id="1"><dc:title>Recordings</dc:title></container></DIDL-Lite>'
    const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><u:BrowseResponse xmlns:u="urn:schemas-upnp-org:service:ContentDirectory:1"><Result><![CDATA[${didl}]]></Result><NumberReturned>1</NumberReturned><TotalMatches>1</TotalMatches></u:BrowseResponse></s:Body></s:Envelope>`
    assert.deepEqual(parseBrowseResponse(xml).entries.map((e) => e.title), ['Recordings'])
  })

  it('hostile answers: entity declarations refused, titles capped, no more than 20 entries kept', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>'
    assert.throws(() => parseBrowseResponse(bomb), XmlRejected)
    const inner = '&lt;!DOCTYPE x [&lt;!ENTITY a "b"&gt;]&gt;&lt;DIDL-Lite/&gt;'
    assert.throws(() => parseBrowseResponse(`<Envelope><Body><BrowseResponse><Result>${inner}</Result></BrowseResponse></Body></Envelope>`), /DIDL-Lite rejected: DOCTYPE/)
    const many = Array.from({length: 100}, (_, i) => `&lt;container id="${i}"&gt;&lt;dc:title&gt;${'T'.repeat(2000)}&lt;/dc:title&gt;&lt;/container&gt;`).join('')
    const r = parseBrowseResponse(`<Envelope><Body><BrowseResponse><Result>&lt;DIDL-Lite&gt;${many}&lt;/DIDL-Lite&gt;</Result><NumberReturned>100</NumberReturned></BrowseResponse></Body></Envelope>`)
    assert.equal(r.entries.length, 20)
    assert.equal(r.capped, true)
    assert.ok(r.entries.every((e) => e.title!.length === 128))
    assert.throws(() => parseBrowseResponse('<html>not soap</html>'), XmlRejected)
    assert.throws(() => parseBrowseResponse(Buffer.alloc(2 * 1024 * 1024, 0x41)), /too large/)
  })
})
