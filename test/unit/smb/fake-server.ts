import {EventEmitter} from 'node:events'
import type {Connector, SocketLike} from '../../../src/gather/probes/smb/transport.js'
import {frame} from '../../../src/gather/probes/smb/netbios.js'
import {type CipherKeys, decryptMessage, parseTransformHeader} from '../../../src/gather/probes/smb/transform.js'
import type {Capture, ConnectionCapture} from './fixtures.js'

/**
 * An in-memory SMB "server" for the tests: no socket, no packet. It answers each request of
 * the client with the next message of a capture (its MessageId, or SMB1 MID, patched to the
 * request's), optionally mutated, and it checks every request against what the client may
 * ever send (encrypted requests too, when it is given the session's keys).
 */

export const ALLOWED_COMMANDS = new Set([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x0b, 0x0e])
/** SMB1: CLOSE, TRANSACTION, READ_ANDX, TRANSACTION2, TREE_DISCONNECT, NEGOTIATE, SESSION_SETUP_ANDX, LOGOFF_ANDX, TREE_CONNECT_ANDX, NT_CREATE_ANDX. */
export const ALLOWED_SMB1_COMMANDS = new Set([0x04, 0x25, 0x2e, 0x32, 0x71, 0x72, 0x73, 0x74, 0x75, 0xa2])
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

  constructor(private readonly answer: (request: Buffer, type: number) => Buffer[]) {
    super()
  }

  write(data: Buffer): boolean {
    if (this.destroyed) return false
    this.pending = Buffer.concat([this.pending, data])
    while (this.pending.length >= 4) {
      const type = this.pending[0]!
      const len = this.pending.readUInt32BE(0) & 0xffffff
      if (this.pending.length < 4 + len) break
      const msg = this.pending.subarray(4, 4 + len)
      this.pending = this.pending.subarray(4 + len)
      const chunks = this.answer(msg, type)
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

function checkSmb1Request(msg: Buffer, log: ReplayLog): void {
  const command = msg[4]!
  log.requests.push({command: -1 - command, detail: `SMB1 0x${command.toString(16)}`})
  if (!ALLOWED_SMB1_COMMANDS.has(command)) return void log.violations.push(`SMB1 command 0x${command.toString(16)}`)
  const words = msg.subarray(33, 33 + 2 * msg[32]!)
  if (command === 0xa2) {
    const access = words.readUInt32LE(15)
    const disposition = words.readUInt32LE(35)
    const dataStart = 33 + words.length + 2
    const name = msg.subarray(dataStart + (dataStart % 2)).toString('utf16le').replace(/\0+$/, '')
    if (disposition !== 1) log.violations.push(`NT_CREATE_ANDX disposition ${disposition}`)
    if (name !== '\\srvsvc' && access & WRITE_RIGHTS) log.violations.push(`NT_CREATE_ANDX ${JSON.stringify(name)} with access 0x${access.toString(16)}`)
  }
  if (command === 0x25 && words.readUInt16LE(28) !== 0x0026) log.violations.push(`TRANSACTION subcommand 0x${words.readUInt16LE(28).toString(16)}`)
  if (command === 0x32 && words.readUInt16LE(28) !== 0x0001) log.violations.push(`TRANSACTION2 subcommand 0x${words.readUInt16LE(28).toString(16)}`)
}

function checkRequest(msg: Buffer, log: ReplayLog, keys?: CipherKeys): void {
  if (msg.readUInt32LE(0) === 0x424d53ff) return checkSmb1Request(msg, log)
  if (msg.readUInt32LE(0) === 0x424d53fd) {
    // An encrypted request: open it with the client's encryption key, then check what is inside.
    const t = parseTransformHeader(msg)
    const plain = t.ok && keys ? decryptMessage(t.value, {cipher: keys.cipher, encryptionKey: keys.decryptionKey, decryptionKey: keys.encryptionKey}) : null
    if (!plain?.ok) return void log.violations.push('an encrypted request the test cannot open')
    return checkRequest(plain.value, log)
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
  // IOCTLs: the srvsvc pipe transceive, and the read-only negotiation check on no file (FileId all 0xFF)
  if (command === 0x0b) {
    const ctl = msg.readUInt32LE(64 + 4)
    const noFile = msg.subarray(64 + 8, 64 + 24).equals(Buffer.alloc(16, 0xff))
    if (ctl !== 0x0011c017 && !(ctl === 0x00140204 && noFile)) log.violations.push(`IOCTL 0x${ctl.toString(16)}: neither FSCTL_PIPE_TRANSCEIVE nor FSCTL_VALIDATE_NEGOTIATE_INFO on no file`)
  }
}

export interface ReplayOptions {
  /** The session's cipher keys (from the capture), to look inside encrypted requests. */
  keys?: CipherKeys
  /** Change the i-th answer (after its MessageId was patched); return it unchanged to keep it. */
  mutate?: (index: number, answer: Buffer) => Buffer
  /** Split each framed answer into pieces of this size (exercises the frame decoder). */
  chunk?: number
  /** When the capture has nothing more to say: stay silent (default: hang up). */
  silent?: boolean
}

/** Each connection's server messages: from a tcpdump capture, or the SMB1 answer then the SMB2 ones of a hook capture. */
function connectionQueues(capture: Capture | ConnectionCapture): Array<Array<{kind: string; command?: number; bytes: Buffer}>> {
  if ('connections' in capture) return capture.connections.map((c) => c.messages.map((m) => ({kind: m.kind, command: m.command, bytes: Buffer.from(m.hex, 'hex')})))
  const all = capture.messages.map((m) => ({kind: m.kind as string, bytes: Buffer.from(m.hex, 'hex')}))
  const smb1 = all.filter((m) => m.kind === 'smb1')
  const smb2 = all.filter((m) => m.kind !== 'smb1')
  return smb1.length ? [smb1, smb2] : [smb2]
}

/**
 * A connector replaying a capture: connection after connection, each gets its own answers in
 * order (a hook capture: the SMB1 answer first, then the SMB2 answers on every later connection).
 * A NetBIOS SESSION REQUEST gets the connection's captured session answer, or a positive one.
 */
export function replayConnector(capture: Capture | ConnectionCapture, options: ReplayOptions = {}): {connect: Connector; log: ReplayLog} {
  const log: ReplayLog = {requests: [], violations: [], connections: 0}
  const queues = connectionQueues(capture)
  let index = 0
  const connect: Connector = async () => {
    log.connections++
    const queue = (queues[Math.min(log.connections, queues.length) - 1] ?? []).slice()
    const socket: FakeSocket = new FakeSocket((request, type) => {
      const out: Buffer[] = []
      if (type === 0x81) {
        log.requests.push({command: -0x81, detail: 'NetBIOS SESSION REQUEST'})
        const captured = queue[0]?.kind === 'nbss' ? queue.shift()! : {command: 0x82, bytes: Buffer.alloc(0)}
        const packet = Buffer.alloc(4)
        packet.writeUInt32BE(captured.bytes.length)
        packet[0] = captured.command ?? 0x82
        let answer: Buffer = Buffer.concat([packet, captured.bytes])
        if (options.mutate) answer = options.mutate(index, answer)
        index++
        return [answer]
      }
      checkRequest(request, log, options.keys)
      const send = (answer: Buffer) => {
        let a: Buffer = Buffer.from(answer)
        if (a.length >= 32 && a.readUInt32LE(0) === 0x424d53fe && request.length >= 32 && request.readUInt32LE(0) === 0x424d53fe) request.copy(a, 24, 24, 32)
        if (a.length >= 32 && a.readUInt32LE(0) === 0x424d53ff && request.length >= 32 && request.readUInt32LE(0) === 0x424d53ff) request.copy(a, 30, 30, 32)
        if (options.mutate) a = options.mutate(index, a)
        index++
        const framed = frame(a)
        if (options.chunk) for (let i = 0; i < framed.length; i += options.chunk) out.push(framed.subarray(i, i + options.chunk))
        else out.push(framed)
      }
      for (;;) {
        const item = queue.shift()
        if (!item) {
          if (!options.silent) socket.hangUp()
          break
        }
        const next = item.bytes
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
