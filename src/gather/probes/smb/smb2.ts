import {randomBytes} from 'node:crypto'
import {type Parsed, Reader, fail, pad, safeParse, sliceChecked, toUtf16, utf16} from './bytes.js'

/**
 * SMB2/3 messages (MS-SMB2 section 2.2): the 64-byte header, the requests homeaudit sends and
 * parsers for the responses it reads. There is deliberately no encoder for WRITE, SET_INFO,
 * LOCK or any create disposition but FILE_OPEN: this client cannot change a file.
 */

export const SMB2_MAGIC = 0x424d53fe // "\xfeSMB" read as little-endian u32
export const HEADER_SIZE = 64

export const Command = {
  NEGOTIATE: 0x0000,
  SESSION_SETUP: 0x0001,
  LOGOFF: 0x0002,
  TREE_CONNECT: 0x0003,
  TREE_DISCONNECT: 0x0004,
  CREATE: 0x0005,
  CLOSE: 0x0006,
  READ: 0x0008,
  IOCTL: 0x000b,
  QUERY_DIRECTORY: 0x000e,
} as const

export const Status = {
  SUCCESS: 0x00000000,
  PENDING: 0x00000103,
  BUFFER_OVERFLOW: 0x80000005,
  NO_MORE_FILES: 0x80000006,
  MORE_PROCESSING_REQUIRED: 0xc0000016,
  ACCESS_DENIED: 0xc0000022,
  LOGON_FAILURE: 0xc000006d,
  ACCOUNT_DISABLED: 0xc0000072,
  NOT_SUPPORTED: 0xc00000bb,
  BAD_NETWORK_NAME: 0xc00000cc,
  USER_SESSION_DELETED: 0xc0000203,
  OBJECT_NAME_NOT_FOUND: 0xc0000034,
  INVALID_PARAMETER: 0xc000000d,
  NETWORK_ACCESS_DENIED: 0xc00000ca,
  PIPE_DISCONNECTED: 0xc00000b0,
} as const

const STATUS_NAMES = new Map<number, string>(Object.entries(Status).map(([k, v]) => [v, `STATUS_${k}`]))

export function statusName(status: number): string {
  return STATUS_NAMES.get(status >>> 0) ?? `0x${(status >>> 0).toString(16).padStart(8, '0')}`
}

export const Flags = {
  SERVER_TO_REDIR: 0x00000001,
  ASYNC_COMMAND: 0x00000002,
  RELATED_OPERATIONS: 0x00000004,
  SIGNED: 0x00000008,
} as const

export const Dialects = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311] as const

export function dialectName(d: number): string {
  switch (d) {
    case 0x0202:
      return '2.0.2'
    case 0x0210:
      return '2.1'
    case 0x0300:
      return '3.0'
    case 0x0302:
      return '3.0.2'
    case 0x0311:
      return '3.1.1'
    case 0x02ff:
      return '2.???'
    default:
      return `0x${d.toString(16).padStart(4, '0')}`
  }
}

export const SecurityMode = {SIGNING_ENABLED: 0x0001, SIGNING_REQUIRED: 0x0002} as const
export const SessionFlags = {IS_GUEST: 0x0001, IS_NULL: 0x0002, ENCRYPT_DATA: 0x0004} as const
/** MS-SMB2 2.2.3: SMB2_GLOBAL_CAP_ENCRYPTION (3.0 and 3.0.2; 3.1.1 negotiates a cipher in a context instead). */
export const GLOBAL_CAP_ENCRYPTION = 0x00000040
/** MS-SMB2 2.2.10: SMB2_SHAREFLAG_ENCRYPT_DATA, the share requires encrypted access. */
export const SHAREFLAG_ENCRYPT_DATA = 0x00008000
/** The ciphers homeaudit offers, in its order of preference (MS-SMB2 2.2.3.1.2): AES-128-GCM, AES-128-CCM. */
export const OFFERED_CIPHERS: readonly number[] = [0x0002, 0x0001]

