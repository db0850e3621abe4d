import type {ScanScope} from '../../../scope/scope-guard.js'
import {type Parsed, hex32} from './bytes.js'
import {aesCmac, hmacSha256, sha512, smb3Kdf} from './crypto.js'
import {type Pdu, bindPdu, isLastFragment, netShareEnumAllStub, parseBindAck, parseNetShareEnumAll, parsePdus, requestPdu, responseStub, type ShareEnumResult} from './dcerpc.js'
import {type Credentials, type NtlmChallenge, anonymousAuthenticate, negotiateMessage, ntlmv2Authenticate, parseChallengeMessage} from './ntlm.js'
import {
  Command,
  Dialects,
  Flags,
  HEADER_SIZE,
  SecurityMode,
  SessionFlags,
  Status,
  type NegotiateResponse,
  type Smb2Message,
  type TreeConnectResponse,
  dialectName,
  encodeClose,
  encodeCreate,
  encodeHeader,
  encodeLogoff,
  encodeNegotiate,
  encodePipeTransceive,
  encodeQueryDirectory,
  encodeRead,
  encodeSessionSetup,
  encodeTreeConnect,
  encodeTreeDisconnect,
  parseCreateResponse,
  parseIoctlResponse,
  parseNegotiateResponse,
  parseQueryDirectoryResponse,
  parseReadResponse,
  parseSessionSetupResponse,
  parseSmb2Messages,
  parseTreeConnectResponse,
  statusName,
} from './smb2.js'
import {parseSpnego, negTokenInit, negTokenResp} from './spnego.js'
import {type Connector, type MessageHook, SmbError, Transport, scopedConnector} from './transport.js'

/**
 * A small, strict SMB2/3 client for auditing: negotiate, NTLMSSP sessions (anonymous, guest,
 * or a user's NTLMv2), tree connect, open a directory or the srvsvc pipe with FILE_OPEN, list
 * a directory, NetShareEnumAll. Requests are sent one at a time; each waits at most the step
 * timeout, bounded by the overall deadline. It has no way to write, rename or delete a file.
 */

export interface ClientOptions {
  stepTimeoutMs: number
  /** Absolute time (Date.now() based) after which nothing more is sent. */
  deadline: number
  onMessage?: MessageHook
  maxMessageBytes?: number
  /** MaxOutputResponse of pipe transceives and READs (default 64 KiB); small values force READs. */
  pipeMaxOutput?: number
}

export type SessionKind = 'anonymous' | 'guest' | 'user'

export interface SmbSession {
  id: bigint
  kind: SessionKind
  flags: number
  isGuest: boolean
  isNull: boolean
  signingKey: Buffer | null
}

export interface SessionAttempt {
  kind: SessionKind
  outcome: 'established' | 'refused' | 'error'
  status: string | null
  isGuest: boolean
  isNull: boolean
  reason: string | null
  session: SmbSession | null
  challenge: NtlmChallenge | null
}

export interface NegotiateInfo {
  dialect: number
  dialectName: string
  signingRequired: boolean
  signingEnabled: boolean
  maxTransactSize: number
  maxReadSize: number
  capabilities: number
  response: NegotiateResponse
}

function parsed<T>(p: Parsed<T>): T {
  if (!p.ok) throw new SmbError('protocol', p.error)
  return p.value
}

export class Smb2Client {
  private messageId = 0n
  private credits = 1
  private ignored = 0
  private preauth: Buffer | null = null
  negotiated: NegotiateInfo | null = null

  private constructor(
    private readonly transport: Transport,
    readonly ip: string,
    private readonly options: ClientOptions,
  ) {}

  /** Connect through the scope guard (an address outside the scope never gets a socket). */
  static open(scope: ScanScope, ip: string, port: number, options: ClientOptions): Promise<Smb2Client> {
    return Smb2Client.openWith(scopedConnector(scope), ip, port, options)
  }

  static async openWith(connect: Connector, ip: string, port: number, options: ClientOptions): Promise<Smb2Client> {
    const socket = await connect(ip, port, remaining(options))
    return new Smb2Client(new Transport(socket, options.onMessage, options.maxMessageBytes), ip, options)
  }

  close(): void {
    this.transport.close()
  }

  get broken(): SmbError | null {
    return this.transport.broken
  }

