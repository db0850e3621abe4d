import assert from 'node:assert/strict'
import {canRead, canWrite} from '../../../src/gather/probes/smb/access-mask.js'
import {type Pdu, parseBindAck, parseNetShareEnumAll, parsePdus, responseStub} from '../../../src/gather/probes/smb/dcerpc.js'
import {parseChallengeMessage} from '../../../src/gather/probes/smb/ntlm.js'
import {FrameDecoder, frame, parseFrames} from '../../../src/gather/probes/smb/netbios.js'
import {probeSmbHostWith} from '../../../src/gather/probes/smb/probe.js'
import {parseSessionResponse} from '../../../src/gather/probes/smb/nbss.js'
import {type Smb1Message, parseSmb1Message, parseSmb1NegotiateDetails, parseSmb1NegotiateResponse} from '../../../src/gather/probes/smb/smb1.js'
import {parseFindFirstNames, parseOpenPipe, parseReadAndX, parseSessionSetupAndX, parseTransactionResponse, parseTreeConnectAndX} from '../../../src/gather/probes/smb/smb1-commands.js'
import {decryptMessage, parseTransformHeader} from '../../../src/gather/probes/smb/transform.js'
import {
  Command,
  Status,
  parseCreateResponse,
  parseErrorResponse,
  parseIoctlResponse,
  parseValidateNegotiateOutput,
  parseNegotiateResponse,
  parseQueryDirectoryResponse,
  parseReadResponse,
  parseSessionSetupResponse,
  parseSmb2Messages,
  parseTreeConnectResponse,
} from '../../../src/gather/probes/smb/smb2.js'
import {parseSpnego} from '../../../src/gather/probes/smb/spnego.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
import {seededRandom} from '../../fixtures/smb/seeded-random.js'
import {replayConnector} from './fake-server.js'
import {PCAP_CAPTURES, allMessages, capture, captureKeys, messages, pcapCapture, pcapMessages} from './fixtures.js'
import {uniform} from '../../helpers/mulberry32.js'

/**
 * Mutation fuzzing on the responses captured from the lab Samba: truncations, bit flips,
 * inflated length/offset/count fields, overwritten bytes and random data. Every parser must
 * return {ok} or {ok: false} (never throw), quickly, with its output within its caps.
 */

const VARIANTS = 10_000
// Generous: the machine is shared; a hang or a quadratic blow-up still takes far longer.
const MAX_CALL_MS = 500


const INFLATED = [0xff, 0xffff, 0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 0x100000, 0x1000001]

export type MutationKind = 'truncate' | 'bitflip' | 'inflate' | 'overwrite' | 'random' | 'inflate+truncate'
const KINDS: MutationKind[] = ['truncate', 'bitflip', 'inflate', 'overwrite', 'random', 'inflate+truncate']

export function mutate(rng: () => number, base: Buffer, kind: MutationKind = KINDS[Math.floor(rng() * KINDS.length)]!): Buffer {
  const pick = (n: number) => Math.floor(rng() * n)
  switch (kind) {
    case 'truncate':
      return Buffer.from(base.subarray(0, pick(base.length + 1)))
    case 'bitflip': {
      const b = Buffer.from(base)
      if (!b.length) return b
      for (let i = 1 + pick(8); i > 0; i--) {
        const at = pick(b.length)
        b[at] = b[at]! ^ (1 << pick(8))
      }
      return b
    }
    case 'inflate':
    case 'inflate+truncate': {
      // Overwrite an aligned 2- or 4-byte field with a huge value, the length, or length + 1.
      const b = Buffer.from(base)
      const width = rng() < 0.5 ? 2 : 4
      if (b.length < width) return b
      const at = pick(Math.floor(b.length / width)) * width
      const candidates = [...INFLATED, base.length, base.length + 1, base.length - at, pick(0x10000)]
      const value = candidates[pick(candidates.length)]! >>> 0
      if (width === 2) b.writeUInt16LE(value & 0xffff, at)
      else b.writeUInt32LE(value, at)
      return kind === 'inflate' ? b : Buffer.from(b.subarray(0, pick(b.length + 1)))
    }
    case 'overwrite': {
      const b = Buffer.from(base)
      for (let i = 1 + pick(4); i > 0 && b.length; i--) b[pick(b.length)] = [0, 0xff, pick(256)][pick(3)]!
      return b
    }
    case 'random': {
      // Random bytes, sometimes behind a valid-looking prefix of the original.
      const keep = rng() < 0.5 ? pick(Math.min(base.length, 96) + 1) : 0
      const tail = Buffer.alloc(pick(600))
      for (let i = 0; i < tail.length; i++) tail[i] = pick(256)
      return Buffer.concat([base.subarray(0, keep), tail])
    }
  }
}

