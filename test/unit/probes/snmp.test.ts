import assert from 'node:assert/strict'
import dgram from 'node:dgram'
import {berProblem, MAX_BER_DEPTH} from '../../../src/gather/probes/snmp-ber.js'
import {probeSnmp} from '../../../src/gather/probes/snmp.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
import {readMessage, type Responder, snmpFixture, snmpFixtures, startResponder, tlv, withRequestId} from '../../helpers/snmp.js'

const SYSTEM = snmpFixture('get-system-v2c.bin')
const loopback = ScanScope.fromCidr('127.0.0.0/24')

/** The captured answer with its outer SEQUENCE header replaced by `header` (content unchanged). */
function reframe(answer: Buffer, header: number[], trailer: number[] = []): Buffer {
  const skip = answer[1]! & 0x80 ? 2 + (answer[1]! & 0x7f) : 2
  return Buffer.concat([Buffer.from(header), answer.subarray(skip), Buffer.from(trailer)])
}

/** probeSnmp (v2c "public" only, as discovery asks) against a loopback agent answering with `answer`. */
async function probeWith(answer: (request: Buffer, from: dgram.RemoteInfo) => Buffer[] | Buffer | null, timeoutMs = 300) {
  let responder: Responder | null = null
  try {
    responder = await startResponder(answer)
    return await probeSnmp(loopback, '127.0.0.1', timeoutMs, {version: 'v2c', community: 'public'}, responder.port)
  } finally {
    responder?.close()
  }
}

/** The real answer, with the request's ID: a well-behaved agent. */
const real = (answer: Buffer) => (request: Buffer) => withRequestId(answer, readMessage(request).requestId)

describe('SNMP answers: strict BER check (snmp-ber.ts)', () => {
  it("accepts every answer the lab's snmpd (Net-SNMP 5.9.3) sent", () => {
    const all = snmpFixtures()
    assert.ok(all.length >= 6)
    for (const f of all) assert.equal(berProblem(f.bytes), null, f.name)
  })

  it('refuses every truncation of a real answer, and what net-snmp would accept leniently', () => {
    for (let cut = 0; cut < SYSTEM.length; cut++) assert.notEqual(berProblem(SYSTEM.subarray(0, cut)), null, `cut at ${cut}`)
    const longer = Buffer.from(SYSTEM)
    longer[2] = 0xff // outer length 255 in a 217-byte datagram
    assert.match(berProblem(longer)!, /declares 255 bytes at byte 0, past the end of the datagram/)
    assert.match(berProblem(reframe(SYSTEM, [0x30, 0x80], [0, 0]))!, /indefinite length/)
    assert.match(berProblem(reframe(SYSTEM, [0x30, 0x85, 0, 0, 0, 0, SYSTEM.length - 3]))!, /a length of 5 bytes/)
    assert.match(berProblem(Buffer.concat([SYSTEM, Buffer.from([0x04, 0x00])]))!, /2 bytes after the end of the message/)
    assert.match(berProblem(Buffer.from([0x04, 0x00]))!, /not a SEQUENCE/)
  })

  it(`refuses nesting deeper than ${MAX_BER_DEPTH} levels and OIDs outside RFC 2578's limits, without recursion`, () => {
    let nested = Buffer.from([0x05, 0x00])
    for (let i = 0; i < 10_000; i++) nested = tlv(0x30, nested)
    assert.match(berProblem(nested)!, /nested more than 16 levels deep/)
    const oid = (bytes: number[]) => tlv(0x30, tlv(0x06, Buffer.from(bytes)))
    assert.equal(berProblem(oid([0x2b, 0x06, 0x8f, 0xff, 0xff, 0xff, 0x7f])), null, '2^32-1 is allowed')
    assert.match(berProblem(oid([0x2b, 0x06, 0x90, 0x80, 0x80, 0x80, 0x00]))!, /sub-identifier larger than 2\^32-1/)
    assert.match(berProblem(oid([0x2b, 0x06, 0x81]))!, /truncated OBJECT IDENTIFIER/)
    assert.match(berProblem(oid(Array(130).fill(1)))!, /more than 128 sub-identifiers/)
  })
})

