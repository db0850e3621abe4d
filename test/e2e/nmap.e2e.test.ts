import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {ScanReportSchema, type ScanReport} from '../../src/evidence/schema.js'
import {DEFAULT_TCP_PORTS} from '../../src/gather/discovery/common-ports.js'
import {ScanScope} from '../../src/scope/scope-guard.js'
import {captureSent, destinations} from './capture.js'
import {labDown, labHost, labUp, REPO, requireLab, runCliIn, topology, type CliRun} from './lab-harness.js'

const pc = () => labHost('pc')

/** The same checks as scan.e2e.test.ts makes of the built-in engine. */
function assertLabHosts(report: ScanReport, macSource: 'nmap' | 'neighbour-table') {
  assert.deepEqual(report.hosts.map((h) => h.ip).sort(), topology.hosts.map((h) => h.ip).sort(), 'exactly the lab hosts')
  const checked = new Set(DEFAULT_TCP_PORTS)
  for (const expected of topology.hosts) {
    const host = report.hosts.find((h) => h.ip === expected.ip)!
    assert.equal(host.mac, expected.mac, expected.name)
    assert.equal(host.vendor, expected.vendor, expected.name)
    assert.equal(host.macRandomized, false)
    assert.equal(host.isSelf, expected.name === 'pc', expected.name)
    assert.equal(host.isGateway, expected.ip === topology.gateway, expected.name)
    if (expected.name === 'pc') {
      assert.deepEqual(host.discoveredBy, ['self'])
      continue
    }
    assert.ok(host.discoveredBy.includes('nmap'), `${expected.name}: ${host.discoveredBy}`)
    if (macSource === 'neighbour-table') assert.ok(host.discoveredBy.includes('neighbour-table'), `${expected.name}: MAC from the neighbour table`)
    else assert.deepEqual(host.discoveredBy, ['nmap'])
    const want = expected.services.filter((s) => s.protocol === 'tcp' && checked.has(s.port)).map((s) => s.port).sort((a, b) => a - b)
    assert.deepEqual(host.ports.filter((p) => p.protocol === 'tcp').map((p) => p.port), want, expected.name)
    for (const port of host.ports.filter((p) => p.protocol === 'tcp')) {
      assert.equal(port.state, 'open')
      assert.ok(port.service, `${expected.name} ${port.port} has a service name`)
    }
  }
}

