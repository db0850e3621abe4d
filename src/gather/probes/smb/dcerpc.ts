import {type Parsed, Reader, fail, pad, safeParse, toUtf16, utf16} from './bytes.js'

/**
 * Connection-oriented DCE/RPC (C706, MS-RPCE) over the srvsvc named pipe: BIND to srvsvc v3.0
 * with NDR 2.0, and one call, NetShareEnumAll (opnum 15) at level 1 (MS-SRVS 3.1.4.8), whose
 * NDR answer is decoded with every pointer, count and length checked.
 */

export const PTYPE = {REQUEST: 0, RESPONSE: 2, FAULT: 3, BIND: 11, BIND_ACK: 12, BIND_NAK: 13} as const
const PFC_FIRST_FRAG = 0x01
const PFC_LAST_FRAG = 0x02
export const SRVSVC_UUID = '4b324fc8-1670-01d3-1278-5a47bf6ee188'
export const NDR_UUID = '8a885d04-1ceb-11c9-9fe8-08002b104860'
export const MAX_FRAG = 4280
export const MAX_SHARES = 256
const MAX_NAME_CHARS = 1024

function uuidBytes(uuid: string): Buffer {
  const h = uuid.replace(/-/g, '')
  const b = Buffer.from(h, 'hex')
  // The first three fields are little-endian on the wire.
  b.subarray(0, 4).reverse()
  b.subarray(4, 6).reverse()
  b.subarray(6, 8).reverse()
  return b
}

function pduHeader(ptype: number, fragLength: number, callId: number): Buffer {
  const b = Buffer.alloc(16)
  b[0] = 5
  b[1] = 0
  b[2] = ptype
  b[3] = PFC_FIRST_FRAG | PFC_LAST_FRAG
  b.writeUInt32LE(0x00000010, 4) // data representation: little-endian, ASCII, IEEE
  b.writeUInt16LE(fragLength, 8)
  b.writeUInt16LE(0, 10)
  b.writeUInt32LE(callId, 12)
  return b
}

export function bindPdu(callId = 1): Buffer {
  const body = Buffer.alloc(12 + 44)
  body.writeUInt16LE(MAX_FRAG, 0)
  body.writeUInt16LE(MAX_FRAG, 2)
  body.writeUInt32LE(0, 4) // assoc group
  body[8] = 1 // one presentation context
  body.writeUInt16LE(0, 12) // context id
  body[14] = 1 // one transfer syntax
  uuidBytes(SRVSVC_UUID).copy(body, 16)
  body.writeUInt16LE(3, 32) // srvsvc v3.0
  body.writeUInt16LE(0, 34)
  uuidBytes(NDR_UUID).copy(body, 36)
  body.writeUInt32LE(2, 52) // NDR v2
  return Buffer.concat([pduHeader(PTYPE.BIND, 16 + body.length, callId), body])
}

export function requestPdu(opnum: number, stub: Buffer, callId: number): Buffer {
  const body = Buffer.alloc(8)
  body.writeUInt32LE(stub.length, 0)
  body.writeUInt16LE(0, 4)
  body.writeUInt16LE(opnum, 6)
  return Buffer.concat([pduHeader(PTYPE.REQUEST, 24 + stub.length, callId), body, stub])
}

function ndrString(text: string): Buffer {
  const chars = toUtf16(`${text}\0`)
  const head = Buffer.alloc(12)
  head.writeUInt32LE(chars.length / 2, 0)
  head.writeUInt32LE(0, 4)
  head.writeUInt32LE(chars.length / 2, 8)
  return pad(Buffer.concat([head, chars]), 4)
}

