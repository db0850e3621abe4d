/**
 * XDR (RFC 4506) for the NFS probe: big-endian 32-bit units, variable-length data padded to a
 * multiple of four. Every read is bounds-checked and every variable-length item has a cap; a
 * read past the end, a length over its cap, or a boolean other than 0/1 throws `XdrError`,
 * which `safeParse` turns into `{ok: false, error}` so that no exception escapes a parser.
 */

export class XdrError extends Error {
  override name = 'XdrError'
}

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string}

export function fail(message: string): never {
  throw new XdrError(message)
}

/** Run a parser and turn anything it throws into `{ok: false}`. */
export function safeParse<T>(what: string, fn: () => T): Parsed<T> {
  try {
    return {ok: true, value: fn()}
  } catch (error) {
    const message = error instanceof XdrError ? error.message : `unexpected ${error instanceof Error ? error.name : 'error'}`
    return {ok: false, error: `${what}: ${message}`}
  }
}

const padding = (n: number) => (4 - (n % 4)) % 4

export class XdrReader {
  private pos = 0

  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.pos
  }

  private need(n: number, what: string): void {
    if (n > this.remaining) fail(`${what}: need ${n} bytes at offset ${this.pos}, have ${this.remaining}`)
  }

  u32(what = 'unsigned int'): number {
    this.need(4, what)
    const v = this.buf.readUInt32BE(this.pos)
    this.pos += 4
    return v
  }

  bool(what = 'bool'): boolean {
    const v = this.u32(what)
    if (v > 1) fail(`${what}: ${v} is not a boolean`)
    return v === 1
  }

  /** Variable-length opaque data of at most `max` bytes (the padding must be there too). */
  opaque(max: number, what = 'opaque'): Buffer {
    const length = this.u32(`${what} length`)
    if (length > max) fail(`${what}: ${length} bytes, more than the ${max}-byte limit`)
    this.need(length + padding(length), what)
    const b = this.buf.subarray(this.pos, this.pos + length)
    this.pos += length + padding(length)
    return b
  }

  /** A string of at most `max` bytes, decoded as UTF-8 (invalid bytes become U+FFFD). */
  string(max: number, what = 'string'): string {
    return this.opaque(max, what).toString('utf8')
  }

  /** The rest of the buffer (a procedure's results after the RPC reply header). */
  rest(): Buffer {
    const b = this.buf.subarray(this.pos)
    this.pos = this.buf.length
    return b
  }
}

export class XdrWriter {
  private parts: Buffer[] = []

  u32(value: number): this {
    const b = Buffer.alloc(4)
    b.writeUInt32BE(value >>> 0)
    this.parts.push(b)
    return this
  }

  opaque(data: Buffer): this {
    this.u32(data.length)
    this.parts.push(data, Buffer.alloc(padding(data.length)))
    return this
  }

  string(text: string): this {
    return this.opaque(Buffer.from(text, 'utf8'))
  }

  raw(data: Buffer): this {
    this.parts.push(data)
    return this
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts)
  }
}
