import assert from 'node:assert/strict'
import {Smb2Client} from '../../../src/gather/probes/smb/client.js'
import {parseSmb2Messages} from '../../../src/gather/probes/smb/smb2.js'
import {Cipher, decryptMessage, deriveCipherKeys, encryptMessage, parseTransformHeader} from '../../../src/gather/probes/smb/transform.js'
import {smb3Kdf, sha512} from '../../../src/gather/probes/smb/crypto.js'
import {seededRandom} from '../../fixtures/smb/seeded-random.js'
import {replayConnector} from './fake-server.js'
import {type ConnectionCapture, PCAP_CAPTURES, captureKeys, pcapCapture} from './fixtures.js'

const h = (hex: string) => Buffer.from(hex, 'hex')

function ok<T>(p: {ok: true; value: T} | {ok: false; error: string}): T {
  if (!p.ok) assert.fail(p.error)
  return p.value
}

/**
 * Known answers from Microsoft's Open Specifications blog: "Encryption in SMB 3.0: A protocol
 * perspective" (2012-10-05), "SMB 3.1.1 Encryption in Windows 10" (2015-09-09) and "SMB 3.1.1
 * Pre-authentication integrity in Windows 10" (2015-08-11), learn.microsoft.com/archive/blogs/
 * openspecification/. The same vectors are in dell/pike's test_crypto.py.
 */
