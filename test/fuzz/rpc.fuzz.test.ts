import assert from 'node:assert/strict'
import {type AddressInfo, type Server, type Socket, createServer} from 'node:net'
import {nfsToEvidence} from '../../src/gather/probes/nfs/to-evidence.js'
import {parseExportResult} from '../../src/gather/probes/nfs/mount.js'
import {PMAPPROC_DUMP, PMAPPROC_GETPORT, PMAP_PROGRAM, parseDumpResult, parseGetPortResult} from '../../src/gather/probes/nfs/portmap.js'
import {probeNfsHost} from '../../src/gather/probes/nfs/probe.js'
import {RecordDecoder, parseRpcReply, recordMark} from '../../src/gather/probes/nfs/rpc.js'
import {XdrReader} from '../../src/gather/probes/nfs/xdr.js'
import {ScanScope} from '../../src/scope/scope-guard.js'
import {mapLimit} from '../../src/util/concurrency.js'
import {STREAMS, records, stream} from '../unit/nfs/fixtures.js'
import {fuzz, mutate, rng} from './mutate.js'

/**
 * The ONC RPC / XDR parsers of the NFS probe (src/gather/probes/nfs/) meet CASES mutated real
 * replies of the lab's rpcbind and nfs-ganesha (test/fixtures/nfs/, see SOURCES.md) each:
 * record streams, portmapper replies and MOUNT EXPORT replies. None may throw, hang or leave an
 * unhandled rejection. Then whole probes run against a fake server on 127.0.0.1 that answers
 * with mutated replies, closes early, or stays silent.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 10_000)
const PROBES = Number(process.env.FUZZ_PROBES ?? 400)
const MAX_CASE_MS = 500

const lan = {address: '192.168.77.10', cidr: '192.168.77.0/24'}

/** Everything a reply goes through in the probe: reply header, each procedure's results, the evidence. */
function parseAll(message: Buffer): void {
  const reply = parseRpcReply(message)
  const results = reply.ok && reply.value.kind === 'success' ? reply.value.results : message
  parseGetPortResult(results)
  parseDumpResult(results)
  const list = parseExportResult(results)
  if (list.ok) nfsToEvidence({host: '192.168.77.30', reachable: true, portmapper: null, registrations: null, registrationsTruncated: false, nfsVersions: null, nfsPort: null, mount: null, exports: list.value.exports, exportsTruncated: list.value.truncated, error: null}, lan)
}

/** Run one case, timing it: a case slower than MAX_CASE_MS counts as a hang. */
function timed(fn: (input: Buffer) => void): (input: Buffer) => void {
  return (input) => {
    const started = performance.now()
    fn(input)
    const ms = performance.now() - started
    if (ms > MAX_CASE_MS) throw new Error(`case took ${ms.toFixed(0)} ms`)
  }
}

describe(`fuzz: ONC RPC / XDR parsers of the NFS probe (${CASES} mutated lab replies each)`, function () {
  this.timeout(120_000)
  const rejections: unknown[] = []
  const onRejection = (reason: unknown) => rejections.push(reason)
  before(() => process.on('unhandledRejection', onRejection))
  after(() => process.off('unhandledRejection', onRejection))

  it('record-marked streams, fed in random pieces: the decoder and every parser return, never throw', () => {
    const seeds = STREAMS.map((name) => stream(name))
    const random = rng(7)
    const result = fuzz(
      seeds,
      CASES,
      timed((input) => {
        const decoder = new RecordDecoder(64 * 1024)
        for (let at = 0; at < input.length; ) {
          const next = at + 1 + Math.floor(random() * 64)
          const out = decoder.push(input.subarray(at, next))
          if (!out.ok) break
          for (const message of out.value) parseAll(message)
          at = next
        }
      }),
      11,
    )
    assert.equal(result.cases, CASES)
    assert.deepEqual(result.failures, [])
  })

  it('portmapper replies (GETPORT, DUMP)', () => {
    const seeds = [...records('pc-portmap-1'), ...records('pc-portmap-2'), ...records('family-portmap-1')]
    const result = fuzz(seeds, CASES, timed(parseAll), 12)
    assert.equal(result.cases, CASES)
    assert.deepEqual(result.failures, [])
  })

  it('MOUNT replies (EXPORT lists, PROG_MISMATCH, PROC_UNAVAIL, PROG_UNAVAIL) and NFS NULL replies', () => {
    const seeds = [...records('pc-mount-1'), ...records('family-mount-1'), ...records('pc-mount-2'), ...records('pc-nfs-1'), ...records('pc-nfs-2')]
    const result = fuzz(seeds, CASES, timed(parseAll), 13)
    assert.equal(result.cases, CASES)
    assert.deepEqual(result.failures, [])
  })

  it('no unhandled rejection', () => assert.deepEqual(rejections, []))
})