interface Target {
  name: string
  bases: Buffer[]
  /** Calls the parser; returns a number the test checks against its cap (or 0). */
  run: (input: Buffer) => {ok: boolean; size: number; cap: number}
}

const ok = <T>(p: {ok: true; value: T} | {ok: false; error: string}): T => {
  if (!p.ok) throw new Error(p.error)
  return p.value
}

function pduOf(body: Buffer, ptype: number, flags = 3): Pdu {
  return {ptype, flags, fragLength: body.length + 16, callId: 2, body}
}

function targets(): Target[] {
  const all = allMessages()
  const smb2 = all.filter((m) => m.kind === 'smb2').map((m) => m.bytes)
  const negotiates = messages(Command.NEGOTIATE)
  const setups = [...messages(Command.SESSION_SETUP, Status.MORE_PROCESSING_REQUIRED), ...messages(Command.SESSION_SETUP)]
  const blobs = [...negotiates.map((m) => ok(parseNegotiateResponse(m)).securityBuffer), ...setups.map((m) => ok(parseSessionSetupResponse(m)).securityBuffer)].filter((b) => b.length)
  const challenges = messages(Command.SESSION_SETUP, Status.MORE_PROCESSING_REQUIRED).map((m) => ok(parseSpnego(ok(parseSessionSetupResponse(m)).securityBuffer)).mechToken!)
  const ioctlOutputs = [...messages(Command.IOCTL), ...messages(Command.IOCTL, Status.BUFFER_OVERFLOW)].map((m) => ok(parseIoctlResponse(m)).output)
  const reads = messages(Command.READ)
  const overflow = ok(parseIoctlResponse(messages(Command.IOCTL, Status.BUFFER_OVERFLOW)[0]!)).output
  const joined = Buffer.concat([overflow, ...reads.map((r) => ok(parseReadResponse(r)).data)])
  const pduStreams = [...ioctlOutputs.filter((o) => ok(parsePdus(o)).pdus.length), joined]
  const responsePdus = pduStreams.flatMap((s) => ok(parsePdus(s)).pdus).filter((p) => p.ptype === 2)
  const bindAcks = pduStreams.flatMap((s) => ok(parsePdus(s)).pdus).filter((p) => p.ptype === 12)
  const stubs = responsePdus.map((p) => ok(responseStub([p], p.callId))).flatMap((s) => ('stub' in s ? [s.stub] : []))
  const errors = all.filter((m) => m.kind === 'smb2' && m.status !== 0 && m.status !== Status.MORE_PROCESSING_REQUIRED && m.status !== Status.BUFFER_OVERFLOW && m.status !== Status.PENDING).map((m) => m.bytes)
  const smb1 = all.filter((m) => m.kind === 'smb1').map((m) => m.bytes)
  const streams = [Buffer.concat(smb2.slice(0, 6).map(frame)), Buffer.concat(smb2.slice(20, 30).map(frame)), frame(smb2[0]!)]
  const simple = (name: string, bases: Buffer[], fn: (b: Buffer) => {ok: boolean}): Target => ({name, bases, run: (b) => ({ok: fn(b).ok, size: 0, cap: 0})})

  return [
    {
      name: 'NetBIOS parseFrames',
      bases: streams,
      run: (b) => {
        const r = parseFrames(b)
        return {ok: r.ok, size: r.ok ? r.value.frames.reduce((n, f) => n + f.length, 0) : 0, cap: b.length}
      },
    },
    {
      name: 'NetBIOS FrameDecoder (random chunking)',
      bases: streams,
      run: (b) => {
        const d = new FrameDecoder()
        let frames = 0
        let good = true
        for (let i = 0; i < b.length; ) {
          const n = 1 + ((b[i]! * 7 + i) % 97)
          const r = d.push(b.subarray(i, i + n))
          if (!r.ok) {
            good = false
            break
          }
          frames += r.value.length
          i += n
        }
        return {ok: good, size: frames, cap: Math.ceil(b.length / 4) + 1}
      },
    },
    {
      name: 'parseSmb2Messages',
      bases: smb2,
      run: (b) => {
        const r = parseSmb2Messages(b)
        return {ok: r.ok, size: r.ok ? r.value.length : 0, cap: 32}
      },
    },
    simple('parseNegotiateResponse', negotiates, parseNegotiateResponse),
    simple('parseSessionSetupResponse', setups, parseSessionSetupResponse),
    simple('parseSpnego', blobs, parseSpnego),
    simple('parseChallengeMessage (NTLMSSP)', challenges, parseChallengeMessage),
    simple('parseTreeConnectResponse', messages(Command.TREE_CONNECT), parseTreeConnectResponse),
    simple('parseCreateResponse', messages(Command.CREATE), parseCreateResponse),
    {
      name: 'parseQueryDirectoryResponse',
      bases: messages(Command.QUERY_DIRECTORY),
      run: (b) => {
        const r = parseQueryDirectoryResponse(b, 50)
        return {ok: r.ok, size: r.ok ? r.value.names.length : 0, cap: 50}
      },
    },
    simple('parseIoctlResponse', [...messages(Command.IOCTL), ...messages(Command.IOCTL, Status.BUFFER_OVERFLOW)], parseIoctlResponse),
    simple('parseValidateNegotiateOutput (FSCTL_VALIDATE_NEGOTIATE_INFO)', validateNegotiateOutputs(), parseValidateNegotiateOutput),
    simple('parseReadResponse', reads, parseReadResponse),
    simple('parseErrorResponse', errors, parseErrorResponse),
    {
      name: 'DCE/RPC parsePdus',
      bases: pduStreams,
      run: (b) => {
        const r = parsePdus(b)
        return {ok: r.ok, size: r.ok ? r.value.pdus.length : 0, cap: 512}
      },
    },
    simple('DCE/RPC parseBindAck', bindAcks.map((p) => p.body), (b) => parseBindAck(pduOf(b, 12))),
    simple('DCE/RPC responseStub', responsePdus.map((p) => p.body), (b) => responseStub([pduOf(b, 2)], 2)),
    {
      name: 'srvsvc parseNetShareEnumAll (NDR)',
      bases: stubs,
      run: (b) => {
        const r = parseNetShareEnumAll(b)
        return {ok: r.ok, size: r.ok ? r.value.shares.length : 0, cap: 256}
      },
    },
    simple('parseSmb1NegotiateResponse', smb1, parseSmb1NegotiateResponse),
    ...smb1Targets(),
    ...transformTargets(),
    simple('NetBIOS parseSessionResponse (TCP 139)', nbssBases(), parseSessionResponse),
  ]
}

