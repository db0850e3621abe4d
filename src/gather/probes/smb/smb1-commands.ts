import {type Parsed, Reader, fail, safeParse, sliceChecked, toUtf16, utf16} from './bytes.js'
import {type Smb1Message, Smb1Capabilities, Smb1Command, SMB1_HEADER_SIZE, encodeSmb1, parseSmb1Message} from './smb1.js'
import {type DirectoryNames, PIPE_ACCESS, Status} from './smb2.js'

/**
 * The SMB1 (NT LM 0.12) requests homeaudit sends to a server that speaks nothing newer, and
 * parsers for their answers (MS-CIFS 2.2.4, MS-SMB 2.2.4): SESSION_SETUP_ANDX with extended
 * security (NTLMSSP in SPNEGO), TREE_CONNECT_ANDX with the extended response (maximal access),
 * NT_CREATE_ANDX of the srvsvc pipe only, TRANSACTION / TRANS_TRANSACT_NMPIPE (DCE/RPC over the
 * pipe), READ_ANDX of the pipe, TRANS2_FIND_FIRST2 with names only, CLOSE, TREE_DISCONNECT,
 * LOGOFF_ANDX. No AndX chaining is sent. There is no encoder for a write, a rename, a delete,
 * or any create disposition but FILE_OPEN.
 */

const NO_ANDX = Buffer.from([0xff, 0x00, 0x00, 0x00])
const CLIENT_CAPABILITIES = (Smb1Capabilities.EXTENDED_SECURITY | Smb1Capabilities.UNICODE | Smb1Capabilities.NT_SMBS | Smb1Capabilities.STATUS32) >>> 0
/** The largest SMB1 message homeaudit accepts; it tells the server so (MaxBufferSize). */
export const SMB1_MAX_BUFFER = 16644
const TRANS_TRANSACT_NMPIPE = 0x0026
const TRANS2_FIND_FIRST2 = 0x0001
const SMB_FIND_FILE_NAMES_INFO = 0x0103
/** Hidden, system and directory entries too (MS-CIFS 2.2.1.2.4 SMB_FILE_ATTRIBUTES). */
const SEARCH_ATTRIBUTES = 0x0016
/** SMB_FIND_CLOSE_AFTER_REQUEST | SMB_FIND_CLOSE_AT_EOS: the search is closed by the server. */
const FIND_FLAGS = 0x0003

function words(size: number): Buffer {
  return Buffer.alloc(size)
}

/** A Unicode string placed in SMB_Data at `offset` from the header: a pad byte first when needed (MS-CIFS 2.2.1.1). */
function unicodeAt(offset: number, text: string): Buffer {
  const s = toUtf16(`${text}\0`)
  return offset % 2 ? Buffer.concat([Buffer.alloc(1), s]) : s
}

/** Where SMB_Data starts for a request with `wordBytes` of parameters. */
function dataStart(wordBytes: number): number {
  return SMB1_HEADER_SIZE + 1 + wordBytes + 2
}

// ------------------------------------------------------------------ SESSION_SETUP_ANDX (MS-SMB 2.2.4.6)

export function encodeSessionSetupAndX(securityBlob: Buffer, sessionKey: number, mid: number, uid = 0): Buffer {
  const w = words(24)
  NO_ANDX.copy(w, 0)
  w.writeUInt16LE(SMB1_MAX_BUFFER, 4)
  w.writeUInt16LE(1, 6) // MaxMpxCount: one request at a time
  w.writeUInt16LE(1, 8) // VcNumber 1: never 0, which asks the server to drop the client's other connections
  w.writeUInt32LE(sessionKey >>> 0, 10)
  w.writeUInt16LE(securityBlob.length, 14)
  w.writeUInt32LE(CLIENT_CAPABILITIES, 20)
  const start = dataStart(24)
  const native = Buffer.concat([unicodeAt(start + securityBlob.length, 'homeaudit'), toUtf16('homeaudit\0')])
  return encodeSmb1(Smb1Command.SESSION_SETUP_ANDX, w, Buffer.concat([securityBlob, native]), {mid, uid})
}

export interface Smb1SessionSetupAnswer {
  /** SMB_SETUP_GUEST (0x0001): the server logged the session in as its guest account. */
  guest: boolean
  securityBlob: Buffer
}

