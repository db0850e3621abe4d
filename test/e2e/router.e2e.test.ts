import assert from 'node:assert/strict'
import {RouterSchema} from '../../src/evidence/router-schema.js'
import {FindingSchema, ScanReportSchema} from '../../src/evidence/schema.js'
import {labDown, labHost, labUp, requireLab, runCliIn} from './lab-harness.js'

const router = () => labHost('router') as ReturnType<typeof labHost> & {
  snmp: {sysDescr: string}
  upnp: {manufacturer: string; modelName: string; descriptionUrl: string}
  http: {title: string; firmware: string}
}

describe('lab e2e: homeaudit router', function () {
  this.timeout(180_000)

  before(function () {
    requireLab(this)
    labUp()
  })

  after(() => labDown())

  it('identifies the lab router from UPnP and SNMP (and HTTP), and flags SNMP public and the UPnP IGD', () => {
    const run = runCliIn(labHost('pc').namespace, ['router', '--json', '--lang', 'en'])
    assert.equal(run.stderr, '')
    const out = JSON.parse(run.stdout)
    assert.equal(out.vendor, 'NEC')
    assert.equal(out.model, 'Aterm WX3600HP')
    assert.equal(out.firmware, router().http.firmware)
    assert.equal(out.confidence, 'high')
    const agreeing = new Set(out.sources.filter((s: {agrees: boolean}) => s.agrees).map((s: {source: string}) => s.source.split('.')[0]))
    for (const family of ['upnp', 'snmp', 'http']) assert.ok(agreeing.has(family), `${family} agrees`)
    assert.equal(out.observations.upnp.url, router().upnp.descriptionUrl)
    assert.equal(out.observations.upnp.device.manufacturer, router().upnp.manufacturer)
    assert.equal(out.observations.snmp.answer.system.sysDescr, router().snmp.sysDescr)
    const https = out.observations.http.find((p: {scheme: string}) => p.scheme === 'https')
    assert.equal(https.status, 200, 'the self-signed HTTPS page is read, not refused')
    assert.equal(https.tls.subject, 'CN=aterm.setup, O=NEC Platforms, Ltd.')
    assert.equal(https.tls.selfSigned, true)
    const findings = out.findings.map((f: unknown) => FindingSchema.parse(f))
    const byRule = Object.fromEntries(findings.map((f: {ruleId: string; status: string}) => [f.ruleId, f.status]))
    assert.equal(byRule['router-snmp-default-community'], 'warning')
    assert.equal(byRule['router-upnp-igd-enabled'], 'warning')
    assert.equal(byRule['router-admin-plain-http'], 'warning')
  })

  it('scan --json carries the same router section', () => {
    const run = runCliIn(labHost('pc').namespace, ['scan', '--json'])
    const report = ScanReportSchema.parse(JSON.parse(run.stdout))
    const r = RouterSchema.parse(report.router)
    assert.deepEqual([r.vendor, r.model, r.firmware], ['NEC', 'Aterm WX3600HP', router().http.firmware])
    assert.equal(r.observations.target, labHost('router').ip)
    assert.equal(report.findings.find((f) => f.ruleId === 'router-snmp-default-community')!.status, 'warning')
    assert.equal(report.findings.find((f) => f.ruleId === 'router-upnp-igd-enabled')!.status, 'warning')
  })

  it('identify answers the same offline from the strings the router gave', () => {
    const run = runCliIn(labHost('pc').namespace, ['identify', '--json', '--sysdescr', router().snmp.sysDescr, '--title', router().http.title])
    const out = JSON.parse(run.stdout)
    assert.deepEqual([out.vendor, out.model, out.firmware], ['NEC', 'Aterm WX3600HP', router().http.firmware])
  })
})