/** NetrShareEnumAll(ServerName, InfoStruct{Level 1, empty container}, PreferedMaximumLength -1, ResumeHandle 0). */
export function netShareEnumAllStub(serverName: string): Buffer {
  const parts: Buffer[] = []
  const u32 = (n: number) => {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(n >>> 0)
    parts.push(b)
  }
  u32(0x00020000) // ServerName: unique pointer
  parts.push(ndrString(serverName))
  u32(1) // Level
  u32(1) // union switch
  u32(0x00020004) // pointer to SHARE_INFO_1_CONTAINER
  u32(0) // EntriesRead
  u32(0) // Buffer: null
  u32(0xffffffff) // PreferedMaximumLength
  u32(0x00020008) // ResumeHandle pointer
  u32(0) // *ResumeHandle
  return Buffer.concat(parts)
}

export interface Pdu {
  ptype: number
  flags: number
  fragLength: number
  callId: number
  body: Buffer
}

/**
 * Split a byte stream into PDUs. Returns the complete PDUs and how many bytes were consumed;
 * a partial PDU at the end is left for the caller to complete with a READ.
 */
export function parsePdus(data: Buffer, maxPdus = 512): Parsed<{pdus: Pdu[]; consumed: number}> {
  return safeParse('DCE/RPC PDU', () => {
    const pdus: Pdu[] = []
    let pos = 0
    while (data.length - pos >= 16) {
      if (pdus.length >= maxPdus) fail(`more than ${maxPdus} fragments`)
      const r = new Reader(data, pos)
      const major = r.u8()
      const minor = r.u8()
      const ptype = r.u8()
      const flags = r.u8()
      const drep = r.u32()
      const fragLength = r.u16()
      const authLength = r.u16()
      const callId = r.u32()
      if (major !== 5 || minor !== 0) fail(`RPC version ${major}.${minor}`)
      if ((drep & 0xff) !== 0x10) fail('only little-endian NDR is supported')
      if (fragLength < 16 || authLength + 16 > fragLength) fail(`bad fragment length ${fragLength}`)
      if (data.length - pos < fragLength) break
      pdus.push({ptype, flags, fragLength, callId, body: data.subarray(pos + 16, pos + fragLength - (authLength ? authLength + 8 : 0))})
      pos += fragLength
    }
    return {pdus, consumed: pos}
  })
}

export function isLastFragment(pdu: Pdu): boolean {
  return (pdu.flags & PFC_LAST_FRAG) !== 0
}

export interface BindAck {
  maxXmitFrag: number
  maxRecvFrag: number
  accepted: boolean
  result: number
  reason: number
}

export function parseBindAck(pdu: Pdu): Parsed<BindAck> {
  return safeParse('BIND_ACK', () => {
    if (pdu.ptype === PTYPE.BIND_NAK) {
      const r = new Reader(pdu.body)
      return {maxXmitFrag: 0, maxRecvFrag: 0, accepted: false, result: 2, reason: r.u16('reject reason')}
    }
    if (pdu.ptype !== PTYPE.BIND_ACK) fail(`expected BIND_ACK, got PDU type ${pdu.ptype}`)
    const r = new Reader(pdu.body)
    const maxXmitFrag = r.u16()
    const maxRecvFrag = r.u16()
    r.u32() // assoc group
    const secAddrLength = r.u16()
    r.skip(secAddrLength, 'secondary address')
    r.align(4, -16) // alignment counts from the PDU start, 16 bytes before the body
    const n = r.u8('result count')
    r.skip(3)
    if (n < 1) fail('no presentation context result')
    const result = r.u16()
    const reason = r.u16()
    r.skip(20, 'transfer syntax')
    return {maxXmitFrag, maxRecvFrag, accepted: result === 0, result, reason}
  })
}

