import assert from 'node:assert/strict'
import {ScanReportSchema} from '../../src/evidence/schema.js'
import {labDown, labHost, labUp, requireLab, runCliIn, topology} from './lab-harness.js'

type Smb = {smb: {minProtocol: string; ports: string; restrictAnonymous: number; shares: Array<{name: string; access: string; smbEncrypt?: string}>}}
/** Every lab host with a Samba, as topology.json describes it. */
const smbHosts = topology.hosts.filter((h) => 'smb' in h) as Array<ReturnType<typeof labHost> & Smb>
const labUser = (topology as unknown as {labUser: {name: string; password: string}}).labUser
/** What a share's configured access means for a null or guest visitor. */
const WANT: Record<string, string> = {'guest-read': 'anonymous-read', 'guest-write': 'anonymous-write', user: 'auth-required'}

describe('lab e2e: shares in scan and `homeaudit shares`', function () {
  this.timeout(180_000)

  before(function () {
    requireLab(this)
    labUp()
  })

  after(() => labDown())

  it('scan --json lists every share with the right access, never more than is true', () => {
    const report = ScanReportSchema.parse(JSON.parse(runCliIn(labHost('pc').namespace, ['scan', '--json', '--no-save']).stdout))
    const nas = labHost('nas') as ReturnType<typeof labHost> & Smb
    // Every Samba host: over 445, over 139 where only 139 is open, in SMB1 where only SMB1 works.
    // (A host that refuses anonymous share listing, restrict anonymous = 2, shows none.)
    for (const h of smbHosts) {
      const got = Object.fromEntries(report.shares.filter((s) => s.host === h.ip && s.protocol === 'smb').map((s) => [s.name, s.access]))
      assert.deepEqual(got, h.smb.restrictAnonymous === 0 ? Object.fromEntries(h.smb.shares.map((s) => [s.name, WANT[s.access]])) : {}, h.name)
    }
    assert.deepEqual(report.shares.filter((s) => s.protocol === 'ftp').map((s) => [s.host, s.access]), [[nas.ip, 'anonymous-read']])
    const services = Object.fromEntries(report.fileServices.filter((s) => s.protocol === 'smb').map((s) => [s.host, [s.port, s.smb1, s.error]]))
    const listingError = (h: (typeof smbHosts)[number]) => (h.smb.restrictAnonymous === 0 ? null : 'share listing refused: anonymous: IPC$ STATUS_ACCESS_DENIED')
    assert.deepEqual(services, Object.fromEntries(smbHosts.map((h) => [h.ip, [h.smb.ports === '139' ? 139 : 445, h.smb.minProtocol === 'NT1', listingError(h)]])))
    const smb1Only = smbHosts.find((h) => h.name === 'oldnas')!
    assert.equal(report.fileServices.find((s) => s.host === smb1Only.ip)!.dialect, 'NT LM 0.12')
    assert.deepEqual(report.findings.find((f) => f.ruleId === 'smb1-enabled')!.evidence.map((e) => e.host).sort(), smbHosts.filter((h) => h.smb.minProtocol === 'NT1').map((h) => h.ip).sort())
    const rule = (id: string) => report.findings.find((f) => f.ruleId === id)!
    assert.equal(rule('open-shares-on-other-hosts').status, 'violation')
    assert.equal(rule('open-shares-on-other-hosts').severity, 'critical')
    assert.equal(rule('smb1-enabled').status, 'warning')
    assert.equal(rule('cleartext-services').status, 'warning')
    assert.ok(!report.shares.some((s) => s.host === labHost('family').ip && s.access.startsWith('anonymous')), 'the family PC shares nothing anonymously')
  })

  it('`shares --target IP` checks one host; the user’s own login sees a password-only share, and the password is never printed', () => {
    const family = labHost('family')
    const anon = JSON.parse(runCliIn(labHost('pc').namespace, ['shares', '--target', family.ip, '--json']).stdout)
    assert.deepEqual(anon.shares, [])
    const password = labUser.password
    const run = runCliIn(labHost('pc').namespace, ['shares', '--target', family.ip, '--json', '--smb-user', labUser.name], {HOMEAUDIT_SMB_PASSWORD: password})
    const own = JSON.parse(run.stdout)
    assert.deepEqual(own.shares.map((s: {name: string; access: string}) => [s.name, s.access]), [['Users', 'auth-required']])
    assert.ok(!run.stdout.includes(password))
  })

  it('the encrypted share: auth-required for a visitor, and `--smb-user` reads it over SMB 3 encryption (the reason says why visitors are refused)', () => {
    const nas = labHost('nas') as ReturnType<typeof labHost> & Smb
    const secure = nas.smb.shares.find((s) => s.smbEncrypt === 'required')!
    type Out = {shares: Array<{name: string; access: string; reason: string | null; evidence: Record<string, unknown>}>}
    const anon = (JSON.parse(runCliIn(labHost('pc').namespace, ['shares', '--target', nas.ip, '--json']).stdout) as Out).shares.find((s) => s.name === secure.name)!
    assert.equal(anon.access, 'auth-required')
    assert.equal(anon.evidence.userTreeConnect, null)
    const run = runCliIn(labHost('pc').namespace, ['shares', '--target', nas.ip, '--json', '--smb-user', labUser.name], {HOMEAUDIT_SMB_PASSWORD: labUser.password})
    const own = (JSON.parse(run.stdout) as Out).shares.find((s) => s.name === secure.name)!
    assert.equal(own.access, 'auth-required')
    assert.deepEqual([own.evidence.userTreeConnect, own.evidence.encryptionRequired], ['STATUS_SUCCESS', true])
    assert.ok((own.evidence.userListedCount as number) >= 1, 'the user listed it, encrypted')
    assert.match(own.reason!, /requires SMB3 encryption/)
    assert.ok(!run.stdout.includes(labUser.password) && !run.stderr.includes(labUser.password))
  })

  it('`shares --target` of the NetBIOS-only host (139 only) and of the SMB1-only host: their shares with the right access', () => {
    for (const name of ['landisk', 'oldnas']) {
      const h = smbHosts.find((x) => x.name === name)!
      const run = runCliIn(labHost('pc').namespace, ['shares', '--target', h.ip, '--json'])
      const out = JSON.parse(run.stdout) as {shares: Array<{name: string; access: string}>; fileServices: Array<{port: number; smb1: boolean; dialect: string}>}
      assert.deepEqual(Object.fromEntries(out.shares.map((s) => [s.name, s.access])), Object.fromEntries(h.smb.shares.map((s) => [s.name, WANT[s.access]])), name)
      assert.deepEqual(out.fileServices.map((f) => [f.port, f.smb1, f.dialect]), [name === 'landisk' ? [139, false, '3.1.1'] : [445, true, 'NT LM 0.12']])
    }
  })
})