describe('lab e2e: homeaudit scan --engine nmap', function () {
  this.timeout(240_000)
  let report: ScanReport
  let run: CliRun

  before(function () {
    requireLab(this)
    labUp()
    run = runCliIn(pc().namespace, ['scan', '--json', '--lang', 'en', '--engine', 'nmap', '--no-save'])
    assert.equal(run.stderr.trim(), '', 'no progress or noise on stderr with --json off a TTY')
    report = ScanReportSchema.parse(JSON.parse(run.stdout))
  })

  after(() => labDown())

  it('finds exactly the lab hosts, with MACs, IEEE vendors and the open common ports (as root: SYN scan, MACs from nmap)', () => {
    assertLabHosts(report, 'nmap')
  })

  it('records the nmap run in probes[] and no warning', () => {
    const nmap = report.probes.filter((p) => p.probe === 'nmap')
    assert.equal(nmap.length, 1)
    assert.equal(nmap[0]!.ok, true, nmap[0]!.detail)
    assert.equal(nmap[0]!.target, topology.subnet)
    assert.match(nmap[0]!.detail, / -sS /)
    assert.ok(nmap[0]!.detail.endsWith(`--exclude ${pc().ip} -- ${topology.subnet}: ${topology.hosts.length - 1} hosts up`), nmap[0]!.detail)
    assert.ok(!report.probes.some((p) => p.probe === 'tcp-sweep'), 'the built-in sweep did not run')
    assert.deepEqual(report.warnings.filter((w) => w.includes('nmap')), [])
  })

  it('adds the same names, device types and answering UDP services as with the built-in engine', () => {
    const byName = (n: string) => report.hosts.find((h) => h.ip === labHost(n).ip)!
    const sources = (n: string) => new Set(byName(n).names.map((x) => x.source))
    assert.ok(sources('nas').has('netbios') && sources('nas').has('mdns'), 'NAS: NetBIOS and mDNS names')
    assert.ok(sources('family').has('netbios'), 'family PC: NetBIOS name')
    assert.ok(sources('phone').has('mdns'), 'phone: mDNS name')
    assert.ok(sources('router').has('ssdp'), 'router: SSDP name')
    assert.deepEqual(
      ['router', 'family', 'nas', 'phone'].map((n) => byName(n).deviceType),
      ['router', 'pc', 'nas', 'phone/tablet'],
    )
    const udp = (n: string) => byName(n).ports.filter((p) => p.protocol === 'udp').map((p) => p.port).sort((a, b) => a - b)
    assert.deepEqual([udp('family'), udp('nas'), udp('phone')], [[137], [137, 5353], [5353]])
    assert.ok(udp('router').includes(1900) && udp('router').includes(161))
  })

  it('runs the rest of the pipeline unchanged: router identified, N-3.3.7 violation, exit code 1', () => {
    assert.equal(report.router?.model, 'Aterm WX3600HP')
    const finding = report.findings.find((f) => f.clause === 'N-3.3.7' && f.status === 'violation')!
    const listed = finding.evidence.filter((e) => e.host).map((e) => e.host).sort()
    const others = topology.hosts.filter((h) => h.role !== 'router' && h.name !== 'pc').map((h) => h.ip).sort()
    assert.deepEqual(listed, others)
    assert.equal(run.status, 1)
  })

  it('unprivileged (not root): connect scan, MACs from the neighbour table, the same hosts and ports', () => {
    const home = mkdtempSync(join(tmpdir(), 'homeaudit-nobody-'))
    try {
      spawnSync('chmod', ['777', home])
      const result = spawnSync(
        'ip',
        ['netns', 'exec', pc().namespace, 'setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups', 'env', `HOME=${home}`, process.execPath, `${REPO}bin/run.js`, 'scan', '--json', '--lang', 'en', '--engine', 'nmap', '--no-save'],
        {encoding: 'utf8', timeout: 180_000, env: {...process.env, NO_COLOR: '1'}},
      )
      assert.equal(result.stderr.trim(), '')
      const unprivileged = ScanReportSchema.parse(JSON.parse(result.stdout))
      assertLabHosts(unprivileged, 'neighbour-table')
      assert.match(unprivileged.probes.find((p) => p.probe === 'nmap')!.detail, / -sT /)
    } finally {
      rmSync(home, {recursive: true, force: true})
    }
  })

  it("with --target /28 nmap's probes stay inside the /28 (tcpdump on the work PC)", async () => {
    const target = '192.168.77.16/28'
    let narrow!: ScanReport
    // nmap's raw SYN probes only (SYN, window 1024): the lab is shared, and other suites' kernel
    // connections (window 64240) and the later stages of the scan have their own tests.
    const lines = await captureSent(
      pc().namespace,
      () => {
        const r = runCliIn(pc().namespace, ['scan', '--json', '--engine', 'nmap', '--no-save', '--target', target])
        narrow = ScanReportSchema.parse(JSON.parse(r.stdout))
      },
      ['tcp[13] == 2 and tcp[14:2] == 1024'],
    )
    const scope = ScanScope.fromCidr(target)
    const sent = destinations(lines)
    assert.ok(sent.length >= 50, `nmap sent its probes: 25 ports on 2 hosts (${sent.length})`)
    assert.deepEqual(sent.filter((ip) => !scope.allows(ip)), [], 'every packet stayed inside the target')
    assert.deepEqual(narrow.hosts.map((h) => h.ip).sort(), topology.hosts.filter((h) => scope.allows(h.ip)).map((h) => h.ip).sort())
  })

  it('without nmap on PATH: exit code 2 and how to install it', () => {
    const path = '/usr/sbin:/sbin'
    for (const dir of path.split(':')) assert.ok(!existsSync(`${dir}/nmap`), `${dir} has no nmap`)
    const missing = runCliIn(pc().namespace, ['scan', '--json', '--engine', 'nmap', '--no-save'], {PATH: path})
    assert.equal(missing.status, 2, missing.stderr)
    assert.equal(missing.stdout, '')
    // oclif wraps the one-line message to the terminal width, with " ›" margins.
    const message = missing.stderr.replace(/\s*\n\s*›\s*/g, ' ').replace(/\s+/g, ' ')
    for (const hint of ['nmap was not found', 'sudo apt-get install nmap', 'sudo dnf install nmap', 'brew install nmap', 'winget install Insecure.Nmap', 'Npcap', '--engine builtin']) {
      assert.ok(message.includes(hint), `${hint} in: ${message}`)
    }
    assert.ok(!/\n\s+at /.test(missing.stderr), 'no stack trace')
  })
})