describe('SMB 3.x encryption: the published test vectors (MS-SMB2 3.1.4.2 keys, 2.2.41 transform header)', () => {
  it('3.1.1 signing key from the session key and the preauth integrity hash', () => {
    const signingKey = smb3Kdf(h('270E1BA896585EEB7AF3472D3B4C75A7'), Buffer.from('SMBSigningKey\0', 'latin1'), h('0DD13628CC3ED218EF9DF9772D436D0887AB9814BFAE63A80AA845F36909DB7928622DDDAD522D9751640A459762C5A9D6BB084CBB3CE6BDADEF5D5BCE3C6C01'))
    assert.equal(signingKey.toString('hex'), '73fe7a9a77bef0bde49c650d8ccb5f76')
    // The preauth hash chain itself: H(0^64 || NEGOTIATE request) of the blog's first message.
    const negotiate = h('FE534D4240000100000000000000800000000000000000000100000000000000FFFE00000000000000000000000000000000000000000000000000000000000024000500000000003F000000ECD86F326276024F9F7752B89BB33F3A70000000020000000202100200030203110300000100260000000000010020000100FA49E6578F1F3A9F4CD3E9CC14A67AA884B3D05844E0E5A118225C15887F32FF00000200060000000000020002000100')
    assert.equal(sha512(Buffer.alloc(64), negotiate).toString('hex').toUpperCase(), 'DD94EFC5321BB618A2E208BA8920D2F422992526947A409B5037DE1E0FE8C7362B8C47122594CDE0CE26AA9DFC8BCDBDE0621957672623351A7540F1E54A0426')
  })

  it('3.0: AES-128-CCM keys, and the decryption of the blog\'s READ response', () => {
    const keys = deriveCipherKeys(0x0300, Cipher.AES_128_CCM, h('B4546771B515F766A86735532DD6C4F0'), null)
    assert.equal(keys.encryptionKey.toString('hex'), '261b72350558f2e9dcf613070383edbf')
    assert.equal(keys.decryptionKey.toString('hex'), '8fe2b57ec34d2db5b1a9727f526bbdb5')
    const t = ok(parseTransformHeader(h('FD534D42A6015530A18F6D9AFFE22AFAE8E6648486000000000000001100001400E4080050000000000001001100001400E40800DBF46435C5F14169293CE079E344479BF670227E49873F458672C3098DAC467DD5809F369D674091665157871483E01F7BECD02064EAC3E235F913668BBC2F097980D4B378F1993EFF6E60D177309E5B')))
    assert.equal(t.sessionId, 0x8e40014000011n)
    assert.equal(ok(decryptMessage(t, keys)).toString('hex').toUpperCase(), 'FE534D4240000100000000000900210009000000000000000400000000000000FFFE0000010000001100001400E408000000000000000000000000000000000011000000170000000000000000000000')
  })

  it('3.1.1: AES-128-GCM keys, the encryption of the blog\'s WRITE request byte for byte, and the decryption of its answer', () => {
    const keys = deriveCipherKeys(0x0311, Cipher.AES_128_GCM, h('419FDDF34C1E001909D362AE7FB6AF79'), h('B23F3CBFD69487D9832B79B1594A367CDD950909B774C3A4C412B4FCEA9EDDDBA7DB256BA2EA30E977F11F9B113247578E0E915C6D2A513B8F2FCA5707DC8770'))
    assert.equal(keys.encryptionKey.toString('hex'), 'a2f5e80e5d59103034f32e52f698e5ec')
    assert.equal(keys.decryptionKey.toString('hex'), '748c50868c90f302962a5c35f5f9a8bf')
    const write = h('FE534D4240000100000000000900010008000000000000000500000000000000FFFE0000010000002500000000100000000000000000000000000000000000003100700017000000000000000000000006000000040000000100000004000000000000000000000070000000000000005' + '36D623320656E6372797074696F6E2074657374696E67')
    const wire = encryptMessage(write, 0x100000000025n, keys, h('C7D6822D269CAF48904C664C'))
    assert.equal(
      wire.toString('hex').toUpperCase(),
      'FD534D42BD73D97D2BC9001BCAFAC0FDFF5FEEBCC7D6822D269CAF48904C664C00000000870000000000010025000000001000006ECDD2A7AFC7B47763057A041B8FD4DAFFE990B70C9E09D36C084E02D14EF247F8BDE38ACF6256F8B1D3B56F77FBDEB312FEA5E92CBCC1ED8FB2EBBFAA75E49A4A394BB44576545567C24D4C014D47C9FBDFDAFD2C4F9B72F8D256452620A299F48E29E53D6B61D1C13A19E91AF013F00D17E3ABC2FC3D36C8C1B6B93973253852DBD442E46EE8',
    )
    const answer = ok(parseTransformHeader(h('FD534D42ACBE1CB7ED343ADF1725EF144D90D4B0E06831DD2E8EB7B400000000000000005000000000000100250000000010000026BBBF949983A6C1C796559D0F2C510CB651D1F7B6AC8DED32A2A0B8F2D793A815C6F6B848D69767A215841A42D400AE6DDB5F0B44173A014973321FDD7950DA6179159B82E03C9E18A050FF0EA1C967')))
    assert.equal(ok(decryptMessage(answer, keys)).toString('hex').toUpperCase(), 'FE534D4240000100000000000900010001000000000000000500000000000000FFFE00000100000025000000001000000000000000000000000000000000000011000000170000000000000000000000')
  })

  it('refuses a transform header that lies about its size or flags, or whose tag does not authenticate it', () => {
    const client = deriveCipherKeys(0x0311, Cipher.AES_128_GCM, Buffer.alloc(16, 1), Buffer.alloc(64, 2))
    // What the client encrypts, the server opens with the same key: its decryption key is the client's encryption key.
    const keys = {cipher: client.cipher, encryptionKey: client.decryptionKey, decryptionKey: client.encryptionKey}
    const wire = encryptMessage(Buffer.alloc(80, 7), 5n, client, Buffer.alloc(12, 3))
    assert.deepEqual(ok(decryptMessage(ok(parseTransformHeader(wire)), keys)), Buffer.alloc(80, 7))
    assert.equal(decryptMessage(ok(parseTransformHeader(wire)), client).ok, false, 'not with the key of the other direction')
    const bigger = Buffer.from(wire)
    bigger.writeUInt32LE(81, 36)
    assert.match((parseTransformHeader(bigger) as {error: string}).error, /OriginalMessageSize 81, but 80 bytes follow/)
    const flags = Buffer.from(wire)
    flags.writeUInt16LE(2, 42)
    assert.equal(parseTransformHeader(flags).ok, false)
    assert.equal(parseTransformHeader(wire.subarray(0, 52)).ok, false)
    assert.equal(parseTransformHeader(Buffer.concat([wire.subarray(0, 52), Buffer.alloc(0)])).ok, false)
    for (const at of [4, 25, 44, 60, wire.length - 1]) {
      const bad = Buffer.from(wire)
      bad[at] = bad[at]! ^ 0x01
      const t = parseTransformHeader(bad)
      assert.ok(!t.ok || !decryptMessage(t.value, keys).ok, `a bit flipped at ${at} is caught`)
    }
  })
})

