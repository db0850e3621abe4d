import {createCipheriv, createDecipheriv, createHash, createHmac} from 'node:crypto'

/** HMAC-MD5 (node:crypto; HMAC-MD5 is in OpenSSL 3's default provider, unlike MD4). */
export function hmacMd5(key: Buffer, ...data: Buffer[]): Buffer {
  const h = createHmac('md5', key)
  for (const d of data) h.update(d)
  return h.digest()
}

export function hmacSha256(key: Buffer, ...data: Buffer[]): Buffer {
  const h = createHmac('sha256', key)
  for (const d of data) h.update(d)
  return h.digest()
}

export function sha512(...data: Buffer[]): Buffer {
  const h = createHash('sha512')
  for (const d of data) h.update(d)
  return h.digest()
}

function aesBlock(key: Buffer, block: Buffer): Buffer {
  const c = createCipheriv('aes-128-ecb', key, null)
  c.setAutoPadding(false)
  return Buffer.concat([c.update(block), c.final()])
}

function dbl(block: Buffer): Buffer {
  const out = Buffer.alloc(16)
  let carry = 0
  for (let i = 15; i >= 0; i--) {
    const v = block[i]!
    out[i] = ((v << 1) | carry) & 0xff
    carry = v >> 7
  }
  if (block[0]! & 0x80) out[15] = out[15]! ^ 0x87
  return out
}

/** AES-CMAC (RFC 4493), the SMB 3.x signing algorithm. */
export function aesCmac(key: Buffer, message: Buffer): Buffer {
  const k1 = dbl(aesBlock(key, Buffer.alloc(16)))
  const k2 = dbl(k1)
  const blocks = Math.max(1, Math.ceil(message.length / 16))
  const complete = message.length > 0 && message.length % 16 === 0
  const last = Buffer.alloc(16)
  const tail = message.subarray((blocks - 1) * 16)
  tail.copy(last)
  if (!complete) last[tail.length] = 0x80
  const sub = complete ? k1 : k2
  for (let i = 0; i < 16; i++) last[i] = last[i]! ^ sub[i]!
  const cbc = createCipheriv('aes-128-cbc', key, Buffer.alloc(16))
  cbc.setAutoPadding(false)
  const out = Buffer.concat([cbc.update(message.subarray(0, (blocks - 1) * 16)), cbc.update(last), cbc.final()])
  return out.subarray(out.length - 16)
}

/** SP800-108 counter-mode KDF with HMAC-SHA256, as SMB 3.x uses it (one 128-bit block). */
export function smb3Kdf(key: Buffer, label: Buffer, context: Buffer): Buffer {
  const i = Buffer.from([0, 0, 0, 1])
  const l = Buffer.from([0, 0, 0, 128])
  return hmacSha256(key, i, label, Buffer.from([0]), context, l).subarray(0, 16)
}

/** SMB 3.x ciphers (MS-SMB2 2.2.3.1.2): the two 128-bit ones homeaudit speaks. */
export const Cipher = {AES_128_CCM: 0x0001, AES_128_GCM: 0x0002} as const

/** The nonce length each cipher uses out of the 16-byte transform-header field (MS-SMB2 2.2.41). */
export function nonceLength(cipher: number): number {
  return cipher === Cipher.AES_128_GCM ? 12 : 11
}

function cipherName(cipher: number): 'aes-128-ccm' | 'aes-128-gcm' {
  if (cipher === Cipher.AES_128_CCM) return 'aes-128-ccm'
  if (cipher === Cipher.AES_128_GCM) return 'aes-128-gcm'
  throw new RangeError(`unsupported cipher ${cipher}`)
}

/** AES-128-CCM or -GCM with a 16-byte tag (node:crypto): the ciphertext and the tag. */
export function aeadEncrypt(cipher: number, key: Buffer, nonce: Buffer, aad: Buffer, plaintext: Buffer): {ciphertext: Buffer; tag: Buffer} {
  const name = cipherName(cipher)
  if (name === 'aes-128-ccm') {
    const c = createCipheriv(name, key, nonce, {authTagLength: 16})
    c.setAAD(aad, {plaintextLength: plaintext.length})
    const ciphertext = Buffer.concat([c.update(plaintext), c.final()])
    return {ciphertext, tag: c.getAuthTag()}
  }
  const c = createCipheriv(name, key, nonce, {authTagLength: 16})
  c.setAAD(aad)
  const ciphertext = Buffer.concat([c.update(plaintext), c.final()])
  return {ciphertext, tag: c.getAuthTag()}
}

/** The plaintext, or null when the tag does not authenticate the ciphertext and AAD. Never throws on bad input. */
export function aeadDecrypt(cipher: number, key: Buffer, nonce: Buffer, aad: Buffer, ciphertext: Buffer, tag: Buffer): Buffer | null {
  try {
    const name = cipherName(cipher)
    if (name === 'aes-128-ccm') {
      const d = createDecipheriv(name, key, nonce, {authTagLength: 16})
      d.setAuthTag(tag)
      d.setAAD(aad, {plaintextLength: ciphertext.length})
      return Buffer.concat([d.update(ciphertext), d.final()])
    }
    const d = createDecipheriv(name, key, nonce, {authTagLength: 16})
    d.setAuthTag(tag)
    d.setAAD(aad)
    return Buffer.concat([d.update(ciphertext), d.final()])
  } catch {
    return null
  }
}
