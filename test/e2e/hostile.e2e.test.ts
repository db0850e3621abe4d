import assert from 'node:assert/strict'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {chromium} from 'playwright-core'
import {type Host, type ScanReport, ScanReportSchema} from '../../src/evidence/schema.js'
import {ScanScope} from '../../src/scope/scope-guard.js'
import {EVIL_HOSTNAME, EVIL_NAMES, EVIL_TITLE, FOREIGN_PORT, PUBLIC_TARGETS} from '../lab/hostile/lib/evil-text.mjs'
import {captureSent, destinations} from './capture.js'
import {type CliRun, type LabTopology, labDown, labUp, REPO, requireLab, runCliIn, runCliInAsync, skipOrFail} from './lab-harness.js'

/**
 * The hostile lab (test/lab/topology-hostile.json, issue #8): devices that misbehave on purpose.
 * One scan runs against all of them inside a tcpdump capture and under GNU time; the stored
 * report is then rendered as text, Markdown and HTML. HOSTILE_TOPOLOGY may name a private
 * copy of the topology (another prefix) for development.
 */
const HOSTILE_FILE = process.env.HOSTILE_TOPOLOGY || `${REPO}test/lab/topology-hostile.json`
const hostile: LabTopology = JSON.parse(readFileSync(HOSTILE_FILE, 'utf8'))
const lab = (name: string) => {
  const host = hostile.hosts.find((h) => h.name === name)
  if (!host) throw new Error(`no host ${name} in ${HOSTILE_FILE}`)
  return host
}
const hasHost = (name: string) => hostile.hosts.some((h) => h.name === name)

const CHROMIUM = '/usr/bin/chromium'
const DEADLINE_S = 120
/** Issue #8: the scan's peak RSS stays under 200 MB in the hostile lab. */
const MAX_RSS_KB = 200 * 1024
/**
 * With HOMEAUDIT_TEST_CLI=dev the CLI runs under tsx, whose compiler alone takes the idle
 * process past 200 MB; there the scan may add at most what the built CLI has left under
 * 200 MB once started (about 110 MB idle).
 */
const MAX_DEV_GROWTH_KB = 90 * 1024
/** Link-local multicast the name probes may send (TTL 1), and broadcasts; nothing else may leave the subnet. */
const LINK_LOCAL = new Set(['224.0.0.251', '239.255.255.250', '255.255.255.255'])
// Printable text only: no C0 (but newline and tab), DEL, C1, bidi overrides or isolates.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u

/**
 * tcpdump: a larger buffer, and inside the subnet only the first packet (SYN) of each TCP
 * connection: every connection starts with one, and the bulk of a 50 MB download (its ACKs)
 * would otherwise make the kernel drop packets, which captureSent refuses.
 */
const CAPTURE_FILTER = ['-B', '16384', `not (tcp and dst net ${hostile.subnet} and tcp[tcpflags] & tcp-syn == 0)`]

/** Peak RSS in KB from GNU time's `-f %M` (its last line on stderr). */
function peakRssKb(run: CliRun): number {
  const last = run.stderr.trim().split('\n').pop() ?? ''
  assert.match(last, /^\d+$/, `GNU time printed the peak RSS: ${run.stderr.slice(-300)}`)
  return Number(last)
}