describe('SMB 3.x encryption against the lab Samba (tcpdump captures of the encrypted share "secure")', () => {
  for (const name of PCAP_CAPTURES.filter((n) => n.startsWith('nas-encrypted'))) {
    const c: ConnectionCapture = pcapCapture(name)

    it(`${name}: every transform message decrypts with the session's keys into an SMB2 answer of that session`, () => {
      const keys = captureKeys(c)
      const transforms = c.connections.flatMap((x) => x.messages).filter((m) => m.kind === 'transform')
      assert.ok(transforms.length >= 4, `${transforms.length} encrypted answers`)
      const commands = transforms.map((m) => {
        const t = ok(parseTransformHeader(h(m.hex)))
        assert.equal(`0x${t.sessionId.toString(16)}`, c.keys!.sessionId)
        return ok(parseSmb2Messages(ok(decryptMessage(t, keys))))[0]!.header.command
      })
      assert.deepEqual(commands, [0x05, 0x0e, 0x0e, 0x06, 0x04], 'CREATE, QUERY_DIRECTORY (names, then no more), CLOSE, TREE_DISCONNECT')
    })

    it(`${name}: replayed offline with the capture's seed, the client encrypts every request after the tree connect and lists the share`, async () => {
      const {connect, log} = replayConnector(c, {keys: captureKeys(c)})
      const client = await Smb2Client.openWith(connect, '192.168.77.30', 445, {stepTimeoutMs: 1000, deadline: Date.now() + 5000, random: seededRandom(c.seed), ciphers: [c.keys!.cipher]})
      await client.negotiate([c.dialect!])
      const s = (await client.sessionSetup('user', c.credentials)).session!
      const t = await client.treeConnect(s, 'secure')
      assert.deepEqual([t.encryptionRequired, t.canEncrypt], [true, true])
      const root = await client.openRootDirectory(s, t.treeId)
      const list = await client.listDirectory(s, t.treeId, root.response!.fileId, 50)
      assert.deepEqual(list.names, c.listed)
      client.close()
      assert.deepEqual(log.violations, [], 'nothing but read-only requests, inside the encryption too')
    })
  }

  it('a tampered encrypted answer fails the step (protocol error), and nothing is listed', async () => {
    const c = pcapCapture('nas-encrypted-gcm')
    const {connect} = replayConnector(c, {
      keys: captureKeys(c),
      mutate: (_i, a) => {
        if (a.readUInt32LE(0) !== 0x424d53fd) return a
        const b = Buffer.from(a)
        b[b.length - 3] = b[b.length - 3]! ^ 0x40
        return b
      },
    })
    const client = await Smb2Client.openWith(connect, '192.168.77.30', 445, {stepTimeoutMs: 1000, deadline: Date.now() + 5000, random: seededRandom(c.seed), ciphers: [c.keys!.cipher]})
    await client.negotiate([c.dialect!])
    const s = (await client.sessionSetup('user', c.credentials)).session!
    const t = await client.treeConnect(s, 'secure')
    await assert.rejects(client.openRootDirectory(s, t.treeId), /does not decrypt/)
    client.close()
  })
})
