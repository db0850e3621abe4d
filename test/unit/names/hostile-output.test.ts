import assert from 'node:assert/strict'
import {ScanReportSchema, type ScanReport} from '../../../src/evidence/schema.js'
import {withDeviceType} from '../../../src/identify/device-type.js'
import {renderHtml} from '../../../src/report/html.js'
import {renderMarkdown} from '../../../src/report/markdown.js'
import {sanitizeText} from '../../../src/report/sanitize.js'
import {renderTerminal} from '../../../src/report/terminal.js'
import {evaluateRules} from '../../../src/rules/index.js'
import {addName} from '../../../src/gather/names/text.js'
import type {HostName} from '../../../src/evidence/schema.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

const ANSI = 'Evil\u001b[2J\u001b]0;pwned\u0007\u009b31m'
const HTML = '<script>alert("x")</script><img src=x onerror=alert(1)>'
const BIDI = 'photo\u202Egpj.exe'
const HUGE = 'A'.repeat(10 * 1024)
const INVALID = Buffer.from([0x41, 0xff, 0xfe, 0xc3, 0x28, 0x42]).toString('utf8')

function hostileReport(): ScanReport {
  const names: HostName[] = []
  addName(names, ANSI, 'mdns')
  addName(names, HTML, 'ssdp')
  addName(names, BIDI, 'netbios')
  addName(names, HUGE, 'http')
  addName(names, INVALID, 'dns')
  const phone = withDeviceType(
    host('192.168.1.42', {
      vendor: 'Apple, Inc.',
      names,
      identity: {mdnsServices: ['_device-info._tcp'], mdnsTxt: {model: `iPhone14,5${ANSI}${HTML}`}, netbios: [], netbiosMac: null, ssdp: [], upnp: null, http: []},
    }),
  )
  const evidence = evidenceWith([phone])
  return ScanReportSchema.parse({...evidence, findings: evaluateRules(evidence, 'en')})
}

describe('hostile names in the reports', () => {
  it('are capped when gathered (a 10 KB name keeps 255 characters)', () => {
    const report = hostileReport()
    const names = report.hosts.find((h) => h.ip === '192.168.1.42')!.names
    assert.equal(names.find((n) => n.source === 'http')!.name.length, 255)
    assert.ok(names.find((n) => n.source === 'dns')!.name.includes('\uFFFD'), 'invalid UTF-8 arrives as U+FFFD')
  })

  it('the finding still names the phone, and JSON keeps the raw text escaped', () => {
    const report = hostileReport()
    const finding = report.findings.find((f) => f.clause === 'N-3.3.9')!
    assert.equal(finding.status, 'violation')
    assert.equal(finding.evidence[0]!.host, '192.168.1.42')
    const json = JSON.stringify(report)
    assert.ok(!json.includes('\u001b') && json.includes('\\u001b'), 'JSON escapes control characters')
    assert.deepEqual(JSON.parse(json), report)
  })

  it('the terminal report shows no escape, control or bidi character and no 10 KB line', () => {
    const out = renderTerminal(hostileReport(), {lang: 'en', colour: false, width: 100})
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u.test(out), 'no raw control characters')
    assert.ok(out.includes('\\x1B[2J'), 'the escape is shown, not executed')
    assert.ok(out.includes(sanitizeText(BIDI, 64)))
    assert.ok(out.split('\n').every((l) => l.length < 1000))
  })

  it('the HTML report escapes markup (no live <script> or <img>) and control characters', () => {
    const html = renderHtml(hostileReport(), 'en')
    assert.ok(!html.includes('<script>alert'), 'no live script')
    assert.ok(!html.includes('<img src=x'), 'no live img')
    assert.ok(html.includes('&lt;script&gt;'), 'the markup is shown as text')
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e]/u.test(html))
  })

  it('the Markdown report neutralises them too', () => {
    const md = renderMarkdown(hostileReport(), 'en')
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/u.test(md))
    assert.ok(!md.includes('<script>alert'))
  })
})
