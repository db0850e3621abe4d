import assert from 'node:assert/strict'
import {ScanReportSchema, type ScanReport} from '../../src/evidence/schema.js'
import {DEFAULT_TCP_PORTS} from '../../src/gather/discovery/common-ports.js'
import {labDown, labHost, labUp, requireLab, runCliIn, topology} from './lab-harness.js'

const pc = () => labHost('pc')

describe('lab e2e: homeaudit scan', function () {
  this.timeout(180_000)
  let report: ScanReport
  let exitCode: number | null

  before(function () {
    requireLab(this)
    labUp()
    const run = runCliIn(pc().namespace, ['scan', '--json', '--lang', 'en'])
    exitCode = run.status
    assert.equal(run.stderr.trim(), '', 'no progress or noise on stderr with --json off a TTY')
    report = ScanReportSchema.parse(JSON.parse(run.stdout))
  })

  after(() => labDown())

  it('reads the work PC interface, address, subnet and gateway from the OS', () => {
    assert.deepEqual(
      {interface: report.network.interface, address: report.network.address, cidr: report.network.cidr, gateway: report.network.gateway, mac: report.network.mac},
      {interface: 'eth0', address: pc().ip, cidr: topology.subnet, gateway: topology.gateway, mac: pc().mac},
    )
    assert.equal(report.scope.target, topology.subnet)
  })

  it('finds every lab host, and no host that is not there', () => {
    assert.deepEqual(report.hosts.map((h) => h.ip).sort(), topology.hosts.map((h) => h.ip).sort())
  })

  it('reports each host with its MAC and IEEE vendor', () => {
    for (const expected of topology.hosts) {
      const host = report.hosts.find((h) => h.ip === expected.ip)!
      assert.equal(host.mac, expected.mac, expected.name)
      assert.equal(host.vendor, expected.vendor, expected.name)
      assert.equal(host.macRandomized, false)
      assert.equal(host.isSelf, expected.name === 'pc', expected.name)
      assert.equal(host.isGateway, expected.ip === topology.gateway, expected.name)
    }
  })

  it('reports exactly the common TCP ports that are listening on each host', () => {
    const checked = new Set(DEFAULT_TCP_PORTS)
    for (const expected of topology.hosts.filter((h) => h.name !== 'pc')) {
      const host = report.hosts.find((h) => h.ip === expected.ip)!
      const want = expected.services.filter((s) => s.protocol === 'tcp' && checked.has(s.port)).map((s) => s.port).sort((a, b) => a - b)
      assert.deepEqual(host.ports.filter((p) => p.protocol === 'tcp').map((p) => p.port), want, expected.name)
      for (const port of host.ports) assert.equal(port.state, 'open')
    }
  })

  it('reports the UDP services that answered their own protocol (NetBIOS, mDNS, SSDP, SNMP), and no other', () => {
    const probed = new Set([137, 5353, 1900, 161])
    for (const expected of topology.hosts.filter((h) => h.name !== 'pc')) {
      const host = report.hosts.find((h) => h.ip === expected.ip)!
      const want = expected.services.filter((s) => s.protocol === 'udp' && probed.has(s.port)).map((s) => s.port).sort((a, b) => a - b)
      assert.deepEqual(host.ports.filter((p) => p.protocol === 'udp').map((p) => p.port).sort((a, b) => a - b), want, expected.name)
    }
  })

  it('reports the N-3.3.7 violation listing the family PC, the NAS and the phone', () => {
    const finding = report.findings.find((f) => f.clause === 'N-3.3.7')!
    assert.equal(finding.status, 'violation')
    const listed = finding.evidence.filter((e) => e.host).map((e) => e.host).sort()
    const others = topology.hosts.filter((h) => h.role !== 'router' && h.name !== 'pc').map((h) => h.ip).sort()
    assert.deepEqual(listed, others)
    assert.equal(exitCode, 1, 'violations give exit code 1')
  })

  it('reports N-3.3.9 as a violation naming the phone (a personal device reachable from the work PC)', () => {
    const finding = report.findings.find((f) => f.clause === 'N-3.3.9')!
    assert.equal(finding.status, 'violation')
    const personal = finding.evidence.filter((e) => e.host && /— phone\/tablet/.test(e.text)).map((e) => e.host)
    assert.deepEqual(personal, [labHost('phone').ip], 'only the phone is typed as a personal device')
    assert.equal(finding.evidence[0]!.host, labHost('phone').ip, 'the personal device is listed first')
  })

  it('renders the terminal report in Japanese with the same verdict', () => {
    const run = runCliIn(pc().namespace, ['scan', '--lang', 'ja'])
    assert.equal(run.status, 1)
    assert.match(run.stdout, /違反 +N-3\.3\.7/)
    for (const h of topology.hosts) assert.ok(run.stdout.includes(h.ip), h.ip)
    assert.ok(!run.stdout.includes('\u001b'), 'no colour off a TTY')
  })
})
