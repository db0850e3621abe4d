import {randomInt} from 'node:crypto'
import type {ScanScope} from '../../../scope/scope-guard.js'
import {ConnectError, guardedConnect} from '../../net/guarded-connect.js'
import {type Connector, MessageQueue, type SocketLike} from '../../net/message-queue.js'
import {MAX_RECORD_BYTES, RecordDecoder, type RpcAuth, type RpcReply, parseRpcReply, recordMark, rpcCall} from './rpc.js'

/** Why an RPC exchange ended without an answer. */
export type RpcFailureKind = 'refused' | 'unreachable' | 'timeout' | 'deadline' | 'closed' | 'protocol' | 'error'

export class RpcError extends Error {
  override name = 'RpcError'

  constructor(
    readonly kind: RpcFailureKind,
    message: string,
  ) {
    super(message)
  }
}

export type {Connector, SocketLike} from '../../net/message-queue.js'

/** The project's scope-guarded connect (src/gather/net/guarded-connect.ts), failing with an RpcError. */
export function scopedConnector(scope: ScanScope): Connector {
  return async (ip, port, timeoutMs) => {
    try {
      return await guardedConnect(scope, ip, port, timeoutMs)
    } catch (error) {
      if (error instanceof ConnectError) throw new RpcError(error.kind, error.message)
      throw error
    }
  }
}

/** A per-step timeout inside an overall deadline. */
export interface Budget {
  deadline: number
  stepTimeoutMs: number
}

export function remaining(budget: Budget): number {
  const left = budget.deadline - Date.now()
  if (left <= 0) throw new RpcError('deadline', 'the overall NFS probe deadline has passed')
  return Math.min(budget.stepTimeoutMs, left)
}

const MAX_QUEUED = 16
const MAX_STRAY_REPLIES = 8

/**
 * One TCP connection carrying record-marked RPC messages, one call at a time. A close, a
 * framing error, a timeout or a reply that is not one ends the connection.
 */
export class RpcClient {
  private readonly records: MessageQueue<RpcError>
  private decoder: RecordDecoder
  private xid = randomInt(1, 0x7fffffff)

  private constructor(
    private readonly socket: SocketLike,
    maxRecordBytes: number,
  ) {
    this.decoder = new RecordDecoder(maxRecordBytes)
    this.records = new MessageQueue<RpcError>(() => socket.destroy())
    socket.on('data', (data: Buffer) => {
      const result = this.decoder.push(data)
      if (!result.ok) return this.fail(new RpcError('protocol', result.error))
      this.records.push(...result.value)
      if (this.records.queued > MAX_QUEUED) return this.fail(new RpcError('protocol', `the server sent more than ${MAX_QUEUED} unsolicited records`))
    })
    socket.on('error', (err: NodeJS.ErrnoException) => this.fail(new RpcError('closed', `connection error: ${err.code ?? err.message}`)))
    socket.on('close', () => this.fail(new RpcError('closed', 'the server closed the connection')))
    socket.on('end', () => this.fail(new RpcError('closed', 'the server closed the connection')))
  }

  static async open(connect: Connector, ip: string, port: number, budget: Budget, maxRecordBytes = MAX_RECORD_BYTES): Promise<RpcClient> {
    return new RpcClient(await connect(ip, port, remaining(budget)), maxRecordBytes)
  }

  /** Send one call and wait for the reply with the same xid (a few stray replies are skipped). */
  async call(program: number, version: number, procedure: number, args: Buffer, auth: RpcAuth, budget: Budget): Promise<RpcReply> {
    if (this.records.failed) throw this.records.failed
    const xid = this.xid
    this.xid = (this.xid + 1) >>> 0
    this.socket.write(recordMark(rpcCall(xid, program, version, procedure, args, auth)))
    for (let stray = 0; stray <= MAX_STRAY_REPLIES; stray++) {
      const record = await this.next(remaining(budget))
      const reply = parseRpcReply(record)
      if (!reply.ok) {
        this.fail(new RpcError('protocol', reply.error))
        throw this.records.failed!
      }
      if (reply.value.xid === xid) return reply.value
    }
    this.fail(new RpcError('protocol', `no reply with xid ${xid} among ${MAX_STRAY_REPLIES + 1} records`))
    throw this.records.failed!
  }

  private next(timeoutMs: number): Promise<Buffer> {
    return this.records.next(timeoutMs, () => new RpcError('timeout', `no answer within ${timeoutMs} ms`))
  }

  private fail(error: RpcError): void {
    this.records.fail(error)
  }

  close(): void {
    this.fail(new RpcError('closed', 'closed by homeaudit'))
  }
}
