import {Socket} from 'node:net'
import type {ScanScope} from '../../../scope/scope-guard.js'
import {FrameDecoder, MAX_MESSAGE_BYTES, frame} from './netbios.js'
import {ConnectError, guardedConnect as connectInScope} from '../../net/guarded-connect.js'

/** Why an exchange with the server ended without an answer. */
export type SmbFailureKind = 'refused' | 'unreachable' | 'timeout' | 'deadline' | 'closed' | 'protocol' | 'error'

export class SmbError extends Error {
  override name = 'SmbError'

  constructor(
    readonly kind: SmbFailureKind,
    message: string,
  ) {
    super(message)
  }
}

/** What the transport needs of a socket (a net.Socket; an in-memory fake in the tests). */
export interface SocketLike {
  on(event: 'data', listener: (data: Buffer) => void): unknown
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown
  on(event: 'close' | 'end', listener: () => void): unknown
  write(data: Buffer): unknown
  destroy(): unknown
}

/** Opens a connection. The real one is `scopedConnector(scope)`; tests substitute a fake server. */
export type Connector = (ip: string, port: number, timeoutMs: number) => Promise<SocketLike>

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
  private frames: Buffer[] = []
  private waiter: {resolve: (b: Buffer) => void; reject: (e: SmbError) => void; timer: NodeJS.Timeout} | null = null
  private decoder: FrameDecoder
  private failure: SmbError | null = null

  constructor(
    private readonly socket: SocketLike,
    private readonly hook?: MessageHook,
    maxBytes = MAX_MESSAGE_BYTES,
  ) {
    this.decoder = new FrameDecoder(maxBytes)
    socket.on('data', (data: Buffer) => {
      const result = this.decoder.push(data)
      if (!result.ok) return this.fail(new SmbError('protocol', result.error))
      for (const f of result.value) {
        this.hook?.('in', f)
        this.frames.push(f)
      }
      if (this.frames.length > 64) return this.fail(new SmbError('protocol', 'the server sent more than 64 unsolicited messages'))
      this.deliver()
    })
    socket.on('error', (err: NodeJS.ErrnoException) => this.fail(new SmbError('closed', `connection error: ${err.code ?? err.message}`)))
    socket.on('close', () => this.fail(new SmbError('closed', 'the server closed the connection')))
    socket.on('end', () => this.fail(new SmbError('closed', 'the server closed the connection')))
  }

  get broken(): SmbError | null {
    return this.failure
  }

  send(message: Buffer): void {
    if (this.failure) throw this.failure
    this.hook?.('out', message)
    this.socket.write(frame(message))
  }

  next(timeoutMs: number): Promise<Buffer> {
    if (this.waiter) return Promise.reject(new SmbError('error', 'concurrent receive'))
    const ready = this.frames.shift()
    if (ready) return Promise.resolve(ready)
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null
        this.fail(new SmbError('timeout', `no answer within ${timeoutMs} ms`))
        reject(new SmbError('timeout', `no answer within ${timeoutMs} ms`))
      }, Math.max(1, timeoutMs))
      this.waiter = {resolve, reject, timer}
    })
  }

  private deliver(): void {
    if (!this.waiter || !this.frames.length) return
    const w = this.waiter
    this.waiter = null
    clearTimeout(w.timer)
    w.resolve(this.frames.shift()!)
  }

  private fail(error: SmbError): void {
    if (!this.failure) this.failure = error
    this.socket.destroy()
    if (this.waiter && !this.frames.length) {
      const w = this.waiter
      this.waiter = null
      clearTimeout(w.timer)
      w.reject(this.failure)
    }
  }

  close(): void {
    this.fail(new SmbError('closed', 'closed by homeaudit'))
  }
}