// ------------------------------------------------------------------------------- header

export interface Smb2Header {
  command: number
  status: number
  flags: number
  creditCharge: number
  creditResponse: number
  nextCommand: number
  messageId: bigint
  asyncId: bigint | null
  treeId: number | null
  sessionId: bigint
  signature: Buffer
}

/** One SMB2 message: its header and the whole message (offsets in bodies count from its start). */
export interface Smb2Message {
  header: Smb2Header
  raw: Buffer
}

export interface RequestHeader {
  command: number
  creditCharge: number
  creditRequest: number
  flags?: number
  messageId: bigint
  treeId?: number
  sessionId?: bigint
}

export function encodeHeader(h: RequestHeader): Buffer {
  const b = Buffer.alloc(HEADER_SIZE)
  b.writeUInt32LE(SMB2_MAGIC, 0)
  b.writeUInt16LE(HEADER_SIZE, 4)
  b.writeUInt16LE(h.creditCharge, 6)
  b.writeUInt16LE(h.command, 12)
  b.writeUInt16LE(h.creditRequest, 14)
  b.writeUInt32LE(h.flags ?? 0, 16)
  b.writeBigUInt64LE(h.messageId, 24)
  b.writeUInt32LE(0xfeff, 32)
  b.writeUInt32LE(h.treeId ?? 0, 36)
  b.writeBigUInt64LE(h.sessionId ?? 0n, 40)
  return b
}

function readHeader(r: Reader): Smb2Header {
  if (r.u32('protocol id') !== SMB2_MAGIC) fail('not an SMB2 message (bad protocol id)')
  if (r.u16('structure size') !== HEADER_SIZE) fail('SMB2 header structure size is not 64')
  const creditCharge = r.u16()
  const status = r.u32()
  const command = r.u16()
  const creditResponse = r.u16()
  const flags = r.u32()
  const nextCommand = r.u32()
  const messageId = r.u64()
  let asyncId: bigint | null = null
  let treeId: number | null = null
  if (flags & Flags.ASYNC_COMMAND) asyncId = r.u64()
  else {
    r.u32() // reserved / process id
    treeId = r.u32()
  }
  const sessionId = r.u64()
  const signature = r.bytes(16)
  return {command, status, flags, creditCharge, creditResponse, nextCommand, messageId, asyncId, treeId, sessionId, signature}
}

/** Parse a received frame into its SMB2 messages (more than one when the server compounds). */
export function parseSmb2Messages(frame: Buffer): Parsed<Smb2Message[]> {
  return safeParse('SMB2 header', () => {
    const out: Smb2Message[] = []
    let start = 0
    for (let i = 0; ; i++) {
      if (i >= 32) fail('more than 32 compounded messages')
      const r = new Reader(frame, start)
      const header = readHeader(r)
      if (!(header.flags & Flags.SERVER_TO_REDIR)) fail('message is not a response')
      let end = frame.length
      if (header.nextCommand) {
        if (header.nextCommand % 8 || header.nextCommand < HEADER_SIZE || start + header.nextCommand > frame.length) fail(`bad NextCommand ${header.nextCommand}`)
        end = start + header.nextCommand
      }
      out.push({header, raw: frame.subarray(start, end)})
      if (!header.nextCommand) break
      start = end
    }
    return out
  })
}

function bodyReader(msg: Buffer, structureSize: number, what: string): Reader {
  const r = new Reader(msg, HEADER_SIZE)
  const size = r.u16(`${what} structure size`)
  if (size !== structureSize) fail(`${what}: structure size ${size}, expected ${structureSize}`)
  return r
}

/** A buffer that a response points at with an offset counted from the start of the header. */
function pointed(msg: Buffer, offset: number, length: number, what: string): Buffer {
  if (length === 0) return Buffer.alloc(0)
  if (offset < HEADER_SIZE) fail(`${what} offset ${offset} points into the header`)
  return sliceChecked(msg, offset, length, what)
}