  /** Send one request and wait for its final answer (interim STATUS_PENDING answers are skipped). */
  async request(command: number, body: Buffer, ctx: {session?: SmbSession | null; treeId?: number} = {}): Promise<{msg: Smb2Message; sent: Buffer}> {
    if (this.credits < 1) throw new SmbError('protocol', 'the server granted no credits')
    const dialect = this.negotiated?.dialect ?? 0
    const id = this.messageId
    this.messageId += 1n
    this.credits -= 1
    const header = encodeHeader({
      command,
      creditCharge: dialect > 0x0202 ? 1 : 0,
      creditRequest: 32,
      messageId: id,
      treeId: ctx.treeId,
      sessionId: ctx.session?.id,
    })
    const message = Buffer.concat([header, body])
    if (ctx.session?.signingKey) this.sign(message, ctx.session.signingKey)
    this.transport.send(message)
    for (;;) {
      const frame = await this.transport.next(stepTimeout(this.options))
      const messages = parseSmb2Messages(frame)
      if (!messages.ok) {
        this.transport.close()
        throw new SmbError('protocol', messages.error)
      }
      for (const msg of messages.value) {
        this.credits = Math.min(this.credits + msg.header.creditResponse, 512)
        if (msg.header.messageId !== id) {
          if (++this.ignored > 32) {
            this.transport.close()
            throw new SmbError('protocol', 'too many unexpected messages')
          }
          continue
        }
        if (msg.header.command !== command) {
          this.transport.close()
          throw new SmbError('protocol', `answer for command ${msg.header.command}, expected ${command}`)
        }
        if (msg.header.status === Status.PENDING && msg.header.flags & Flags.ASYNC_COMMAND) continue
        return {msg, sent: message}
      }
    }
  }

  private sign(message: Buffer, key: Buffer): void {
    message.writeUInt32LE(message.readUInt32LE(16) | Flags.SIGNED, 16)
    message.fill(0, 48, 64)
    const dialect = this.negotiated?.dialect ?? 0
    const mac = dialect >= 0x0300 ? aesCmac(key, message) : hmacSha256(key, message)
    mac.copy(message, 48, 0, 16)
  }

  async negotiate(dialects: readonly number[] = Dialects): Promise<NegotiateInfo> {
    const req = encodeNegotiate(dialects)
    const {msg, sent} = await this.request(Command.NEGOTIATE, req.body)
    if (msg.header.status !== Status.SUCCESS) throw new SmbError('protocol', `NEGOTIATE failed: ${statusName(msg.header.status)}`)
    const response = parsed(parseNegotiateResponse(msg.raw))
    if (!dialects.includes(response.dialect)) throw new SmbError('protocol', `server chose dialect ${dialectName(response.dialect)}, which was not offered`)
    if (response.dialect === 0x0311) this.preauth = sha512(sha512(Buffer.alloc(64), sent), msg.raw)
    this.negotiated = {
      dialect: response.dialect,
      dialectName: dialectName(response.dialect),
      signingRequired: (response.securityMode & SecurityMode.SIGNING_REQUIRED) !== 0,
      signingEnabled: (response.securityMode & SecurityMode.SIGNING_ENABLED) !== 0,
      maxTransactSize: response.maxTransactSize,
      maxReadSize: response.maxReadSize,
      capabilities: response.capabilities,
      response,
    }
    return this.negotiated
  }

