import assert from 'node:assert/strict'
import {type Exposure, ExposureSchema} from '../../../src/evidence/exposures-schema.js'
import {evaluateRules, RULES} from '../../../src/rules/index.js'
import {dlnaOpenRule} from '../../../src/rules/dlna-open.js'
import {networkPrintersRule} from '../../../src/rules/network-printers.js'
import {webdavAnonymousRule} from '../../../src/rules/webdav-anonymous.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

const exposure = (kind: Exposure['kind'], anonymous: boolean | null, details: Exposure['details'] = {}, ip = '192.168.1.50'): Exposure =>
  ExposureSchema.parse({host: ip, kind, port: {dlna: 8200, ipp: 631, 'raw-print': 9100, webdav: 5005, telnet: 23}[kind], anonymous, summary: `${kind} summary`, details, error: anonymous === null ? 'no answer' : null})
const withExposures = (exposures: Exposure[] | undefined) => evidenceWith([host('192.168.1.50')], {exposures})

describe('rules on DLNA, WebDAV and printers', () => {
  it('DLNA content open without authentication is a warning naming the server; refused or none is a pass; no answer is unknown', () => {
    const open = dlnaOpenRule.evaluate(withExposures([exposure('dlna', true)]))
    assert.equal(open.status, 'warning')
    assert.match(open.title.en, /192\.168\.1\.50/)
    assert.deepEqual(open.evidence.map((e) => e.host), ['192.168.1.50'])
    assert.ok(open.remediation.ja.length > 0 && open.remediation.en.length === open.remediation.ja.length)
    assert.equal(dlnaOpenRule.evaluate(withExposures([exposure('dlna', false)])).status, 'pass')
    assert.equal(dlnaOpenRule.evaluate(withExposures([exposure('dlna', null)])).status, 'unknown')
    assert.equal(dlnaOpenRule.evaluate(withExposures([])).status, 'pass')
    for (const rule of [dlnaOpenRule, webdavAnonymousRule, networkPrintersRule]) {
      const old = rule.evaluate(withExposures(undefined))
      assert.equal(old.status, 'unknown', `${rule.id}: a scan stored before these probes existed is not a pass`)
      assert.ok(rule.statuses.includes(old.status))
    }
    assert.equal(dlnaOpenRule.evaluate(withExposures([exposure('webdav', true)])).status, 'pass', 'only DLNA counts')
  })

  it('anonymous WebDAV is a violation like an open share; credentials asked is a pass; unknown stays unknown', () => {
    const open = webdavAnonymousRule.evaluate(withExposures([exposure('webdav', true), exposure('webdav', false, {}, '192.168.1.30')]))
    assert.equal(open.status, 'violation')
    assert.match(open.title.ja, /192\.168\.1\.50:5005/)
    assert.ok(!open.title.en.includes('192.168.1.30'), 'the protected one is not listed as open')
    assert.equal(webdavAnonymousRule.evaluate(withExposures([exposure('webdav', false)])).status, 'pass')
    assert.equal(webdavAnonymousRule.evaluate(withExposures([exposure('webdav', null)])).status, 'unknown')
    assert.equal(webdavAnonymousRule.evaluate(withExposures([exposure('dlna', true)])).status, 'pass')
  })

  it('printers are informational: always pass at severity info, saying which take jobs from anyone', () => {
    const both = networkPrintersRule.evaluate(withExposures([exposure('ipp', true, {jobsWithoutAuthentication: true}), exposure('raw-print', true)]))
    assert.equal(both.status, 'pass')
    assert.match(both.title.en, /accept jobs without authentication \(192\.168\.1\.50\)/)
    assert.ok(both.evidence.some((e) => /P-2\.4/.test(e.text)))
    const guarded = networkPrintersRule.evaluate(withExposures([exposure('ipp', true, {jobsWithoutAuthentication: false})]))
    assert.doesNotMatch(guarded.title.en, /without authentication/, 'IPP that asks for job authentication is not called open')
    assert.match(networkPrintersRule.evaluate(withExposures([])).title.en, /No network printer/)
    for (const verdict of [both, guarded]) assert.equal(verdict.severity ?? networkPrintersRule.severity, 'info')
  })

  it('are registered, evaluated by the frame and keep the verdict honest (the printer note never makes it conditional)', () => {
    for (const id of ['dlna-open-content', 'webdav-anonymous', 'network-printers']) assert.ok(RULES.some((r) => r.id === id), id)
    const findings = evaluateRules(withExposures([exposure('raw-print', true)]), 'ja')
    const printers = findings.find((f) => f.ruleId === 'network-printers')!
    assert.deepEqual([printers.status, printers.severity, printers.clause], ['pass', 'info', 'N-3.3.7'])
    assert.match(printers.title, /参考/)
  })
})