// ---------------------------------------------------------------------------- NEGOTIATE

export interface NegotiateRequest {
  body: Buffer
  /** What the request offered, as FSCTL_VALIDATE_NEGOTIATE_INFO repeats it. */
  offer: NegotiateOffer
}

export interface NegotiateOffer {
  dialects: readonly number[]
  clientGuid: Buffer
  securityMode: number
  capabilities: number
}

export interface NegotiateOptions {
  signingRequired?: boolean
  /** Ciphers to offer for 3.1.1 (default OFFERED_CIPHERS; empty: no encryption context). */
  ciphers?: readonly number[]
  /** Source of the client GUID and the preauth salt (node:crypto randomBytes by default). */
  random?: (n: number) => Buffer
}

function negotiateContext(type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt16LE(type, 0)
  head.writeUInt16LE(data.length, 2)
  return Buffer.concat([head, data])
}

/**
 * NEGOTIATE with 2.0.2 to 3.1.1 (MS-SMB2 2.2.3). Capabilities: SMB2_GLOBAL_CAP_ENCRYPTION only
 * (no DFS, leasing or multi-channel). 3.1.1 adds the preauth-integrity context (SHA-512) and the
 * encryption context with the offered ciphers (2.2.3.1.1, 2.2.3.1.2), each 8-byte aligned.
 */
export function encodeNegotiate(dialects: readonly number[] = Dialects, options: NegotiateOptions = {}): NegotiateRequest {
  const random = options.random ?? randomBytes
  const ciphers = options.ciphers ?? OFFERED_CIPHERS
  const clientGuid = random(16)
  const offer: NegotiateOffer = {
    dialects: [...dialects],
    clientGuid,
    securityMode: options.signingRequired ? SecurityMode.SIGNING_REQUIRED | SecurityMode.SIGNING_ENABLED : SecurityMode.SIGNING_ENABLED,
    capabilities: ciphers.length ? GLOBAL_CAP_ENCRYPTION : 0,
  }
  const with311 = dialects.includes(0x0311)
  const fixed = Buffer.alloc(36)
  fixed.writeUInt16LE(36, 0)
  fixed.writeUInt16LE(dialects.length, 2)
  fixed.writeUInt16LE(offer.securityMode, 4)
  fixed.writeUInt32LE(offer.capabilities, 8)
  clientGuid.copy(fixed, 12)
  const list = Buffer.alloc(dialects.length * 2)
  dialects.forEach((d, i) => list.writeUInt16LE(d, i * 2))
  if (!with311) return {body: Buffer.concat([fixed, list]), offer}
  // Preauth integrity capabilities: one algorithm (SHA-512), a 32-byte salt.
  const preauth = Buffer.alloc(4 + 2 + 32)
  preauth.writeUInt16LE(1, 0)
  preauth.writeUInt16LE(32, 2)
  preauth.writeUInt16LE(0x0001, 4)
  random(32).copy(preauth, 6)
  const contexts = [negotiateContext(0x0001, preauth)]
  if (ciphers.length) {
    const enc = Buffer.alloc(2 + 2 * ciphers.length)
    enc.writeUInt16LE(ciphers.length, 0)
    ciphers.forEach((c, i) => enc.writeUInt16LE(c, 2 + 2 * i))
    contexts.push(negotiateContext(0x0002, enc))
  }
  const beforeContexts = pad(Buffer.concat([fixed, list]), 8) // offset counted from the header: 64 is 8-aligned
  const contextOffset = HEADER_SIZE + beforeContexts.length
  beforeContexts.writeUInt32LE(contextOffset, 28)
  beforeContexts.writeUInt16LE(contexts.length, 32)
  // Every context but the last is padded to 8 bytes; the message ends with the last one.
  const body = contexts.map((c, i) => (i < contexts.length - 1 ? pad(c, 8) : c))
  return {body: Buffer.concat([beforeContexts, ...body]), offer}
}