describe('lab e2e: the hostile lab (issue #8)', function () {
  this.timeout(300_000)
  const pc = () => lab('pc').namespace
  let scan!: CliRun
  let elapsedMs = 0
  let report!: ScanReport
  let sent: string[] = []
  const dir = mkdtempSync(join(tmpdir(), 'homeaudit-hostile-'))
  const hostOf = (name: string): Host => {
    const host = report.hosts.find((h) => h.ip === lab(name).ip)
    assert.ok(host, `${name} (${lab(name).ip}) is in the report`)
    return host
  }

  before(async function () {
    requireLab(this)
    labUp(HOSTILE_FILE)
    sent = await captureSent(pc(), async () => {
      const started = Date.now()
      scan = await runCliInAsync(pc(), ['scan', '--json', '--deadline', String(DEADLINE_S), '--lang', 'en', '--no-save'], {}, {wrapper: ['/usr/bin/time', '-f', '%M'], timeoutMs: (DEADLINE_S + 60) * 1000})
      elapsedMs = Date.now() - started
    }, CAPTURE_FILTER)
    report = ScanReportSchema.parse(JSON.parse(scan.stdout))
    writeFileSync(join(dir, 'scan.json'), scan.stdout)
  })

  after(() => {
    labDown(HOSTILE_FILE)
    rmSync(dir, {recursive: true, force: true})
  })

  it('finishes within its deadline, exit code 0 or 1, no stack trace, a report that validates against the schema', () => {
    assert.ok(scan.status === 0 || scan.status === 1, `exit code ${scan.status}: ${scan.stderr.slice(-500)}`)
    assert.ok(elapsedMs < DEADLINE_S * 1000, `took ${elapsedMs} ms`)
    assert.doesNotMatch(scan.stderr, /\n\s+at /, 'no stack trace')
    assert.equal(report.scope.target, hostile.subnet)
  })

  it('keeps its peak RSS under 200 MB', () => {
    const rss = peakRssKb(scan)
    console.log(`      (peak RSS of the scan: ${Math.round(rss / 1024)} MB)`)
    if (process.env.HOMEAUDIT_TEST_CLI !== 'dev') {
      assert.ok(rss < MAX_RSS_KB, `peak RSS ${Math.round(rss / 1024)} MB`)
      return
    }
    const idle = peakRssKb(runCliIn(pc(), ['rules', '--json'], {}, {wrapper: ['/usr/bin/time', '-f', '%M']}))
    console.log(`      (dev CLI under tsx: ${Math.round(idle / 1024)} MB idle)`)
    assert.ok(rss - idle < MAX_DEV_GROWTH_KB, `the scan added ${Math.round((rss - idle) / 1024)} MB to the idle CLI's ${Math.round(idle / 1024)} MB`)
  })

  it('lists every host of the hostile lab', () => {
    assert.deepEqual(report.hosts.map((h) => h.ip).sort(), hostile.hosts.map((h) => h.ip).sort())
  })

  it("rejects the router's UPnP description (billion laughs + XXE) unread, and its 50 MB TR-064 description as too large", () => {
    const obs = report.router!.observations
    assert.equal(obs.upnp?.url, `http://${lab('router').ip}:5000/rootDesc.xml`)
    assert.equal(obs.upnp?.device, null)
    assert.match(obs.upnp?.error ?? '', /^description rejected: DOCTYPE or ENTITY declarations are not allowed/)
    assert.equal(obs.tr064?.device, null)
    assert.match(obs.tr064?.error ?? '', /^description rejected: too large \(response larger than 1048576 bytes\)/)
    const igd = report.findings.find((f) => f.ruleId === 'router-upnp-igd-enabled')!
    assert.ok(igd.evidence.length > 0)
  })

  it("gives up on descriptions that trickle a byte a second, and says why for each UPnP device", () => {
    const reasons: Array<[string, RegExp]> = [
      ['router', /^description rejected: timed out/],
      ['upnpslow', /^description rejected: timed out/],
      ['upnpbomb', /^description rejected: DOCTYPE or ENTITY/],
      ['upnpxxe', /^description rejected: DOCTYPE or ENTITY/],
      ['upnphuge', /^description rejected: too large/],
    ]
    for (const [name, reason] of reasons) {
      const upnp = hostOf(name).identity?.upnp
      assert.equal(upnp?.url, `http://${lab(name).ip}:${name === 'router' ? 5000 : 49152}/${name === 'router' ? 'slow.xml' : 'description.xml'}`, name)
      assert.match(upnp?.error ?? '', reason, `${name}: ${upnp?.error}`)
      assert.equal(upnp?.friendlyName, null)
      assert.equal(hostOf(name).names.filter((n) => n.source === 'ssdp').length, 0, `${name} got no name from a rejected description`)
    }
  })

  it('reads the well-formed description with hostile names and keeps the names raw in the evidence', () => {
    const tv = hostOf('evilupnp')
    assert.equal(tv.identity?.upnp?.friendlyName, EVIL_NAMES.friendlyName)
    assert.equal(tv.identity?.upnp?.manufacturer, EVIL_NAMES.manufacturer)
    assert.ok(tv.names.some((n) => n.source === 'ssdp' && n.name === EVIL_NAMES.friendlyName))
  })

  it("refuses the router's redirect off the device, cuts endless headers, caps the gzip bomb, records the hostile certificate", () => {
    const page = (port: number) => {
      const p = report.router!.observations.http.find((h) => h.port === port)
      assert.ok(p, `port ${port} was asked`)
      return p
    }
    assert.deepEqual(page(80).redirects, [`http://${lab('router').ip}/login`, `refused: http://${PUBLIC_TARGETS[0]}/cgi-bin/luci (another host)`])
    assert.equal(page(80).status, 302)
    assert.match(page(8080).error ?? '', /^response headers too large/)
    assert.match(page(8443).error ?? '', /^response larger than 1048576 bytes/)
    const subject = page(443).tls?.subject ?? ''
    assert.ok(subject.startsWith('CN=\x1b[2J') && subject.includes('<script>'), subject.slice(0, 80))
    assert.ok(subject.length <= 512, 'the 5 KB common name is capped')
    const admin = report.findings.find((f) => f.ruleId === 'router-admin-plain-http')!
    assert.ok(admin.evidence.some((e) => e.text.includes(`redirect refused: http://${PUBLIC_TARGETS[0]}/`)), JSON.stringify(admin.evidence))
  })

  it('caps the gzip bomb of the web device and keeps its hostile page title raw in the evidence', function () {
    if (!hasHost('web')) this.skip()
    const http = hostOf('web').identity?.http ?? []
    assert.match(http.find((p) => p.port === 80)?.error ?? '', /^response larger than 1048576 bytes/)
    assert.equal(http.find((p) => p.port === 443)?.title, EVIL_TITLE)
  })

  it('caps the SSDP flood and fetches none of its LOCATIONs', () => {
    const probe = report.probes.find((p) => p.probe === 'ssdp-multicast')!
    assert.match(probe.detail, /caps reached/)
    const flood = hostOf('ssdpflood')
    assert.ok(flood.identity!.ssdp.length > 0 && flood.identity!.ssdp.length <= 16, `${flood.identity!.ssdp.length} answers kept`)
    assert.equal(flood.identity!.upnp, null, 'no description fetched for it')
    // Every description read or tried was on the device that offered it.
    for (const host of report.hosts) {
      if (host.identity?.upnp) assert.equal(new URL(host.identity.upnp.url).hostname, host.ip)
    }
    for (const page of report.router!.observations.http) assert.equal(new URL(page.url).hostname, lab('router').ip)
  })

  it('sends no packet outside the subnet, though devices point at public addresses, other hosts and DNS names (tcpdump)', () => {
    const scope = ScanScope.fromCidr(hostile.subnet)
    const to = destinations(sent)
    assert.ok(to.length > 200, `the capture saw the scan (${to.length} packets)`)
    const outside = to.filter((ip) => !scope.allows(ip) && !LINK_LOCAL.has(ip))
    assert.deepEqual([...new Set(outside)], [], 'every packet stayed in the subnet (or link-local multicast)')
    for (const ip of PUBLIC_TARGETS) assert.ok(!to.includes(ip), ip)
    const followed = sent.filter((l) => l.includes(`.${FOREIGN_PORT}:`) || l.includes(`.${FOREIGN_PORT} `))
    assert.deepEqual(followed, [], `nothing went to port ${FOREIGN_PORT}, which only hostile LOCATIONs name`)
    assert.deepEqual(sent.filter((l) => l.includes(EVIL_HOSTNAME)), [], 'no device-supplied name was looked up')
  })

  describe('renderings of the scan', () => {
    const render = (args: string[]) => {
      const run = runCliIn(pc(), ['report', join(dir, 'scan.json'), '--lang', 'en', ...args])
      assert.equal(run.status, 0, run.stderr)
      return run.stdout
    }

    it('the terminal report shows the hostile names neutralised: no control character, no bidi override', () => {
      const text = render([])
      // The TV's friendlyName, as the sanitiser shows it (wrapped and capped further on).
      assert.ok(text.includes('<script>alert(1)</script>\\x1B[2J\\x1B]0;pwned\\x07\\x1B[31mLiving'), 'the hostile TV is named, its escapes shown as text')
      assert.doesNotMatch(text, CONTROL)
    })

    it('the Markdown report escapes the markup and neutralises the escapes', () => {
      const md = render(['--format', 'md'])
      assert.ok(md.includes('Living Room TV'))
      assert.ok(md.includes('\\<script\\>'), 'markup is escaped')
      assert.doesNotMatch(md, /(?<!\\)<script/i)
      assert.doesNotMatch(md, CONTROL)
    })

    it('the HTML report escapes the markup and neutralises the escapes', () => {
      const out = join(dir, 'report.html')
      render(['--format', 'html', '--out', out])
      const html = readFileSync(out, 'utf8')
      assert.ok(html.includes('Living Room TV'))
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'markup is escaped')
      assert.doesNotMatch(html, /<script/i)
      assert.doesNotMatch(html, CONTROL)
    })

    it("names the `names` device by its hostile mDNS/NetBIOS names, neutralised, in the terminal and Markdown", () => {
      const host = hostOf('names')
      const evil = host.names.find((n) => n.name.includes('EVIL'))
      assert.ok(evil, `a hostile name of ${lab('names').ip} is in the evidence: ${JSON.stringify(host.names.map((n) => n.name))}`)
      assert.ok(evil.name.includes('\u001b'), 'the evidence keeps the name exactly, escape included')
      const text = render([])
      assert.match(text, /\\x1B\[31mEVIL\\x1B\[0m/, 'the terminal shows the escape as text')
      const md = render(['--format', 'md'])
      assert.ok(md.includes('EVIL'))
      assert.doesNotMatch(md, CONTROL)
    })

    it('the HTML report of the hostile scan runs no device-supplied script in real Chromium and loads nothing', async function () {
      if (!existsSync(CHROMIUM)) skipOrFail(this, 'chromium is missing (apt-get install chromium)')
      const out = join(dir, 'report-chromium.html')
      render(['--format', 'html', '--out', out])
      const browser = await chromium.launch({executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']})
      try {
        const page = await browser.newPage()
        const requests: string[] = []
        const dialogs: string[] = []
        page.on('request', (r) => requests.push(r.url()))
        page.on('dialog', (d) => {
          dialogs.push(d.message())
          void d.dismiss()
        })
        await page.goto(`file://${out}`)
        await page.waitForTimeout(500)
        assert.deepEqual(requests, [`file://${out}`], 'the page loads nothing else (no <img src=x>, no link)')
        assert.deepEqual(dialogs, [], 'no alert() from a device name ran')
        const body = (await page.textContent('body')) ?? ''
        assert.ok(body.includes('<script>alert(1)</script>'), 'the hostile UPnP name is visible as text')
        assert.ok(body.includes('EVIL'), 'the hostile mDNS/NetBIOS name is visible as text')
      } finally {
        await browser.close()
      }
    })
  })
})