/** Samba's real answer to FSCTL_VALIDATE_NEGOTIATE_INFO (the 3.0.2 capture), its 24-byte output. */
function validateNegotiateOutputs(): Buffer[] {
  const answers = pcapMessages().filter((m) => m.from === 'nas-encrypted-3.0.2' && m.kind === 'smb2' && m.command === Command.IOCTL && m.status === 0)
  const outputs = answers.map((m) => ok(parseIoctlResponse(m.bytes)).output)
  if (outputs.length !== 1 || outputs[0]!.length !== 24) throw new Error('the 3.0.2 capture should hold one VALIDATE_NEGOTIATE_INFO answer')
  return outputs
}

/** The SMB1 parsers, on the answers of the SMB1-only lab Samba (tcpdump captures). */
function smb1Targets(): Target[] {
  // The SMB1-only server's answers (the NetBIOS capture has only an SMB1 NEGOTIATE refusal).
  const smb1 = pcapMessages().filter((m) => m.kind === 'smb1' && m.from.startsWith('oldnas'))
  const of = (command: number, success = true) => smb1.filter((m) => m.command === command && (!success || m.status === 0 || m.status === 0x80000005 || m.status === 0xc0000016)).map((m) => m.bytes)
  /** Parse the message, then the command's own parser (an unparsable message counts as rejected). */
  const via = <T>(fn: (m: Smb1Message) => {ok: true; value: T} | {ok: false; error: string}) => (b: Buffer) => {
    const m = parseSmb1Message(b)
    return m.ok ? fn(m.value) : m
  }
  const simple = (name: string, bases: Buffer[], fn: (b: Buffer) => {ok: boolean}): Target => ({name, bases, run: (b) => ({ok: fn(b).ok, size: 0, cap: 0})})
  return [
    simple('SMB1 parseSmb1Message', smb1.map((m) => m.bytes), parseSmb1Message),
    simple('SMB1 parseSmb1NegotiateDetails', of(0x72), parseSmb1NegotiateDetails),
    simple('SMB1 parseSessionSetupAndX', of(0x73), via(parseSessionSetupAndX)),
    simple('SMB1 parseTreeConnectAndX', of(0x75), via(parseTreeConnectAndX)),
    simple('SMB1 parseOpenPipe (NT_CREATE_ANDX)', of(0xa2), via(parseOpenPipe)),
    {
      name: 'SMB1 parseTransactionResponse',
      bases: [...of(0x25), ...of(0x32)],
      run: (b) => {
        const r = via(parseTransactionResponse)(b)
        return {ok: r.ok, size: r.ok ? r.value.parameters.length + r.value.data.length : 0, cap: b.length}
      },
    },
    {
      name: 'SMB1 parseFindFirstNames (TRANS2_FIND_FIRST2)',
      bases: of(0x32),
      run: (b) => {
        const r = via((m) => {
          const t = parseTransactionResponse(m)
          return t.ok ? parseFindFirstNames(t.value.parameters, t.value.data, 50) : t
        })(b)
        return {ok: r.ok, size: r.ok ? r.value.names.length : 0, cap: 50}
      },
    },
    {
      name: 'SMB1 parseReadAndX',
      bases: of(0x2e),
      run: (b) => {
        const r = via(parseReadAndX)(b)
        return {ok: r.ok, size: r.ok ? r.value.data.length : 0, cap: b.length}
      },
    },
  ]
}

