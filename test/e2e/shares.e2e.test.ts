import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import type {FileService, Share} from '../../src/evidence/shares-schema.js'
import type {NfsHostResult} from '../../src/gather/probes/nfs/types.js'
import type {SmbHostResult} from '../../src/gather/probes/smb/types.js'
import {REPO, labHost, labUp, requireLab, runCliIn, topology} from './lab-harness.js'

/**
 * The SMB share audit against the lab's real Samba 4.17 servers. There is no `homeaudit shares`
 * command yet, so the probe runs through test/e2e/smb-probe-runner.ts inside the work PC's
 * namespace. The lab is left up afterwards: it is shared with the other lab suites.
 */

const labUser = (topology as unknown as {labUser: {name: string; password: string}}).labUser
const SHARES_STATE = join(REPO, 'test/lab/.state', topology.prefix)

/** The lab's Samba hosts as topology.json describes them. */
type SmbLabHost = {name: string; ip: string; smb: {netbiosName: string; minProtocol: string; maxProtocol: string; ports: string; shares: Array<{name: string; access: string; smbEncrypt?: string}>}}
const smbHosts = (topology.hosts as unknown as Array<SmbLabHost | {smb?: undefined}>).filter((h): h is SmbLabHost => h.smb !== undefined)
const smbHost = (name: string) => smbHosts.find((h) => h.name === name)!
/** What a share's configured access means for a null or guest visitor. */
const EXPECTED: Record<string, string> = {'guest-read': 'anonymous-read', 'guest-write': 'anonymous-write', user: 'auth-required'}
const expectedAccess = (h: SmbLabHost) => Object.fromEntries([...h.smb.shares.map((s) => [s.name, EXPECTED[s.access]!]), ['IPC$', 'not-checked']])

function probe(ip: string, options: object = {}, cidr = topology.subnet): SmbHostResult {
  const run = spawnSync(
    'ip',
    ['netns', 'exec', labHost('pc').namespace, process.execPath, '--import', 'tsx', join(REPO, 'test/e2e/smb-probe-runner.ts'), cidr, ip, JSON.stringify(options)],
    {cwd: REPO, encoding: 'utf8', timeout: 60_000},
  )
  assert.equal(run.status, 0, run.stderr)
  return JSON.parse(run.stdout)
}

/** Every file and directory under the lab hosts' share directories: size, mtime, ctime, mode. */
function snapshot(dirs = smbHosts.map((h) => join(SHARES_STATE, h.name, 'shares'))): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name)
      const st = statSync(path, {bigint: true})
      out.set(path, `${st.mode} ${st.size} ${st.mtimeNs} ${st.ctimeNs}`)
      if (entry.isDirectory()) walk(path)
    }
  }
  for (const dir of dirs) {
    out.set(dir, `${statSync(dir, {bigint: true}).mtimeNs}`)
    walk(dir)
  }
  return out
}

