import {type Parsed, Reader, fail, safeParse} from './bytes.js'

/**
 * SMB1 (MS-CIFS, MS-SMB): detection, with one SMB_COM_NEGOTIATE offering the single dialect
 * "NT LM 0.12" (a server that still speaks SMB1 selects it, dialect index 0; one that does not
 * answers with index 0xFFFF, answers in SMB2, or closes the connection), and the message layer
 * (header, parameter words, data bytes) of the audit of a server that speaks only SMB1
 * (smb1-commands.ts, smb1-client.ts, smb1-probe.ts).
 */

export const SMB1_MAGIC = 0x424d53ff // "\xffSMB" as little-endian u32
const SMB_COM_NEGOTIATE = 0x72

export function smb1NegotiateRequest(): Buffer {
  const header = Buffer.alloc(32)
  header.writeUInt32LE(SMB1_MAGIC, 0)
  header[4] = SMB_COM_NEGOTIATE
  header[9] = 0x18 // flags: case-insensitive, canonicalized paths
  header.writeUInt16LE(0xc843, 10) // flags2: unicode, NT status, extended security, long names, EAs
  header.writeUInt16LE(0xffff, 24) // TID
  header.writeUInt16LE(0xfeff, 26) // PID
  const dialects = Buffer.from('\x02NT LM 0.12\0', 'latin1')
  const params = Buffer.alloc(3)
  params[0] = 0 // word count
  params.writeUInt16LE(dialects.length, 1)
  return Buffer.concat([header, params, dialects])
}

export interface Smb1NegotiateAnswer {
  /** smb1: the server selected NT LM 0.12; smb2: it answered in SMB2; refused: index 0xFFFF or an error status. */
  outcome: 'smb1' | 'smb2' | 'refused'
  status: number
  dialectIndex: number | null
  /** SecurityMode bit 0x08: the server requires SMB1 signing. */
  signingRequired: boolean | null
}

export function parseSmb1NegotiateResponse(msg: Buffer): Parsed<Smb1NegotiateAnswer> {
  return safeParse('SMB1 NEGOTIATE response', () => {
    const r = new Reader(msg)
    const magic = r.u32('protocol id')
    if (magic === 0x424d53fe) return {outcome: 'smb2' as const, status: 0, dialectIndex: null, signingRequired: null}
    if (magic !== SMB1_MAGIC) fail('neither an SMB1 nor an SMB2 message')
    if (r.u8('command') !== SMB_COM_NEGOTIATE) fail('not a NEGOTIATE response')
    const status = r.u32('status')
    r.skip(32 - 9, 'header')
    const wordCount = r.u8('word count')
    if (status !== 0) return {outcome: 'refused' as const, status, dialectIndex: null, signingRequired: null}
    if (wordCount < 1) fail('NEGOTIATE response without parameters')
    const dialectIndex = r.u16('dialect index')
    if (dialectIndex === 0xffff) return {outcome: 'refused' as const, status, dialectIndex, signingRequired: null}
    if (dialectIndex !== 0) fail(`server chose dialect ${dialectIndex} of the one offered`)
    if (wordCount !== 17) fail(`NT LM 0.12 answer with ${wordCount} words, expected 17`)
    const securityMode = r.u8('security mode')
    r.skip((wordCount - 1) * 2 - 1, 'parameters')
    const byteCount = r.u16('byte count')
    r.need(byteCount, 'data')
    return {outcome: 'smb1' as const, status, dialectIndex, signingRequired: (securityMode & 0x08) !== 0}
  })
}

// ------------------------------------------------------------------ the SMB1 message (MS-CIFS 2.2.3)

export const SMB1_HEADER_SIZE = 32

export const Smb1Command = {
  CLOSE: 0x04,
  TRANSACTION: 0x25,
  READ_ANDX: 0x2e,
  TRANSACTION2: 0x32,
  TREE_DISCONNECT: 0x71,
  NEGOTIATE: 0x72,
  SESSION_SETUP_ANDX: 0x73,
  LOGOFF_ANDX: 0x74,
  TREE_CONNECT_ANDX: 0x75,
  NT_CREATE_ANDX: 0xa2,
} as const

/** SMB_FLAGS2 (MS-CIFS 2.2.3.1): long names, EAs, long-name paths, extended security, NT status, Unicode. */
export const SMB1_FLAGS2 = 0xc843
const FLAGS_REPLY = 0x80
const FLAGS2_NT_STATUS = 0x4000
/** SMB_FLAGS2_UNICODE: strings in the message are UTF-16LE, else OEM (read as Latin-1). */
export const FLAGS2_UNICODE = 0x8000

export interface Smb1Header {
  command: number
  status: number
  flags: number
  flags2: number
  tid: number
  pid: number
  uid: number
  mid: number
}

export interface Smb1Message {
  header: Smb1Header
  /** SMB_Parameters.Words (2 × WordCount bytes). */
  words: Buffer
  /** SMB_Data.Bytes (ByteCount bytes). */
  bytes: Buffer
  /** Offset of `bytes` from the start of the header (offsets in SMB1 count from there). */
  bytesOffset: number
  raw: Buffer
}

