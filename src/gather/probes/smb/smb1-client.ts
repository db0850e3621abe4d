import {randomBytes} from 'node:crypto'
import type {Parsed} from './bytes.js'
import type {ClientOptions, SessionAttempt, SessionKind, SmbSession} from './client.js'
import {remaining} from './client.js'
import type {Pdu, ShareEnumResult} from './dcerpc.js'
import {type Credentials, anonymousAuthenticate, negotiateMessage, ntlmv2Authenticate, parseChallengeMessage} from './ntlm.js'
import {collectPdus, netShareEnumAll} from './share-enum.js'
import {FLAGS2_UNICODE, type Smb1Message, type Smb1NegotiateDetails, parseSmb1NegotiateDetails, smb1NegotiateRequest} from './smb1.js'
import {
  SMB1_MAX_BUFFER,
  type FindFirstAnswer,
  type Smb1TreeConnectAnswer,
  encodeClose,
  encodeFindFirstNames,
  encodeLogoffAndX,
  encodeOpenPipe,
  encodeReadAndX,
  encodeSessionSetupAndX,
  encodeTransactNmPipe,
  encodeTreeConnectAndX,
  encodeTreeDisconnect,
  parseFindFirstNames,
  parseOpenPipe,
  parseReadAndX,
  parseSessionSetupAndX,
  parseSmb1Message,
  parseTransactionResponse,
  parseTreeConnectAndX,
} from './smb1-commands.js'
import {Status, statusName} from './smb2.js'
import {negTokenInit, negTokenResp, parseSpnego} from './spnego.js'
import {type Connector, SmbError, Transport, openTransport} from './transport.js'

/**
 * A small, strict SMB1 (NT LM 0.12) client for a server that speaks nothing newer: NEGOTIATE
 * with extended security, NTLMSSP sessions (anonymous, guest, a user's NTLMv2) through
 * SESSION_SETUP_ANDX, TREE_CONNECT_ANDX, srvsvc NetShareEnumAll over TRANS_TRANSACT_NMPIPE, and a
 * names-only FIND_FIRST2 of a share root. One request at a time, each within the step timeout
 * and the deadline. SMB1 signing is not spoken: a user's session on a server that requires it
 * is not attempted (anonymous and guest sessions are never signed anyway).
 */

/** An SMB1 session: the UID stands in for the SMB2 session id. */
export type Smb1Session = SmbSession & {uid: number}

function parsed<T>(p: Parsed<T>): T {
  if (!p.ok) throw new SmbError('protocol', p.error)
  return p.value
}

const MAX_TRANSACTION_PARTS = 32
const MAX_TRANSACTION_BYTES = 1024 * 1024
/** The largest pipe answer asked for at once: one DCE/RPC fragment (dcerpc.ts MAX_FRAG). */
const PIPE_MAX_DATA = 4280

export class Smb1Client {
  private mid = 1
  private ignored = 0
  negotiated: Smb1NegotiateDetails | null = null
  private readonly random: (n: number) => Buffer

  private constructor(
    private readonly transport: Transport,
    readonly ip: string,
    private readonly options: ClientOptions,
    readonly calledName: string | null,
  ) {
    this.random = options.random ?? randomBytes
  }

  static async openWith(connect: Connector, ip: string, port: number, options: ClientOptions): Promise<Smb1Client> {
    const {transport, calledName} = await openTransport(connect, ip, port, {
      remaining: () => remaining(options),
      onMessage: options.onMessage,
      maxBytes: 64 * 1024,
      calledNames: options.calledNames,
    })
    return new Smb1Client(transport, ip, options, calledName)
  }

  get broken(): SmbError | null {
    return this.transport.broken
  }

  close(): void {
    this.transport.close()
  }

  private nextMid(): number {
    const mid = this.mid
    this.mid = this.mid >= 0xfffe ? 1 : this.mid + 1
    return mid
  }

  /** Send one request (built for `mid`) and wait for the answer with the same MID and command. */
  private async request(command: number, build: (mid: number) => Buffer): Promise<Smb1Message> {
    const mid = this.nextMid()
    this.transport.send(build(mid))
    return this.receive(command, mid)
  }

  private async receive(command: number, mid: number): Promise<Smb1Message> {
    for (;;) {
      const frame = await this.transport.next(remaining(this.options))
      const m = parseSmb1Message(frame)
      if (!m.ok) {
        this.transport.close()
        throw new SmbError('protocol', m.error)
      }
      if (m.value.header.mid !== mid) {
        if (++this.ignored > 32) {
          this.transport.close()
          throw new SmbError('protocol', 'too many unexpected messages')
        }
        continue
      }
      if (m.value.header.command !== command) {
        this.transport.close()
        throw new SmbError('protocol', `answer for SMB1 command 0x${m.value.header.command.toString(16)}, expected 0x${command.toString(16)}`)
      }
      return m.value
    }
  }