/** The transform header and the decryption, on the encrypted answers of the lab Samba, with each capture's keys. */
function transformTargets(): Target[] {
  return PCAP_CAPTURES.filter((n) => n.startsWith('nas-encrypted')).map((name) => {
    const c = pcapCapture(name)
    const keys = captureKeys(c)
    return {
      name: `transform header + decryption (${name})`,
      bases: c.connections.flatMap((x) => x.messages).filter((m) => m.kind === 'transform').map((m) => Buffer.from(m.hex, 'hex')),
      run: (b: Buffer) => {
        const t = parseTransformHeader(b)
        const plain = t.ok ? decryptMessage(t.value, keys) : t
        return {ok: plain.ok, size: plain.ok ? plain.value.length : 0, cap: b.length}
      },
    }
  })
}

/** The session answers on TCP 139: Samba's captured positive answers, and a negative and a retarget built from RFC 1002. */
function nbssBases(): Buffer[] {
  const captured = pcapMessages().filter((m) => m.kind === 'nbss').map((m) => Buffer.concat([Buffer.from([m.command!, 0, 0, m.bytes.length]), m.bytes]))
  return [...captured, Buffer.from([0x83, 0, 0, 1, 0x82]), Buffer.from([0x84, 0, 0, 6, 192, 168, 77, 34, 0, 139])]
}