export interface NegotiateContext {
  type: number
  data: Buffer
}

export interface NegotiateResponse {
  securityMode: number
  dialect: number
  serverGuid: Buffer
  capabilities: number
  maxTransactSize: number
  maxReadSize: number
  maxWriteSize: number
  systemTime: bigint
  securityBuffer: Buffer
  contexts: NegotiateContext[]
  preauthHashAlgorithms: number[]
  ciphers: number[]
  signingAlgorithms: number[]
}

export function parseNegotiateResponse(msg: Buffer): Parsed<NegotiateResponse> {
  return safeParse('NEGOTIATE response', () => {
    const r = bodyReader(msg, 65, 'NEGOTIATE response')
    const securityMode = r.u16()
    const dialect = r.u16()
    const contextCount = r.u16()
    const serverGuid = r.bytes(16)
    const capabilities = r.u32()
    const maxTransactSize = r.u32()
    const maxReadSize = r.u32()
    const maxWriteSize = r.u32()
    const systemTime = r.u64()
    r.u64() // server start time
    const secOffset = r.u16()
    const secLength = r.u16()
    const contextOffset = r.u32()
    const securityBuffer = pointed(msg, secOffset, secLength, 'security buffer')
    const contexts: NegotiateContext[] = []
    const preauthHashAlgorithms: number[] = []
    const ciphers: number[] = []
    const signingAlgorithms: number[] = []
    if (dialect === 0x0311) {
      if (contextCount > 16) fail(`${contextCount} negotiate contexts (limit 16)`)
      if (contextCount > 0 && (contextOffset < HEADER_SIZE || contextOffset % 8)) fail(`bad negotiate context offset ${contextOffset}`)
      let pos = contextOffset
      for (let i = 0; i < contextCount; i++) {
        const c = new Reader(msg, pos)
        const type = c.u16('context type')
        const length = c.u16('context length')
        c.u32()
        const data = c.bytes(length, 'context data')
        contexts.push({type, data})
        const d = new Reader(data)
        if (type === 0x0001) {
          const n = d.u16()
          d.u16() // salt length
          if (n > 8) fail('too many hash algorithms')
          for (let k = 0; k < n; k++) preauthHashAlgorithms.push(d.u16())
        } else if (type === 0x0002) {
          const n = d.u16()
          if (n > 8) fail('too many ciphers')
          for (let k = 0; k < n; k++) ciphers.push(d.u16())
        } else if (type === 0x0008) {
          const n = d.u16()
          if (n > 8) fail('too many signing algorithms')
          for (let k = 0; k < n; k++) signingAlgorithms.push(d.u16())
        }
        pos = c.pos + ((8 - (c.pos % 8)) % 8)
      }
      if (!preauthHashAlgorithms.includes(0x0001)) fail('3.1.1 without the SHA-512 preauth integrity context')
    }
    return {securityMode, dialect, serverGuid, capabilities, maxTransactSize, maxReadSize, maxWriteSize, systemTime, securityBuffer, contexts, preauthHashAlgorithms, ciphers, signingAlgorithms}
  })
}

// ------------------------------------------------------------------------ SESSION_SETUP

export function encodeSessionSetup(securityBlob: Buffer, signingRequired = false): Buffer {
  const fixed = Buffer.alloc(24)
  fixed.writeUInt16LE(25, 0)
  fixed.writeUInt8(0, 2) // flags
  fixed.writeUInt8(signingRequired ? SecurityMode.SIGNING_REQUIRED | SecurityMode.SIGNING_ENABLED : SecurityMode.SIGNING_ENABLED, 3)
  fixed.writeUInt32LE(0, 4) // capabilities
  fixed.writeUInt32LE(0, 8) // channel
  fixed.writeUInt16LE(HEADER_SIZE + 24, 12)
  fixed.writeUInt16LE(securityBlob.length, 14)
  fixed.writeBigUInt64LE(0n, 16) // previous session id
  return Buffer.concat([fixed, securityBlob])
}

