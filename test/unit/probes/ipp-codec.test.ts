import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {IppParseError, REQUESTED_ATTRIBUTES, getPrinterAttributesRequest, ippStatusName, parseIppResponse} from '../../../src/gather/probes/ipp-codec.js'
import {printerFacts} from '../../../src/gather/probes/ipp.js'

// Real answers of ippeveprinter (CUPS 2.4.2, Debian 12) captured in the lab: test/fixtures/exposures/SOURCES.md.
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/exposures/${name}`, import.meta.url))

describe('IPP encoding (RFC 8010) of Get-Printer-Attributes', () => {
  it('encodes a request that the same reader reads back: version 1.1, operation 0x000B, the operation attributes', () => {
    const request = getPrinterAttributesRequest('ipp://192.168.77.60:631/ipp/print', 7)
    const read = parseIppResponse(request)
    assert.equal(read.version, '1.1')
    assert.equal(read.statusCode, 0x000b, 'the operation-id sits where a response has its status')
    assert.equal(read.requestId, 7)
    assert.deepEqual(read.operation.get('attributes-charset'), ['utf-8'])
    assert.deepEqual(read.operation.get('printer-uri'), ['ipp://192.168.77.60:631/ipp/print'])
    assert.deepEqual(read.operation.get('requested-attributes'), [...REQUESTED_ATTRIBUTES])
  })

  it("reads ippeveprinter's answer: status, make and model, job authentication", () => {
    const r = parseIppResponse(fixture('ippeveprinter-get-printer-attributes.bin'))
    assert.equal(ippStatusName(r.statusCode), 'successful-ok')
    assert.equal(r.requestId, 1)
    const p = printerFacts(r)
    assert.equal(p.makeAndModel, 'Brother HL-L2375DW series')
    assert.equal(p.name, 'Brother HL-L2375DW series')
    assert.equal(p.location, 'Study')
    assert.equal(p.state, 'idle')
    assert.equal(p.acceptingJobs, true)
    assert.deepEqual(p.authentication, ['none', 'none'])
    assert.deepEqual(p.ippVersions, ['1.1', '2.0'])
    assert.deepEqual(r.operation.get('attributes-charset'), ['utf-8'])
  })

  it('reads the full attribute set (collections skipped, not misread as attributes)', () => {
    const r = parseIppResponse(fixture('ippeveprinter-get-printer-attributes-all.bin'))
    assert.equal(r.statusCode, 0)
    assert.ok(r.printer.size > 40, `${r.printer.size} attributes`)
    assert.equal(printerFacts(r).makeAndModel, 'Brother HL-L2375DW series')
    assert.ok(r.printer.has('media-col-default'), 'the collection attribute itself is listed')
    assert.deepEqual(r.printer.get('media-col-default'), [], 'its members are not read as values')
    assert.ok(!r.printer.has('media-size'), 'no member leaks out as a printer attribute')
  })

  it('a resource without a printer answers client-error-not-found', () => {
    assert.equal(ippStatusName(parseIppResponse(fixture('ippeveprinter-ipp-resource.bin')).statusCode), 'client-error-not-found')
  })

  it('truncations and inflated lengths are IppParseError, never a crash or an out-of-range read', () => {
    const good = fixture('ippeveprinter-get-printer-attributes.bin')
    for (const cut of [0, 5, 8, 9, 12, 40, good.length - 1]) assert.throws(() => parseIppResponse(good.subarray(0, cut)), IppParseError, `cut at ${cut}`)
    const inflated = Buffer.from(good)
    inflated.writeUInt16BE(0xffff, 10) // the first attribute's name length
    assert.throws(() => parseIppResponse(inflated), /truncated/)
    assert.throws(() => parseIppResponse(Buffer.alloc(300 * 1024)), /larger than/)
    const valueFirst = Buffer.from([1, 1, 0, 0, 0, 0, 0, 1, 0x41, 0, 1, 0x61, 0, 1, 0x62, 3])
    assert.throws(() => parseIppResponse(valueFirst), /before any attribute group/)
  })
})
