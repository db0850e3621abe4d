import assert from 'node:assert/strict'
import {encodeNbstatRequest, NbstatParseError, netbiosHostName, parseNbstatResponse} from '../../../src/gather/names/netbios.js'
import {sanitizeText} from '../../../src/report/sanitize.js'
import {fixture} from './helpers.js'

/** A node status response with the given 15-byte names, built like nmbd's (RFC 1002 4.2.18). */
function response(names: Array<{bytes: Buffer; suffix: number; flags: number}>, options: {mac?: number[]; id?: number; stats?: number} = {}): Buffer {
  const header = Buffer.from([0, 0, 0x84, 0x00, 0, 0, 0, 1, 0, 0, 0, 0])
  header.writeUInt16BE(options.id ?? 0x1234, 0)
  const rrName = Buffer.concat([Buffer.from([32]), Buffer.from('CK' + 'A'.repeat(30)), Buffer.from([0])])
  const table = Buffer.concat(
    names.map((n) => {
      const entry = Buffer.alloc(18, 0x20)
      n.bytes.copy(entry, 0, 0, Math.min(15, n.bytes.length))
      entry[15] = n.suffix
      entry.writeUInt16BE(n.flags, 16)
      return entry
    }),
  )
  const stats = Buffer.alloc(options.stats ?? 46)
  if (options.mac) Buffer.from(options.mac).copy(stats)
  const rdata = Buffer.concat([Buffer.from([names.length]), table, stats])
  const rr = Buffer.alloc(10)
  rr.writeUInt16BE(0x21, 0)
  rr.writeUInt16BE(1, 2)
  rr.writeUInt16BE(rdata.length, 8)
  return Buffer.concat([header, rrName, rr, rdata])
}