describe('SNMP probe against a loopback agent (net-snmp over a real UDP socket)', function () {
  this.timeout(10_000)

  it('reads the system group from the real answer', async () => {
    const r = await probeWith(real(SYSTEM))
    assert.deepEqual(r.attempts, [{version: 'v2c', community: 'public', outcome: 'answered'}])
    assert.equal(r.answer?.system.sysDescr, 'NEC Aterm WX3600HP Ver.1.4.2 (Wi-Fi 6 Home Gateway)')
    assert.equal(r.answer?.system.sysObjectID, '1.3.6.1.4.1.119.1.203.3.1')
  })

  it('reports a malformed answer as malformed, at once, with the reason', async () => {
    const cases: Array<[string, (request: Buffer) => Buffer, RegExp]> = [
      ['outer length past the datagram', (q) => reframe(real(SYSTEM)(q), [0x30, 0x81, 0xff]), /malformed answer: declares 255 bytes .* \(\d+-byte datagram\)/],
      ['indefinite length', (q) => reframe(real(SYSTEM)(q), [0x30, 0x80], [0, 0]), /malformed answer: indefinite length/],
      ['truncated', (q) => real(SYSTEM)(q).subarray(0, 120), /malformed answer: declares/],
      ['garbage', () => Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), /malformed answer: starts with tag 0x48/],
    ]
    for (const [what, answer, expected] of cases) {
      const started = Date.now()
      const r = await probeWith(answer, 2000)
      assert.equal(r.answer, null, what)
      assert.match(r.attempts[0]!.outcome, expected, what)
      assert.ok(Date.now() - started < 1000, `${what}: no waiting for the timeout`)
    }
  })

  it('names an answer that decodes but does not answer the question an invalid answer', async () => {
    const setRequest = (q: Buffer) => {
      const a = real(SYSTEM)(q)
      const i = a.indexOf(0xa2, 2)
      a[i] = 0xa3
      return a
    }
    assert.match((await probeWith(setRequest)).attempts[0]!.outcome, /^invalid answer: Unknown PDU type '163'/)
    assert.match((await probeWith(real(snmpFixture('get-mixed-v2c.bin')))).attempts[0]!.outcome, /^invalid answer: Requested OIDs do not match/)
  })

  it('survives an error-status net-snmp does not know (its error then carries a number as message)', async () => {
    const unknownStatus = (q: Buffer) => {
      const a = real(SYSTEM)(q)
      const at = a.indexOf(Buffer.from([0x02, 0x01, 0x00, 0x02, 0x01, 0x00]))
      a[at + 2] = 99 // error-status 99, error-index 0
      return a
    }
    assert.deepEqual((await probeWith(unknownStatus)).attempts[0]!.outcome, 'error status: 5')
  })

  it('ignores answers with another request-id, and datagrams from another port (a flood of them)', async () => {
    const wrongId = (q: Buffer) => Array.from({length: 200}, (_, i) => withRequestId(SYSTEM, (readMessage(q).requestId + 1 + i) % 0x7fffffff))
    assert.deepEqual((await probeWith(wrongId, 200)).attempts[0]!.outcome, 'no answer')
    const other = dgram.createSocket('udp4')
    await new Promise<void>((resolve) => other.bind(0, '127.0.0.1', () => resolve()))
    try {
      // The real answer, but from a socket other than the agent's port: dropped unread.
      const r = await probeWith((q, from) => {
        other.send(withRequestId(SYSTEM, readMessage(q).requestId), from.port, '127.0.0.1')
        return null
      }, 200)
      assert.equal(r.attempts[0]!.outcome, 'no answer')
    } finally {
      other.close()
    }
  })
})
