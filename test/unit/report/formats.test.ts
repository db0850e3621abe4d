import assert from 'node:assert/strict'
import {csvCell} from '../../../src/report/fleet-summary.js'
import {renderHtml} from '../../../src/report/html.js'
import {mdEscape, renderMarkdown} from '../../../src/report/markdown.js'
import {redactReport} from '../../../src/report/redact.js'
import {verdictOf} from '../../../src/report/verdict.js'
import {evaluateRules} from '../../../src/rules/index.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

const EVIL = '<script>alert(1)</script>[link](http://evil.example)\u001b[31m=cmd|calc'

function report() {
  const evidence = evidenceWith([host('192.168.1.21', {mac: '10:65:30:00:00:21', names: [{name: EVIL, source: 'mdns'}, {name: 'kids-ipad', source: 'mdns'}]})])
  return {...evidence, findings: evaluateRules(evidence, 'en')}
}

describe('report formats', () => {
  it('verdict: any violation → not allowed; only manual/unknown/warning → conditional; else allowed', () => {
    const f = (status: 'violation' | 'warning' | 'pass' | 'unknown' | 'manual') => ({ruleId: 'x', clause: 'N-3.3.7', clauseTitleJa: '', status, severity: 'high' as const, title: '', evidence: [], remediation: {ja: [], en: []}})
    assert.equal(verdictOf([f('pass'), f('violation')]).level, 'not-allowed')
    assert.equal(verdictOf([f('pass'), f('manual')]).level, 'conditional')
    assert.equal(verdictOf([f('pass')]).level, 'allowed')
    assert.equal(verdictOf([f('violation')]).ja, 'テレワーク不可')
  })

  it('Markdown escapes device text: no HTML, no link, no escape sequence', () => {
    const md = renderMarkdown(report(), 'en')
    assert.ok(!md.includes('<script>'))
    assert.ok(!/(?<!\\)\](?=\(http)/.test(md), 'brackets are escaped, so no link forms')
    assert.ok(!md.includes('\u001b'))
    assert.equal(mdEscape('a|b'), 'a\\|b')
  })

  it('HTML escapes device text and carries a CSP that forbids scripts and requests', () => {
    const html = renderHtml(report(), 'ja')
    assert.ok(!html.includes('<script>alert'))
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'))
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/)
    assert.ok(!/<(script|iframe|link|img)\b/i.test(html))
  })

  it('CSV cells cannot start a formula', () => {
    assert.equal(csvCell('=cmd|calc'), `"'=cmd|calc"`)
    assert.equal(csvCell('+1'), `"'+1"`)
    assert.equal(csvCell('say "hi"'), '"say ""hi"""')
  })

  it('--redact hashes MAC addresses and names everywhere, consistently within one report', () => {
    const original = report()
    const redacted = redactReport(original)
    const text = JSON.stringify(redacted)
    assert.ok(!text.includes('10:65:30:00:00:21'))
    assert.ok(!text.includes('kids-ipad'))
    const mac = redacted.hosts.find((h) => h.ip === '192.168.1.21')!.mac!
    assert.match(mac, /^mac:[0-9a-f]{12}$/)
    assert.ok(redacted.findings.some((f) => f.evidence.some((e) => e.text.includes(mac))), 'evidence uses the same hash')
    assert.notEqual(redactReport(original).hosts[2]!.mac, mac, 'a fresh key each time')
  })
})
