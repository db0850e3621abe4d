import assert from 'node:assert/strict'
import {createHash, randomBytes} from 'node:crypto'
import {md4, md4Backend, md4Pure} from '../../../src/gather/probes/smb/md4.js'

// RFC 1320, appendix A.5 ("test suite").
const RFC1320: Array<[string, string]> = [
  ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
  ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
  ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
  ['message digest', 'd9130a8164549fe818874806e1c7014b'],
  ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
  ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'e33b4ddc9c38f2199c3e7b164fcc0536'],
]

function nativeMd4(): ((b: Buffer) => Buffer) | null {
  try {
    createHash('md4').update('').digest()
    return (b) => createHash('md4').update(b).digest()
  } catch {
    return null
  }
}

describe('MD4', () => {
  it('the pure TypeScript MD4 gives the RFC 1320 test vectors', () => {
    for (const [input, digest] of RFC1320) assert.equal(md4Pure(Buffer.from(input, 'latin1')).toString('hex'), digest, JSON.stringify(input))
  })

  it('md4() gives the same vectors with whichever backend this Node has', () => {
    for (const [input, digest] of RFC1320) assert.equal(md4(Buffer.from(input, 'latin1')).toString('hex'), digest)
    assert.ok(['openssl', 'typescript'].includes(md4Backend()))
  })

  it('pads correctly around the 55/56/64-byte block boundaries', () => {
    // The NT hash of "password" (a well-known value), then lengths that cross block edges.
    assert.equal(md4Pure(Buffer.from('password', 'utf16le')).toString('hex'), '8846f7eaee8fb117ad06bdd830b7586c')
    const native = nativeMd4()
    for (const n of [54, 55, 56, 57, 63, 64, 65, 119, 120, 121, 128, 1000]) {
      const data = randomBytes(n)
      const ours = md4Pure(data)
      assert.equal(ours.length, 16)
      if (native) assert.deepEqual(ours, native(data), `length ${n}`)
    }
  })

  it('under OpenSSL 3 (Node 20) createHash("md4") is refused, and the fallback is used', function () {
    if (nativeMd4()) this.skip()
    assert.equal(md4Backend(), 'typescript')
  })
})