  async negotiate(): Promise<Smb1NegotiateDetails> {
    const mid = this.nextMid()
    const request = smb1NegotiateRequest()
    request.writeUInt16LE(mid, 30)
    this.transport.send(request)
    const answer = await this.receive(0x72, mid)
    const details = parsed(parseSmb1NegotiateDetails(answer.raw))
    if (!details.extendedSecurity) throw new SmbError('protocol', 'the SMB1 server does not offer extended security (NTLMSSP); homeaudit does not speak the older logons')
    this.negotiated = details
    return details
  }

  /** One NTLMSSP session over SESSION_SETUP_ANDX (MS-SMB 3.2.4.2.4): NEGOTIATE, CHALLENGE, AUTHENTICATE. */
  async sessionSetup(kind: SessionKind, creds?: Credentials): Promise<SessionAttempt & {session: Smb1Session | null}> {
    const attempt: SessionAttempt & {session: Smb1Session | null} = {kind, outcome: 'error', status: null, isGuest: false, isNull: false, reason: null, session: null, challenge: null}
    const n = this.negotiated!
    if (kind === 'user' && n.signingRequired) {
      attempt.reason = 'the server requires SMB1 signing, which homeaudit does not speak: the login was not attempted'
      return attempt
    }
    const first = await this.request(0x73, (mid) => encodeSessionSetupAndX(negTokenInit(negotiateMessage()), n.sessionKey, mid))
    if (first.header.status !== Status.MORE_PROCESSING_REQUIRED) {
      attempt.outcome = 'refused'
      attempt.status = statusName(first.header.status)
      attempt.reason = `NTLMSSP NEGOTIATE answered ${attempt.status}`
      return attempt
    }
    const uid = first.header.uid
    const spnego = parsed(parseSpnego(parsed(parseSessionSetupAndX(first)).securityBlob))
    if (!spnego.mechToken) throw new SmbError('protocol', 'SPNEGO answer without an NTLMSSP token')
    const challenge = parsed(parseChallengeMessage(spnego.mechToken))
    attempt.challenge = challenge
    const auth = kind === 'anonymous' ? anonymousAuthenticate(challenge) : ntlmv2Authenticate(challenge, creds ?? {user: '', password: ''}, this.random(8))
    const token = spnego.kind === 'raw-ntlmssp' ? auth.message : negTokenResp(auth.message)
    const second = await this.request(0x73, (mid) => encodeSessionSetupAndX(token, n.sessionKey, mid, uid))
    attempt.status = statusName(second.header.status)
    if (second.header.status !== Status.SUCCESS) {
      attempt.outcome = 'refused'
      attempt.reason = `NTLMSSP AUTHENTICATE answered ${attempt.status}`
      return attempt
    }
    const answer = parsed(parseSessionSetupAndX(second))
    const session: Smb1Session = {id: BigInt(uid), uid, kind, flags: answer.guest ? 1 : 0, isGuest: answer.guest, isNull: false, signingKey: null, cipherKeys: null, encryptData: false}
    attempt.outcome = 'established'
    attempt.isGuest = answer.guest
    attempt.session = session
    return attempt
  }

  async logoff(session: Smb1Session): Promise<void> {
    await this.request(0x74, (mid) => encodeLogoffAndX(mid, session.uid))
  }

  async treeConnect(session: Smb1Session, share: string): Promise<{status: number; answer: Smb1TreeConnectAnswer | null}> {
    const m = await this.request(0x75, (mid) => encodeTreeConnectAndX(`\\\\${this.ip}\\${share}`, mid, session.uid))
    if (m.header.status !== Status.SUCCESS) return {status: m.header.status, answer: null}
    return {status: m.header.status, answer: parsed(parseTreeConnectAndX(m))}
  }

  async treeDisconnect(session: Smb1Session, tid: number): Promise<void> {
    await this.request(0x71, (mid) => encodeTreeDisconnect(mid, session.uid, tid))
  }

  /** Names in the share root (TRANS2_FIND_FIRST2, SMB_FIND_FILE_NAMES_INFO), "." and ".." left out, at most `max`. */
  async listRoot(session: Smb1Session, tid: number, max: number): Promise<{status: number; names: string[]; truncated: boolean}> {
    const {status, parameters, data, unicode} = await this.transaction(0x32, (mid) => encodeFindFirstNames(max + 2, SMB1_MAX_BUFFER - 512, mid, session.uid, tid))
    if (status === Status.NO_MORE_FILES || status === 0xc000000f /* STATUS_NO_SUCH_FILE: an empty root */) return {status: Status.SUCCESS, names: [], truncated: false}
    if (status !== Status.SUCCESS) return {status, names: [], truncated: false}
    const page: FindFirstAnswer = parsed(parseFindFirstNames(parameters, data, max + 2, unicode))
    const names = page.names.filter((n) => n !== '.' && n !== '..')
    return {status, names: names.slice(0, max), truncated: names.length > max || page.truncated || !page.endOfSearch}
  }

