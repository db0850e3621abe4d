import assert from 'node:assert/strict'
import {ScanReportSchema} from '../../src/evidence/schema.js'
import {REPO, labDown, labHost, labUp, requireLab, runCliIn} from './lab-harness.js'

const status = (report: {findings: Array<{ruleId: string; status: string}>}, ruleId: string) => report.findings.find((f) => f.ruleId === ruleId)?.status

describe("lab e2e: the work PC's own posture", function () {
  this.timeout(180_000)

  before(function () {
    requireLab(this)
    labUp()
  })

  after(() => labDown())

  it('reports the wired connection, the VPN as down, and the N-3.3.7 violation for joining without it', () => {
    const run = runCliIn(labHost('pc').namespace, ['scan', '--json'])
    const report = ScanReportSchema.parse(JSON.parse(run.stdout))
    const local = report.local!
    assert.deepEqual([local.connection.type, local.connection.interface], ['wired', 'eth0'])
    assert.equal(local.vpn.status, 'read')
    assert.equal(local.vpn.up, false)
    assert.equal(status(report, 'shared-network-without-vpn'), 'violation')
    assert.equal(report.findings.find((f) => f.ruleId === 'shared-network-without-vpn')!.clause, 'N-3.3.7')
    assert.equal(status(report, 'wired-connection-recommended'), 'pass')
    assert.equal(status(report, 'wifi-encryption'), 'pass')
  })

  it('with a stand-in nmcli showing a WEP connection, reports the WEP and MAC-only violations', () => {
    const PATH = `${REPO}test/e2e/stand-ins:${process.env.PATH}`
    const run = runCliIn(labHost('pc').namespace, ['scan', '--json'], {PATH})
    const report = ScanReportSchema.parse(JSON.parse(run.stdout))
    assert.equal(report.local!.wifi.current!.auth, 'wep')
    assert.equal(report.local!.connection.type, 'wireless')
    assert.equal(status(report, 'wifi-encryption'), 'violation')
    assert.equal(status(report, 'wifi-mac-only-authentication'), 'violation')
    assert.equal(report.findings.find((f) => f.ruleId === 'wifi-mac-only-authentication')!.clause, 'N-3.3.5')
    assert.equal(status(report, 'wired-connection-recommended'), 'warning')
  })

  it('`homeaudit wifi` shows the same, and `local` reads every part with a reason where it cannot', () => {
    const PATH = `${REPO}test/e2e/stand-ins:${process.env.PATH}`
    const wifi = runCliIn(labHost('pc').namespace, ['wifi', '--json'], {PATH})
    assert.equal(wifi.status, 1)
    assert.equal(JSON.parse(wifi.stdout).local.wifi.current.ssid, 'OWD24') // the real capture the stand-in prints
    const local = JSON.parse(runCliIn(labHost('pc').namespace, ['local', '--json']).stdout)
    for (const part of ['connection', 'wifi', 'vpn', 'shares', 'disk', 'security', 'removable', 'screenLock']) {
      const section = local.local[part]
      assert.ok(['read', 'unreadable', 'not-applicable'].includes(section.status), part)
      if (section.status === 'unreadable') assert.ok(section.reason, `${part} says why`)
    }
  })
})