/** The answer's security blob; an error status may come without parameters. */
export function parseSessionSetupAndX(m: Smb1Message): Parsed<Smb1SessionSetupAnswer> {
  return safeParse('SMB1 SESSION_SETUP_ANDX response', () => {
    const ok = m.header.status === Status.SUCCESS || m.header.status === Status.MORE_PROCESSING_REQUIRED
    if (!ok && m.words.length === 0) return {guest: false, securityBlob: Buffer.alloc(0)}
    if (m.words.length !== 8) fail(`${m.words.length / 2} parameter words, expected 4`)
    const w = new Reader(m.words)
    w.skip(4, 'AndX')
    const action = w.u16('action')
    const blobLength = w.u16('security blob length')
    return {guest: (action & 0x0001) !== 0, securityBlob: Buffer.from(sliceChecked(m.bytes, 0, blobLength, 'security blob'))}
  })
}

export function encodeLogoffAndX(mid: number, uid: number): Buffer {
  return encodeSmb1(Smb1Command.LOGOFF_ANDX, Buffer.from(NO_ANDX), Buffer.alloc(0), {mid, uid})
}

// ------------------------------------------------------------------ TREE_CONNECT_ANDX (MS-SMB 2.2.4.7)

/** TREE_CONNECT_ANDX_EXTENDED_RESPONSE: the answer carries the maximal share access rights. */
const TREE_CONNECT_EXTENDED_RESPONSE = 0x0008

export function encodeTreeConnectAndX(path: string, mid: number, uid: number): Buffer {
  const w = words(8)
  NO_ANDX.copy(w, 0)
  w.writeUInt16LE(TREE_CONNECT_EXTENDED_RESPONSE, 4)
  w.writeUInt16LE(1, 6) // PasswordLength: one zero byte (user-level security)
  const start = dataStart(8)
  const bytes = Buffer.concat([Buffer.alloc(1), unicodeAt(start + 1, path), Buffer.from('?????\0', 'latin1')])
  return encodeSmb1(Smb1Command.TREE_CONNECT_ANDX, w, bytes, {mid, uid})
}

export interface Smb1TreeConnectAnswer {
  tid: number
  /** MaximalShareAccessRights and GuestMaximalShareAccessRights (null without the extended response). */
  maximalAccess: number | null
  guestMaximalAccess: number | null
}

export function parseTreeConnectAndX(m: Smb1Message): Parsed<Smb1TreeConnectAnswer> {
  return safeParse('SMB1 TREE_CONNECT_ANDX response', () => {
    if (m.words.length !== 6 && m.words.length !== 14) fail(`${m.words.length / 2} parameter words, expected 3 or 7`)
    const w = new Reader(m.words)
    w.skip(6, 'AndX, optional support')
    if (m.words.length === 6) return {tid: m.header.tid, maximalAccess: null, guestMaximalAccess: null}
    return {tid: m.header.tid, maximalAccess: w.u32('maximal share access'), guestMaximalAccess: w.u32('guest maximal share access')}
  })
}

export function encodeTreeDisconnect(mid: number, uid: number, tid: number): Buffer {
  return encodeSmb1(Smb1Command.TREE_DISCONNECT, Buffer.alloc(0), Buffer.alloc(0), {mid, uid, tid})
}

// ------------------------------------------------------------- NT_CREATE_ANDX of a pipe (MS-CIFS 2.2.4.64)

const FILE_OPEN = 0x00000001
const FILE_NON_DIRECTORY_FILE = 0x00000040

/** Open an existing named pipe on IPC$ (FILE_OPEN only): the only NT_CREATE_ANDX this client sends. */
export function encodeOpenPipe(name: string, mid: number, uid: number, tid: number): Buffer {
  const w = words(48)
  NO_ANDX.copy(w, 0)
  const fileName = unicodeAt(dataStart(48), name)
  w.writeUInt16LE(toUtf16(name).length, 5) // NameLength, in bytes, without the terminating NUL
  w.writeUInt32LE(0, 7) // flags
  w.writeUInt32LE(0, 11) // root directory FID
  w.writeUInt32LE(PIPE_ACCESS, 15)
  w.writeUInt32LE(0, 27) // attributes
  w.writeUInt32LE(0x3, 31) // share read/write
  w.writeUInt32LE(FILE_OPEN, 35)
  w.writeUInt32LE(FILE_NON_DIRECTORY_FILE, 39)
  w.writeUInt32LE(2, 43) // impersonation
  return encodeSmb1(Smb1Command.NT_CREATE_ANDX, w, fileName, {mid, uid, tid})
}

export function parseOpenPipe(m: Smb1Message): Parsed<{fid: number}> {
  return safeParse('SMB1 NT_CREATE_ANDX response', () => {
    if (m.words.length < 68 || m.words.length > 100) fail(`${m.words.length / 2} parameter words, expected 34 to 50`)
    const w = new Reader(m.words)
    w.skip(5, 'AndX, oplock level')
    return {fid: w.u16('FID')}
  })
}

