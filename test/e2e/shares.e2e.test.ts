import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import type {SmbHostResult} from '../../src/gather/probes/smb/types.js'
import {REPO, labHost, labUp, requireLab, topology} from './lab-harness.js'

/**
 * The SMB share audit against the lab's real Samba 4.17 servers. There is no `homeaudit shares`
 * command yet, so the probe runs through test/e2e/smb-probe-runner.ts inside the work PC's
 * namespace. The lab is left up afterwards: it is shared with the other lab suites.
 */

const labUser = (topology as unknown as {labUser: {name: string; password: string}}).labUser
const SHARES_STATE = join(REPO, 'test/lab/.state')

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
function snapshot(): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const path = join(dir, entry.name)
      const st = statSync(path, {bigint: true})
      out.set(path, `${st.mode} ${st.size} ${st.mtimeNs} ${st.ctimeNs}`)
      if (entry.isDirectory()) walk(path)
    }
  }
  for (const host of ['nas', 'family']) {
    const dir = join(SHARES_STATE, host, 'shares')
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

  it('the nas shares: public anonymous-read (never write), dropbox anonymous-write, private auth-required', () => {
    const access = Object.fromEntries(nas.shares.map((s) => [s.name, s.access]))
    assert.deepEqual(access, {public: 'anonymous-read', dropbox: 'anonymous-write', private: 'auth-required', IPC$: 'not-checked'})
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
