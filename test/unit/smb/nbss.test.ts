import assert from 'node:assert/strict'
import {EventEmitter} from 'node:events'
import {GENERIC_SERVER_NAME, encodeNetbiosName, isValidNetbiosName, parseSessionResponse, sessionRequest} from '../../../src/gather/probes/smb/nbss.js'
import {calledNamesFor, probeSmbHostWith} from '../../../src/gather/probes/smb/probe.js'
import {NetbiosSessionError, SmbError, type SocketLike, Transport, openTransport} from '../../../src/gather/probes/smb/transport.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
import {seededRandom} from '../../fixtures/smb/seeded-random.js'
import {replayConnector} from './fake-server.js'
import {type ConnectionCapture, pcapCapture} from './fixtures.js'

function ok<T>(p: {ok: true; value: T} | {ok: false; error: string}): T {
  if (!p.ok) assert.fail(p.error)
  return p.value
}

/** A socket that records what the client writes and answers with given bytes. */
class ScriptedSocket extends EventEmitter implements SocketLike {
  written: Buffer[] = []
  destroyed = false

  constructor(private readonly reply: (data: Buffer) => Buffer[] | null) {
    super()
  }

  write(data: Buffer): boolean {
    this.written.push(Buffer.from(data))
    const answer = this.reply(data)
    if (answer) setImmediate(() => answer.forEach((a) => this.emit('data', a)))
    return true
  }

  destroy(): this {
    this.destroyed = true
    return this
  }
}

const scope = ScanScope.fromCidr('192.168.77.0/24')

describe('NetBIOS session service (RFC 1002) for SMB over TCP 139', () => {
  it('encodes names as RFC 1001 14.1 says (first-level encoding, space padding, suffix byte)', () => {
    // RFC 1001 14.1's own example: "FRED" padded with spaces encodes as EGFCEFEE followed by CA × 12.
    assert.equal(encodeNetbiosName('FRED', 0x20).subarray(1, 33).toString('latin1'), `EGFCEFEE${'CA'.repeat(12)}`)
    const generic = encodeNetbiosName(GENERIC_SERVER_NAME, 0x20)
    assert.equal(generic.length, 34)
    assert.deepEqual([generic[0], generic[33]], [32, 0], 'length 32, then the empty scope')
    assert.equal(generic.subarray(1, 33).toString('latin1'), 'CKFDENECFDEFFCFGEFFCCACACACACACA', '*SMBSERVER<20> as Windows and Samba send it')
    assert.equal(encodeNetbiosName('landisk', 0x20).subarray(1, 33).toString('latin1'), encodeNetbiosName('LANDISK', 0x20).subarray(1, 33).toString('latin1'), 'upper-cased')
    const req = sessionRequest('LANDISK')
    assert.deepEqual([req[0], req[1], req.readUInt16BE(2), req.length], [0x81, 0, 68, 72])
  })

  it('uses a learned name only when it is a valid NetBIOS name; *SMBSERVER is always the fallback', () => {
    assert.deepEqual(calledNamesFor('LANDISK'), ['LANDISK', GENERIC_SERVER_NAME])
    assert.deepEqual(calledNamesFor(' ls-wxl '), ['LS-WXL', GENERIC_SERVER_NAME])
    for (const bad of [null, undefined, '', 'A'.repeat(16), 'evil\u001b[31m', 'x.y', '*SMBSERVER']) assert.deepEqual(calledNamesFor(bad), [GENERIC_SERVER_NAME], String(bad))
    assert.equal(isValidNetbiosName('DESKTOP-1A2B3C'), true)
    assert.throws(() => encodeNetbiosName('a\nb', 0x20), RangeError)
  })

  it('parses the captured positive answer of Samba, and negative / retarget answers built from RFC 1002 4.3.4-4.3.5', () => {
    const captured = pcapCapture('landisk-netbios-probe').connections.map((c) => c.messages[0]!)
    for (const m of captured) {
      assert.deepEqual([m.kind, m.command, m.hex], ['nbss', 0x82, ''])
      assert.deepEqual(ok(parseSessionResponse(Buffer.from([0x82, 0, 0, 0]))), {response: {outcome: 'positive'}, consumed: 4})
    }
    assert.deepEqual(ok(parseSessionResponse(Buffer.from([0x83, 0, 0, 1, 0x82]))), {response: {outcome: 'negative', code: 0x82, reason: 'called name not present'}, consumed: 5})
    const retarget = ok(parseSessionResponse(Buffer.from([0x84, 0, 0, 6, 8, 8, 8, 8, 0, 139])))!.response
    assert.equal(retarget.outcome, 'retarget')
    assert.match((retarget as {reason: string}).reason, /8\.8\.8\.8:139.*never follows/)
    assert.equal(ok(parseSessionResponse(Buffer.from([0x82, 0]))), null, 'incomplete: wait for more')
    for (const bad of [[0x00, 0, 0, 0], [0x82, 0, 0, 1, 0], [0x83, 0, 0, 0], [0x82, 0x02, 0, 0], [0x83, 0, 0xff, 0xff], [0xff, 0, 0, 0]]) {
      assert.equal(parseSessionResponse(Buffer.from(bad)).ok, false, Buffer.from(bad).toString('hex'))
    }
  })

  it('the transport: a positive answer lets SMB frames through (even in the same read); a negative one fails as nbss-refused; silence times out', async () => {
    const smb = Buffer.from('fe534d42', 'hex')
    const framed = Buffer.concat([Buffer.from([0, 0, 0, smb.length]), smb])
    const positive = new ScriptedSocket((d) => (d[0] === 0x81 ? [Buffer.concat([Buffer.from([0x82, 0, 0, 0]), framed])] : null))
    const t = new Transport(positive)
    await t.netbiosSession('LANDISK', 1000)
    assert.deepEqual(await t.next(1000), smb, 'bytes after the positive answer are the first SMB frame')
    assert.equal(positive.written[0]!.length, 72)

    const negative = new Transport(new ScriptedSocket(() => [Buffer.from([0x83, 0, 0, 1, 0x80])]))
    await assert.rejects(negative.netbiosSession('NAS', 1000), (e: SmbError) => e.kind === 'nbss-refused' && /not listening on the called name/.test(e.message))

    const silent = new Transport(new ScriptedSocket(() => null))
    const started = Date.now()
    await assert.rejects(silent.netbiosSession('NAS', 50), (e: SmbError) => e.kind === 'timeout')
    assert.ok(Date.now() - started < 2000)
  })

  it('openTransport tries the learned name, then *SMBSERVER, each on a new connection; other failures stop it', async () => {
    const asked: string[] = []
    const connect = (answers: number[]) => {
      let i = 0
      return async () =>
        new ScriptedSocket((d) => {
          asked.push(d.subarray(5, 37).toString('latin1'))
          const code = answers[i++]!
          return [code === 0x82 ? Buffer.from([0x82, 0, 0, 0]) : Buffer.from([0x83, 0, 0, 1, code])]
        })
    }
    const opened = await openTransport(connect([0x82 + 1, 0x82]), '192.168.77.34', 139, {remaining: () => 1000, calledNames: ['LANDISK', GENERIC_SERVER_NAME]})
    assert.equal(opened.calledName, GENERIC_SERVER_NAME)
    assert.equal(asked.length, 2)
    assert.equal(asked[1], encodeNetbiosName(GENERIC_SERVER_NAME, 0x20).subarray(1, 33).toString('latin1'))
    opened.transport.close()
    await assert.rejects(openTransport(connect([0x80, 0x80]), '192.168.77.34', 139, {remaining: () => 1000, calledNames: ['LANDISK', GENERIC_SERVER_NAME]}), NetbiosSessionError)
  })
})

