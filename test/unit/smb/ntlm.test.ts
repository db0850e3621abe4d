import assert from 'node:assert/strict'
import {aesCmac, smb3Kdf} from '../../../src/gather/probes/smb/crypto.js'
import {
  AvId,
  NegotiateFlags,
  anonymousAuthenticate,
  negotiateMessage,
  ntlmv2Authenticate,
  ntlmv2Response,
  ntowfv2,
  parseChallengeMessage,
} from '../../../src/gather/probes/smb/ntlm.js'
import {parseSessionSetupResponse} from '../../../src/gather/probes/smb/smb2.js'
import {negTokenInit, negTokenResp, parseSpnego} from '../../../src/gather/probes/smb/spnego.js'
import {messages} from './fixtures.js'

const h = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex')

/** MS-NLMP 4.2.4: User "User", UserDom "Domain", Passwd "Password", the section 4.2.1 challenges. */
const SPEC = {
  user: 'User',
  domain: 'Domain',
  password: 'Password',
  serverChallenge: h('01 23 45 67 89 ab cd ef'),
  clientChallenge: h('aa aa aa aa aa aa aa aa'),
  time: 0n,
  // 4.2.4: AV pairs MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL.
  targetInfo: h('02 00 0c 00 44 00 6f 00 6d 00 61 00 69 00 6e 00 01 00 0c 00 53 00 65 00 72 00 76 00 65 00 72 00 00 00 00 00'),
}

describe('NTLMv2 (MS-NLMP 4.2.4 example)', () => {
  const key = ntowfv2(SPEC.password, SPEC.user, SPEC.domain)

  it('NTOWFv2 (ResponseKeyNT) of User/Domain/Password', () => {
    assert.equal(key.toString('hex'), '0c868a403bfd7a93a3001ef22ef02e3f')
  })

  it('LMv2 response, NTProofStr, the NTLMv2 response (4.2.4.2.1-2) and the session base key (4.2.4.1.2)', () => {
    const r = ntlmv2Response(key, SPEC.serverChallenge, SPEC.clientChallenge, SPEC.time, SPEC.targetInfo)
    assert.equal(r.lmChallengeResponse.toString('hex'), '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa')
    assert.equal(r.ntProofStr.toString('hex'), '68cd0ab851e51c96aabc927bebef6a1c')
    assert.equal(
      r.ntChallengeResponse.toString('hex'),
      '68cd0ab851e51c96aabc927bebef6a1c' +
        '01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000' +
        '02000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000',
    )
    assert.equal(r.sessionBaseKey.toString('hex'), '8de40ccadbc14a82f15cb0ad0de95ca3')
  })

  it('with a server timestamp, the LMv2 response is Z(24)', () => {
    const r = ntlmv2Response(key, SPEC.serverChallenge, SPEC.clientChallenge, 1n, SPEC.targetInfo, true)
    assert.deepEqual(r.lmChallengeResponse, Buffer.alloc(24))
  })
})

describe('AES-CMAC (RFC 4493 section 4) and the SMB3 KDF', () => {
  const key = h('2b7e1516 28aed2a6 abf71588 09cf4f3c')
  const m = h('6bc1bee2 2e409f96 e93d7e11 7393172a ae2d8a57 1e03ac9c 9eb76fac 45af8e51 30c81c46 a35ce411 e5fbc119 1a0a52ef f69f2445 df4f9b17 ad2b417b e66c3710')
  it('gives the four RFC 4493 examples', () => {
    assert.equal(aesCmac(key, Buffer.alloc(0)).toString('hex'), 'bb1d6929e95937287fa37d129b756746')
    assert.equal(aesCmac(key, m.subarray(0, 16)).toString('hex'), '070a16b46b4d4144f79bdd9dd04a287c')
    assert.equal(aesCmac(key, m.subarray(0, 40)).toString('hex'), 'dfa66747de9ae63030ca32611497c827')
    assert.equal(aesCmac(key, m).toString('hex'), '51f0bebf7e3b9d92fc49741779363cfe')
  })

  it('derives 16-byte keys that depend on label and context', () => {
    const a = smb3Kdf(key, Buffer.from('SMB2AESCMAC\0'), Buffer.from('SmbSign\0'))
    const b = smb3Kdf(key, Buffer.from('SMBSigningKey\0'), Buffer.alloc(64))
    assert.equal(a.length, 16)
    assert.notDeepEqual(a, b)
  })
})

