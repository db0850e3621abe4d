import {randomBytes} from 'node:crypto'
import type {ScanScope} from '../../../scope/scope-guard.js'
import type {Parsed} from './bytes.js'
import {aesCmac, hmacSha256, nonceLength, sha512, smb3Kdf} from './crypto.js'
import type {Pdu, ShareEnumResult} from './dcerpc.js'
import {collectPdus, netShareEnumAll} from './share-enum.js'
import {type Credentials, type NtlmChallenge, anonymousAuthenticate, negotiateMessage, ntlmv2Authenticate, parseChallengeMessage} from './ntlm.js'
import {
  Command,
  Dialects,
  Flags,
  HEADER_SIZE,
  OFFERED_CIPHERS,
  SHAREFLAG_ENCRYPT_DATA,
  SecurityMode,
  SessionFlags,
  Status,
  type NegotiateOffer,
  type NegotiateResponse,
  type Smb2Message,
  type TreeConnectResponse,
  GLOBAL_CAP_ENCRYPTION,
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
  encodeValidateNegotiate,
  parseCreateResponse,
  parseIoctlResponse,
  parseNegotiateResponse,
  parseQueryDirectoryResponse,
  parseReadResponse,
  parseSessionSetupResponse,
  parseSmb2Messages,
  parseTreeConnectResponse,
  parseValidateNegotiateOutput,
  statusName,
} from './smb2.js'
import {parseSpnego, negTokenInit, negTokenResp} from './spnego.js'
import {type CipherKeys, decryptMessage, deriveCipherKeys, encryptMessage, isTransformMessage, parseTransformHeader} from './transform.js'
import {type Connector, type MessageHook, SmbError, Transport, openTransport, scopedConnector} from './transport.js'
import {VALIDATED_DIALECTS, negotiationMismatches} from './validate-negotiate.js'

/**
 * A small, strict SMB2/3 client for auditing: negotiate, NTLMSSP sessions (anonymous, guest,
 * or a user's NTLMv2), tree connect, open a directory or the srvsvc pipe with FILE_OPEN, list
 * a directory, NetShareEnumAll. Requests are sent one at a time; each waits at most the step
 * timeout, bounded by the overall deadline. It has no way to write, rename or delete a file.
 *
 * A user's session is signed, and every answer on it must carry a valid signature (MS-SMB2
 * 3.2.5.1.3); on 3.0 and 3.0.2 it is only used once the server has confirmed the negotiation
 * (validate-negotiate.ts); a session or share that requires encryption is spoken to through the SMB 3.x
 * transform header (transform.ts). Over TCP 139 the NetBIOS session comes first (nbss.ts).
 */

export interface ClientOptions {
  stepTimeoutMs: number
  /** Absolute time (Date.now() based) after which nothing more is sent. */
  deadline: number
  onMessage?: MessageHook
  maxMessageBytes?: number
  /** MaxOutputResponse of pipe transceives and READs (default 64 KiB); small values force READs. */
  pipeMaxOutput?: number
  /** SMB over NetBIOS (TCP 139): the called names to try (nbss.ts); omitted for TCP 445. */
  calledNames?: readonly string[]
  /** Ciphers to offer in a 3.1.1 NEGOTIATE (default AES-128-GCM, AES-128-CCM). */
  ciphers?: readonly number[]
  /**
   * Source of every random value the client sends (client GUID, preauth salt, NTLMv2 client
   * challenge, encryption nonces); node:crypto by default. Tests replaying a capture pass the
   * seeded generator the capture was made with, so that keys and signatures come out the same.
   */
  random?: (n: number) => Buffer
}

export type SessionKind = 'anonymous' | 'guest' | 'user'

export interface SmbSession {
  id: bigint
  kind: SessionKind
  flags: number
  isGuest: boolean
  isNull: boolean
  signingKey: Buffer | null
  /** The session's cipher keys (a user's session on 3.x when a cipher was negotiated). */
  cipherKeys: CipherKeys | null
  /** SMB2_SESSION_FLAG_ENCRYPT_DATA: every request of the session is encrypted. */
  encryptData: boolean
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
  /** A 3.0/3.0.2 user session whose negotiation the server confirmed (validate-negotiate.ts). */
  negotiateValidated?: boolean
}

export interface NegotiateInfo {
  dialect: number
  dialectName: string
  signingRequired: boolean
  signingEnabled: boolean
  maxTransactSize: number
  maxReadSize: number
  capabilities: number
  /** The cipher the server chose (0x0001 AES-128-CCM, 0x0002 AES-128-GCM), or null: no encryption. */
  cipher: number | null
  response: NegotiateResponse
}