describe('probeSmbHost over TCP 139, replaying the landisk capture (tcpdump, Samba with smb ports = 139)', () => {
  const landisk = pcapCapture('landisk-netbios-probe')

  it('asks for LANDISK (its NetBIOS name), then the same SMB2 audit: contents read, disk1 write, home auth-required', async () => {
    const {connect, log} = replayConnector(landisk)
    const r = await probeSmbHostWith(scope, connect, '192.168.77.34', {port: 139, netbiosName: 'LANDISK', credentials: landisk.credentials, random: seededRandom(landisk.seed), stepTimeoutMs: 1000})
    assert.equal(r.error, null)
    assert.deepEqual([r.port, r.calledName, r.protocol, r.dialect, r.smb1], [139, 'LANDISK', 'smb2', '3.1.1', false])
    assert.deepEqual(
      r.shares.map((s) => [s.name, s.access]),
      [
        ['contents', 'anonymous-read'],
        ['disk1', 'anonymous-write'],
        ['home', 'auth-required'],
        ['IPC$', 'not-checked'],
      ],
    )
    assert.equal(r.shares[2]!.evidence.authenticated?.treeConnect, 'STATUS_SUCCESS', 'the user gets into home (signed session)')
    assert.equal(log.requests.filter((q) => q.command === -0x81).length, 2, 'one session request per connection')
    assert.deepEqual(log.violations, [])
  })

  it('a NEGATIVE answer to the learned name: the probe asks again as *SMBSERVER on a new connection', async () => {
    const refusedFirst: ConnectionCapture = {...landisk, connections: [{server: '192.168.77.34', serverPort: 139, messages: [{kind: 'nbss', command: 0x83, hex: '82'}]}, ...landisk.connections]}
    const {connect, log} = replayConnector(refusedFirst)
    const r = await probeSmbHostWith(scope, connect, '192.168.77.34', {port: 139, netbiosName: 'WRONGNAME', random: seededRandom(landisk.seed), stepTimeoutMs: 1000, checkSmb1: true})
    assert.equal(r.calledName, GENERIC_SERVER_NAME)
    assert.equal(r.reachable, true)
    assert.equal(log.connections, 3)
  })

  it('every name refused: reachable, an error that says why, and no share', async () => {
    const refused: ConnectionCapture = {...landisk, connections: [0, 1].map(() => ({server: '192.168.77.34', serverPort: 139, messages: [{kind: 'nbss' as const, command: 0x83, hex: '82'}]}))}
    const {connect} = replayConnector(refused)
    const r = await probeSmbHostWith(scope, connect, '192.168.77.34', {port: 139, netbiosName: 'WRONGNAME', stepTimeoutMs: 1000})
    assert.deepEqual([r.reachable, r.dialect, r.shares.length], [true, null, 0])
    assert.match(r.error!, /nbss-refused: NetBIOS session refused: called name not present \(called name \*SMBSERVER\)/)
  })
})