describe('NetBIOS node status (NBSTAT)', () => {
  it('encodes the RFC 1002 4.2.17 request for the wildcard name', () => {
    const request = encodeNbstatRequest(0x4841)
    assert.equal(request.length, 50)
    assert.equal(request.readUInt16BE(0), 0x4841, 'transaction ID')
    assert.equal(request.readUInt16BE(2), 0x0000, 'query, opcode 0, unicast')
    assert.deepEqual([request.readUInt16BE(4), request.readUInt16BE(6), request.readUInt16BE(8), request.readUInt16BE(10)], [1, 0, 0, 0])
    assert.equal(request[12], 32, 'one 32-byte label')
    assert.equal(request.subarray(13, 45).toString('latin1'), 'CK' + 'A'.repeat(30), "'*' then 15 NULs, first-level encoded")
    assert.equal(request[45], 0, 'no scope ID')
    assert.equal(request.readUInt16BE(46), 0x21, 'NBSTAT')
    assert.equal(request.readUInt16BE(48), 1, 'IN')
    assert.throws(() => encodeNbstatRequest(70000), RangeError)
  })

  it("parses nmbd's real answer from the lab NAS (names, suffixes, group flag, zero unit ID)", () => {
    const status = parseNbstatResponse(fixture('nbstat-nas-1.bin'))
    assert.equal(status.transactionId, 0x4841)
    assert.deepEqual(
      status.names.map((n) => [n.name, n.suffix, n.group, n.active]),
      [
        ['DISKSTATION', 0x00, false, true],
        ['DISKSTATION', 0x03, false, true],
        ['DISKSTATION', 0x20, false, true],
        ['WORKGROUP', 0x00, true, true],
        ['WORKGROUP', 0x1e, true, true],
      ],
    )
    assert.equal(status.mac, null, 'nmbd sends an all-zero unit ID')
    assert.equal(netbiosHostName(status), 'DISKSTATION')
  })

  it("parses the lab family PC's answer", () => {
    const status = parseNbstatResponse(fixture('nbstat-family-1.bin'))
    assert.equal(netbiosHostName(status), 'FAMILY-PC')
    assert.deepEqual(status.names.filter((n) => n.group).map((n) => n.name), ['WORKGROUP', 'WORKGROUP'])
  })

  it('reads the unit ID (MAC) when a device sends one, as Windows does', () => {
    const status = parseNbstatResponse(response([{bytes: Buffer.from('DESKTOP-AB12CD'), suffix: 0, flags: 0x0400}], {mac: [0x00, 0x1b, 0x21, 0x3a, 0x4b, 0x5c]}))
    assert.equal(status.mac, '00:1b:21:3a:4b:5c')
    assert.equal(netbiosHostName(status), 'DESKTOP-AB12CD')
    assert.equal(parseNbstatResponse(response([{bytes: Buffer.from('X'), suffix: 0, flags: 0}], {stats: 3})).mac, null, 'statistics too short: no MAC')
  })

  it('prefers a unique <00> name, then <20>, and never a group name', () => {
    assert.equal(netbiosHostName({names: [{name: 'WORKGROUP', suffix: 0, group: true, active: true}, {name: 'NAS', suffix: 0x20, group: false, active: true}]}), 'NAS')
    assert.equal(netbiosHostName({names: [{name: 'WORKGROUP', suffix: 0, group: true, active: true}]}), null)
  })

  it('every truncation of a real answer is refused with NbstatParseError, never a crash', () => {
    const real = fixture('nbstat-nas-1.bin')
    for (let length = 0; length < 12 + 34 + 10 + 1 + 5 * 18; length++) {
      assert.throws(() => parseNbstatResponse(real.subarray(0, length)), NbstatParseError, `length ${length}`)
    }
    // Without the statistics the names still parse, but no MAC is invented.
    assert.equal(parseNbstatResponse(patchRdlength(real.subarray(0, 12 + 34 + 10 + 1 + 5 * 18), 1 + 5 * 18)).mac, null)
  })

  it('refuses answers that claim more than they hold, or are not node status answers', () => {
    const real = fixture('nbstat-nas-1.bin')
    const claimsMore = Buffer.from(real)
    claimsMore[56] = 200 // NUM_NAMES
    assert.throws(() => parseNbstatResponse(claimsMore), /truncated name table/)
    const longRd = Buffer.from(real)
    longRd.writeUInt16BE(60000, 54) // RDLENGTH past the end
    assert.throws(() => parseNbstatResponse(longRd), /truncated RDATA/)
    const query = Buffer.from(real)
    query[2] = 0x04
    assert.throws(() => parseNbstatResponse(query), /not a response/)
    const error = Buffer.from(real)
    error[3] = 0x03
    assert.throws(() => parseNbstatResponse(error), /rcode 3/)
    const notNbstat = Buffer.from(real)
    notNbstat.writeUInt16BE(0x20, 46)
    assert.throws(() => parseNbstatResponse(notNbstat), /not NBSTAT/)
    const badLabel = Buffer.from(real)
    badLabel[12] = 0x80
    assert.throws(() => parseNbstatResponse(badLabel), /bad label type/)
  })

  it('survives random and mutated packets (only NbstatParseError or a result)', () => {
    const real = fixture('nbstat-nas-1.bin')
    let seed = 42
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
    for (let i = 0; i < 3000; i++) {
      const packet = i % 2 === 0 ? Buffer.from(real) : Buffer.alloc(Math.floor(rand() * 300))
      for (let j = 0; j < 1 + Math.floor(rand() * 6); j++) if (packet.length) packet[Math.floor(rand() * packet.length)] = Math.floor(rand() * 256)
      if (i % 2 === 1 && packet.length > 3) packet[2] = 0x84
      try {
        const status = parseNbstatResponse(packet)
        assert.ok(status.names.length <= 255)
      } catch (error) {
        assert.ok(error instanceof NbstatParseError, String(error))
      }
    }
  })

  it('hostile names (ANSI escapes, HTML, invalid bytes) come out as text the sanitiser neutralises', () => {
    const status = parseNbstatResponse(
      response([
        {bytes: Buffer.from('\u001b[31mEVIL\u0007'), suffix: 0, flags: 0x0400},
        {bytes: Buffer.from('<b>x</b>'), suffix: 0x20, flags: 0x0400},
        {bytes: Buffer.from([0xff, 0xfe, 0x80, 0x41]), suffix: 0x03, flags: 0x0400},
      ]),
    )
    const [ansi, html, invalid] = status.names.map((n) => n.name)
    assert.equal(ansi, '\u001b[31mEVIL\u0007')
    assert.equal(sanitizeText(ansi!), '\\x1B[31mEVIL\\x07')
    assert.equal(html, '<b>x</b>')
    assert.equal(invalid, '\\xFF\\xFE\\x80A', 'bytes that are neither Shift_JIS nor UTF-8 are written as \\xNN')
    assert.ok(!/[\u0000-\u001f\u007f-\u009f]/.test(sanitizeText(invalid!)))
  })

  it('decodes a Shift_JIS (CP932) name as a Japanese Windows sends it', () => {
    const sjis = Buffer.from([0x83, 0x8a, 0x83, 0x72, 0x83, 0x93, 0x83, 0x4f]) // リビング
    assert.equal(parseNbstatResponse(response([{bytes: sjis, suffix: 0, flags: 0x0400}])).names[0]!.name, 'リビング')
  })
})

function patchRdlength(packet: Buffer, rdlength: number): Buffer {
  const copy = Buffer.from(packet)
  copy.writeUInt16BE(rdlength, 54)
  return copy
}
