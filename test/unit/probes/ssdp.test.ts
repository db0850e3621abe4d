import assert from 'node:assert/strict'
import {parseSsdpResponse} from '../../../src/gather/probes/ssdp.js'

// The response the lab router's miniupnpd 2.3.1 sends to M-SEARCH ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1
// (captured with tcpdump -A in the lab, 2026-11-26; the SERVER header carries the host kernel version).
const LAB_RESPONSE = [
  'HTTP/1.1 200 OK',
  'CACHE-CONTROL: max-age=120',
  'ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1',
  'USN: uuid:7e2c4f0a-9b1d-4c3e-8a77-106682770001::urn:schemas-upnp-org:device:InternetGatewayDevice:1',
  'EXT:',
  'SERVER: Debian/12 UPnP/1.1 MiniUPnPd/2.3.1',
  'LOCATION: http://192.168.77.1:5431/rootDesc.xml',
  'OPT: "http://schemas.upnp.org/upnp/1/0/"; ns=01',
  '01-NLS: 1764118000',
  'BOOTID.UPNP.ORG: 1764118000',
  'CONFIGID.UPNP.ORG: 1337',
  '',
  '',
].join('\r\n')

describe('SSDP response parser', () => {
  it('reads ST, USN, SERVER and LOCATION', () => {
    const r = parseSsdpResponse('192.168.77.1', LAB_RESPONSE)!
    assert.equal(r.st, 'urn:schemas-upnp-org:device:InternetGatewayDevice:1')
    assert.equal(r.server, 'Debian/12 UPnP/1.1 MiniUPnPd/2.3.1')
    assert.equal(r.trustedLocation, 'http://192.168.77.1:5431/rootDesc.xml')
  })

  it('never trusts a LOCATION that points away from the responder', () => {
    for (const location of ['http://192.168.77.99:5431/rootDesc.xml', 'http://8.8.8.8/desc.xml', 'file:///etc/passwd', 'http://192.168.77.1.evil.example/', 'not a url']) {
      const r = parseSsdpResponse('192.168.77.1', LAB_RESPONSE.replace('http://192.168.77.1:5431/rootDesc.xml', location))!
      assert.equal(r.trustedLocation, null, location)
      assert.equal(r.location, location)
    }
  })

  it('ignores what is not an SSDP response, and caps sizes', () => {
    assert.equal(parseSsdpResponse('192.168.77.1', 'GET / HTTP/1.1\r\n\r\n'), null)
    assert.equal(parseSsdpResponse('192.168.77.1', Buffer.alloc(0)), null)
    const huge = parseSsdpResponse('192.168.77.1', `HTTP/1.1 200 OK\r\nSERVER: ${'x'.repeat(100_000)}\r\n\r\n`)!
    assert.ok(huge.server!.length <= 512)
  })
})
