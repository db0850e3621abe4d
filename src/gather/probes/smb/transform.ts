import {type Parsed, fail, safeParse} from './bytes.js'
import {Cipher, aeadDecrypt, aeadEncrypt, nonceLength, smb3Kdf} from './crypto.js'

/**
 * SMB 3.x encryption: the SMB2 TRANSFORM_HEADER (MS-SMB2 2.2.41) that wraps an encrypted
 * message, its encryption (3.1.4.3) and decryption (3.2.5.1.1.1), and the session's cipher keys
 * (3.1.4.2, as the client derives them in 3.2.5.3.1). Ciphers: AES-128-CCM (3.0, 3.0.2, 3.1.1)
 * and AES-128-GCM (3.1.1), through node:crypto.
 */

export const TRANSFORM_MAGIC = 0x424d53fd // "\xfdSMB" as little-endian u32
export const TRANSFORM_HEADER_SIZE = 52
/** Flags (3.1.1) / EncryptionAlgorithm (3.0, 3.0.2): 0x0001, "Encrypted" / SMB2_ENCRYPTION_AES128_CCM. */
const TRANSFORM_FLAG_ENCRYPTED = 0x0001

export interface CipherKeys {
  cipher: number
  /** Client to server (the server's ServerInKey / C2S key). */
  encryptionKey: Buffer
  /** Server to client (ServerOutKey / S2C key). */
  decryptionKey: Buffer
}

/**
 * MS-SMB2 3.2.5.3.1: for 3.0 and 3.0.2, EncryptionKey = KDF(SessionKey, "SMB2AESCCM\0",
 * "ServerIn \0") and DecryptionKey = KDF(SessionKey, "SMB2AESCCM\0", "ServerOut\0"); for 3.1.1,
 * KDF(SessionKey, "SMBC2SCipherKey\0" / "SMBS2CCipherKey\0", Session.PreauthIntegrityHashValue).
 */
export function deriveCipherKeys(dialect: number, cipher: number, sessionKey: Buffer, preauthHash: Buffer | null): CipherKeys {
  if (dialect === 0x0311) {
    if (!preauthHash) throw new RangeError('3.1.1 keys need the preauth integrity hash')
    return {
      cipher,
      encryptionKey: smb3Kdf(sessionKey, Buffer.from('SMBC2SCipherKey\0', 'latin1'), preauthHash),
      decryptionKey: smb3Kdf(sessionKey, Buffer.from('SMBS2CCipherKey\0', 'latin1'), preauthHash),
    }
  }
  const label = Buffer.from('SMB2AESCCM\0', 'latin1')
  return {
    cipher,
    encryptionKey: smb3Kdf(sessionKey, label, Buffer.from('ServerIn \0', 'latin1')),
    decryptionKey: smb3Kdf(sessionKey, label, Buffer.from('ServerOut\0', 'latin1')),
  }
}

/**
 * Wrap a whole SMB2 message (unsigned: MS-SMB2 3.2.4.1.1 does not sign what it encrypts) in a
 * TRANSFORM_HEADER: the AAD is the header from the Nonce to the end (32 bytes), the tag is the
 * Signature field. `nonce` is the cipher's nonce (11 bytes for CCM, 12 for GCM), never reused
 * with the same key.
 */
export function encryptMessage(message: Buffer, sessionId: bigint, keys: CipherKeys, nonce: Buffer): Buffer {
  if (nonce.length !== nonceLength(keys.cipher)) throw new RangeError('bad nonce length')
  const header = Buffer.alloc(TRANSFORM_HEADER_SIZE)
  header.writeUInt32LE(TRANSFORM_MAGIC, 0)
  nonce.copy(header, 20)
  header.writeUInt32LE(message.length, 36)
  header.writeUInt16LE(TRANSFORM_FLAG_ENCRYPTED, 42)
  header.writeBigUInt64LE(sessionId, 44)
  const {ciphertext, tag} = aeadEncrypt(keys.cipher, keys.encryptionKey, nonce, header.subarray(20), message)
  tag.copy(header, 4)
  return Buffer.concat([header, ciphertext])
}

export interface TransformHeader {
  signature: Buffer
  nonce: Buffer
  originalMessageSize: number
  flags: number
  sessionId: bigint
  aad: Buffer
  ciphertext: Buffer
}

export function isTransformMessage(frame: Buffer): boolean {
  return frame.length >= 4 && frame.readUInt32LE(0) === TRANSFORM_MAGIC
}

/**
 * Check a received TRANSFORM_HEADER (MS-SMB2 3.2.5.1.1.1): the message must be longer than the
 * header, OriginalMessageSize must be exactly what follows it and at least an SMB2 header, and
 * Flags/EncryptionAlgorithm must be 0x0001.
 */
export function parseTransformHeader(frame: Buffer): Parsed<TransformHeader> {
  return safeParse('SMB2 TRANSFORM_HEADER', () => {
    if (frame.length <= TRANSFORM_HEADER_SIZE) fail(`${frame.length} bytes: no room for an encrypted message`)
    if (frame.readUInt32LE(0) !== TRANSFORM_MAGIC) fail('not a transform header')
    const originalMessageSize = frame.readUInt32LE(36)
    const flags = frame.readUInt16LE(42)
    if (flags !== TRANSFORM_FLAG_ENCRYPTED) fail(`flags 0x${flags.toString(16)}, expected 0x0001`)
    if (originalMessageSize !== frame.length - TRANSFORM_HEADER_SIZE) fail(`OriginalMessageSize ${originalMessageSize}, but ${frame.length - TRANSFORM_HEADER_SIZE} bytes follow`)
    if (originalMessageSize < 64) fail(`OriginalMessageSize ${originalMessageSize} is smaller than an SMB2 header`)
    return {
      signature: frame.subarray(4, 20),
      nonce: frame.subarray(20, 36),
      originalMessageSize,
      flags,
      sessionId: frame.readBigUInt64LE(44),
      aad: frame.subarray(20, TRANSFORM_HEADER_SIZE),
      ciphertext: frame.subarray(TRANSFORM_HEADER_SIZE),
    }
  })
}

/** Decrypt a parsed transform message; an error when the tag does not authenticate it. */
export function decryptMessage(t: TransformHeader, keys: CipherKeys): Parsed<Buffer> {
  const plain = aeadDecrypt(keys.cipher, keys.decryptionKey, t.nonce.subarray(0, nonceLength(keys.cipher)), t.aad, t.ciphertext, t.signature)
  return plain ? {ok: true, value: plain} : {ok: false, error: 'SMB2 TRANSFORM_HEADER: the message does not decrypt (bad tag)'}
}

export {Cipher}
