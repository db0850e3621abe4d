/**
 * Bounded byte reading for the SMB client. Every read checks the buffer first; a read past the
 * end (or a length or offset that points outside) throws `SmbParseError`, which the exported
 * parsers turn into `{ok: false, error}` so that no exception escapes them.
 */

export class SmbParseError extends Error {
  override name = 'SmbParseError'
}

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string}

/** Run a parser and turn anything it throws into `{ok: false}`: parsers never throw. */
export function safeParse<T>(what: string, fn: () => T): Parsed<T> {
  try {
    return {ok: true, value: fn()}
  } catch (error) {
    const message = error instanceof SmbParseError ? error.message : `unexpected ${error instanceof Error ? error.name : 'error'}`
    return {ok: false, error: `${what}: ${message}`}
  }
}

export function fail(message: string): never {
  throw new SmbParseError(message)
}

/** The slice [offset, offset + length) of `buf`, or a parse error when it is not inside. */
export function sliceChecked(buf: Buffer, offset: number, length: number, what: string): Buffer {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > buf.length) {
    fail(`${what} (offset ${offset}, length ${length}) is outside the ${buf.length}-byte message`)
  }
  return buf.subarray(offset, offset + length)
}

/** A cursor over a buffer; all reads are little-endian and bounds-checked. */
export class Reader {
  pos: number

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    if (start < 0 || start > end || end > buf.length) fail(`reader range ${start}..${end} outside ${buf.length} bytes`)
    this.pos = start
  }

  get remaining(): number {
    return this.end - this.pos
  }

  need(n: number, what = 'field'): void {
    if (!Number.isSafeInteger(n) || n < 0 || this.pos + n > this.end) fail(`${what}: need ${n} bytes at ${this.pos}, have ${this.end - this.pos}`)
  }

  u8(what?: string): number {
    this.need(1, what)
    return this.buf.readUInt8(this.pos++)
  }

  u16(what?: string): number {
    this.need(2, what)
    const v = this.buf.readUInt16LE(this.pos)
    this.pos += 2
    return v
  }

  u32(what?: string): number {
    this.need(4, what)
    const v = this.buf.readUInt32LE(this.pos)
    this.pos += 4
    return v
  }

  u64(what?: string): bigint {
    this.need(8, what)
    const v = this.buf.readBigUInt64LE(this.pos)
    this.pos += 8
    return v
  }

  bytes(n: number, what?: string): Buffer {
    this.need(n, what)
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }

  skip(n: number, what?: string): void {
    this.need(n, what)
    this.pos += n
  }

  /** Advance to the next multiple of `n`, counted from `base`. */
  align(n: number, base = 0): void {
    const mis = (this.pos - base) % n
    if (mis) this.skip(n - mis, 'alignment padding')
  }
}

/** UTF-16LE text, with a trailing NUL removed. */
export function utf16(buf: Buffer): string {
  const even = buf.length & 1 ? buf.subarray(0, buf.length - 1) : buf
  return even.toString('utf16le').replace(/\0+$/, '')
}

export function toUtf16(text: string): Buffer {
  return Buffer.from(text, 'utf16le')
}

export function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`
}

export function u16le(n: number): Buffer {
  const b = Buffer.alloc(2)
  b.writeUInt16LE(n)
  return b
}

export function u32le(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n >>> 0)
  return b
}

export function pad(buf: Buffer, multiple: number): Buffer {
  const mis = buf.length % multiple
  return mis ? Buffer.concat([buf, Buffer.alloc(multiple - mis)]) : buf
}