export function encodeClose(fid: number, mid: number, uid: number, tid: number): Buffer {
  const w = words(6)
  w.writeUInt16LE(fid, 0)
  w.writeUInt32LE(0xffffffff, 2) // LastTimeModified: leave it as it is
  return encodeSmb1(Smb1Command.CLOSE, w, Buffer.alloc(0), {mid, uid, tid})
}

// ----------------------------------------------- TRANSACTION / TRANS2 (MS-CIFS 2.2.4.33, 2.2.4.46)

/** TRANS_TRANSACT_NMPIPE on an open pipe: write one DCE/RPC PDU, read the answer (MS-CIFS 2.2.5.6). */
export function encodeTransactNmPipe(fid: number, data: Buffer, maxData: number, mid: number, uid: number, tid: number): Buffer {
  const w = words(32)
  w.writeUInt16LE(0, 0) // total parameter count
  w.writeUInt16LE(data.length, 2)
  w.writeUInt16LE(0, 4) // max parameter count
  w.writeUInt16LE(maxData, 6)
  const start = dataStart(32)
  const name = unicodeAt(start, '\\PIPE\\')
  const before = start + name.length
  const padding = (4 - (before % 4)) % 4
  const dataOffset = before + padding
  w.writeUInt16LE(0, 18) // parameter count
  w.writeUInt16LE(dataOffset, 20)
  w.writeUInt16LE(data.length, 22)
  w.writeUInt16LE(dataOffset, 24)
  w[26] = 2 // setup count
  w.writeUInt16LE(TRANS_TRANSACT_NMPIPE, 28)
  w.writeUInt16LE(fid, 30)
  return encodeSmb1(Smb1Command.TRANSACTION, w, Buffer.concat([name, Buffer.alloc(padding), data]), {mid, uid, tid})
}

/** TRANS2_FIND_FIRST2 of "\*" in the share root, names only, closed by the server after one answer. */
export function encodeFindFirstNames(maxEntries: number, maxData: number, mid: number, uid: number, tid: number): Buffer {
  const w = words(30)
  const start = dataStart(30)
  const name = unicodeAt(start, '') // Name: an empty string for TRANS2
  const paramsAt = start + name.length + ((4 - ((start + name.length) % 4)) % 4)
  const params = Buffer.alloc(12)
  params.writeUInt16LE(SEARCH_ATTRIBUTES, 0)
  params.writeUInt16LE(maxEntries, 2)
  params.writeUInt16LE(FIND_FLAGS, 4)
  params.writeUInt16LE(SMB_FIND_FILE_NAMES_INFO, 6)
  params.writeUInt32LE(0, 8) // search storage type
  const allParams = Buffer.concat([params, toUtf16('\\*\0')])
  w.writeUInt16LE(allParams.length, 0)
  w.writeUInt16LE(0, 2) // total data count
  w.writeUInt16LE(10, 4) // max parameter count: the FIND_FIRST2 answer parameters
  w.writeUInt16LE(maxData, 6)
  w.writeUInt16LE(allParams.length, 18)
  w.writeUInt16LE(paramsAt, 20)
  w.writeUInt16LE(0, 22) // data count
  w.writeUInt16LE(paramsAt + allParams.length, 24)
  w[26] = 1 // setup count
  w.writeUInt16LE(TRANS2_FIND_FIRST2, 28)
  const bytes = Buffer.concat([name, Buffer.alloc(paramsAt - start - name.length), allParams])
  return encodeSmb1(Smb1Command.TRANSACTION2, w, bytes, {mid, uid, tid})
}

export interface TransactionPart {
  totalParameterCount: number
  totalDataCount: number
  parameters: Buffer
  parameterDisplacement: number
  data: Buffer
  dataDisplacement: number
}

/**
 * One TRANSACTION or TRANSACTION2 response (the first or a secondary one): its parameter and
 * data pieces, each inside the message's SMB_Data, and where they go in the whole answer.
 */
