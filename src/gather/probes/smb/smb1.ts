import {type Parsed, Reader, fail, safeParse} from './bytes.js'

/**
 * SMB1 detection only: one SMB_COM_NEGOTIATE offering the single dialect "NT LM 0.12". A
 * server that still speaks SMB1 selects it (dialect index 0); one that does not either answers
 * with index 0xFFFF, answers in SMB2, or closes the connection. Nothing else of SMB1 is spoken.
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