describe('SMB parsers under mutation fuzzing (captured lab responses)', function () {
  this.timeout(120_000)
  const list = targets()
  const counts: Record<string, number> = {}

  after(() => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    console.log(`      fuzzed ${Object.keys(counts).length} parsers, ${total} variants in all`)
  })

  for (const t of list) {
    it(`${t.name}: ${VARIANTS} variants from ${t.bases.length} captured base(s), no exception, bounded time and output`, () => {
      assert.ok(t.bases.length > 0, 'there is captured input for this parser')
      for (const base of t.bases) assert.ok(t.run(base).ok, 'the unmutated capture parses')
      const rng = uniform(0x5eed ^ t.name.length * 7919)
      let slowest = 0
      let rejected = 0
      for (let i = 0; i < VARIANTS; i++) {
        const base = t.bases[i % t.bases.length]!
        const input = mutate(rng, base)
        const started = performance.now()
        let out: ReturnType<Target['run']>
        try {
          out = t.run(input)
        } catch (error) {
          assert.fail(`variant ${i} (${input.toString('hex').slice(0, 120)}…) threw ${error}`)
        }
        const took = performance.now() - started
        slowest = Math.max(slowest, took)
        assert.ok(took < MAX_CALL_MS, `variant ${i} took ${took.toFixed(1)} ms`)
        assert.ok(out.size <= (out.cap || 0) || out.cap === 0, `variant ${i}: output ${out.size} over the cap ${out.cap}`)
        if (!out.ok) rejected++
      }
      counts[t.name] = VARIANTS
      assert.ok(rejected > 0, 'some variants were rejected (the mutations do reach the checks)')
    })
  }
})

