import {createHash} from 'node:crypto'

/**
 * MD4 (RFC 1320), needed for the NT hash of NTLM. Node 20 links OpenSSL 3, which moved MD4 to
 * the "legacy" provider, so `createHash('md4')` throws ERR_OSSL_EVP_UNSUPPORTED there. We try
 * OpenSSL once and fall back to this small pure TypeScript implementation.
 */

let native: boolean | null = null

export function md4(data: Buffer): Buffer {
  if (native === null) {
    try {
      createHash('md4').update('').digest()
      native = true
    } catch {
      native = false
    }
  }
  return native ? createHash('md4').update(data).digest() : md4Pure(data)
}

/** Which implementation `md4()` uses here (for the evidence and the tests). */
export function md4Backend(): 'openssl' | 'typescript' {
  md4(Buffer.alloc(0))
  return native ? 'openssl' : 'typescript'
}

const rotl = (x: number, s: number) => ((x << s) | (x >>> (32 - s))) >>> 0

/** The RFC 1320 algorithm, written out. Exported for the tests. */
export function md4Pure(data: Buffer): Buffer {
  const bitLength = BigInt(data.length) * 8n
  const padLength = (data.length % 64 < 56 ? 56 : 120) - (data.length % 64)
  const msg = Buffer.alloc(data.length + padLength + 8)
  data.copy(msg)
  msg[data.length] = 0x80
  msg.writeBigUInt64LE(bitLength & 0xffffffffffffffffn, data.length + padLength)

  let a = 0x67452301
  let b = 0xefcdab89
  let c = 0x98badcfe
  let d = 0x10325476
  const x = new Array<number>(16)
  const F = (x1: number, y: number, z: number) => ((x1 & y) | (~x1 & z)) >>> 0
  const G = (x1: number, y: number, z: number) => ((x1 & y) | (x1 & z) | (y & z)) >>> 0
  const H = (x1: number, y: number, z: number) => (x1 ^ y ^ z) >>> 0

  for (let off = 0; off < msg.length; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = msg.readUInt32LE(off + i * 4)
    const [aa, bb, cc, dd] = [a, b, c, d]
    const r1 = (p: number, q: number, r: number, s: number, k: number, sh: number) => rotl((p + F(q, r, s) + x[k]!) >>> 0, sh)
    const r2 = (p: number, q: number, r: number, s: number, k: number, sh: number) => rotl((p + G(q, r, s) + x[k]! + 0x5a827999) >>> 0, sh)
    const r3 = (p: number, q: number, r: number, s: number, k: number, sh: number) => rotl((p + H(q, r, s) + x[k]! + 0x6ed9eba1) >>> 0, sh)
    for (const k of [0, 4, 8, 12]) {
      a = r1(a, b, c, d, k, 3)
      d = r1(d, a, b, c, k + 1, 7)
      c = r1(c, d, a, b, k + 2, 11)
      b = r1(b, c, d, a, k + 3, 19)
    }
    for (const k of [0, 1, 2, 3]) {
      a = r2(a, b, c, d, k, 3)
      d = r2(d, a, b, c, k + 4, 5)
      c = r2(c, d, a, b, k + 8, 9)
      b = r2(b, c, d, a, k + 12, 13)
    }
    for (const k of [0, 2, 1, 3]) {
      a = r3(a, b, c, d, k, 3)
      d = r3(d, a, b, c, k + 8, 9)
      c = r3(c, d, a, b, k + 4, 11)
      b = r3(b, c, d, a, k + 12, 15)
    }
    a = (a + aa) >>> 0
    b = (b + bb) >>> 0
    c = (c + cc) >>> 0
    d = (d + dd) >>> 0
  }
  const out = Buffer.alloc(16)
  out.writeUInt32LE(a, 0)
  out.writeUInt32LE(b, 4)
  out.writeUInt32LE(c, 8)
  out.writeUInt32LE(d, 12)
  return out
}
