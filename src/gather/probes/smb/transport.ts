import {Socket} from 'node:net'
import type {ScanScope} from '../../../scope/scope-guard.js'
import {FrameDecoder, MAX_MESSAGE_BYTES, frame} from './netbios.js'
import {MAX_SESSION_RESPONSE, parseSessionResponse, sessionRequest} from './nbss.js'
import {ConnectError, guardedConnect as connectInScope} from '../../net/guarded-connect.js'
import {type Connector, MessageQueue, type SocketLike} from '../../net/message-queue.js'

/** Why an exchange with the server ended without an answer. */
export type SmbFailureKind = 'refused' | 'unreachable' | 'timeout' | 'deadline' | 'closed' | 'protocol' | 'nbss-refused' | 'signature' | 'error'

export class SmbError extends Error {
  override name = 'SmbError'

  constructor(
    readonly kind: SmbFailureKind,
    message: string,
  ) {
    super(message)
  }
}

/** TCP worked, but the NetBIOS session over it did not (refused, unanswered, or a bad answer). */
export class NetbiosSessionError extends SmbError {
  override name = 'NetbiosSessionError'
}

export type {Connector, SocketLike} from '../../net/message-queue.js'

export function scopedConnector(scope: ScanScope): Connector {
  return (ip, port, timeoutMs) => guardedConnect(scope, ip, port, timeoutMs)
}

/** A debug hook that sees every SMB message sent and received (without the 4-byte framing). */
export type MessageHook = (direction: 'out' | 'in', message: Buffer) => void

/** The project's guarded connect (src/gather/net/guarded-connect.ts), failing with an SmbError. */
export async function guardedConnect(scope: ScanScope, ip: string, port: number, timeoutMs: number): Promise<Socket> {
  try {
    return await connectInScope(scope, ip, port, timeoutMs)
  } catch (error) {
    if (error instanceof ConnectError) throw new SmbError(error.kind, error.message)
    throw error
  }
}

/**
 * One TCP connection carrying framed SMB messages. `next()` waits for the next complete
 * message, at most `timeoutMs`; a close, a framing error or a timeout ends the transport.
 */
export class Transport {
  private readonly frames: MessageQueue<SmbError>
  private decoder: FrameDecoder
  /** While a NetBIOS SESSION REQUEST waits for its answer: the bytes received so far. */
  private handshake: {received: Buffer; resolve: (leftover: Buffer) => void; reject: (e: SmbError) => void; timer: NodeJS.Timeout} | null = null

  constructor(
    private readonly socket: SocketLike,
    private readonly hook?: MessageHook,
    maxBytes = MAX_MESSAGE_BYTES,
  ) {
    this.decoder = new FrameDecoder(maxBytes)
    this.frames = new MessageQueue<SmbError>(() => socket.destroy())
    socket.on('data', (data: Buffer) => {
      if (this.handshake) return this.onHandshakeData(data)
      this.receive(data)
    })
    socket.on('error', (err: NodeJS.ErrnoException) => this.fail(new SmbError('closed', `connection error: ${err.code ?? err.message}`)))
    socket.on('close', () => this.fail(new SmbError('closed', 'the server closed the connection')))
    socket.on('end', () => this.fail(new SmbError('closed', 'the server closed the connection')))
  }

  private receive(data: Buffer): void {
    const result = this.decoder.push(data)
    if (!result.ok) return this.fail(new SmbError('protocol', result.error))
    for (const f of result.value) this.hook?.('in', f)
    // The waiting request gets its frame first: a failure with frames queued would leave it waiting.
    this.frames.push(...result.value)
    if (this.frames.queued > 64) return this.fail(new SmbError('protocol', 'the server sent more than 64 unsolicited messages'))
  }

