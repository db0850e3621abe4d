import assert from 'node:assert/strict'
import {probeSmbHost, probeSmbHostWith} from '../../../src/gather/probes/smb/probe.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
import {seededRandom} from '../../fixtures/smb/seeded-random.js'
import {replayConnector} from './fake-server.js'
import {capture} from './fixtures.js'

const scope = ScanScope.fromCidr('192.168.77.0/24')

describe('probeSmbHost offline, replaying the lab captures (no network)', () => {
  it('the nas: SMB1 on, 3.1.1, null session; public read (never write), dropbox write, private auth-required', async () => {
    const {connect, log} = replayConnector(capture('nas-probe'))
    const r = await probeSmbHostWith(scope, connect, '192.168.77.30', {stepTimeoutMs: 1000})
    assert.equal(r.error, null)
    assert.deepEqual([r.reachable, r.smb1, r.dialect, r.signingRequired, r.session, r.protocol], [true, true, '3.1.1', false, 'anonymous', 'smb2'])
    assert.deepEqual(
      r.shares.map((s) => [s.name, s.type, s.access]),
      [
        ['public', 'disk', 'anonymous-read'],
        ['dropbox', 'disk', 'anonymous-write'],
        ['private', 'disk', 'auth-required'],
        ['secure', 'disk', 'auth-required'],
        ['IPC$', 'ipc', 'not-checked'],
      ],
    )
    const pub = r.shares[0]!
    assert.equal(pub.evidence.maximalAccess, '0x001f00a9')
    assert.deepEqual(pub.evidence.listedEntries, {count: 1, names: ['photos-index.txt'], truncated: false})
    assert.equal(pub.evidence.checks.length, 2, 'a read-only answer for the null session: the guest session is tried too')
    assert.equal(r.shares[1]!.evidence.maximalAccess, '0x001f01ff')
    assert.deepEqual(log.violations, [])
    assert.equal(log.connections, 2)
  })

  it('the family PC with the lab user: SMB1 off, guest refused, IPC$ refused to the null session, Users auth-required (every signed answer verified)', async () => {
    const family = capture('family-probe')
    const {connect, log} = replayConnector(family)
    // The capture's seed: the same requests, so the same session key and valid signatures.
    const r = await probeSmbHostWith(scope, connect, '192.168.77.21', {stepTimeoutMs: 1000, credentials: family.credentials, random: seededRandom(family.seed!)})
    assert.equal(r.error, null)
    assert.equal(r.smb1, false)
    assert.deepEqual(
      r.sessions.map((s) => [s.kind, s.outcome, s.status]),
      [
        ['anonymous', 'established', 'STATUS_SUCCESS'],
        ['guest', 'refused', 'STATUS_LOGON_FAILURE'],
        ['user', 'established', 'STATUS_SUCCESS'],
      ],
    )
    assert.equal(r.shareListing.via, 'user')
    const users = r.shares.find((s) => s.name === 'Users')!
    assert.equal(users.access, 'auth-required')
    assert.equal(users.evidence.authenticated?.treeConnect, 'STATUS_SUCCESS', 'the user gets in')
    assert.ok(users.evidence.authenticated?.listedEntries)
    assert.ok(!JSON.stringify(r).includes(family.credentials!.password), 'the password is never in the result')
    assert.deepEqual(log.violations, [])
  })

  it('an address outside the scope gets no connection at all', async () => {
    let called = 0
    const r = await probeSmbHostWith(scope, async () => {
      called++
      throw new Error('must not connect')
    }, '8.8.8.8')
    assert.equal(called, 0)
    assert.equal(r.reachable, false)
    assert.match(r.error!, /outside the scan scope/)
    const real = await probeSmbHost(scope, '10.0.0.1')
    assert.match(real.error!, /ScopeError/)
  })

  it('a server that never answers: the probe gives up at the step timeout, and never throws', async () => {
    const started = Date.now()
    const {connect} = replayConnector({captured: '', server: '', what: '', messages: []}, {silent: true})
    const r = await probeSmbHostWith(scope, connect, '192.168.77.30', {stepTimeoutMs: 50, deadlineMs: 1000})
    const took = Date.now() - started
    // two 50 ms step timeouts; timers may fire a millisecond or two early
    assert.ok(took >= 95 && took < 400, `${took} ms: one step timeout for SMB1, one for SMB2`)
    assert.deepEqual([r.reachable, r.smb1, r.dialect], [true, null, null])
    assert.match(r.error!, /timeout/)
  })

  it('a server that hangs up: smb1 unknown (not "false"), and an error, quickly', async () => {
    const {connect} = replayConnector({captured: '', server: '', what: '', messages: []})
    const r = await probeSmbHostWith(scope, connect, '192.168.77.30', {stepTimeoutMs: 1000})
    assert.deepEqual([r.reachable, r.smb1, r.dialect], [true, null, null])
    assert.match(r.error!, /closed/)
  })

  it('the overall deadline bounds a slow server', async () => {
    const started = Date.now()
    const {connect} = replayConnector({captured: '', server: '', what: '', messages: []}, {silent: true})
    const r = await probeSmbHostWith(scope, connect, '192.168.77.30', {stepTimeoutMs: 1000, deadlineMs: 150})
    assert.ok(Date.now() - started < 400)
    assert.notEqual(r.error, null)
  })
})

describe('reading MaximalAccess', () => {
  it('the lab public share (read only) is not writable though it carries DELETE, WRITE_DAC and WRITE_OWNER', async () => {
    const {accessRights, canRead, canWrite} = await import('../../../src/gather/probes/smb/access-mask.js')
    assert.equal(canWrite(0x001f00a9), false)
    assert.equal(canRead(0x001f00a9), true)
    assert.deepEqual(accessRights(0x001f00a9), ['read-data', 'read-ea', 'execute', 'read-attributes', 'delete', 'read-control', 'write-dac', 'write-owner', 'synchronize'])
    assert.equal(canWrite(0x001f01ff), true, 'dropbox')
    for (const bit of [0x2, 0x4, 0x40, 0x40000000, 0x10000000, 0x02000000]) assert.equal(canWrite(bit), true, `0x${bit.toString(16)}`)
    for (const bit of [0x1, 0x8, 0x10000, 0x40000, 0x80000, 0x100000]) assert.equal(canWrite(bit), false, `0x${bit.toString(16)}`)
    assert.equal(canRead(0x00100000), false)
  })
})

describe('smbToEvidence', () => {
  it('turns the replayed nas result into report shares and a file service that pass the report schema', async () => {
    const {FileServiceSchema, ShareSchema} = await import('../../../src/evidence/shares-schema.js')
    const {smbToEvidence} = await import('../../../src/gather/probes/smb/to-evidence.js')
    const {connect} = replayConnector(capture('nas-probe'))
    const r = await probeSmbHostWith(scope, connect, '192.168.77.30', {stepTimeoutMs: 1000})
    const e = smbToEvidence(r)
    FileServiceSchema.parse(e.fileService)
    for (const s of e.shares) ShareSchema.parse(s)
    assert.deepEqual(e.shares.map((s) => [s.name, s.access]), [
      ['public', 'anonymous-read'],
      ['dropbox', 'anonymous-write'],
      ['private', 'auth-required'],
      ['secure', 'auth-required'],
    ])
    assert.deepEqual([e.fileService.smb1, e.fileService.dialect, e.fileService.anonymousLogin, e.fileService.plaintext], [true, '3.1.1', true, false])
    assert.deepEqual(e.shares[0]!.evidence.listedNames, ['photos-index.txt'])
  })
})
