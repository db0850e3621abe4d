import {randomBytes} from 'node:crypto'
import {type Parsed, Reader, fail, safeParse, sliceChecked, toUtf16, utf16} from './bytes.js'
import {hmacMd5} from './crypto.js'
import {md4} from './md4.js'

/**
 * NTLMSSP (MS-NLMP) as a client: NEGOTIATE, parse CHALLENGE, and AUTHENTICATE either
 * anonymously (null user, empty password: MS-NLMP 3.2.5.1.2) or with NTLMv2. No NTLMv1, no
 * LM, no key exchange (so no RC4): the session key is NTLMv2's SessionBaseKey.
 */

export const NegotiateFlags = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  SIGN: 0x00000010,
  SEAL: 0x00000020,
  NTLM: 0x00000200,
  ANONYMOUS: 0x00000800,
  ALWAYS_SIGN: 0x00008000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  VERSION: 0x02000000,
  N128: 0x20000000,
  KEY_EXCH: 0x40000000,
  N56: 0x80000000,
} as const

const F = NegotiateFlags
export const CLIENT_FLAGS = (F.UNICODE | F.REQUEST_TARGET | F.SIGN | F.NTLM | F.ALWAYS_SIGN | F.EXTENDED_SESSIONSECURITY | F.TARGET_INFO | F.N128 | F.N56) >>> 0

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1')

export function negotiateMessage(flags = CLIENT_FLAGS): Buffer {
  const b = Buffer.alloc(32)
  SIGNATURE.copy(b, 0)
  b.writeUInt32LE(1, 8)
  b.writeUInt32LE(flags >>> 0, 12)
  // domain and workstation fields empty (offset 32, length 0)
  b.writeUInt32LE(32, 20)
  b.writeUInt32LE(32, 28)
  return b
}

export const AvId = {
  EOL: 0,
  NbComputerName: 1,
  NbDomainName: 2,
  DnsComputerName: 3,
  DnsDomainName: 4,
  DnsTreeName: 5,
  Flags: 6,
  Timestamp: 7,
  SingleHost: 8,
  TargetName: 9,
  ChannelBindings: 10,
} as const

export interface NtlmChallenge {
  flags: number
  serverChallenge: Buffer
  targetName: string
  targetInfo: Buffer
  /** Names the server gave in its target info (evidence: a NAS's NetBIOS name, its domain). */
  info: {nbComputerName?: string; nbDomainName?: string; dnsComputerName?: string; dnsDomainName?: string; timestamp?: bigint}
  version: {major: number; minor: number; build: number} | null
}

function fieldRef(r: Reader): {length: number; offset: number} {
  const length = r.u16('field length')
  r.u16('field max length')
  const offset = r.u32('field offset')
  return {length, offset}
}

export function parseChallengeMessage(token: Buffer): Parsed<NtlmChallenge> {
  return safeParse('NTLMSSP CHALLENGE', () => {
    const r = new Reader(token)
    if (!r.bytes(8, 'signature').equals(SIGNATURE)) fail('not an NTLMSSP message')
    if (r.u32('message type') !== 2) fail('not a CHALLENGE message')
    const target = fieldRef(r)
    const flags = r.u32('flags')
    const serverChallenge = Buffer.from(r.bytes(8, 'server challenge'))
    r.skip(8, 'reserved')
    const ti = fieldRef(r)
    let version: NtlmChallenge['version'] = null
    if (flags & F.VERSION && r.remaining >= 8 && target.offset >= 56 && (ti.length === 0 || ti.offset >= 56)) {
      const major = r.u8()
      const minor = r.u8()
      const build = r.u16()
      version = {major, minor, build}
    }
    if (target.length > 1024) fail('target name too long')
    const targetName = utf16(sliceChecked(token, target.offset, target.length, 'target name'))
    if (ti.length > 8192) fail('target info too long')
    const targetInfo = Buffer.from(sliceChecked(token, ti.offset, ti.length, 'target info'))
    const info: NtlmChallenge['info'] = {}
    const a = new Reader(targetInfo)
    for (let i = 0; a.remaining > 0; i++) {
      if (i >= 64) fail('more than 64 AV pairs')
      const id = a.u16('AvId')
      const len = a.u16('AvLen')
      const value = a.bytes(len, 'AV value')
      if (id === AvId.EOL) break
      if (id === AvId.NbComputerName) info.nbComputerName = utf16(value)
      else if (id === AvId.NbDomainName) info.nbDomainName = utf16(value)
      else if (id === AvId.DnsComputerName) info.dnsComputerName = utf16(value)
      else if (id === AvId.DnsDomainName) info.dnsDomainName = utf16(value)
      else if (id === AvId.Timestamp && len === 8) info.timestamp = value.readBigUInt64LE(0)
    }
    return {flags, serverChallenge, targetName, targetInfo, info, version}
  })
}

