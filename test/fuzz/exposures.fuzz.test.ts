import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {findContentDirectory, parseBrowseResponse} from '../../src/gather/probes/dlna.js'
import {IppParseError, parseIppResponse} from '../../src/gather/probes/ipp-codec.js'
import {printerFacts} from '../../src/gather/probes/ipp.js'
import {XmlRejected} from '../../src/gather/probes/safe-xml.js'
import {readTelnetGreeting} from '../../src/gather/probes/telnet.js'
import {parseMultistatus} from '../../src/gather/probes/webdav.js'
import {fuzz} from './mutate.js'

const CASES = Number(process.env.FUZZ_CASES ?? 10_000)
// Real answers of minidlna, ippeveprinter and lighttpd captured in the lab: test/fixtures/exposures/SOURCES.md.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/exposures/${name}`, import.meta.url))
const only = (Rejected: new (...args: never[]) => Error, fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    if (!(error instanceof Rejected)) throw error
  }
}

/** Each parser meets CASES mutated real answers: nothing may escape but its documented rejection. */
describe(`fuzz: DLNA, IPP, WebDAV and Telnet parsers (${CASES} cases each)`, function () {
  this.timeout(120_000)

  it('SOAP Browse answers with DIDL-Lite inside: only XmlRejected', () => {
    const seeds = ['minidlna-browse-root.xml', 'minidlna-browse-folders.xml', 'minidlna-browse-items.xml', 'minidlna-browse-fault.xml'].map(fixture)
    const result = fuzz(seeds, CASES, (input) =>
      only(XmlRejected, () => {
        const r = parseBrowseResponse(input)
        assert.ok(r.entries.length <= 20)
        for (const e of r.entries) assert.ok((e.title?.length ?? 0) <= 128)
      }),
    )
    assert.deepEqual(result.failures, [])
  })

  it('UPnP descriptions searched for a ContentDirectory (3,000 cases): only XmlRejected', () => {
    const seeds = [fixture('minidlna-rootDesc.xml'), readFileSync(new URL('../fixtures/router/lab/miniupnpd-2.3.1-rootDesc.xml', import.meta.url))]
    // Fewer cases: the same XML reader as the Browse answers above, already fuzzed at full count.
    assert.deepEqual(fuzz(seeds, Math.min(CASES, 3000), (input) => only(XmlRejected, () => findContentDirectory(input, 'http://192.168.77.50:8200/rootDesc.xml'))).failures, [])
  })

  it('IPP Get-Printer-Attributes answers: only IppParseError', () => {
    const seeds = ['ippeveprinter-get-printer-attributes.bin', 'ippeveprinter-get-printer-attributes-all.bin', 'ippeveprinter-ipp-resource.bin'].map(fixture)
    const result = fuzz(seeds, CASES, (input) =>
      only(IppParseError, () => {
        const r = parseIppResponse(input)
        for (const group of [r.operation, r.printer, r.unsupported]) for (const values of group.values()) assert.ok(values.length <= 64)
        printerFacts(r)
      }),
    )
    assert.deepEqual(result.failures, [])
  })

  it('WebDAV multistatus (3,000 cases) and Telnet greetings', () => {
    assert.deepEqual(fuzz([fixture('lighttpd-propfind-depth0.xml')], Math.min(CASES, 3000), (input) => only(XmlRejected, () => parseMultistatus(input))).failures, [])
    const greeting = Buffer.concat([Buffer.from([0xff, 0xfd, 0x18, 0xff, 0xfb, 0x01, 0xff, 0xfa, 0x18, 0x01, 0xff, 0xf0]), Buffer.from('\r\nlogin: ')])
    assert.deepEqual(fuzz([greeting], CASES, (input) => void readTelnetGreeting(input)).failures, [])
  })
})
