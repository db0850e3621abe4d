import {type Parsed, safeParse, fail} from './bytes.js'

/**
 * Direct-hosted SMB over TCP 445 (MS-SMB2 2.1): every message is preceded by a 4-byte header,
 * a zero byte and a 24-bit big-endian length (the NetBIOS session-message framing, type 0x00).
 */

/** No SMB message homeaudit reads may be larger than this. */
export const MAX_MESSAGE_BYTES = 1024 * 1024

export const NBSS_SESSION_MESSAGE = 0x00
export const NBSS_KEEPALIVE = 0x85

export function frame(message: Buffer): Buffer {
  if (message.length > 0xffffff) throw new RangeError('SMB message too large to frame')
  const header = Buffer.alloc(4)
  header.writeUInt32BE(message.length)
  return Buffer.concat([header, message])
}

/**
 * Collects bytes from the socket and yields complete frames. A frame whose declared length is
 * larger than `maxBytes`, or a frame type other than a session message or keep-alive, is a
 * protocol error: the decoder then stays failed.
 */
export class FrameDecoder {
  private chunks: Buffer[] = []
  private buffered = 0
  error: string | null = null

  constructor(readonly maxBytes = MAX_MESSAGE_BYTES) {}

  /** Add received bytes; returns the complete session messages now available (maybe none). */
  push(data: Buffer): Parsed<Buffer[]> {
    if (this.error) return {ok: false, error: this.error}
    this.chunks.push(data)
    this.buffered += data.length
    // Do not copy the buffered bytes again until the frame being received is complete.
    if (this.buffered < this.needed) return {ok: true, value: []}
    const result = safeParse('NetBIOS framing', () => this.drain())
    if (!result.ok) this.error = result.error
    return result
  }

  private needed = 4

  /** An incomplete frame: the bytes received so far and the bytes it needs (header included); else null. */
  get partial(): {received: number; needed: number} | null {
    return this.buffered > 0 ? {received: this.buffered, needed: this.needed} : null
  }

  private drain(): Buffer[] {
    const out: Buffer[] = []
    let buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks)
    this.needed = 4
    for (;;) {
      if (buf.length < 4) break
      const type = buf[0]!
      const length = buf.readUInt32BE(0) & 0xffffff
      if (type !== NBSS_SESSION_MESSAGE && type !== NBSS_KEEPALIVE) fail(`unexpected NetBIOS frame type 0x${type.toString(16)}`)
      if (length > this.maxBytes) fail(`message of ${length} bytes is larger than the ${this.maxBytes}-byte limit`)
      if (buf.length < 4 + length) {
        this.needed = 4 + length
        break
      }
      if (type === NBSS_SESSION_MESSAGE) out.push(Buffer.from(buf.subarray(4, 4 + length)))
      buf = buf.subarray(4 + length)
    }
    this.chunks = buf.length ? [buf] : []
    this.buffered = buf.length
    return out
  }
}

/** Split a byte string into frames in one go (for tests and captured fixtures). */
export function parseFrames(data: Buffer, maxBytes = MAX_MESSAGE_BYTES): Parsed<{frames: Buffer[]; trailing: number}> {
  return safeParse('NetBIOS framing', () => {
    const frames: Buffer[] = []
    let pos = 0
    while (data.length - pos >= 4) {
      const type = data[pos]!
      const length = data.readUInt32BE(pos) & 0xffffff
      if (type !== NBSS_SESSION_MESSAGE && type !== NBSS_KEEPALIVE) fail(`unexpected NetBIOS frame type 0x${type.toString(16)}`)
      if (length > maxBytes) fail(`message of ${length} bytes is larger than the ${maxBytes}-byte limit`)
      if (data.length - pos - 4 < length) break
      if (type === NBSS_SESSION_MESSAGE) frames.push(data.subarray(pos + 4, pos + 4 + length))
      pos += 4 + length
    }
    return {frames, trailing: data.length - pos}
  })
}