export interface SessionSetupResponse {
  sessionFlags: number
  securityBuffer: Buffer
}

export function parseSessionSetupResponse(msg: Buffer): Parsed<SessionSetupResponse> {
  return safeParse('SESSION_SETUP response', () => {
    const r = bodyReader(msg, 9, 'SESSION_SETUP response')
    const sessionFlags = r.u16()
    const offset = r.u16()
    const length = r.u16()
    return {sessionFlags, securityBuffer: pointed(msg, offset, length, 'security buffer')}
  })
}

export function encodeLogoff(): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt16LE(4, 0)
  return b
}

// ------------------------------------------------------------------------- TREE_CONNECT

export function encodeTreeConnect(path: string): Buffer {
  const p = toUtf16(path)
  const fixed = Buffer.alloc(8)
  fixed.writeUInt16LE(9, 0)
  fixed.writeUInt16LE(HEADER_SIZE + 8, 4)
  fixed.writeUInt16LE(p.length, 6)
  return Buffer.concat([fixed, p])
}

export const ShareType = {DISK: 0x01, PIPE: 0x02, PRINT: 0x03} as const

export interface TreeConnectResponse {
  shareType: number
  shareFlags: number
  capabilities: number
  maximalAccess: number
}

export function parseTreeConnectResponse(msg: Buffer): Parsed<TreeConnectResponse> {
  return safeParse('TREE_CONNECT response', () => {
    const r = bodyReader(msg, 16, 'TREE_CONNECT response')
    const shareType = r.u8()
    r.u8()
    const shareFlags = r.u32()
    const capabilities = r.u32()
    const maximalAccess = r.u32()
    return {shareType, shareFlags, capabilities, maximalAccess}
  })
}

export function encodeTreeDisconnect(): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt16LE(4, 0)
  return b
}

// ------------------------------------------------------------------------------- CREATE

export const Access = {
  FILE_READ_DATA: 0x00000001, // FILE_LIST_DIRECTORY on a directory
  FILE_WRITE_DATA: 0x00000002, // FILE_ADD_FILE
  FILE_APPEND_DATA: 0x00000004, // FILE_ADD_SUBDIRECTORY
  FILE_READ_EA: 0x00000008,
  FILE_WRITE_EA: 0x00000010,
  FILE_EXECUTE: 0x00000020,
  FILE_DELETE_CHILD: 0x00000040,
  FILE_READ_ATTRIBUTES: 0x00000080,
  FILE_WRITE_ATTRIBUTES: 0x00000100,
  DELETE: 0x00010000,
  READ_CONTROL: 0x00020000,
  WRITE_DAC: 0x00040000,
  WRITE_OWNER: 0x00080000,
  SYNCHRONIZE: 0x00100000,
  MAXIMUM_ALLOWED: 0x02000000,
  GENERIC_ALL: 0x10000000,
  GENERIC_EXECUTE: 0x20000000,
  GENERIC_WRITE: 0x40000000,
  GENERIC_READ: 0x80000000,
} as const

/** The only access masks this client ever asks for: reading a directory, and a named pipe. */
export const DIRECTORY_READ_ACCESS = Access.FILE_READ_DATA | Access.FILE_READ_ATTRIBUTES | Access.SYNCHRONIZE
export const PIPE_ACCESS = 0x0012019f // read/write data, EA, attributes, read control, synchronize (a pipe on IPC$)

const FILE_OPEN = 0x00000001
const FILE_DIRECTORY_FILE = 0x00000001
const FILE_NON_DIRECTORY_FILE = 0x00000040

export interface CreateRequest {
  name: string
  kind: 'directory' | 'pipe'
  /** Ask for the maximal access of the opened object (create context "MxAc"). */
  queryMaximalAccess?: boolean
}

