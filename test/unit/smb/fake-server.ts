import {EventEmitter} from 'node:events'
import type {Connector, SocketLike} from '../../../src/gather/probes/smb/transport.js'
import {frame} from '../../../src/gather/probes/smb/netbios.js'
import type {Capture} from './fixtures.js'

/**
 * An in-memory SMB "server" for the tests: no socket, no packet. It answers each request of
 * the client with the next message of a capture (its MessageId patched to the request's),
 * optionally mutated, and it checks every request against what the client may ever send.
 */

export const ALLOWED_COMMANDS = new Set([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x0b, 0x0e])
/** Rights that would let an open change something, and CREATE dispositions other than FILE_OPEN. */
const WRITE_RIGHTS = 0x2 | 0x4 | 0x10 | 0x40 | 0x100 | 0x10000 | 0x40000 | 0x80000 | 0x02000000 | 0x10000000 | 0x40000000

export interface ReplayLog {
  requests: Array<{command: number; detail: string}>
  violations: string[]
  connections: number
}

class FakeSocket extends EventEmitter implements SocketLike {
  private destroyed = false
  private pending = Buffer.alloc(0)

  constructor(private readonly answer: (request: Buffer) => Buffer[]) {
    super()
  }

  write(data: Buffer): boolean {
    if (this.destroyed) return false
    this.pending = Buffer.concat([this.pending, data])
    while (this.pending.length >= 4) {
      const len = this.pending.readUInt32BE(0) & 0xffffff
      if (this.pending.length < 4 + len) break
      const msg = this.pending.subarray(4, 4 + len)
      this.pending = this.pending.subarray(4 + len)
      const chunks = this.answer(msg)
      setImmediate(() => {
        for (const c of chunks) if (!this.destroyed) this.emit('data', c)
      })
    }
    return true
  }

  destroy(): this {
    if (!this.destroyed) {
      this.destroyed = true
      setImmediate(() => this.emit('close'))
    }
    return this
  }

  /** The server hangs up (used when a capture has nothing more to say). */
  hangUp(): void {
    setImmediate(() => {
      if (!this.destroyed) this.emit('end')
    })
  }
}

function checkRequest(msg: Buffer, log: ReplayLog): void {
  if (msg.readUInt32LE(0) === 0x424d53ff) {
    log.requests.push({command: -1, detail: 'SMB1 NEGOTIATE'})
    if (msg[4] !== 0x72) log.violations.push(`SMB1 command 0x${msg[4]!.toString(16)}`)
    return
  }
  const command = msg.readUInt16LE(12)
  log.requests.push({command, detail: ''})
  if (!ALLOWED_COMMANDS.has(command)) log.violations.push(`command 0x${command.toString(16)} sent`)
  if (command === 0x05) {
    const access = msg.readUInt32LE(64 + 24)
    const disposition = msg.readUInt32LE(64 + 36)
    const nameOffset = msg.readUInt16LE(64 + 44)
    const name = msg.subarray(nameOffset, nameOffset + msg.readUInt16LE(64 + 46)).toString('utf16le')
    if (disposition !== 1) log.violations.push(`CREATE disposition ${disposition}`)
    const isPipe = name === 'srvsvc'
    if (!isPipe && access & WRITE_RIGHTS) log.violations.push(`CREATE ${JSON.stringify(name)} with access 0x${access.toString(16)}`)
  }
  if (command === 0x0b && msg.readUInt32LE(64 + 4) !== 0x0011c017) log.violations.push('IOCTL other than FSCTL_PIPE_TRANSCEIVE')
}

export interface ReplayOptions {
  /** Change the i-th answer (after its MessageId was patched); return it unchanged to keep it. */
  mutate?: (index: number, answer: Buffer) => Buffer
  /** Split each framed answer into pieces of this size (exercises the frame decoder). */
  chunk?: number
  /** When the capture has nothing more to say: stay silent (default: hang up). */
  silent?: boolean
}

/**
 * A connector replaying a capture: the first connection gets the capture's SMB1 answer (when it
 * has one), the next one its SMB2 answers in order.
 */
export function replayConnector(capture: Capture, options: ReplayOptions = {}): {connect: Connector; log: ReplayLog} {
  const log: ReplayLog = {requests: [], violations: [], connections: 0}
  const all = capture.messages.map((m) => ({kind: m.kind, bytes: Buffer.from(m.hex, 'hex')}))
  const smb1 = all.filter((m) => m.kind === 'smb1').map((m) => m.bytes)
  const smb2 = all.filter((m) => m.kind !== 'smb1').map((m) => m.bytes)
  let index = 0
  const connect: Connector = async () => {
    log.connections++
    const isSmb1Connection = smb1.length > 0 && log.connections === 1
    const queue = isSmb1Connection ? [...smb1] : smb2.slice()
    const socket: FakeSocket = new FakeSocket((request) => {
      checkRequest(request, log)
      const out: Buffer[] = []
      const send = (answer: Buffer) => {
        let a = Buffer.from(answer)
        if (a.length >= 32 && a.readUInt32LE(0) === 0x424d53fe && request.length >= 32) request.copy(a, 24, 24, 32)
        if (options.mutate) a = options.mutate(index, a)
        index++
        const framed = frame(a)
        if (options.chunk) for (let i = 0; i < framed.length; i += options.chunk) out.push(framed.subarray(i, i + options.chunk))
        else out.push(framed)
      }
      for (;;) {
        const next = queue.shift()
        if (!next) {
          if (!options.silent) socket.hangUp()
          break
        }
        send(next)
        // An interim STATUS_PENDING answer is followed by the final one.
        if (!(next.length >= 20 && next.readUInt32LE(0) === 0x424d53fe && next.readUInt32LE(8) === 0x103 && next.readUInt32LE(16) & 2)) break
      }
      return out
    })
    return socket
  }
  return {connect, log}
}
