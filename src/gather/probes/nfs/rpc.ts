import {type Parsed, XdrReader, XdrWriter, fail, safeParse} from './xdr.js'

/**
 * ONC RPC version 2 (RFC 5531): CALL messages, REPLY parsing, and the record marking that
 * carries them over TCP (RFC 5531 §11: each record is one or more fragments, each behind a
 * 4-byte header whose top bit marks the last fragment and whose other 31 bits are its length).
 */

export const AUTH_NONE = 0
export const AUTH_SYS = 1

/** The credentials homeaudit ever sends: none, or AUTH_SYS as "nobody" (uid/gid 65534). */
export type RpcAuth = 'none' | 'sys'

/** Caps: an RPC reply homeaudit reads is at most 1 MiB, in at most 64 fragments. */
export const MAX_RECORD_BYTES = 1024 * 1024
export const MAX_FRAGMENTS = 64
const MAX_AUTH_BODY = 400 // RFC 5531 opaque_auth: opaque body<400>

function authBody(auth: RpcAuth): {flavor: number; body: Buffer} {
  if (auth === 'none') return {flavor: AUTH_NONE, body: Buffer.alloc(0)}
  // RFC 5531 appendix A, authsys_parms: stamp, machinename<255>, uid, gid, gids<16>.
  const body = new XdrWriter().u32(0).string('homeaudit').u32(65534).u32(65534).u32(0).toBuffer()
  return {flavor: AUTH_SYS, body}
}

/** A CALL message (without record marking). */
export function rpcCall(xid: number, program: number, version: number, procedure: number, args: Buffer, auth: RpcAuth = 'none'): Buffer {
  const cred = authBody(auth)
  return new XdrWriter()
    .u32(xid)
    .u32(0) // CALL
    .u32(2) // rpcvers
    .u32(program)
    .u32(version)
    .u32(procedure)
    .u32(cred.flavor)
    .opaque(cred.body)
    .u32(AUTH_NONE) // verifier
    .opaque(Buffer.alloc(0))
    .raw(args)
    .toBuffer()
}

/** What a server answered to a call. `results` are the procedure's XDR results. */
export type RpcReply =
  | {xid: number; kind: 'success'; results: Buffer}
  | {xid: number; kind: 'prog-unavail' | 'proc-unavail' | 'garbage-args' | 'system-err'}
  | {xid: number; kind: 'prog-mismatch' | 'rpc-mismatch'; low: number; high: number}
  | {xid: number; kind: 'auth-error'; authStat: number}

const ACCEPT: Record<number, 'prog-unavail' | 'proc-unavail' | 'garbage-args' | 'system-err'> = {1: 'prog-unavail', 3: 'proc-unavail', 4: 'garbage-args', 5: 'system-err'}

/** Parse a REPLY message (one whole record). Never throws. */
export function parseRpcReply(message: Buffer): Parsed<RpcReply> {
  return safeParse('RPC reply', () => {
    const r = new XdrReader(message)
    const xid = r.u32('xid')
    const type = r.u32('msg_type')
    if (type !== 1) fail(`msg_type ${type} is not REPLY`)
    const replyStat = r.u32('reply_stat')
    if (replyStat === 0) {
      r.u32('verifier flavor')
      r.opaque(MAX_AUTH_BODY, 'verifier body')
      const accept = r.u32('accept_stat')
      if (accept === 0) return {xid, kind: 'success', results: r.rest()}
      if (accept === 2) return {xid, kind: 'prog-mismatch', low: r.u32('low version'), high: r.u32('high version')}
      const kind = ACCEPT[accept]
      if (!kind) fail(`unknown accept_stat ${accept}`)
      return {xid, kind}
    }
    if (replyStat === 1) {
      const reject = r.u32('reject_stat')
      if (reject === 0) return {xid, kind: 'rpc-mismatch', low: r.u32('low version'), high: r.u32('high version')}
      if (reject === 1) return {xid, kind: 'auth-error', authStat: r.u32('auth_stat')}
      fail(`unknown reject_stat ${reject}`)
    }
    fail(`unknown reply_stat ${replyStat}`)
  })
}

/** One RPC message as a single last fragment. */
export function recordMark(message: Buffer): Buffer {
  if (message.length > 0x7fffffff) throw new RangeError('RPC message too large')
  const header = Buffer.alloc(4)
  header.writeUInt32BE((0x80000000 | message.length) >>> 0)
  return Buffer.concat([header, message])
}

/**
 * Reassembles records from the bytes of a TCP stream. A record larger than `maxBytes`, or of
 * more than `maxFragments` fragments (empty ones count, so a stream of empty fragments cannot
 * spin), is a protocol error: the decoder then stays failed.
 */
export class RecordDecoder {
  private pending: Buffer = Buffer.alloc(0)
  private fragments: Buffer[] = []
  private recordBytes = 0
  error: string | null = null

  constructor(
    readonly maxBytes = MAX_RECORD_BYTES,
    readonly maxFragments = MAX_FRAGMENTS,
  ) {}

  /** Add received bytes; returns the records now complete (maybe none). */
  push(data: Buffer): Parsed<Buffer[]> {
    if (this.error) return {ok: false, error: this.error}
    // Memory stays bounded: a fragment header announcing more than the cap fails at once, so at
    // most one capped fragment plus one socket chunk is ever buffered.
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data
    const out: Buffer[] = []
    while (this.pending.length >= 4) {
      const header = this.pending.readUInt32BE(0)
      const last = (header & 0x80000000) !== 0
      const length = header & 0x7fffffff
      if (this.recordBytes + length > this.maxBytes) return this.fail(`RPC record larger than ${this.maxBytes} bytes`)
      if (this.fragments.length + 1 > this.maxFragments) return this.fail(`RPC record of more than ${this.maxFragments} fragments`)
      if (this.pending.length < 4 + length) break
      this.fragments.push(this.pending.subarray(4, 4 + length))
      this.recordBytes += length
      this.pending = this.pending.subarray(4 + length)
      if (last) {
        out.push(Buffer.concat(this.fragments))
        this.fragments = []
        this.recordBytes = 0
      }
    }
    return {ok: true, value: out}
  }

  private fail(error: string): Parsed<Buffer[]> {
    this.error = error
    this.pending = Buffer.alloc(0)
    this.fragments = []
    return {ok: false, error}
  }
}
