import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {existsSync} from 'node:fs'
import {chromium} from 'playwright-core'
import {type ScanReport, ScanReportSchema} from '../../src/evidence/schema.js'
import {CLAUSES} from '../../src/rules/clauses.js'
import {REPO, TEST_HISTORY_DIR, labDown, labHost, labUp, requireLab, runCliIn, skipOrFail} from './lab-harness.js'

const ARTIFACTS = `${REPO}test/e2e/.artifacts`
const CHROMIUM = '/usr/bin/chromium'
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">\u001b[2J\u001b]0;owned\u0007'

describe('lab e2e: reports (terminal, JSON, Markdown, HTML in Chromium)', function () {
  this.timeout(240_000)
  let report: ScanReport

  before(function () {
    requireLab(this)
    labUp()
    mkdirSync(ARTIFACTS, {recursive: true})
    report = ScanReportSchema.parse(JSON.parse(runCliIn(labHost('pc').namespace, ['scan', '--json', '--lang', 'ja']).stdout))
  })

  after(() => labDown())

  it('accounts for every clause of the guideline: measured ones as rules, the rest as manual items', () => {
    const clauses = new Set(report.findings.map((f) => f.clause))
    for (const c of CLAUSES) assert.ok(clauses.has(c.id), c.id)
    for (const c of CLAUSES.filter((x) => x.measurable.length === 1 && x.measurable[0] === 'ask')) {
      const f = report.findings.filter((x) => x.clause === c.id)
      assert.ok(f.every((x) => x.status === 'manual'), `${c.id} is a manual item, never pass`)
    }
    assert.equal(report.verdict?.level, 'not-allowed')
    assert.equal(report.verdict?.ja, 'テレワーク不可')
  })

  it('--format md gives a pasteable Markdown report with the verdict and every clause', () => {
    const run = runCliIn(labHost('pc').namespace, ['scan', '--format', 'md', '--lang', 'ja', '--no-save'])
    assert.equal(run.status, 1)
    assert.match(run.stdout, /^# homeaudit テレワーク環境 診断結果/)
    assert.match(run.stdout, /\*\*判定: テレワーク不可\*\*/)
    for (const c of CLAUSES) assert.ok(run.stdout.includes(c.id), c.id)
  })

  it('the HTML report renders in real Chromium, makes no request, runs no device-supplied script', async function () {
    if (!existsSync(CHROMIUM)) skipOrFail(this, 'chromium is missing (apt-get install chromium)')
    // A stored scan whose device names are hostile: HTML, an event handler, ANSI and OSC escapes.
    const hostile = structuredClone(report)
    for (const h of hostile.hosts) h.names.push({name: HOSTILE, source: 'mdns'})
    if (hostile.router?.observations.upnp?.device) hostile.router.observations.upnp.device.friendlyName = HOSTILE
    hostile.findings[0]!.evidence.push({source: 'mdns', text: HOSTILE})
    const file = `${TEST_HISTORY_DIR}/hostile-report.json`
    writeFileSync(file, JSON.stringify(hostile))
    const htmlFile = `${ARTIFACTS}/report.html`
    const run = runCliIn(labHost('pc').namespace, ['report', file, '--format', 'html', '--out', htmlFile, '--lang', 'ja'])
    assert.equal(run.status, 0, run.stderr)
    const html = readFileSync(htmlFile, 'utf8')
    assert.ok(!html.includes('<script'), 'no script element at all')
    assert.ok(!html.includes('<img src=x'), 'device HTML is escaped')
    assert.ok(!html.includes('\u001b'), 'no escape character')
    assert.ok(html.includes('&lt;script&gt;'), 'the hostile name is shown as text')

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    try {
      const page = await browser.newPage({viewport: {width: 1200, height: 900}})
      const requests: string[] = []
      page.on('request', (r) => requests.push(r.url()))
      const consoleErrors: string[] = []
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
      await page.goto(`file://${htmlFile}`)
      assert.deepEqual(requests, [`file://${htmlFile}`], 'the page loads nothing else')
      assert.equal(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned), undefined, 'no injected script ran')
      assert.match((await page.textContent('.verdict')) ?? '', /テレワーク不可/)
      assert.equal(await page.locator('svg[aria-label="network map"]').count(), 1)
      assert.ok((await page.locator('section.finding').count()) >= CLAUSES.length)
      assert.ok(((await page.textContent('body')) ?? '').includes('<script>window.__pwned=1</script>'), 'the hostile text is visible as text')
      await page.screenshot({path: `${ARTIFACTS}/report.png`, fullPage: true})
    } finally {
      await browser.close()
    }
  })
})