  /** NetShareEnumAll level 1 through \PIPE\srvsvc on IPC$ (already tree-connected). */
  async enumShares(session: Smb1Session, tid: number, maxShares: number): Promise<{status: string | null; result: ShareEnumResult | null; reason: string | null}> {
    const open = await this.request(0xa2, (mid) => encodeOpenPipe('\\srvsvc', mid, session.uid, tid))
    if (open.header.status !== Status.SUCCESS) return {status: statusName(open.header.status), result: null, reason: `opening \\PIPE\\srvsvc: ${statusName(open.header.status)}`}
    const {fid} = parsed(parseOpenPipe(open))
    try {
      return {status: null, ...(await netShareEnumAll((pdu) => this.transceive(session, tid, fid, pdu), this.ip, maxShares))}
    } finally {
      if (!this.broken) await this.request(0x04, (mid) => encodeClose(fid, mid, session.uid, tid)).catch(() => undefined)
    }
  }

  /** TRANS_TRANSACT_NMPIPE, then READ_ANDX while the server says STATUS_BUFFER_OVERFLOW, until the last fragment. */
  private async transceive(session: Smb1Session, tid: number, fid: number, pdu: Buffer): Promise<Pdu[]> {
    const maxData = Math.min(this.options.pipeMaxOutput ?? PIPE_MAX_DATA, PIPE_MAX_DATA)
    const t = await this.transaction(0x25, (mid) => encodeTransactNmPipe(fid, pdu, maxData, mid, session.uid, tid))
    if (t.status !== Status.SUCCESS && t.status !== Status.BUFFER_OVERFLOW) throw new SmbError('protocol', `pipe transact: ${statusName(t.status)}`)
    return collectPdus(t.data, async () => {
      const m = await this.request(0x2e, (mid) => encodeReadAndX(fid, maxData, mid, session.uid, tid))
      if (m.header.status !== Status.SUCCESS && m.header.status !== Status.BUFFER_OVERFLOW) throw new SmbError('protocol', `pipe read: ${statusName(m.header.status)}`)
      return parsed(parseReadAndX(m)).data
    })
  }

  /**
   * One TRANSACTION or TRANSACTION2 request and its answer, which may come in several responses
   * with the same MID (MS-CIFS 3.2.5.1): each piece must land right after the previous one, the
   * totals must not grow, at most 32 pieces and 1 MiB.
   */
  private async transaction(command: 0x25 | 0x32, build: (mid: number) => Buffer): Promise<{status: number; parameters: Buffer; data: Buffer; unicode: boolean}> {
    const mid = this.nextMid()
    this.transport.send(build(mid))
    const parameters: Buffer[] = []
    const data: Buffer[] = []
    let gotParameters = 0
    let gotData = 0
    let totals: {p: number; d: number} | null = null
    for (let part = 0; part < MAX_TRANSACTION_PARTS; part++) {
      const m = await this.receive(command, mid)
      const status = m.header.status
      const unicode = (m.header.flags2 & FLAGS2_UNICODE) !== 0
      if (status !== Status.SUCCESS && status !== Status.BUFFER_OVERFLOW) {
        if (m.words.length === 0) return {status, parameters: Buffer.alloc(0), data: Buffer.alloc(0), unicode}
      }
      const piece = parsed(parseTransactionResponse(m))
      if (!totals) totals = {p: piece.totalParameterCount, d: piece.totalDataCount}
      else if (piece.totalParameterCount > totals.p || piece.totalDataCount > totals.d) throw new SmbError('protocol', 'transaction totals grew between pieces')
      totals = {p: piece.totalParameterCount, d: piece.totalDataCount}
      if (totals.p + totals.d > MAX_TRANSACTION_BYTES) throw new SmbError('protocol', 'transaction answer larger than 1 MiB')
      if (piece.parameterDisplacement !== gotParameters || piece.dataDisplacement !== gotData) throw new SmbError('protocol', 'transaction pieces out of order')
      parameters.push(piece.parameters)
      data.push(piece.data)
      gotParameters += piece.parameters.length
      gotData += piece.data.length
      if (gotParameters >= totals.p && gotData >= totals.d) return {status, parameters: Buffer.concat(parameters), data: Buffer.concat(data), unicode}
      if (piece.parameters.length + piece.data.length === 0) throw new SmbError('protocol', 'an empty transaction piece')
    }
    throw new SmbError('protocol', `transaction answer in more than ${MAX_TRANSACTION_PARTS} pieces`)
  }
}