  /**
   * SMB over TCP 139: send a NetBIOS SESSION REQUEST for `calledName` and wait for the answer
   * (RFC 1002 4.3.2), at most `timeoutMs`. A NEGATIVE answer fails with kind 'nbss-refused' (the
   * caller may try another name on a new connection); a RETARGET is never followed.
   */
  netbiosSession(calledName: string, timeoutMs: number): Promise<void> {
    if (this.frames.failed) return Promise.reject(this.frames.failed)
    if (this.handshake || this.frames.busy) return Promise.reject(new SmbError('error', 'session request while busy'))
    const request = sessionRequest(calledName)
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.handshake = null
        const e = new SmbError('timeout', `no answer to the NetBIOS session request within ${timeoutMs} ms`)
        this.fail(e)
        reject(e)
      }, Math.max(1, timeoutMs))
      this.handshake = {received: Buffer.alloc(0), resolve, reject, timer}
      this.socket.write(request)
    }).then((leftover) => {
      if (leftover.length) this.receive(leftover)
    })
  }

  private onHandshakeData(data: Buffer): void {
    const h = this.handshake!
    h.received = Buffer.concat([h.received, data])
    const parsed = parseSessionResponse(h.received.subarray(0, MAX_SESSION_RESPONSE))
    if (parsed.ok && parsed.value === null) {
      if (h.received.length < MAX_SESSION_RESPONSE) return
    }
    this.handshake = null
    clearTimeout(h.timer)
    let error: SmbError
    if (!parsed.ok) error = new SmbError('protocol', parsed.error)
    else if (!parsed.value) error = new SmbError('protocol', 'NetBIOS session response: incomplete')
    else if (parsed.value.response.outcome === 'positive') return h.resolve(h.received.subarray(parsed.value.consumed))
    else if (parsed.value.response.outcome === 'negative') error = new SmbError('nbss-refused', `NetBIOS session refused: ${parsed.value.response.reason}`)
    else error = new SmbError('protocol', parsed.value.response.reason)
    this.fail(error)
    h.reject(error)
  }

  get broken(): SmbError | null {
    return this.frames.failed
  }

  send(message: Buffer): void {
    if (this.frames.failed) throw this.frames.failed
    this.hook?.('out', message)
    this.socket.write(frame(message))
  }

  next(timeoutMs: number): Promise<Buffer> {
    if (this.frames.busy) return Promise.reject(new SmbError('error', 'concurrent receive'))
    return this.frames.next(timeoutMs, () => {
      const partial = this.decoder.partial
      return new SmbError('timeout', partial ? `response truncated: ${partial.received} of ${partial.needed} bytes received, no more within ${timeoutMs} ms` : `no answer within ${timeoutMs} ms`)
    })
  }

  private fail(error: SmbError): void {
    this.frames.fail(error)
    if (this.handshake) {
      const h = this.handshake
      this.handshake = null
      clearTimeout(h.timer)
      h.reject(this.frames.failed!)
    }
  }

  close(): void {
    this.fail(new SmbError('closed', 'closed by homeaudit'))
  }
}

export interface OpenTransportOptions {
  /** The time left for the next step (step timeout bounded by the deadline); throws past the deadline. */
  remaining: () => number
  onMessage?: MessageHook
  maxBytes?: number
  /**
   * SMB over NetBIOS (TCP 139): the called names to try, each on a new connection, until one
   * gets a positive session response. Omitted or empty: direct-hosted SMB (TCP 445).
   */
  calledNames?: readonly string[]
}

/** Connect and, for NetBIOS, establish the session; returns the transport and the called name that worked. */
export async function openTransport(connect: Connector, ip: string, port: number, options: OpenTransportOptions): Promise<{transport: Transport; calledName: string | null}> {
  const names = options.calledNames ?? []
  for (let i = 0; ; i++) {
    const socket = await connect(ip, port, options.remaining())
    const transport = new Transport(socket, options.onMessage, options.maxBytes)
    const name = names[i]
    if (name === undefined) return {transport, calledName: null}
    try {
      await transport.netbiosSession(name, options.remaining())
      return {transport, calledName: name}
    } catch (error) {
      transport.close()
      if (error instanceof SmbError && error.kind === 'nbss-refused' && i + 1 < names.length) continue
      if (error instanceof SmbError) throw new NetbiosSessionError(error.kind, `${error.message} (called name ${name})`)
      throw error
    }
  }
}