export function parseTransactionResponse(m: Smb1Message): Parsed<TransactionPart> {
  return safeParse('SMB1 transaction response', () => {
    const w = new Reader(m.words)
    const totalParameterCount = w.u16('total parameter count')
    const totalDataCount = w.u16('total data count')
    w.u16()
    const parameterCount = w.u16()
    const parameterOffset = w.u16()
    const parameterDisplacement = w.u16()
    const dataCount = w.u16()
    const dataOffset = w.u16()
    const dataDisplacement = w.u16()
    const setupCount = w.u8('setup count')
    w.u8()
    if (m.words.length !== 20 + 2 * setupCount) fail(`${m.words.length / 2} parameter words with ${setupCount} setup words`)
    if (parameterDisplacement + parameterCount > totalParameterCount) fail('parameters beyond their total count')
    if (dataDisplacement + dataCount > totalDataCount) fail('data beyond its total count')
    const inData = (offset: number, count: number, what: string): Buffer => {
      if (count === 0) return Buffer.alloc(0)
      if (offset < m.bytesOffset || offset + count > m.bytesOffset + m.bytes.length) fail(`${what} (offset ${offset}, ${count} bytes) is outside SMB_Data`)
      return sliceChecked(m.raw, offset, count, what)
    }
    if (parameterCount && dataCount && parameterOffset < dataOffset + dataCount && dataOffset < parameterOffset + parameterCount) fail('transaction parameters and data overlap')
    return {
      totalParameterCount,
      totalDataCount,
      parameters: inData(parameterOffset, parameterCount, 'transaction parameters'),
      parameterDisplacement,
      data: inData(dataOffset, dataCount, 'transaction data'),
      dataDisplacement,
    }
  })
}

export interface FindFirstAnswer extends DirectoryNames {
  endOfSearch: boolean
}

/**
 * The FIND_FIRST2 answer's parameters and its SearchCount SMB_FIND_FILE_NAMES_INFO entries
 * (MS-CIFS 2.2.8.1.7), at most `max` names kept. The entries are counted, not chained to a zero
 * offset: Samba leaves the last entry's NextEntryOffset pointing past it, and SearchCount says
 * how many there are (MS-CIFS 2.2.6.2.2).
 */
export function parseFindFirstNames(parameters: Buffer, data: Buffer, max: number, unicode = true): Parsed<FindFirstAnswer> {
  return safeParse('SMB1 TRANS2_FIND_FIRST2 answer', () => {
    const p = new Reader(parameters)
    p.u16('SID')
    const count = p.u16('search count')
    const endOfSearch = p.u16('end of search') !== 0
    if (count > 4096) fail(`${count} entries`)
    const names: string[] = []
    let truncated = false
    let pos = 0
    for (let i = 0; i < count; i++) {
      const r = new Reader(data, pos)
      const next = r.u32('NextEntryOffset')
      r.u32() // file index
      const nameLength = r.u32('FileNameLength')
      if (nameLength > 2 * 1024) fail(`file name of ${nameLength} bytes`)
      const raw = r.bytes(nameLength, 'file name')
      const name = unicode ? utf16(raw) : raw.toString('latin1').replace(/\0+$/, '')
      if (names.length < max) names.push(name)
      else truncated = true
      if (i === count - 1) break
      if (next < 12 || next % 2 || pos + next >= data.length) fail(`bad NextEntryOffset ${next}`)
      pos += next
    }
    return {names, truncated, endOfSearch}
  })
}

// ------------------------------------------------------------------ READ_ANDX of a pipe (MS-CIFS 2.2.4.42)

export function encodeReadAndX(fid: number, maxCount: number, mid: number, uid: number, tid: number): Buffer {
  const w = words(20)
  NO_ANDX.copy(w, 0)
  w.writeUInt16LE(fid, 4)
  w.writeUInt32LE(0, 6) // offset (ignored on a message-mode pipe)
  w.writeUInt16LE(maxCount, 10)
  w.writeUInt16LE(0, 12) // min count
  w.writeUInt32LE(0, 14) // timeout
  w.writeUInt16LE(0, 18) // remaining
  return encodeSmb1(Smb1Command.READ_ANDX, w, Buffer.alloc(0), {mid, uid, tid})
}

export function parseReadAndX(m: Smb1Message): Parsed<{data: Buffer}> {
  return safeParse('SMB1 READ_ANDX response', () => {
    if (m.words.length !== 24) fail(`${m.words.length / 2} parameter words, expected 12`)
    const w = new Reader(m.words)
    w.skip(10, 'AndX, available, compaction, reserved')
    const length = w.u16('data length')
    const offset = w.u16('data offset')
    const high = w.u16('data length high')
    if (high !== 0) fail('more than 64 KiB of data')
    if (length === 0) return {data: Buffer.alloc(0)}
    if (offset < m.bytesOffset || offset + length > m.bytesOffset + m.bytes.length) fail(`read data (offset ${offset}, ${length} bytes) is outside SMB_Data`)
    return {data: sliceChecked(m.raw, offset, length, 'read data')}
  })
}

export {parseSmb1Message}