  /** One NTLMSSP session: anonymous, guest (a random user, empty password) or a user's NTLMv2. */
  async sessionSetup(kind: SessionKind, creds?: Credentials): Promise<SessionAttempt> {
    const attempt: SessionAttempt = {kind, outcome: 'error', status: null, isGuest: false, isNull: false, reason: null, session: null, challenge: null}
    let preauth = this.preauth
    const first = await this.request(Command.SESSION_SETUP, encodeSessionSetup(negTokenInit(negotiateMessage())))
    if (preauth) preauth = sha512(preauth, first.sent)
    const st1 = first.msg.header.status
    if (st1 !== Status.MORE_PROCESSING_REQUIRED) {
      attempt.status = statusName(st1)
      attempt.outcome = 'refused'
      attempt.reason = `NTLMSSP NEGOTIATE answered ${statusName(st1)}`
      return attempt
    }
    if (preauth) preauth = sha512(preauth, first.msg.raw)
    const sessionId = first.msg.header.sessionId
    const blob = parsed(parseSessionSetupResponse(first.msg.raw)).securityBuffer
    const spnego = parsed(parseSpnego(blob))
    if (!spnego.mechToken) throw new SmbError('protocol', 'SPNEGO answer without an NTLMSSP token')
    const challenge = parsed(parseChallengeMessage(spnego.mechToken))
    attempt.challenge = challenge
    const auth = kind === 'anonymous' ? anonymousAuthenticate(challenge) : ntlmv2Authenticate(challenge, creds ?? {user: '', password: ''})
    const pending: SmbSession = {id: sessionId, kind, flags: 0, isGuest: false, isNull: false, signingKey: null}
    const second = await this.request(Command.SESSION_SETUP, encodeSessionSetup(spnego.kind === 'raw-ntlmssp' ? auth.message : negTokenResp(auth.message)), {session: pending})
    if (preauth) preauth = sha512(preauth, second.sent)
    const st2 = second.msg.header.status
    attempt.status = statusName(st2)
    if (st2 !== Status.SUCCESS) {
      attempt.outcome = 'refused'
      attempt.reason = `NTLMSSP AUTHENTICATE answered ${statusName(st2)}`
      return attempt
    }
    const resp = parsed(parseSessionSetupResponse(second.msg.raw))
    pending.flags = resp.sessionFlags
    pending.isGuest = (resp.sessionFlags & SessionFlags.IS_GUEST) !== 0
    pending.isNull = (resp.sessionFlags & SessionFlags.IS_NULL) !== 0
    if (resp.sessionFlags & SessionFlags.ENCRYPT_DATA) {
      attempt.outcome = 'error'
      attempt.reason = 'the server requires SMB3 encryption for this session, which homeaudit does not implement'
      return attempt
    }
    // Anonymous and guest sessions have no key and are never signed; a user's session is.
    if (kind === 'user' && !pending.isGuest && !pending.isNull && auth.sessionKey.length === 16) {
      pending.signingKey = this.signingKey(auth.sessionKey, preauth)
    }
    attempt.outcome = 'established'
    attempt.isGuest = pending.isGuest
    attempt.isNull = pending.isNull
    attempt.session = pending
    return attempt
  }

  private signingKey(sessionKey: Buffer, preauth: Buffer | null): Buffer {
    const dialect = this.negotiated!.dialect
    if (dialect < 0x0300) return sessionKey
    if (dialect === 0x0311) return smb3Kdf(sessionKey, Buffer.from('SMBSigningKey\0', 'latin1'), preauth!)
    return smb3Kdf(sessionKey, Buffer.from('SMB2AESCMAC\0', 'latin1'), Buffer.from('SmbSign\0', 'latin1'))
  }

  async logoff(session: SmbSession): Promise<void> {
    await this.request(Command.LOGOFF, encodeLogoff(), {session})
  }

  async treeConnect(session: SmbSession, share: string): Promise<{status: number; treeId: number; response: TreeConnectResponse | null}> {
    const {msg} = await this.request(Command.TREE_CONNECT, encodeTreeConnect(`\\\\${this.ip}\\${share}`), {session})
    if (msg.header.status !== Status.SUCCESS) return {status: msg.header.status, treeId: 0, response: null}
    return {status: msg.header.status, treeId: msg.header.treeId ?? 0, response: parsed(parseTreeConnectResponse(msg.raw))}
  }

  async treeDisconnect(session: SmbSession, treeId: number): Promise<void> {
    await this.request(Command.TREE_DISCONNECT, encodeTreeDisconnect(), {session, treeId})
  }

  /** Open the share root (read-only, FILE_OPEN) and ask for its maximal access. */
  async openRootDirectory(session: SmbSession, treeId: number) {
    const {msg} = await this.request(Command.CREATE, encodeCreate({name: '', kind: 'directory', queryMaximalAccess: true}), {session, treeId})
    if (msg.header.status !== Status.SUCCESS) return {status: msg.header.status, response: null}
    return {status: msg.header.status, response: parsed(parseCreateResponse(msg.raw))}
  }

  async closeFile(session: SmbSession, treeId: number, fileId: Buffer): Promise<void> {
    await this.request(Command.CLOSE, encodeClose(fileId), {session, treeId})
  }

  /** List up to `max` names of an open directory (FileNamesInformation, "." and ".." left out). */
  async listDirectory(session: SmbSession, treeId: number, fileId: Buffer, max: number): Promise<{status: number; names: string[]; truncated: boolean}> {
    const names: string[] = []
    let truncated = false
    const outputLength = Math.min(65536, this.negotiated?.maxTransactSize ?? 65536)
    for (let round = 0; round < 16; round++) {
      const {msg} = await this.request(Command.QUERY_DIRECTORY, encodeQueryDirectory(fileId, round === 0, outputLength), {session, treeId})
      if (msg.header.status === Status.NO_MORE_FILES) return {status: Status.SUCCESS, names, truncated}
      if (msg.header.status !== Status.SUCCESS) return {status: msg.header.status, names, truncated}
      const page = parsed(parseQueryDirectoryResponse(msg.raw, max + 2))
      for (const n of page.names) {
        if (n === '.' || n === '..') continue
        if (names.length < max) names.push(n)
        else truncated = true
      }
      if (page.truncated || names.length >= max) return {status: Status.SUCCESS, names, truncated: truncated || page.truncated}
      if (page.names.length === 0) return {status: Status.SUCCESS, names, truncated: false}
    }
    return {status: Status.SUCCESS, names, truncated: true}
  }

