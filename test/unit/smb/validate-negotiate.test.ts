import assert from 'node:assert/strict'
import {encodeNegotiate, encodeValidateNegotiate, FSCTL_VALIDATE_NEGOTIATE_INFO, parseNegotiateResponse, parseValidateNegotiateOutput} from '../../../src/gather/probes/smb/smb2.js'
import {negotiationMismatches, VALIDATED_DIALECTS} from '../../../src/gather/probes/smb/validate-negotiate.js'
import {Smb2Client} from '../../../src/gather/probes/smb/client.js'
import {seededRandom} from '../../fixtures/smb/seeded-random.js'
import {replayConnector} from './fake-server.js'
import {capture, captureKeys, pcapCapture} from './fixtures.js'

// FSCTL_VALIDATE_NEGOTIATE_INFO per MS-SMB2 2.2.31.4 (request) and 2.2.32.6 (response); the
// server side is the lab Samba's real NEGOTIATE answers and, in the e2e suite, its real answers.
describe('SMB 3.0 / 3.0.2 negotiation check (FSCTL_VALIDATE_NEGOTIATE_INFO)', () => {
  const seeded = (n: number) => Buffer.alloc(n, 0x5a)

  it('repeats exactly what the NEGOTIATE request offered', () => {
    const negotiate = encodeNegotiate([0x0202, 0x0210, 0x0300, 0x0302], {random: seeded})
    const ioctl = encodeValidateNegotiate(negotiate.offer)
    assert.equal(ioctl.readUInt32LE(4), FSCTL_VALIDATE_NEGOTIATE_INFO)
    assert.ok(ioctl.subarray(8, 24).equals(Buffer.alloc(16, 0xff)), 'no file: FileId all 0xFF')
    assert.equal(ioctl.readUInt32LE(44), 24, 'MaxOutputResponse 24')
    assert.equal(ioctl.readUInt32LE(48), 1, 'SMB2_0_IOCTL_IS_FSCTL')
    const input = ioctl.subarray(56)
    assert.equal(ioctl.readUInt32LE(28), input.length)
    const body = negotiate.body
    assert.equal(input.readUInt32LE(0), body.readUInt32LE(8), 'capabilities as sent')
    assert.ok(input.subarray(4, 20).equals(body.subarray(12, 28)), 'client GUID as sent')
    assert.equal(input.readUInt16LE(20), body.readUInt16LE(4), 'security mode as sent')
    assert.equal(input.readUInt16LE(22), 4)
    assert.deepEqual([0, 1, 2, 3].map((i) => input.readUInt16LE(24 + i * 2)), [0x0202, 0x0210, 0x0300, 0x0302])
  })

  it('agrees with the NEGOTIATE answers of the lab Samba and names every difference', () => {
    for (const dialect of VALIDATED_DIALECTS) {
      const name = `negotiate-${dialect === 0x0300 ? '3.0' : '3.0.2'}`
      const answer = capture(name as 'negotiate-3.0' | 'negotiate-3.0.2').messages.find((m) => m.kind === 'smb2' && m.command === 0)!
      const received = parseNegotiateResponse(Buffer.from(answer.hex, 'hex'))
      assert.ok(received.ok, name)
      const r = received.value
      const honest = {capabilities: r.capabilities, serverGuid: r.serverGuid, securityMode: r.securityMode, dialect: r.dialect}
      assert.deepEqual(negotiationMismatches(r, honest), [], name)
      // what a downgrade in transit leaves behind: another dialect, signing or capabilities
      assert.deepEqual(negotiationMismatches(r, {...honest, dialect: 0x0311}), [`dialect 0x${dialect.toString(16).padStart(4, '0')} received, 0x0311 chosen`])
      assert.match(negotiationMismatches(r, {...honest, securityMode: honest.securityMode ^ 0x0002})[0]!, /^security mode/)
      assert.match(negotiationMismatches(r, {...honest, capabilities: honest.capabilities ^ 0x40})[0]!, /^capabilities/)
      assert.deepEqual(negotiationMismatches(r, {...honest, serverGuid: Buffer.alloc(16)}), ['server GUID differs'])
    }
  })

  it('refuses an answer that is not 24 bytes', () => {
    assert.equal(parseValidateNegotiateOutput(Buffer.alloc(24)).ok, true)
    for (const n of [0, 23, 25, 4096]) assert.equal(parseValidateNegotiateOutput(Buffer.alloc(n)).ok, false, String(n))
  })
})

describe('SMB 3.0.2 negotiation check, replayed against the lab Samba (tcpdump capture nas-encrypted-3.0.2)', () => {
  const c = pcapCapture('nas-encrypted-3.0.2')
  /** The user's session, replayed with the capture's seed; `mutate` plays a device in the middle. */
  async function userSession(mutate?: (answer: Buffer) => Buffer) {
    const {connect, log} = replayConnector(c, {keys: captureKeys(c), mutate: mutate && ((_i, a) => (a.length >= 64 && a.readUInt32LE(0) === 0x424d53fe ? mutate(Buffer.from(a)) : a))})
    const client = await Smb2Client.openWith(connect, '192.168.77.30', 445, {stepTimeoutMs: 1000, deadline: Date.now() + 5000, random: seededRandom(c.seed), ciphers: [c.keys!.cipher]})
    await client.negotiate([c.dialect!])
    const attempt = await client.sessionSetup('user', c.credentials)
    client.close()
    return {attempt, log}
  }
  const command = (a: Buffer) => a.readUInt16LE(12)

  it('the real exchange: Samba confirms the negotiation (signed), and only then is the session used', async () => {
    const {attempt, log} = await userSession()
    assert.deepEqual([attempt.outcome, attempt.negotiateValidated, attempt.reason], ['established', true, null])
    assert.deepEqual(log.violations, [])
  })

  it('the signing bits of the NEGOTIATE answer changed in transit: caught, no session', async () => {
    const {attempt} = await userSession((a) => {
      if (command(a) === 0x0000) a.writeUInt16LE(a.readUInt16LE(66) ^ 0x0002, 66) // SecurityMode: SIGNING_REQUIRED flipped
      return a
    })
    assert.equal(attempt.outcome, 'error')
    assert.equal(attempt.session, null)
    assert.match(attempt.reason!, /^the negotiation was altered in transit: security mode \d received, \d sent/)
  })

  it('the capabilities of the NEGOTIATE answer changed in transit (encryption removed): caught, no session', async () => {
    const {attempt} = await userSession((a) => {
      if (command(a) === 0x0000) a.writeUInt32LE(a.readUInt32LE(88) & ~0x40, 88) // Capabilities: SMB2_GLOBAL_CAP_ENCRYPTION cleared
      return a
    })
    assert.deepEqual([attempt.outcome, attempt.session], ['error', null])
    assert.match(attempt.reason!, /altered in transit: capabilities/)
  })

  it("a forged answer to the check (one byte of the server's signed reply changed) fails the session", async () => {
    const {attempt} = await userSession((a) => {
      if (command(a) === 0x000b) a[a.length - 1] = a[a.length - 1]! ^ 0x01
      return a
    })
    assert.deepEqual([attempt.outcome, attempt.session], ['error', null])
    assert.match(attempt.reason!, /bad signature/)
  })
})