/** One request: header (TID, UID, MID as given; PID fixed), words and bytes. */
export function encodeSmb1(command: number, words: Buffer, bytes: Buffer, ids: {tid?: number; uid?: number; mid: number}): Buffer {
  if (words.length % 2 || words.length > 510 || bytes.length > 0xffff) throw new RangeError('bad SMB1 parameter or data size')
  const header = Buffer.alloc(SMB1_HEADER_SIZE)
  header.writeUInt32LE(SMB1_MAGIC, 0)
  header[4] = command
  header[9] = 0x18 // case-insensitive, canonicalized paths
  header.writeUInt16LE(SMB1_FLAGS2, 10)
  header.writeUInt16LE(ids.tid ?? 0xffff, 24)
  header.writeUInt16LE(0xfeff, 26)
  header.writeUInt16LE(ids.uid ?? 0, 28)
  header.writeUInt16LE(ids.mid, 30)
  const wc = Buffer.from([words.length / 2])
  const bc = Buffer.alloc(2)
  bc.writeUInt16LE(bytes.length)
  return Buffer.concat([header, wc, words, bc, bytes])
}

/**
 * Parse an SMB1 response: header, words and bytes, each inside the message. Only responses
 * (SMB_FLAGS_REPLY) with 32-bit NT status codes are accepted.
 */
export function parseSmb1Message(msg: Buffer): Parsed<Smb1Message> {
  return safeParse('SMB1 message', () => {
    const r = new Reader(msg)
    if (r.u32('protocol id') !== SMB1_MAGIC) fail('not an SMB1 message')
    const command = r.u8('command')
    const status = r.u32('status')
    const flags = r.u8('flags')
    const flags2 = r.u16('flags2')
    r.skip(12, 'PID high, security features, reserved')
    const tid = r.u16('TID')
    const pid = r.u16('PID')
    const uid = r.u16('UID')
    const mid = r.u16('MID')
    if (!(flags & FLAGS_REPLY)) fail('not a response')
    if (!(flags2 & FLAGS2_NT_STATUS)) fail('the server answered with DOS error codes, not NT status')
    const wordCount = r.u8('word count')
    const words = r.bytes(wordCount * 2, 'parameter words')
    const byteCount = r.u16('byte count')
    const bytesOffset = r.pos
    const bytes = r.bytes(byteCount, 'data bytes')
    return {header: {command, status, flags, flags2, tid, pid, uid, mid}, words, bytes, bytesOffset, raw: msg}
  })
}

// -------------------------------------------------------- NEGOTIATE, NT LM 0.12 (MS-SMB 2.2.4.5.2)

/** CAP_* bits (MS-CIFS 2.2.4.52.2, MS-SMB 2.2.4.5.2.1). */
export const Smb1Capabilities = {
  UNICODE: 0x00000004,
  LARGE_FILES: 0x00000008,
  NT_SMBS: 0x00000010,
  STATUS32: 0x00000040,
  EXTENDED_SECURITY: 0x80000000,
} as const

export interface Smb1NegotiateDetails {
  securityMode: number
  signingRequired: boolean
  maxMpxCount: number
  maxBufferSize: number
  sessionKey: number
  capabilities: number
  /** Extended security (NTLMSSP through SPNEGO): the server GUID and its first token. */
  extendedSecurity: boolean
  securityBlob: Buffer
}

/** The parts of an NT LM 0.12 NEGOTIATE answer the session needs. */
export function parseSmb1NegotiateDetails(msg: Buffer): Parsed<Smb1NegotiateDetails> {
  return safeParse('SMB1 NEGOTIATE response', () => {
    const m = parseSmb1Message(msg)
    if (!m.ok) fail(m.error)
    const {header, words, bytes} = m.value
    if (header.command !== SMB_COM_NEGOTIATE) fail('not a NEGOTIATE response')
    if (header.status !== 0) fail(`status 0x${header.status.toString(16)}`)
    if (words.length !== 34) fail(`${words.length / 2} parameter words, expected 17`)
    const w = new Reader(words)
    if (w.u16('dialect index') !== 0) fail('NT LM 0.12 was not selected')
    const securityMode = w.u8()
    const maxMpxCount = w.u16()
    w.u16() // max VCs
    const maxBufferSize = w.u32()
    w.u32() // max raw
    const sessionKey = w.u32()
    const capabilities = w.u32()
    const extendedSecurity = (capabilities & Smb1Capabilities.EXTENDED_SECURITY) !== 0
    if (extendedSecurity && bytes.length < 16) fail('extended security answer without a server GUID')
    return {
      securityMode,
      signingRequired: (securityMode & 0x08) !== 0,
      maxMpxCount,
      maxBufferSize,
      sessionKey,
      capabilities,
      extendedSecurity,
      securityBlob: extendedSecurity ? bytes.subarray(16) : Buffer.alloc(0),
    }
  })
}