  /** NetShareEnumAll level 1 through \\PIPE\\srvsvc on IPC$ (already tree-connected). */
  async enumShares(session: SmbSession, treeId: number, maxShares: number): Promise<{status: string | null; result: ShareEnumResult | null; reason: string | null}> {
    const {msg} = await this.request(Command.CREATE, encodeCreate({name: 'srvsvc', kind: 'pipe'}), {session, treeId})
    if (msg.header.status !== Status.SUCCESS) return {status: statusName(msg.header.status), result: null, reason: `opening \\PIPE\\srvsvc: ${statusName(msg.header.status)}`}
    const pipe = parsed(parseCreateResponse(msg.raw))
    try {
      const bindAnswer = await this.transceive(session, treeId, pipe.fileId, bindPdu(1))
      const ack = parsed(parseBindAck(bindAnswer[0]!))
      if (!ack.accepted) return {status: null, result: null, reason: `srvsvc bind refused (result ${ack.result}, reason ${ack.reason})`}
      const pdus = await this.transceive(session, treeId, pipe.fileId, requestPdu(15, netShareEnumAllStub(`\\\\${this.ip}`), 2))
      const stub = parsed(responseStub(pdus, 2))
      if ('fault' in stub) return {status: null, result: null, reason: `NetShareEnumAll fault ${hex32(stub.fault)}`}
      const result = parsed(parseNetShareEnumAll(stub.stub, maxShares))
      if (result.werror !== null && result.werror !== 0) return {status: null, result, reason: `NetShareEnumAll returned WERROR ${hex32(result.werror)}`}
      return {status: null, result, reason: null}
    } finally {
      if (!this.broken) await this.closeFile(session, treeId, pipe.fileId).catch(() => undefined)
    }
  }

  /** FSCTL_PIPE_TRANSCEIVE, then READs until the last fragment of the answer has arrived. */
  private async transceive(session: SmbSession, treeId: number, fileId: Buffer, pdu: Buffer): Promise<Pdu[]> {
    const maxOutput = this.options.pipeMaxOutput ?? Math.min(65536, this.negotiated?.maxTransactSize ?? 65536)
    const {msg} = await this.request(Command.IOCTL, encodePipeTransceive(fileId, pdu, maxOutput), {session, treeId})
    const st = msg.header.status
    if (st !== Status.SUCCESS && st !== Status.BUFFER_OVERFLOW) throw new SmbError('protocol', `pipe transceive: ${statusName(st)}`)
    let data = parsed(parseIoctlResponse(msg.raw)).output
    const pdus: Pdu[] = []
    let total = data.length
    for (let round = 0; round < 64; round++) {
      const split = parsed(parsePdus(data))
      pdus.push(...split.pdus)
      data = data.subarray(split.consumed)
      const last = pdus[pdus.length - 1]
      if (last && (isLastFragment(last) || last.ptype !== 2) && data.length === 0) return pdus
      const read = await this.request(Command.READ, encodeRead(fileId, maxOutput), {session, treeId})
      const rs = read.msg.header.status
      if (rs !== Status.SUCCESS && rs !== Status.BUFFER_OVERFLOW) throw new SmbError('protocol', `pipe read: ${statusName(rs)}`)
      const more = parsed(parseReadResponse(read.msg.raw)).data
      if (!more.length) throw new SmbError('protocol', 'pipe read returned no data')
      total += more.length
      if (total > 1024 * 1024) throw new SmbError('protocol', 'RPC answer larger than 1 MiB')
      data = Buffer.concat([data, more])
    }
    throw new SmbError('protocol', 'RPC answer in more than 64 pieces')
  }
}

export function remaining(options: ClientOptions): number {
  const left = options.deadline - Date.now()
  if (left <= 0) throw new SmbError('deadline', 'the overall SMB deadline has passed')
  return Math.min(options.stepTimeoutMs, left)
}

function stepTimeout(options: ClientOptions): number {
  return remaining(options)
}

export {HEADER_SIZE}