// --------------------------------------------------------------------------- NTLMv2 (3.3.2)

/** NTOWFv2(Passwd, User, UserDom) = HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) + UserDom)). */
export function ntowfv2(password: string, user: string, domain: string): Buffer {
  return hmacMd5(md4(toUtf16(password)), toUtf16(user.toUpperCase() + domain))
}

export interface Ntlmv2Responses {
  ntChallengeResponse: Buffer
  lmChallengeResponse: Buffer
  ntProofStr: Buffer
  sessionBaseKey: Buffer
}

/**
 * ComputeResponse for NTLMv2 (MS-NLMP 3.3.2). `time` is the FILETIME to put in the blob (the
 * server's MsvAvTimestamp when it sent one); when the server sent a timestamp, the LMv2
 * response is replaced by zeros, as the spec requires.
 */
export function ntlmv2Response(
  responseKey: Buffer,
  serverChallenge: Buffer,
  clientChallenge: Buffer,
  time: bigint,
  targetInfo: Buffer,
  serverSentTimestamp = false,
): Ntlmv2Responses {
  const head = Buffer.alloc(28)
  head[0] = 1 // Responserversion
  head[1] = 1 // HiResponserversion
  head.writeBigUInt64LE(time, 8)
  clientChallenge.copy(head, 16)
  const temp = Buffer.concat([head, targetInfo, Buffer.alloc(4)])
  const ntProofStr = hmacMd5(responseKey, serverChallenge, temp)
  const lm = serverSentTimestamp ? Buffer.alloc(24) : Buffer.concat([hmacMd5(responseKey, serverChallenge, clientChallenge), clientChallenge])
  return {ntChallengeResponse: Buffer.concat([ntProofStr, temp]), lmChallengeResponse: lm, ntProofStr, sessionBaseKey: hmacMd5(responseKey, ntProofStr)}
}

/** Now as a Windows FILETIME (100 ns since 1601-01-01). */
export function filetimeNow(): bigint {
  return BigInt(Date.now()) * 10000n + 116444736000000000n
}

export interface Credentials {
  user: string
  password: string
  domain?: string
}

export interface AuthenticateResult {
  message: Buffer
  /** The key SMB signing derives from; empty for an anonymous session. */
  sessionKey: Buffer
}

function authenticateMessage(flags: number, lm: Buffer, nt: Buffer, domain: string, user: string, workstation: string): Buffer {
  const fields = [lm, nt, toUtf16(domain), toUtf16(user), toUtf16(workstation), Buffer.alloc(0)]
  const header = Buffer.alloc(64)
  SIGNATURE.copy(header, 0)
  header.writeUInt32LE(3, 8)
  let offset = 64
  fields.forEach((f, i) => {
    header.writeUInt16LE(f.length, 12 + i * 8)
    header.writeUInt16LE(f.length, 14 + i * 8)
    header.writeUInt32LE(offset, 16 + i * 8)
    offset += f.length
  })
  header.writeUInt32LE(flags >>> 0, 60)
  return Buffer.concat([header, ...fields])
}

const WORKSTATION = 'HOMEAUDIT'

/** The anonymous AUTHENTICATE: empty user and domain, LmChallengeResponse Z(1), no NT response. */
export function anonymousAuthenticate(challenge: NtlmChallenge): AuthenticateResult {
  const flags = ((challenge.flags & CLIENT_FLAGS) | F.ANONYMOUS) & ~(F.SIGN | F.KEY_EXCH)
  return {message: authenticateMessage(flags >>> 0, Buffer.alloc(1), Buffer.alloc(0), '', '', WORKSTATION), sessionKey: Buffer.alloc(0)}
}

/** NTLMv2 AUTHENTICATE for a user (a random one, with an empty password, for the guest check). */
export function ntlmv2Authenticate(challenge: NtlmChallenge, creds: Credentials, clientChallenge: Buffer = randomBytes(8)): AuthenticateResult {
  const domain = creds.domain ?? ''
  const key = ntowfv2(creds.password, creds.user, domain)
  const timestamp = challenge.info.timestamp
  const r = ntlmv2Response(key, challenge.serverChallenge, clientChallenge, timestamp ?? filetimeNow(), challenge.targetInfo, timestamp !== undefined)
  const flags = (challenge.flags & CLIENT_FLAGS) & ~F.KEY_EXCH
  return {message: authenticateMessage(flags >>> 0, r.lmChallengeResponse, r.ntChallengeResponse, domain, creds.user, WORKSTATION), sessionKey: r.sessionBaseKey}
}
