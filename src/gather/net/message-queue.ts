/** What a stream protocol client needs of a socket (a net.Socket; an in-memory fake in the tests). */
export interface SocketLike {
  on(event: 'data', listener: (data: Buffer) => void): unknown
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown
  on(event: 'close' | 'end', listener: () => void): unknown
  write(data: Buffer): unknown
  destroy(): unknown
}

/** Opens a connection: the scope-guarded connect in a scan, a fake server in the tests. */
export type Connector = (ip: string, port: number, timeoutMs: number) => Promise<SocketLike>

interface Waiter<E> {
  resolve: (message: Buffer) => void
  reject: (error: E) => void
  timer: NodeJS.Timeout
}

/**
 * The messages framed off one connection (SMB, ONC RPC), handed to one reader at a time.
 * `next()` gives the next message, or rejects with the connection's first failure, or fails
 * the connection when nothing arrives within its timeout. `fail()` keeps the first failure and
 * calls `onFailure` (which closes the socket) every time.
 */
export class MessageQueue<E extends Error> {
  private readonly messages: Buffer[] = []
  private waiter: Waiter<E> | null = null
  private failure: E | null = null

  constructor(private readonly onFailure: () => void) {}

  get failed(): E | null {
    return this.failure
  }

  get queued(): number {
    return this.messages.length
  }

  get busy(): boolean {
    return this.waiter !== null
  }

  /** Queue messages and hand the waiting reader the oldest one. */
  push(...messages: Buffer[]): void {
    this.messages.push(...messages)
    if (!this.waiter || !this.messages.length) return
    const w = this.waiter
    this.waiter = null
    clearTimeout(w.timer)
    w.resolve(this.messages.shift()!)
  }

  next(timeoutMs: number, timeoutError: () => E): Promise<Buffer> {
    const ready = this.messages.shift()
    if (ready) return Promise.resolve(ready)
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null
        const error = timeoutError()
        this.fail(error)
        reject(error)
      }, Math.max(1, timeoutMs))
      this.waiter = {resolve, reject, timer}
    })
  }

  fail(error: E): void {
    if (!this.failure) this.failure = error
    this.onFailure()
    if (this.waiter && !this.messages.length) {
      const w = this.waiter
      this.waiter = null
      clearTimeout(w.timer)
      w.reject(this.failure)
    }
  }
}