export function encodeCreate(req: CreateRequest): Buffer {
  const name = toUtf16(req.name)
  const fixed = Buffer.alloc(56)
  fixed.writeUInt16LE(57, 0)
  fixed.writeUInt8(0, 2) // security flags
  fixed.writeUInt8(0, 3) // no oplock
  fixed.writeUInt32LE(2, 4) // impersonation
  fixed.writeUInt32LE(req.kind === 'pipe' ? PIPE_ACCESS : DIRECTORY_READ_ACCESS, 24)
  fixed.writeUInt32LE(0, 28) // file attributes
  fixed.writeUInt32LE(req.kind === 'pipe' ? 0x3 : 0x7, 32) // share read/write(/delete): never lock others out
  fixed.writeUInt32LE(FILE_OPEN, 36) // open an existing object only; fail if absent
  fixed.writeUInt32LE(req.kind === 'pipe' ? FILE_NON_DIRECTORY_FILE : FILE_DIRECTORY_FILE, 40)
  fixed.writeUInt16LE(HEADER_SIZE + 56, 44)
  fixed.writeUInt16LE(name.length, 46)
  let nameBuf = name.length ? name : Buffer.alloc(1) // the buffer must not be empty
  let contexts = Buffer.alloc(0)
  if (req.queryMaximalAccess) {
    nameBuf = pad(nameBuf, 8)
    contexts = Buffer.alloc(24)
    contexts.writeUInt32LE(0, 0) // next
    contexts.writeUInt16LE(16, 4) // name offset
    contexts.writeUInt16LE(4, 6) // name length
    contexts.writeUInt16LE(0, 10) // data offset (no data)
    contexts.writeUInt32LE(0, 12) // data length
    contexts.write('MxAc', 16, 'latin1')
    fixed.writeUInt32LE(HEADER_SIZE + 56 + nameBuf.length, 48)
    fixed.writeUInt32LE(contexts.length, 52)
  }
  return Buffer.concat([fixed, nameBuf, contexts])
}

export interface CreateResponse {
  createAction: number
  fileAttributes: number
  lastWriteTime: bigint
  fileId: Buffer
  /** From the MxAc create context, when the server returned one with a success status. */
  maximalAccess: number | null
  contextNames: string[]
}

export function parseCreateResponse(msg: Buffer): Parsed<CreateResponse> {
  return safeParse('CREATE response', () => {
    const r = bodyReader(msg, 89, 'CREATE response')
    r.u8() // oplock
    r.u8() // flags
    const createAction = r.u32()
    r.u64() // creation
    r.u64() // last access
    const lastWriteTime = r.u64()
    r.u64() // change
    r.u64() // allocation
    r.u64() // end of file
    const fileAttributes = r.u32()
    r.u32()
    const fileId = Buffer.from(r.bytes(16))
    const ctxOffset = r.u32()
    const ctxLength = r.u32()
    const contexts = pointed(msg, ctxOffset, ctxLength, 'create contexts')
    let maximalAccess: number | null = null
    const contextNames: string[] = []
    let pos = 0
    for (let i = 0; contexts.length > 0; i++) {
      if (i >= 16) fail('more than 16 create contexts')
      const c = new Reader(contexts, pos)
      const next = c.u32('context next')
      const nameOffset = c.u16()
      const nameLength = c.u16()
      c.u16()
      const dataOffset = c.u16()
      const dataLength = c.u32()
      const name = sliceChecked(contexts, pos + nameOffset, nameLength, 'context name').toString('latin1')
      const data = dataLength ? sliceChecked(contexts, pos + dataOffset, dataLength, 'context data') : Buffer.alloc(0)
      contextNames.push(name)
      if (name === 'MxAc') {
        const d = new Reader(data)
        const queryStatus = d.u32('MxAc status')
        const access = d.u32('MxAc access')
        if (queryStatus === Status.SUCCESS) maximalAccess = access
      }
      if (!next) break
      if (next % 8 || pos + next >= contexts.length) fail(`bad create context next offset ${next}`)
      pos += next
    }
    return {createAction, fileAttributes, lastWriteTime, fileId, maximalAccess, contextNames}
  })
}