describe('lab e2e: SMB shares (probeSmbHost against the lab Samba)', function () {
  this.timeout(180_000)
  let filesBefore: Map<string, string>
  let nas: SmbHostResult
  let family: SmbHostResult

  before(function () {
    requireLab(this)
    labUp()
    filesBefore = snapshot()
    nas = probe(labHost('nas').ip)
    family = probe(labHost('family').ip)
  })

  it('the nas: SMB1 still accepted, SMB 3.1.1 chosen, signing not required, null session accepted', () => {
    assert.equal(nas.error, null)
    assert.equal(nas.reachable, true)
    assert.equal(nas.smb1, true, nas.smb1Detail ?? '')
    assert.equal(nas.dialect, '3.1.1')
    assert.equal(nas.signingRequired, false)
    assert.equal(nas.session, 'anonymous')
    assert.equal(nas.server?.netbiosName, 'DISKSTATION')
    assert.equal(nas.shareListing.outcome, 'listed')
  })

  it('the nas shares: public anonymous-read (never write), dropbox anonymous-write, private and secure auth-required', () => {
    const access = Object.fromEntries(nas.shares.map((s) => [s.name, s.access]))
    assert.deepEqual(access, expectedAccess(smbHost('nas')))
    assert.deepEqual(Object.values(access).sort(), ['anonymous-read', 'anonymous-write', 'auth-required', 'auth-required', 'not-checked'])
    const pub = nas.shares.find((s) => s.name === 'public')!
    assert.equal(pub.comment, 'Public files')
    assert.deepEqual(pub.evidence.listedEntries?.names, ['photos-index.txt'])
    assert.ok(pub.evidence.checks.every((c) => c.treeConnect === 'STATUS_SUCCESS' && !c.maximalAccessRights.includes('write-data')))
    const dropbox = nas.shares.find((s) => s.name === 'dropbox')!
    assert.ok(dropbox.evidence.checks[0]!.maximalAccessRights.includes('write-data'))
    for (const s of nas.shares) assert.deepEqual([s.host, s.protocol, s.evidence.dialect], [labHost('nas').ip, 'smb', '3.1.1'])
  })

  it('the family PC: SMB2+ only, guest refused, share listing refused without credentials', () => {
    assert.equal(family.error, null)
    assert.equal(family.smb1, false, family.smb1Detail ?? '')
    assert.equal(family.dialect, '3.1.1')
    assert.deepEqual(
      family.sessions.map((s) => [s.kind, s.outcome]),
      [
        ['anonymous', 'established'],
        ['guest', 'refused'],
      ],
    )
    assert.equal(family.shareListing.outcome, 'refused')
    assert.deepEqual(family.shares, [])
  })

  it('with the lab user (NTLMv2, signed): the family PC lists Users, which is auth-required; the nas private share opens for the user', () => {
    const creds = {credentials: {user: labUser.name, password: labUser.password}}
    const f = probe(labHost('family').ip, creds)
    assert.equal(f.shareListing.via, 'user')
    const users = f.shares.find((s) => s.name === 'Users')!
    assert.equal(users.access, 'auth-required')
    assert.equal(users.evidence.authenticated?.treeConnect, 'STATUS_SUCCESS')
    const n = probe(labHost('nas').ip, creds)
    const priv = n.shares.find((s) => s.name === 'private')!
    assert.equal(priv.access, 'auth-required')
    assert.deepEqual(priv.evidence.authenticated?.listedEntries?.names, ['budget-2025.txt'])
    for (const r of [f, n]) assert.ok(!JSON.stringify(r).includes(labUser.password), 'the password is never returned')
  })

  it('a wrong password is refused (STATUS_LOGON_FAILURE) and not echoed', () => {
    const r = probe(labHost('nas').ip, {credentials: {user: labUser.name, password: 'not-the-password'}})
    const user = r.sessions.find((s) => s.kind === 'user')!
    assert.deepEqual([user.outcome, user.status], ['refused', 'STATUS_LOGON_FAILURE'])
    assert.ok(!JSON.stringify(r).includes('not-the-password'))
  })

  it('the NetBIOS-only host (smb ports = 139): a session request with its NetBIOS name, then the same audit over TCP 139', () => {
    const h = smbHost('landisk')
    assert.equal(h.smb.ports, '139')
    const r = probe(h.ip, {port: 139, netbiosName: h.smb.netbiosName})
    assert.deepEqual([r.error, r.port, r.calledName, r.protocol, r.dialect], [null, 139, h.smb.netbiosName, 'smb2', '3.1.1'])
    assert.deepEqual(Object.fromEntries(r.shares.map((s) => [s.name, s.access])), expectedAccess(h))
    const read = r.shares.find((s) => s.access === 'anonymous-read')!
    assert.ok(read.evidence.listedEntries!.count >= 1)
    const generic = probe(h.ip, {port: 139})
    assert.deepEqual([generic.calledName, generic.shares.length], ['*SMBSERVER', r.shares.length], 'without a learned name: *SMBSERVER')
    assert.match(probe(h.ip, {stepTimeoutMs: 1000}).error!, /refused/, 'nothing on 445')
  })

  it('the SMB1-only host: SMB1 true, SMB2 refused, the shares enumerated and checked in SMB1 with the right access', () => {
    const h = smbHost('oldnas')
    assert.deepEqual([h.smb.minProtocol, h.smb.maxProtocol], ['NT1', 'NT1'])
    const r = probe(h.ip, {credentials: {user: labUser.name, password: labUser.password}})
    assert.deepEqual([r.error, r.smb1, r.protocol, r.dialect, r.session, r.server?.netbiosName], [null, true, 'smb1', 'NT LM 0.12', 'anonymous', h.smb.netbiosName])
    assert.match(r.smb2Error!, /closed/)
    assert.deepEqual(Object.fromEntries(r.shares.map((s) => [s.name, s.access])), expectedAccess(h))
    for (const s of r.shares.filter((x) => x.access === 'anonymous-read')) assert.ok(!s.evidence.checks.some((c) => c.maximalAccessRights.includes('write-data')), s.name)
    for (const s of r.shares.filter((x) => x.access === 'auth-required')) assert.ok(s.evidence.authenticated?.listedEntries, `${s.name}: the user reads it`)
    assert.ok(!JSON.stringify(r).includes(labUser.password))
  })

  it('the encrypted share (smb encrypt = required): auth-required for null and guest sessions, never open; read by the user over SMB 3 encryption', () => {
    const secure = smbHost('nas').smb.shares.find((s) => s.smbEncrypt === 'required')!
    const anon = nas.shares.find((s) => s.name === secure.name)!
    assert.equal(anon.access, 'auth-required')
    assert.ok(anon.evidence.checks.length === 2 && anon.evidence.checks.every((c) => c.treeConnect === 'STATUS_ACCESS_DENIED'))
    const withUser = probe(labHost('nas').ip, {credentials: {user: labUser.name, password: labUser.password}}).shares.find((s) => s.name === secure.name)!
    assert.equal(withUser.access, 'auth-required', 'still what a visitor gets')
    assert.deepEqual([withUser.evidence.authenticated?.treeConnect, withUser.evidence.authenticated?.encryptionRequired], ['STATUS_SUCCESS', true])
    assert.ok(withUser.evidence.authenticated!.listedEntries!.count >= 1, 'listed through the transform header')
    assert.match(withUser.reason!, /requires SMB3 encryption/)
  })

  it('SMB 3 encryption with each dialect and cipher Samba offers: 3.0 and 3.0.2 (AES-128-CCM), 3.1.1 (AES-128-CCM and -GCM)', () => {
    const secure = smbHost('nas').smb.shares.find((s) => s.smbEncrypt === 'required')!
    const run = spawnSync(
      'ip',
      ['netns', 'exec', labHost('pc').namespace, process.execPath, '--import', 'tsx', join(REPO, 'test/e2e/smb-encryption-runner.ts'), topology.subnet, labHost('nas').ip, secure.name, labUser.name, labUser.password],
      {cwd: REPO, encoding: 'utf8', timeout: 90_000},
    )
    assert.equal(run.status, 0, run.stderr)
    const results = JSON.parse(run.stdout) as Array<{dialect: string; cipher: number; session: string; negotiateValidated: boolean; treeConnect: number; encryptionRequired: boolean; names?: string[]}>
    // 3.0 and 3.0.2 sessions are used only after Samba confirmed the negotiation (signed
    // VALIDATE_NEGOTIATE_INFO); 3.1.1 has its preauth integrity hash instead.
    assert.deepEqual(
      results.map((r) => [r.dialect, r.cipher, r.session, r.negotiateValidated, r.treeConnect, r.encryptionRequired]),
      [
        ['3.0', 1, 'established', true, 0, true],
        ['3.0.2', 1, 'established', true, 0, true],
        ['3.1.1', 1, 'established', false, 0, true],
        ['3.1.1', 2, 'established', false, 0, true],
      ],
    )
    const listed = results.map((r) => r.names)
    assert.ok(listed[0]!.length >= 1)
    for (const names of listed) assert.deepEqual(names, listed[0])
  })

  it('hosts without SMB, and an address outside the scope, give a result with an error (no exception)', () => {
    const router = probe(labHost('router').ip, {stepTimeoutMs: 1000})
    assert.deepEqual([router.reachable, router.smb1, router.dialect], [false, null, null])
    assert.match(router.error!, /refused/)
    const outside = probe(labHost('nas').ip, {}, '192.168.77.0/28')
    assert.equal(outside.reachable, false)
    assert.match(outside.error!, /outside the scan scope/)
  })

  it('nothing was written on the lab shares: same files, sizes, mtimes and ctimes before and after', () => {
    // (lab.sh verify writes and deletes a file in dropbox: do not run it at the same time.)
    const after = snapshot()
    assert.ok(filesBefore.size >= 6)
    assert.deepEqual([...after.entries()], [...filesBefore.entries()])
  })
})