describe('NTLMSSP messages', () => {
  // The CHALLENGE the lab Samba sent in its first SESSION_SETUP answer.
  const setup = messages(0x0001, 0xc0000016, 'nas-probe')[0]!
  const blob = parseSessionSetupResponse(setup)
  assert.ok(blob.ok)
  const spnego = parseSpnego(blob.value.securityBuffer)
  assert.ok(spnego.ok && spnego.value.mechToken)

  it('reads the server challenge and target info of a real Samba CHALLENGE', () => {
    const c = parseChallengeMessage(spnego.value.mechToken!)
    assert.ok(c.ok, !c.ok ? c.error : '')
    assert.equal(c.value.serverChallenge.length, 8)
    assert.equal(c.value.info.nbComputerName, 'DISKSTATION')
    assert.ok(c.value.info.timestamp! > 0n)
    assert.ok(c.value.flags & NegotiateFlags.TARGET_INFO)
    assert.equal(spnego.value.kind, 'resp')
    assert.equal(spnego.value.supportedMech, '1.3.6.1.4.1.311.2.2.10')
  })

  it('builds an anonymous AUTHENTICATE: no user, LM Z(1), no NT response, ANONYMOUS flag', () => {
    const c = parseChallengeMessage(spnego.value.mechToken!)
    assert.ok(c.ok)
    const {message, sessionKey} = anonymousAuthenticate(c.value)
    assert.equal(message.readUInt32LE(8), 3)
    assert.equal(message.readUInt16LE(12), 1) // LM length
    assert.equal(message.readUInt16LE(20), 0) // NT length
    assert.equal(message.readUInt16LE(36), 0) // user length
    assert.ok(message.readUInt32LE(60) & NegotiateFlags.ANONYMOUS)
    assert.equal(sessionKey.length, 0)
  })

  it('builds an NTLMv2 AUTHENTICATE whose NT response embeds the server target info; no password in it', () => {
    const c = parseChallengeMessage(spnego.value.mechToken!)
    assert.ok(c.ok)
    const {message} = ntlmv2Authenticate(c.value, {user: 'halabuser', password: 'halab-Passw0rd'})
    assert.ok(message.includes(c.value.targetInfo))
    assert.ok(!message.includes(Buffer.from('halab-Passw0rd', 'utf16le')))
    assert.ok(!message.includes(Buffer.from('halab-Passw0rd', 'latin1')))
    assert.ok(message.includes(Buffer.from('halabuser', 'utf16le')))
    // The timestamp of the blob is the server's (MsvAvTimestamp), and LM is then Z(24).
    const ntOff = message.readUInt32LE(24)
    assert.equal(message.readBigUInt64LE(ntOff + 16 + 8), c.value.info.timestamp)
    assert.deepEqual(message.subarray(message.readUInt32LE(16), message.readUInt32LE(16) + 24), Buffer.alloc(24))
    assert.ok(c.value.targetInfo.length > 4 && c.value.targetInfo.readUInt16LE(0) !== AvId.EOL)
  })

  it('SPNEGO wrapping round-trips through the parser', () => {
    const init = parseSpnego(negTokenInit(negotiateMessage()))
    assert.ok(init.ok)
    assert.deepEqual(init.value.mechTypes, ['1.3.6.1.4.1.311.2.2.10'])
    assert.deepEqual(init.value.mechToken, negotiateMessage())
    const resp = parseSpnego(negTokenResp(Buffer.alloc(300, 7)))
    assert.ok(resp.ok)
    assert.deepEqual(resp.value.mechToken, Buffer.alloc(300, 7))
  })
})