/** Join the stub data of the RESPONSE fragments of one call; a FAULT gives its status. */
export function responseStub(pdus: Pdu[], callId: number, maxBytes = 1024 * 1024): Parsed<{stub: Buffer} | {fault: number}> {
  return safeParse('DCE/RPC response', () => {
    const parts: Buffer[] = []
    let total = 0
    for (const pdu of pdus) {
      if (pdu.callId !== callId) fail(`response for call ${pdu.callId}, expected ${callId}`)
      const r = new Reader(pdu.body)
      if (pdu.ptype === PTYPE.FAULT) {
        r.u32()
        r.u16()
        r.u8()
        r.u8()
        return {fault: r.u32('fault status')}
      }
      if (pdu.ptype !== PTYPE.RESPONSE) fail(`expected RESPONSE, got PDU type ${pdu.ptype}`)
      r.u32() // alloc hint
      r.u16() // context id
      r.u8() // cancel count
      r.u8()
      const stub = r.bytes(r.remaining)
      total += stub.length
      if (total > maxBytes) fail('response larger than the limit')
      parts.push(stub)
    }
    if (!pdus.length || !isLastFragment(pdus[pdus.length - 1]!)) fail('response is missing its last fragment')
    return {stub: Buffer.concat(parts)}
  })
}

export type ShareKind = 'disk' | 'printer' | 'device' | 'ipc' | 'unknown'

export interface ShareInfo1 {
  name: string
  type: ShareKind
  rawType: number
  special: boolean
  temporary: boolean
  comment: string
}

export interface ShareEnumResult {
  shares: ShareInfo1[]
  totalEntries: number | null
  /** More shares were listed than the 256 kept. */
  truncated: boolean
  /** The WERROR NetShareEnumAll returned (0 = success); null when truncated before it. */
  werror: number | null
}

function shareKind(type: number): ShareKind {
  switch (type & 0x0fffffff) {
    case 0:
      return 'disk'
    case 1:
      return 'printer'
    case 2:
      return 'device'
    case 3:
      return 'ipc'
    default:
      return 'unknown'
  }
}

function readNdrString(r: Reader): string {
  const max = r.u32('string max count')
  const offset = r.u32('string offset')
  const actual = r.u32('string actual count')
  if (offset !== 0 || actual > max) fail(`bad NDR string (max ${max}, offset ${offset}, actual ${actual})`)
  if (actual > MAX_NAME_CHARS) fail(`string of ${actual} characters`)
  const text = utf16(r.bytes(actual * 2, 'string characters'))
  r.align(4)
  return text
}

/** Decode the NDR stub of a NetShareEnumAll level-1 answer. */
export function parseNetShareEnumAll(stub: Buffer, maxShares = MAX_SHARES): Parsed<ShareEnumResult> {
  return safeParse('NetShareEnumAll', () => {
    const r = new Reader(stub)
    const level = r.u32('level')
    const sw = r.u32('union switch')
    if (level !== 1 || sw !== 1) fail(`answer at level ${level}/${sw}, asked for 1`)
    const containerPtr = r.u32()
    const shares: ShareInfo1[] = []
    let truncated = false
    if (containerPtr) {
      const entriesRead = r.u32('EntriesRead')
      const bufferPtr = r.u32()
      if (bufferPtr) {
        const count = r.u32('array max count')
        if (count !== entriesRead) fail(`array of ${count} entries, EntriesRead ${entriesRead}`)
        if (count * 12 > r.remaining) fail(`${count} entries do not fit in the ${r.remaining} bytes left`)
        const fixed: Array<{namePtr: number; type: number; remarkPtr: number}> = []
        for (let i = 0; i < count; i++) fixed.push({namePtr: r.u32(), type: r.u32(), remarkPtr: r.u32()})
        for (const f of fixed) {
          if (shares.length >= maxShares) {
            truncated = true
            break
          }
          const name = f.namePtr ? readNdrString(r) : ''
          const comment = f.remarkPtr ? readNdrString(r) : ''
          shares.push({name, type: shareKind(f.type), rawType: f.type >>> 0, special: (f.type & 0x80000000) !== 0, temporary: (f.type & 0x40000000) !== 0, comment})
        }
      } else if (entriesRead !== 0) fail(`EntriesRead ${entriesRead} with a null buffer`)
    }
    if (truncated) return {shares, totalEntries: null, truncated, werror: null}
    const totalEntries = r.u32('TotalEntries')
    if (r.u32('resume handle pointer')) r.u32('resume handle')
    const werror = r.u32('WERROR')
    return {shares, totalEntries, truncated, werror}
  })
}
