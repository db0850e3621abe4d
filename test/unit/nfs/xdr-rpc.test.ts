import assert from 'node:assert/strict'
import {MAX_FRAGMENTS, RecordDecoder, parseRpcReply, recordMark, rpcCall} from '../../../src/gather/probes/nfs/rpc.js'
import {XdrReader, XdrWriter, safeParse} from '../../../src/gather/probes/nfs/xdr.js'
import {records, stream} from './fixtures.js'

describe('NFS probe: XDR and ONC RPC on the lab captures', () => {
  it('XDR: strings are padded to four bytes, lengths over the cap, missing padding and non-boolean bools are errors', () => {
    const b = new XdrWriter().string('abcde').u32(1).toBuffer()
    assert.equal(b.toString('hex'), '000000056162636465000000' + '00000001')
    const r = new XdrReader(b)
    assert.equal(r.string(8), 'abcde')
    assert.equal(r.bool(), true)
    assert.equal(r.remaining, 0)
    const capped = safeParse('x', () => new XdrReader(b).string(4))
    assert.ok(!capped.ok && /more than the 4-byte limit/.test(capped.error))
    assert.equal(safeParse('x', () => new XdrReader(b.subarray(0, 10)).string(8)).ok, false)
    assert.equal(safeParse('x', () => new XdrReader(Buffer.from('00000002', 'hex')).bool()).ok, false)
    assert.equal(safeParse('x', () => new XdrReader(Buffer.alloc(3)).u32()).ok, false)
  })

  it('a CALL carries xid, CALL, RPC v2, program, version, procedure, AUTH_NONE or AUTH_SYS as nobody (65534)', () => {
    const none = new XdrReader(rpcCall(7, 100005, 3, 5, Buffer.alloc(0)))
    assert.deepEqual([none.u32(), none.u32(), none.u32(), none.u32(), none.u32(), none.u32(), none.u32(), none.opaque(400).length, none.u32(), none.opaque(400).length, none.remaining], [7, 0, 2, 100005, 3, 5, 0, 0, 0, 0, 0])
    const sys = new XdrReader(rpcCall(8, 100005, 3, 5, Buffer.alloc(0), 'sys'))
    for (let i = 0; i < 6; i++) sys.u32()
    assert.equal(sys.u32(), 1)
    const body = new XdrReader(sys.opaque(400))
    assert.deepEqual([body.u32(), body.string(255), body.u32(), body.u32(), body.u32(), body.remaining], [0, 'homeaudit', 65534, 65534, 0, 0])
    assert.equal(recordMark(Buffer.alloc(5)).readUInt32BE(0), 0x80000005)
  })

  it('real replies: success with results, PROG_MISMATCH with the range, PROC_UNAVAIL, PROG_UNAVAIL', () => {
    const [exportReply] = records('pc-mount-1')
    const ok = parseRpcReply(exportReply!)
    assert.ok(ok.ok && ok.value.kind === 'success' && ok.value.results.length === exportReply!.length - 24)
    const kinds = records('pc-mount-2').map((m) => parseRpcReply(m))
    assert.deepEqual(
      kinds.map((k) => (k.ok ? k.value : null)).map((v) => (v && 'low' in v ? [v.kind, v.low, v.high] : [v?.kind])),
      [['prog-mismatch', 1, 3], ['proc-unavail'], ['prog-unavail']],
    )
    const nfs = parseRpcReply(records('pc-nfs-2')[0]!)
    assert.ok(nfs.ok && nfs.value.kind === 'prog-mismatch' && nfs.value.low === 3 && nfs.value.high === 4)
    const ping = parseRpcReply(records('pc-nfs-1')[0]!)
    assert.ok(ping.ok && ping.value.kind === 'success' && ping.value.results.length === 0)
  })

  it('denied replies (built from RFC 5531, none was captured): AUTH_ERROR and RPC_MISMATCH; a CALL or garbage is no reply', () => {
    const auth = parseRpcReply(new XdrWriter().u32(9).u32(1).u32(1).u32(1).u32(5).toBuffer())
    assert.deepEqual(auth.ok && auth.value, {xid: 9, kind: 'auth-error', authStat: 5})
    const rpc = parseRpcReply(new XdrWriter().u32(9).u32(1).u32(1).u32(0).u32(2).u32(2).toBuffer())
    assert.deepEqual(rpc.ok && rpc.value, {xid: 9, kind: 'rpc-mismatch', low: 2, high: 2})
    assert.equal(parseRpcReply(rpcCall(1, 100000, 2, 0, Buffer.alloc(0))).ok, false)
    assert.equal(parseRpcReply(Buffer.from('0000000100000001000000070000', 'hex')).ok, false)
  })

  it('record marking: the real streams split at every byte give the same records; a record in several fragments is joined', () => {
    const bytes = stream('pc-mount-2')
    const whole = records('pc-mount-2')
    assert.equal(whole.length, 3)
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new RecordDecoder()
      const a = d.push(bytes.subarray(0, cut))
      const b = d.push(bytes.subarray(cut))
      assert.ok(a.ok && b.ok)
      assert.deepEqual([...a.value, ...b.value], whole)
    }
    const [message] = records('family-mount-1')
    const frag = (part: Buffer, last: boolean) => Buffer.concat([Buffer.from([(last ? 0x80 : 0) | 0, 0, (part.length >> 8) & 0xff, part.length & 0xff]), part])
    const split = Buffer.concat([frag(message!.subarray(0, 10), false), frag(Buffer.alloc(0), false), frag(message!.subarray(10, 50), false), frag(message!.subarray(50), true)])
    const joined = new RecordDecoder().push(split)
    assert.ok(joined.ok)
    assert.deepEqual(joined.value, [message])
  })

  it('record marking caps: a fragment larger than the record cap, or too many fragments, fail and stay failed', () => {
    const big = new RecordDecoder(1024).push(Buffer.from('800004010000', 'hex'))
    assert.deepEqual(big, {ok: false, error: 'RPC record larger than 1024 bytes'})
    const empties = Buffer.alloc(4 * (MAX_FRAGMENTS + 1))
    const d = new RecordDecoder()
    const r = d.push(empties)
    assert.equal(r.ok, false)
    assert.equal(d.push(recordMark(Buffer.alloc(4))).ok, false)
  })
})
