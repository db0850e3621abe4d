import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {XmlRejected} from '../../../src/gather/probes/safe-xml.js'
import {parseMultistatus} from '../../../src/gather/probes/webdav.js'

// lighttpd 1.4.69 + mod_webdav (Debian 12) captured in the lab: test/fixtures/exposures/SOURCES.md.
const propfind = readFileSync(new URL('../../fixtures/exposures/lighttpd-propfind-depth0.xml', import.meta.url))

describe('WebDAV multistatus (RFC 4918 §13)', () => {
  it("reads lighttpd's answer to a Depth-0 PROPFIND of /: one response, href /", () => {
    assert.deepEqual(parseMultistatus(propfind), {responses: 1, hrefs: ['/']})
  })

  it('a body without multistatus, or with entity declarations, is rejected', () => {
    assert.throws(() => parseMultistatus('<html><body>It works</body></html>'), /no <multistatus>/)
    assert.throws(() => parseMultistatus('<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><D:multistatus xmlns:D="DAV:">&e;</D:multistatus>'), XmlRejected)
    assert.deepEqual(parseMultistatus('<D:multistatus xmlns:D="DAV:"/>'), {responses: 0, hrefs: []})
  })
})