/** probeNfsHost() and its evidence, asked from a lab host (test/e2e/nfs-probe-runner.ts in its namespace). */
function probeNfs(from: string, options: object = {}): {result: NfsHostResult; evidence: {fileService: FileService; shares: Share[]}} {
  const asker = labHost(from)
  const json = JSON.stringify({nfsPortOpen: true, lan: {address: asker.ip, cidr: topology.subnet}, ...options})
  const run = spawnSync('ip', ['netns', 'exec', asker.namespace, process.execPath, '--import', 'tsx', join(REPO, 'test/e2e/nfs-probe-runner.ts'), topology.subnet, labHost('nas').ip, json], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  })
  assert.equal(run.status, 0, run.stderr)
  return JSON.parse(run.stdout)
}

type NfsExport = {path: string; clients: string; access: string}
const NFS_EXPORTS = (labHost('nas') as unknown as {nfs: {exports: NfsExport[]}}).nfs.exports
/** An export to one lab host's address is for that host only. */
const restrictedTo = (e: NfsExport) => topology.hosts.find((h) => h.ip === e.clients)

describe('lab e2e: NFS exports (probeNfsHost against the lab rpcbind + nfs-ganesha)', function () {
  this.timeout(180_000)
  const exportDirs = [join(SHARES_STATE, 'nas', 'nfs', 'exports')]
  let filesBefore: Map<string, string>
  let pc: ReturnType<typeof probeNfs>
  let family: ReturnType<typeof probeNfs>

  before(function () {
    requireLab(this)
    labUp()
    filesBefore = snapshot(exportDirs)
    pc = probeNfs('pc')
    family = probeNfs('family')
  })

  const summary = (shares: Share[]) => Object.fromEntries(shares.map((s) => [s.name, [s.access, s.evidence.reach, s.evidence.groups]]))

  it('the portmapper: NFS v3 and v4 on 2049, MOUNT on the configured port over TCP', () => {
    const mountPort = (labHost('nas') as unknown as {nfs: {mountPort: number}}).nfs.mountPort
    assert.equal(pc.result.error, null)
    assert.deepEqual([pc.result.portmapper?.reachable, pc.result.nfsVersions, pc.result.nfsPort], [true, [3, 4], 2049])
    assert.deepEqual(pc.result.mount, {port: mountPort, version: 3, auth: 'none'})
    assert.ok(pc.result.registrations?.some((r) => r.program === 'mountd' && r.protocol === 'tcp' && r.port === mountPort))
    assert.deepEqual([pc.evidence.fileService.protocol, pc.evidence.fileService.port, pc.evidence.fileService.anonymousLogin], ['nfs', 2049, true])
  })

  it('the work PC: the exports to * and to the LAN are anonymous-read with their groups; the one for another host is not listed to it', () => {
    const want = Object.fromEntries(
      NFS_EXPORTS.filter((e) => !restrictedTo(e)).map((e) => [e.path, ['anonymous-read', e.clients === '*' ? 'everyone' : 'lan', [e.clients]]]),
    )
    assert.ok(Object.keys(want).length >= 2)
    assert.deepEqual(summary(pc.evidence.shares), want)
    for (const s of pc.evidence.shares) assert.match(s.reason!, /does not say whether it is read-only or read-write/)
  })

  it('the host an export is restricted to sees it as restricted (auth-required), never open', () => {
    const restricted = NFS_EXPORTS.filter((e) => restrictedTo(e)?.name === 'family')
    assert.ok(restricted.length >= 1)
    for (const e of restricted) {
      const share = family.evidence.shares.find((s) => s.name === e.path)!
      assert.deepEqual([share.access, share.evidence.reach, share.evidence.groups], ['auth-required', 'restricted', [`${e.clients}/32`]])
      assert.ok(!pc.evidence.shares.some((s) => s.name === e.path))
    }
    assert.equal(family.evidence.shares.length, NFS_EXPORTS.length)
  })

  it('without the portmapper only NFS v4 is learnt (a NULL call); the exports are unknown, not "none"', () => {
    const v4 = probeNfs('pc', {portmapperOpen: false})
    assert.deepEqual([v4.result.nfsVersions, v4.result.exports, v4.evidence.shares, v4.evidence.fileService.anonymousLogin], [[4], null, [], null])
    assert.match(v4.result.error!, /export list unknown/)
  })

  it('`homeaudit shares --target <nas>`: nfs-open-export is a violation naming the open exports only', () => {
    const nas = labHost('nas')
    const run = runCliIn(labHost('pc').namespace, ['shares', '--target', nas.ip, '--json'])
    assert.equal(run.status, 1, run.stderr)
    const out = JSON.parse(run.stdout) as {shares: Share[]; findings: Array<{ruleId: string; status: string; evidence: Array<{text: string}>}>}
    const nfs = out.findings.find((f) => f.ruleId === 'nfs-open-export')!
    assert.equal(nfs.status, 'violation')
    const named = NFS_EXPORTS.filter((e) => nfs.evidence.some((ev) => ev.text.startsWith(`nfs://${nas.ip}${e.path}:`))).map((e) => e.path)
    assert.deepEqual(named, NFS_EXPORTS.filter((e) => !restrictedTo(e)).map((e) => e.path))
    const open = out.findings.find((f) => f.ruleId === 'open-shares-on-other-hosts')!
    assert.ok(!open.evidence.some((ev) => ev.text.startsWith('nfs://')), 'NFS exports are not counted twice')
  })

  it('nothing was written to the export directories: same files, sizes, mtimes and ctimes', () => {
    const after = snapshot(exportDirs)
    assert.ok(filesBefore.size >= NFS_EXPORTS.length * 2)
    assert.deepEqual([...after.entries()], [...filesBefore.entries()])
  })
})