/** A share whose tree connect said SMB2_SHAREFLAG_ENCRYPT_DATA. */
function treeKey(sessionId: bigint, treeId: number): string {
  return `${sessionId}:${treeId}`
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
  private offer: NegotiateOffer | null = null
  negotiated: NegotiateInfo | null = null
  /** Sessions with cipher keys, by id: the keys that decrypt a transform header naming them. */
  private readonly cipherSessions = new Map<bigint, CipherKeys>()
  private readonly encryptedTrees = new Set<string>()
  private readonly random: (n: number) => Buffer

  private constructor(
    private readonly transport: Transport,
    readonly ip: string,
    private readonly options: ClientOptions,
    /** The NetBIOS called name the server accepted (TCP 139), null for TCP 445. */
    readonly calledName: string | null,
  ) {
    this.random = options.random ?? randomBytes
  }

  /** Connect through the scope guard (an address outside the scope never gets a socket). */
  static open(scope: ScanScope, ip: string, port: number, options: ClientOptions): Promise<Smb2Client> {
    return Smb2Client.openWith(scopedConnector(scope), ip, port, options)
  }

  static async openWith(connect: Connector, ip: string, port: number, options: ClientOptions): Promise<Smb2Client> {
    const {transport, calledName} = await openTransport(connect, ip, port, {
      remaining: () => remaining(options),
      onMessage: options.onMessage,
      maxBytes: options.maxMessageBytes,
      calledNames: options.calledNames,
    })
    return new Smb2Client(transport, ip, options, calledName)
  }

  close(): void {
    this.transport.close()
  }

  get broken(): SmbError | null {
    return this.transport.broken
  }

  /**
   * Send one request and wait for its final answer (interim STATUS_PENDING answers are skipped).
   * On a session with cipher keys whose session or tree requires it, the request is encrypted
   * and the answer must come back encrypted (MS-SMB2 3.2.4.1.8, 3.2.5.1.1.1); otherwise a
   * session with a signing key signs the request, and the answer must be signed with a valid
   * signature (3.2.4.1.1, 3.2.5.1.3): a missing or bad signature fails the step (kind
   * 'signature'), whatever the answer says.
   */
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
    const session = ctx.session ?? null
    const keys = session?.cipherKeys ?? null
    const encrypt = keys !== null && (session!.encryptData || (ctx.treeId !== undefined && this.encryptedTrees.has(treeKey(session!.id, ctx.treeId))))
    if (encrypt) this.transport.send(encryptMessage(message, session!.id, keys, this.random(nonceLength(keys.cipher))))
    else {
      if (session?.signingKey) this.sign(message, session.signingKey)
      this.transport.send(message)
    }
    let interims = 0
    for (;;) {
      const frame = await this.transport.next(stepTimeout(this.options))
      const unwrapped = this.unwrap(frame)
      if (encrypt && !unwrapped.encrypted) {
        this.transport.close()
        throw new SmbError('protocol', `an unencrypted answer to an encrypted ${commandName(command)} request`)
      }
      const messages = parseSmb2Messages(unwrapped.plain)
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
        const interim = msg.header.status === Status.PENDING && (msg.header.flags & Flags.ASYNC_COMMAND) !== 0
        // An encrypted answer is authenticated by its tag: it carries no signature (3.2.5.1.3).
        if (!unwrapped.encrypted && !interim && session?.signingKey) this.verify(msg, session.signingKey, commandName(command))
        if (interim) {
          // A server sends one interim answer per request (MS-SMB2 3.3.4.2); an endless stream is hostile.
          if (++interims > MAX_INTERIM_RESPONSES) {
            this.transport.close()
            throw new SmbError('protocol', `more than ${MAX_INTERIM_RESPONSES} STATUS_PENDING interim answers to one ${commandName(command)}`)
          }
          continue
        }
        return {msg, sent: message}
      }
    }
  }

  /** A received frame as SMB2 bytes: decrypted when it is a transform message of one of our sessions. */
  private unwrap(frame: Buffer): {plain: Buffer; encrypted: boolean} {
    if (!isTransformMessage(frame)) return {plain: frame, encrypted: false}
    const t = parseTransformHeader(frame)
    const fail = (message: string): never => {
      this.transport.close()
      throw new SmbError('protocol', message)
    }
    if (!t.ok) return fail(t.error)
    const keys = this.cipherSessions.get(t.value.sessionId)
    if (!keys) return fail(`an encrypted message for session 0x${t.value.sessionId.toString(16)}, which has no keys`)
    const plain = decryptMessage(t.value, keys)
    if (!plain.ok) return fail(plain.error)
    // MS-SMB2 3.2.5.1.1.1: the decrypted message must belong to the session the header names.
    if (plain.value.length >= 48 && plain.value.readBigUInt64LE(40) !== t.value.sessionId) return fail('the decrypted message names another session')
    return {plain: plain.value, encrypted: true}
  }

  private mac(message: Buffer, key: Buffer): Buffer {
    const dialect = this.negotiated?.dialect ?? 0
    return (dialect >= 0x0300 ? aesCmac(key, message) : hmacSha256(key, message)).subarray(0, 16)
  }

  private sign(message: Buffer, key: Buffer): void {
    message.writeUInt32LE(message.readUInt32LE(16) | Flags.SIGNED, 16)
    message.fill(0, 48, 64)
    this.mac(message, key).copy(message, 48)
  }

  /**
   * MS-SMB2 3.2.5.1.3: HMAC-SHA256 (2.0.2, 2.1) or AES-CMAC (3.x) of the message with its
   * signature field zeroed must equal the signature; an unsigned answer on a signed session is
   * refused too (a relay could strip the signature).
   */
  private verify(msg: Smb2Message, key: Buffer, what: string): void {
    if (!(msg.header.flags & Flags.SIGNED)) throw new SmbError('signature', `the ${what} answer is not signed, on a signed session`)
    const copy = Buffer.from(msg.raw)
    copy.fill(0, 48, 64)
    if (!this.mac(copy, key).equals(msg.header.signature)) throw new SmbError('signature', `the ${what} answer has a bad signature`)
  }

  async negotiate(dialects: readonly number[] = Dialects): Promise<NegotiateInfo> {
    const offered = this.options.ciphers ?? OFFERED_CIPHERS
    const req = encodeNegotiate(dialects, {ciphers: offered, random: this.random})
    this.offer = req.offer
    const {msg, sent} = await this.request(Command.NEGOTIATE, req.body)
    if (msg.header.status !== Status.SUCCESS) throw new SmbError('protocol', `NEGOTIATE failed: ${statusName(msg.header.status)}`)
    const response = parsed(parseNegotiateResponse(msg.raw))
    if (!dialects.includes(response.dialect)) throw new SmbError('protocol', `server chose dialect ${dialectName(response.dialect)}, which was not offered`)
    if (response.dialect === 0x0311) this.preauth = sha512(sha512(Buffer.alloc(64), sent), msg.raw)
    // MS-SMB2 3.2.5.2: 3.0 and 3.0.2 encrypt with AES-128-CCM when the server sets
    // SMB2_GLOBAL_CAP_ENCRYPTION; 3.1.1 names one cipher (or 0: none) in its encryption context.
    let cipher: number | null = null
    if (response.dialect === 0x0311) {
      const ctx = response.contexts.some((c) => c.type === 0x0002)
      if (ctx && response.ciphers.length !== 1) throw new SmbError('protocol', `the encryption context names ${response.ciphers.length} ciphers, not one`)
      const chosen = response.ciphers[0] ?? 0
      if (chosen !== 0 && !offered.includes(chosen)) throw new SmbError('protocol', `the server chose cipher ${chosen}, which was not offered`)
      cipher = chosen || null
    } else if (response.dialect >= 0x0300 && response.capabilities & GLOBAL_CAP_ENCRYPTION && offered.length) cipher = 0x0001
    this.negotiated = {
      dialect: response.dialect,
      dialectName: dialectName(response.dialect),
      signingRequired: (response.securityMode & SecurityMode.SIGNING_REQUIRED) !== 0,
      signingEnabled: (response.securityMode & SecurityMode.SIGNING_ENABLED) !== 0,
      maxTransactSize: response.maxTransactSize,
      maxReadSize: response.maxReadSize,
      capabilities: response.capabilities,
      cipher,
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
    const auth = kind === 'anonymous' ? anonymousAuthenticate(challenge) : ntlmv2Authenticate(challenge, creds ?? {user: '', password: ''}, this.random(8))
    const pending: SmbSession = {id: sessionId, kind, flags: 0, isGuest: false, isNull: false, signingKey: null, cipherKeys: null, encryptData: false}
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
    // Anonymous and guest sessions have no key and are never signed; a user's session is.
    if (kind === 'user' && !pending.isGuest && !pending.isNull && auth.sessionKey.length === 16) {
      const signingKey = this.signingKey(auth.sessionKey, preauth)
      // MS-SMB2 3.2.5.3.1: with 3.1.1 the final answer must be signed; with earlier dialects a
      // signed one is checked too. A failure here means no session.
      const dialect = this.negotiated!.dialect
      if (dialect === 0x0311 || second.msg.header.flags & Flags.SIGNED) {
        try {
          this.verify(second.msg, signingKey, 'final SESSION_SETUP')
        } catch (error) {
          attempt.outcome = 'error'
          attempt.reason = error instanceof Error ? error.message : String(error)
          return attempt
        }
      }
      pending.signingKey = signingKey
      const cipher = this.negotiated!.cipher
      if (cipher !== null && dialect >= 0x0300) {
        pending.cipherKeys = deriveCipherKeys(dialect, cipher, auth.sessionKey, preauth)
        this.cipherSessions.set(pending.id, pending.cipherKeys)
      }
    }
    if (resp.sessionFlags & SessionFlags.ENCRYPT_DATA) {
      if (!pending.cipherKeys) {
        attempt.outcome = 'error'
        attempt.reason = 'the server requires SMB3 encryption for this session, which a session without keys (null or guest) cannot provide'
        return attempt
      }
      pending.encryptData = true
    }
    if (pending.signingKey && VALIDATED_DIALECTS.includes(this.negotiated!.dialect)) {
      try {
        await this.validateNegotiate(pending)
        attempt.negotiateValidated = true
      } catch (error) {
        if (this.broken) throw error
        attempt.outcome = 'error'
        attempt.reason = error instanceof Error ? error.message : String(error)
        return attempt
      }
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

  /**
   * FSCTL_VALIDATE_NEGOTIATE_INFO on IPC$, signed (validate-negotiate.ts). Throws when the server
   * refuses it or its account of the negotiation differs from what this client received.
   */
  private async validateNegotiate(session: SmbSession): Promise<void> {
    const tree = await this.treeConnect(session, 'IPC$')
    if (tree.status !== Status.SUCCESS) throw new SmbError('protocol', `negotiation not confirmed: IPC$ refused (${statusName(tree.status)})`)
    try {
      const {msg} = await this.request(Command.IOCTL, encodeValidateNegotiate(this.offer!), {session, treeId: tree.treeId})
      if (msg.header.status !== Status.SUCCESS) throw new SmbError('protocol', `negotiation not confirmed: VALIDATE_NEGOTIATE_INFO answered ${statusName(msg.header.status)}`)
      const answer = parsed(parseValidateNegotiateOutput(parsed(parseIoctlResponse(msg.raw)).output))
      const mismatches = negotiationMismatches(this.negotiated!.response, answer)
      if (mismatches.length > 0) throw new SmbError('protocol', `the negotiation was altered in transit: ${mismatches.join('; ')} (VALIDATE_NEGOTIATE_INFO)`)
    } finally {
      await this.treeDisconnect(session, tree.treeId).catch(() => undefined)
    }
  }

  async logoff(session: SmbSession): Promise<void> {
    await this.request(Command.LOGOFF, encodeLogoff(), {session})
  }

  /**
   * TREE_CONNECT. When the share says SMB2_SHAREFLAG_ENCRYPT_DATA, every later request on the
   * tree is encrypted if the session has keys (MS-SMB2 3.2.5.5); `encryptionRequired` tells the
   * caller, and `canEncrypt` whether this session can do it.
   */
  async treeConnect(session: SmbSession, share: string): Promise<{status: number; treeId: number; response: TreeConnectResponse | null; encryptionRequired: boolean; canEncrypt: boolean}> {
    const {msg} = await this.request(Command.TREE_CONNECT, encodeTreeConnect(`\\\\${this.ip}\\${share}`), {session})
    const canEncrypt = session.cipherKeys !== null
    if (msg.header.status !== Status.SUCCESS) return {status: msg.header.status, treeId: 0, response: null, encryptionRequired: false, canEncrypt}
    const response = parsed(parseTreeConnectResponse(msg.raw))
    const treeId = msg.header.treeId ?? 0
    const encryptionRequired = (response.shareFlags & SHAREFLAG_ENCRYPT_DATA) !== 0
    if (encryptionRequired && canEncrypt) this.encryptedTrees.add(treeKey(session.id, treeId))
    return {status: msg.header.status, treeId, response, encryptionRequired, canEncrypt}
  }

  async treeDisconnect(session: SmbSession, treeId: number): Promise<void> {
    try {
      await this.request(Command.TREE_DISCONNECT, encodeTreeDisconnect(), {session, treeId})
    } finally {
      this.encryptedTrees.delete(treeKey(session.id, treeId))
    }
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
      return {status: null, ...(await netShareEnumAll((pdu) => this.transceive(session, treeId, pipe.fileId, pdu), this.ip, maxShares))}
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
    return collectPdus(parsed(parseIoctlResponse(msg.raw)).output, async () => {
      const read = await this.request(Command.READ, encodeRead(fileId, maxOutput), {session, treeId})
      const rs = read.msg.header.status
      if (rs !== Status.SUCCESS && rs !== Status.BUFFER_OVERFLOW) throw new SmbError('protocol', `pipe read: ${statusName(rs)}`)
      return parsed(parseReadResponse(read.msg.raw)).data
    })
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

/** Interim (STATUS_PENDING) answers accepted for one request before the server is given up. */
export const MAX_INTERIM_RESPONSES = 8

const COMMAND_NAMES = new Map<number, string>(Object.entries(Command).map(([k, v]) => [v, k]))

function commandName(command: number): string {
  return COMMAND_NAMES.get(command) ?? `command 0x${command.toString(16)}`
}

export {HEADER_SIZE}
