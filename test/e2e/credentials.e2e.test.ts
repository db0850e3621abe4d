import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {labDown, labHost, labUp, requireLab, runCliIn} from './lab-harness.js'
import {labVendorDb} from './lab-vendor-db.js'

const admin = () => (labHost('router') as ReturnType<typeof labHost> & {http: {adminUser: string; adminPassword: string; adminPort: number}}).http

function routerJson(args: string[]) {
  const run = runCliIn(labHost('pc').namespace, ['router', '--json', ...args])
  assert.equal(run.stderr, '')
  return {run, out: JSON.parse(run.stdout)}
}

describe('lab e2e: default-credential check (opt-in)', function () {
  this.timeout(180_000)

  before(function () {
    requireLab(this)
    labUp()
  })

  after(() => labDown())

  it('is not tried unless asked for: the rule stays manual', () => {
    const {out} = routerJson(['--vendor-db', labVendorDb({credentials: [{username: admin().adminUser, password: admin().adminPassword}]})])
    assert.equal(out.observations.credentials ?? null, null)
    assert.equal(out.findings.find((f: {ruleId: string}) => f.ruleId === 'router-default-credentials').status, 'manual')
  })

  it('finds the factory login, records each attempt, and never prints the password', () => {
    const password = admin().adminPassword
    const vdb = labVendorDb({credentials: [{username: 'admin', password: 'not-this-one'}, {username: admin().adminUser, password}]})
    const {run, out} = routerJson(['--check-default-credentials', '--vendor-db', vdb])
    const attempts = out.observations.credentials.attempts
    assert.deepEqual(attempts.map((a: {outcome: string}) => a.outcome), ['rejected', 'accepted'])
    assert.match(attempts[0].url, new RegExp(`:${admin().adminPort}/$`))
    const finding = out.findings.find((f: {ruleId: string}) => f.ruleId === 'router-default-credentials')
    assert.equal(finding.status, 'violation')
    assert.equal(finding.clause, 'N-3.3.4')
    assert.ok(!run.stdout.includes(password) && !run.stdout.includes('not-this-one'), 'no password in the output')
  })

  it('passes when every listed factory login is refused, and stops at three attempts', () => {
    const wrong = ['a', 'b', 'c', 'd'].map((p) => ({username: 'admin', password: `wrong-${p}`}))
    const {out} = routerJson(['--check-default-credentials', '--vendor-db', labVendorDb({credentials: wrong})])
    assert.equal(out.observations.credentials.attempts.length, 3)
    assert.equal(out.findings.find((f: {ruleId: string}) => f.ruleId === 'router-default-credentials').status, 'pass')
  })

  it('no secret used in a run reaches any output: stdout, stderr, the history, a report file', () => {
    const routerPassword = admin().adminPassword
    const smbPassword = 'halab-Passw0rd'
    const dir = mkdtempSync(join(tmpdir(), 'homeaudit-secrets-'))
    const out = join(dir, 'report.html')
    const env = {HOMEAUDIT_HISTORY_DIR: join(dir, 'history'), HOMEAUDIT_SMB_PASSWORD: smbPassword}
    const vdb = labVendorDb({credentials: [{username: admin().adminUser, password: routerPassword}]})
    const runs = [
      runCliIn(labHost('pc').namespace, ['scan', '--check-default-credentials', '--vendor-db', vdb, '--smb-user', 'halabuser', '--format', 'html', '--out', out], env),
      runCliIn(labHost('pc').namespace, ['scan', '--check-default-credentials', '--vendor-db', vdb, '--smb-user', 'halabuser', '--json'], env),
    ]
    const files = [out, ...readdirSync(join(dir, 'history')).map((f) => join(dir, 'history', f))]
    assert.ok(files.length >= 3, 'a report file and two history files were written')
    const texts = [...runs.flatMap((r) => [r.stdout, r.stderr]), ...files.map((f) => readFileSync(f, 'utf8'))]
    for (const secret of [routerPassword, smbPassword, Buffer.from(`admin:${routerPassword}`).toString('base64')]) {
      assert.ok(!texts.some((t) => t.includes(secret)), `"${secret.slice(0, 3)}…" appears nowhere`)
    }
    assert.equal(JSON.parse(runs[1]!.stdout).findings.find((f: {ruleId: string}) => f.ruleId === 'router-default-credentials').status, 'violation')
  })
})