export function encodeClose(fileId: Buffer): Buffer {
  const b = Buffer.alloc(24)
  b.writeUInt16LE(24, 0)
  fileId.copy(b, 8)
  return b
}

// ---------------------------------------------------------------------- QUERY_DIRECTORY

export const FILE_NAMES_INFORMATION = 0x0c
const RESTART_SCANS = 0x01

export function encodeQueryDirectory(fileId: Buffer, restart: boolean, outputLength: number, pattern = '*'): Buffer {
  const p = toUtf16(pattern)
  const fixed = Buffer.alloc(32)
  fixed.writeUInt16LE(33, 0)
  fixed.writeUInt8(FILE_NAMES_INFORMATION, 2)
  fixed.writeUInt8(restart ? RESTART_SCANS : 0, 3)
  fileId.copy(fixed, 8)
  fixed.writeUInt16LE(HEADER_SIZE + 32, 24)
  fixed.writeUInt16LE(p.length, 26)
  fixed.writeUInt32LE(outputLength, 28)
  return Buffer.concat([fixed, p])
}

export interface DirectoryNames {
  names: string[]
  /** Entries present in the buffer beyond `max`. */
  truncated: boolean
}

/** QUERY_DIRECTORY response carrying FileNamesInformation entries; at most `max` names are kept. */
export function parseQueryDirectoryResponse(msg: Buffer, max = 50): Parsed<DirectoryNames> {
  return safeParse('QUERY_DIRECTORY response', () => {
    const r = bodyReader(msg, 9, 'QUERY_DIRECTORY response')
    const offset = r.u16()
    const length = r.u32()
    const out = pointed(msg, offset, length, 'directory entries')
    return parseFileNamesInformation(out, max)
  })
}

/** FILE_NAMES_INFORMATION entries (MS-FSCC 2.4.28); SMB1's SMB_FIND_FILE_NAMES_INFO has the same layout. */
export function parseFileNamesInformation(buf: Buffer, max: number): DirectoryNames {
  const names: string[] = []
  let pos = 0
  let truncated = false
  for (let i = 0; buf.length > 0; i++) {
    if (i >= 4096) fail('more than 4096 directory entries in one response')
    const r = new Reader(buf, pos)
    const next = r.u32('NextEntryOffset')
    r.u32() // file index
    const nameLength = r.u32('FileNameLength')
    if (nameLength > 2 * 1024) fail(`file name of ${nameLength} bytes`)
    const name = utf16(r.bytes(nameLength, 'file name'))
    if (names.length < max) names.push(name)
    else truncated = true
    if (!next) break
    if (next < 12 || next % 4 || pos + next >= buf.length) fail(`bad NextEntryOffset ${next}`)
    pos += next
  }
  return {names, truncated}
}

// -------------------------------------------------------------------------- IOCTL, READ

export const FSCTL_PIPE_TRANSCEIVE = 0x0011c017
export const FSCTL_VALIDATE_NEGOTIATE_INFO = 0x00140204

/** FSCTL_PIPE_TRANSCEIVE on a named pipe. */
export function encodePipeTransceive(fileId: Buffer, input: Buffer, maxOutput: number): Buffer {
  return encodeFsctl(FSCTL_PIPE_TRANSCEIVE, fileId, input, maxOutput)
}

/**
 * FSCTL_VALIDATE_NEGOTIATE_INFO (MS-SMB2 2.2.31.4): the capabilities, client GUID, security mode
 * and dialects the NEGOTIATE request offered, sent again on a signed session, on no file
 * (FileId all 0xFF), for a 24-byte answer.
 */
