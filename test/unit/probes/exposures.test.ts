import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {ExposureSchema} from '../../../src/evidence/exposures-schema.js'
import {dlnaExposure, ippExposure, mediaServerUrls, rawPrintExposure, telnetExposure, webdavExposure} from '../../../src/gather/exposures/gather-exposures.js'
import {findContentDirectory, parseBrowseResponse} from '../../../src/gather/probes/dlna.js'
import {parseIppResponse} from '../../../src/gather/probes/ipp-codec.js'
import {printerFacts} from '../../../src/gather/probes/ipp.js'
import {host} from '../../helpers/evidence.js'

// The lab's real answers (test/fixtures/exposures/SOURCES.md) turned into evidence records.
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/exposures/${name}`, import.meta.url))

describe('exposure evidence records', () => {
  it('asks a host for a media server only when something hints at one (never the router IGD again)', () => {
    const tv = host('192.168.1.50', {
      identity: {mdnsServices: [], mdnsTxt: {}, netbios: [], netbiosMac: null, http: [], upnp: null, ssdp: [{st: 'urn:schemas-upnp-org:device:MediaServer:1', server: 'x', location: 'http://192.168.1.50:8200/rootDesc.xml'}, {st: 'upnp:rootdevice', server: 'x', location: 'http://192.168.1.50:8200/rootDesc.xml'}]},
    })
    assert.deepEqual(mediaServerUrls(tv), ['http://192.168.1.50:8200/rootDesc.xml'])
    const router = host('192.168.1.1', {
      isGateway: true,
      identity: {mdnsServices: [], mdnsTxt: {}, netbios: [], netbiosMac: null, http: [], ssdp: [{st: 'upnp:rootdevice', server: 'x', location: 'http://192.168.1.1:5431/rootDesc.xml'}], upnp: {url: 'http://192.168.1.1:5431/rootDesc.xml', deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1', friendlyName: 'r', manufacturer: null, modelName: null}},
    })
    assert.deepEqual(mediaServerUrls(router), [])
    const nas = host('192.168.1.30', {ports: [{port: 8200, protocol: 'tcp', state: 'open', service: 'dlna'}]})
    assert.deepEqual(mediaServerUrls(nas), ['http://192.168.1.30:8200/rootDesc.xml'])
  })

  it('DLNA: a root answered without credentials, with its titles', () => {
    const server = findContentDirectory(fixture('minidlna-rootDesc.xml'), 'http://192.168.77.50:8200/rootDesc.xml')!
    const e = ExposureSchema.parse(dlnaExposure({host: '192.168.77.50', server, port: 8200, status: 200, anonymous: true, browse: parseBrowseResponse(fixture('minidlna-browse-root.xml')), error: null}))
    assert.equal(e.kind, 'dlna')
    assert.deepEqual(e.details.titles, ['Browse Folders', 'Music', 'Pictures', 'Video'])
    assert.match(e.summary, /"BRAVIA KJ-43X8000H": Browse of the root answered without credentials, 4 entries/)
  })

  it('IPP: the make and model, and whether jobs need authentication', () => {
    const printer = printerFacts(parseIppResponse(fixture('ippeveprinter-get-printer-attributes.bin')))
    const e = ExposureSchema.parse(ippExposure({host: '192.168.77.60', port: 631, resource: '/ipp/print', httpStatus: 200, status: 'successful-ok', anonymous: true, printer, error: null}))
    assert.equal(e.details.makeAndModel, 'Brother HL-L2375DW series')
    assert.equal(e.details.jobsWithoutAuthentication, true)
    const refused = ippExposure({host: '192.168.77.60', port: 631, resource: '/ipp/print', httpStatus: 401, status: null, anonymous: false, printer: null, error: null})
    assert.equal(refused.anonymous, false)
    assert.match(refused.summary, /HTTP 401/)
  })

  it('raw 9100 is recorded from the open port alone; WebDAV and Telnet keep what they read', () => {
    assert.match(rawPrintExposure('192.168.77.60').summary, /nothing was sent/)
    const dav = ExposureSchema.parse(
      webdavExposure({host: '192.168.77.30', port: 5005, scheme: 'http', dav: '1,3', allow: ['PROPFIND', 'PUT'], writeMethodsAdvertised: ['PUT'], server: 'lighttpd', optionsStatus: 200, propfindStatus: 207, anonymous: true, hrefs: ['/'], error: null}),
    )
    assert.match(dav.summary, /207 without credentials; Allow lists PUT \(not tried\)/)
    const telnet = ExposureSchema.parse(telnetExposure({host: '192.168.77.60', port: 23, reachable: true, negotiation: true, banner: 'login:', error: null}))
    assert.deepEqual([telnet.anonymous, telnet.details.banner], [null, 'login:'])
  })
})