describe('the whole probe against a mutating in-memory server (no network)', function () {
  this.timeout(180_000)
  const scope = ScanScope.fromCidr('192.168.77.0/24')
  const RUNS = 1500

  it(`${RUNS} replays of the nas and family captures with one answer mutated or re-chunked: never throws, never passes the deadline, never sends a write`, async () => {
    const rng = uniform(0xc0ffee)
    const sources = [capture('nas-probe'), capture('family-probe')]
    const outcomes: Record<string, number> = {}
    for (let run = 0; run < RUNS; run++) {
      const source = sources[run % 2]!
      const target = Math.floor(rng() * source.messages.length)
      const kind = KINDS[Math.floor(rng() * KINDS.length)]!
      const {connect, log} = replayConnector(source, {
        mutate: (i, answer) => (i === target ? mutate(rng, answer, kind) : answer),
        chunk: rng() < 0.2 ? 1 + Math.floor(rng() * 40) : undefined,
      })
      const deadlineMs = 400
      const started = Date.now()
      const credentials = run % 2 ? {user: 'halabuser', password: 'halab-Passw0rd'} : undefined
      const r = await probeSmbHostWith(scope, connect, run % 2 ? '192.168.77.21' : '192.168.77.30', {stepTimeoutMs: 40, deadlineMs, credentials})
      const took = Date.now() - started
      assert.ok(took <= deadlineMs + 100, `run ${run}: ${took} ms`)
      assert.deepEqual(log.violations, [], `run ${run}`)
      assert.ok(r.shares.length <= 256)
      for (const s of r.shares) assert.ok((s.evidence.listedEntries?.names.length ?? 0) <= 10)
      // Whatever the server said, a verdict always rests on the evidence it shows.
      for (const s of r.shares) {
        const mask = s.evidence.maximalAccess === null ? null : Number.parseInt(s.evidence.maximalAccess, 16)
        if (s.access === 'anonymous-write') assert.ok(mask !== null && canWrite(mask), `run ${run}: ${s.name} write without write bits`)
        if (s.access === 'anonymous-read') assert.ok(s.evidence.listedEntries || (mask !== null && canRead(mask)), `run ${run}: ${s.name}`)
        if (s.access === 'anonymous-read' || s.access === 'anonymous-write') assert.ok(s.evidence.session === 'anonymous' || s.evidence.session === 'guest')
      }
      if (credentials) assert.ok(!JSON.stringify(r).includes(credentials.password))
      const key = r.error ? r.error.split(':')[0]! : 'completed'
      outcomes[key] = (outcomes[key] ?? 0) + 1
    }
    console.log(`      outcomes: ${JSON.stringify(outcomes)}`)
    assert.ok((outcomes.completed ?? 0) > 0 && Object.keys(outcomes).length > 1)
  })

  const MORE_RUNS = 800
  it(`${MORE_RUNS} replays of the SMB1-only server and of the NetBIOS (TCP 139) server, one answer mutated or re-chunked: the same guarantees`, async () => {
    const rng = uniform(0x5eb1)
    const scenarios = [
      {c: pcapCapture('oldnas-smb1-probe'), ip: '192.168.77.33', port: 445},
      {c: pcapCapture('landisk-netbios-probe'), ip: '192.168.77.34', port: 139},
    ]
    const outcomes: Record<string, number> = {}
    for (let run = 0; run < MORE_RUNS; run++) {
      const {c, ip, port} = scenarios[run % 2]!
      const total = c.connections.reduce((n, x) => n + x.messages.length, 0)
      const target = Math.floor(rng() * total)
      const kind = KINDS[Math.floor(rng() * KINDS.length)]!
      const {connect, log} = replayConnector(c, {
        mutate: (i, answer) => (i === target ? mutate(rng, answer, kind) : answer),
        chunk: rng() < 0.2 ? 1 + Math.floor(rng() * 40) : undefined,
      })
      const deadlineMs = 400
      const started = Date.now()
      const r = await probeSmbHostWith(scope, connect, ip, {port, netbiosName: 'LANDISK', stepTimeoutMs: 40, deadlineMs, credentials: c.credentials, random: seededRandom(c.seed)})
      assert.ok(Date.now() - started <= deadlineMs + 100, `run ${run}: ${Date.now() - started} ms`)
      assert.deepEqual(log.violations, [], `run ${run}`)
      for (const s of r.shares) {
        const mask = s.evidence.maximalAccess === null ? null : Number.parseInt(s.evidence.maximalAccess, 16)
        if (s.access === 'anonymous-write') assert.ok(mask !== null && canWrite(mask), `run ${run}: ${s.name} write without write bits`)
        if (s.access === 'anonymous-read') assert.ok(s.evidence.listedEntries || (mask !== null && canRead(mask)), `run ${run}: ${s.name}`)
        assert.ok((s.evidence.listedEntries?.names.length ?? 0) <= 10)
      }
      assert.ok(!JSON.stringify(r).includes(c.credentials.password))
      const key = `${r.protocol ?? 'none'} ${r.error ? r.error.split(':')[0]! : 'completed'}`
      outcomes[key] = (outcomes[key] ?? 0) + 1
    }
    console.log(`      outcomes: ${JSON.stringify(outcomes)}`)
    assert.ok((outcomes['smb1 completed'] ?? 0) > 0 && (outcomes['smb2 completed'] ?? 0) > 0 && Object.keys(outcomes).length > 2)
  })
})