/**
 * A misbehaving RPC server on loopback: portmapper and MOUNT on one port. GETPORT is answered
 * truthfully (its own port, so the probe never goes anywhere else); DUMP and EXPORT get a
 * mutated real reply, then the connection closes, or stays open, or nothing is answered.
 */
function hostileServer(): Promise<{server: Server; port: number; closeAll: () => void}> {
  const getport = records('pc-portmap-1')[0]!
  const dumps = [records('pc-portmap-1')[1]!, records('family-portmap-1')[1]!]
  const exportsReplies = [...records('pc-mount-1'), ...records('family-mount-1'), ...records('pc-mount-2')]
  let connection = 0
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    // Each connection behaves after its own seed, so concurrent probes stay reproducible in sum.
    const random = rng(1000 + connection++)
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
    const mode = Math.floor(random() * 10)
    const decoder = new RecordDecoder()
    socket.on('data', (data) => {
      const calls = decoder.push(data)
      if (!calls.ok) return socket.destroy()
      for (const call of calls.value) {
        const r = new XdrReader(call)
        const xid = call.subarray(0, 4)
        r.u32()
        r.u32()
        r.u32()
        const program = r.u32()
        r.u32()
        const procedure = r.u32()
        let reply: Buffer
        if (program === PMAP_PROGRAM && procedure === PMAPPROC_GETPORT) {
          reply = Buffer.from(getport)
          reply.writeUInt32BE((server.address() as AddressInfo).port, reply.length - 4)
        } else if (mode === 0) continue // silent: the probe's step timeout must end it
        else reply = mutate(program === PMAP_PROGRAM && procedure === PMAPPROC_DUMP ? pick(dumps) : pick(exportsReplies), random)
        if (reply.length >= 4) xid.copy(reply, 0)
        // Sometimes the framing itself is mutated, sometimes several fragments or records are sent.
        const framed = mode === 1 ? mutate(recordMark(reply), random) : mode === 2 ? Buffer.concat([recordMark(reply), recordMark(reply)]) : recordMark(reply)
        socket.write(framed)
        if (mode === 3) socket.end()
      }
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        closeAll: () => {
          for (const s of sockets) s.destroy()
        },
      }),
    ),
  )
}

describe(`fuzz: whole NFS probes against a misbehaving RPC server on 127.0.0.1 (${PROBES} probes)`, function () {
  this.timeout(120_000)

  it('every probe resolves within its deadline with a result; nothing throws or is left unhandled', async () => {
    const rejections: unknown[] = []
    const onRejection = (reason: unknown) => rejections.push(reason)
    process.on('unhandledRejection', onRejection)
    const {server, port, closeAll} = await hostileServer()
    const scope = ScanScope.fromCidr('127.0.0.1/32')
    const failures: string[] = []
    let done = 0
    try {
      // 16 at a time: most cases wait for a step timeout, which costs no CPU.
      await mapLimit(
        Array.from({length: PROBES}, (_, i) => i),
        16,
        async (i) => {
          const started = Date.now()
          let timer: NodeJS.Timeout | undefined
          const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), 10_000)))
          const probe = probeNfsHost(scope, '127.0.0.1', {portmapperPort: port, nfsPort: port, nfsPortOpen: true, stepTimeoutMs: 60, deadlineMs: 800})
          const outcome = await Promise.race([probe, hang]).catch((e: unknown) => `threw ${String(e)}`)
          clearTimeout(timer)
          if (typeof outcome === 'string') failures.push(`probe ${i}: ${outcome}`)
          else if (Date.now() - started > 5000) failures.push(`probe ${i}: took ${Date.now() - started} ms (deadline 800 ms)`)
          else done++
        },
      )
    } finally {
      process.off('unhandledRejection', onRejection)
      closeAll()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
    assert.deepEqual(failures.slice(0, 5), [])
    assert.equal(done, PROBES)
    assert.deepEqual(rejections, [])
  })
})
