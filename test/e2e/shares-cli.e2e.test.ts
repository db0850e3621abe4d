import assert from 'node:assert/strict'
import {ScanReportSchema} from '../../src/evidence/schema.js'
import {labDown, labHost, labUp, requireLab, runCliIn} from './lab-harness.js'

type Smb = {smb: {shares: Array<{name: string; access: string}>}}

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
    const got = Object.fromEntries(report.shares.filter((s) => s.host === nas.ip && s.protocol === 'smb').map((s) => [s.name, s.access]))
    const want: Record<string, string> = {'guest-read': 'anonymous-read', 'guest-write': 'anonymous-write', user: 'auth-required'}
    assert.deepEqual(got, Object.fromEntries(nas.smb.shares.map((s) => [s.name, want[s.access]])))
    assert.deepEqual(report.shares.filter((s) => s.protocol === 'ftp').map((s) => [s.host, s.access]), [[nas.ip, 'anonymous-read']])
    const services = Object.fromEntries(report.fileServices.filter((s) => s.protocol === 'smb').map((s) => [s.host, s.smb1]))
    assert.deepEqual(services, {[labHost('family').ip]: false, [nas.ip]: true})
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
    const password = 'halab-Passw0rd'
    const run = runCliIn(labHost('pc').namespace, ['shares', '--target', family.ip, '--json', '--smb-user', 'halabuser'], {HOMEAUDIT_SMB_PASSWORD: password})
    const own = JSON.parse(run.stdout)
    assert.deepEqual(own.shares.map((s: {name: string; access: string}) => [s.name, s.access]), [['Users', 'auth-required']])
    assert.ok(!run.stdout.includes(password))
  })
})