export function encodeValidateNegotiate(offer: NegotiateOffer): Buffer {
  const input = Buffer.alloc(24 + offer.dialects.length * 2)
  input.writeUInt32LE(offer.capabilities, 0)
  offer.clientGuid.copy(input, 4, 0, 16)
  input.writeUInt16LE(offer.securityMode, 20)
  input.writeUInt16LE(offer.dialects.length, 22)
  offer.dialects.forEach((d, i) => input.writeUInt16LE(d, 24 + i * 2))
  return encodeFsctl(FSCTL_VALIDATE_NEGOTIATE_INFO, Buffer.alloc(16, 0xff), input, 24)
}

/** The VALIDATE_NEGOTIATE_INFO response (MS-SMB2 2.2.32.6): what the server says NEGOTIATE agreed. */
export function parseValidateNegotiateOutput(output: Buffer): Parsed<{capabilities: number; serverGuid: Buffer; securityMode: number; dialect: number}> {
  return safeParse('VALIDATE_NEGOTIATE_INFO response', () => {
    if (output.length !== 24) fail(`VALIDATE_NEGOTIATE_INFO answer of ${output.length} bytes, not 24`)
    return {capabilities: output.readUInt32LE(0), serverGuid: Buffer.from(output.subarray(4, 20)), securityMode: output.readUInt16LE(20), dialect: output.readUInt16LE(22)}
  })
}

function encodeFsctl(ctlCode: number, fileId: Buffer, input: Buffer, maxOutput: number): Buffer {
  const fixed = Buffer.alloc(56)
  fixed.writeUInt16LE(57, 0)
  fixed.writeUInt32LE(ctlCode, 4)
  fileId.copy(fixed, 8)
  fixed.writeUInt32LE(HEADER_SIZE + 56, 24) // input offset
  fixed.writeUInt32LE(input.length, 28)
  fixed.writeUInt32LE(0, 32) // max input response
  fixed.writeUInt32LE(0, 36) // output offset
  fixed.writeUInt32LE(0, 40) // output count
  fixed.writeUInt32LE(maxOutput, 44)
  fixed.writeUInt32LE(1, 48) // SMB2_0_IOCTL_IS_FSCTL
  return Buffer.concat([fixed, input])
}

export function parseIoctlResponse(msg: Buffer): Parsed<{ctlCode: number; output: Buffer}> {
  return safeParse('IOCTL response', () => {
    const r = bodyReader(msg, 49, 'IOCTL response')
    r.u16()
    const ctlCode = r.u32()
    r.bytes(16) // file id
    r.u32() // input offset
    const inputCount = r.u32()
    const outputOffset = r.u32()
    const outputCount = r.u32()
    if (inputCount > msg.length) fail('input count larger than the message')
    return {ctlCode, output: pointed(msg, outputOffset, outputCount, 'ioctl output')}
  })
}

export function encodeRead(fileId: Buffer, length: number): Buffer {
  const b = Buffer.alloc(49)
  b.writeUInt16LE(49, 0)
  b.writeUInt8(0x50, 2) // padding: data after the 80-byte response
  b.writeUInt32LE(length, 4)
  b.writeBigUInt64LE(0n, 8)
  fileId.copy(b, 16)
  b.writeUInt32LE(0, 32) // minimum count
  return b
}

export function parseReadResponse(msg: Buffer): Parsed<{data: Buffer; remaining: number}> {
  return safeParse('READ response', () => {
    const r = bodyReader(msg, 17, 'READ response')
    const offset = r.u8()
    r.u8()
    const length = r.u32()
    const remaining = r.u32()
    return {data: pointed(msg, offset, length, 'read data'), remaining}
  })
}

/** The ErrorData of an error response; parsed only to check that it is well formed. */
export function parseErrorResponse(msg: Buffer): Parsed<{byteCount: number}> {
  return safeParse('error response', () => {
    const r = bodyReader(msg, 9, 'error response')
    r.u8()
    r.u8()
    const byteCount = r.u32()
    r.need(byteCount, 'error data')
    return {byteCount}
  })
}
