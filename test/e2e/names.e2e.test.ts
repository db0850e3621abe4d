import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {ScanReportSchema, type Host, type ScanReport} from '../../src/evidence/schema.js'
import {ScanScope} from '../../src/scope/scope-guard.js'
import {captureSent} from './capture.js'
import {labDown, labHost, labUp, requireLab, runCliIn, TOPOLOGY_FILE, topology} from './lab-harness.js'

/** The parts of topology.json this suite reads beyond the harness's type. */
const names = JSON.parse(readFileSync(TOPOLOGY_FILE, 'utf8')) as {
  hosts: Array<{name: string; dnsName?: string; smb?: {netbiosName: string}; mdns?: {hostName: string; services: Array<{name: string; type: string; txt: string[]}>}; upnp?: {friendlyName: string}; dlna?: {friendlyName: string}}>
}
const topo = (name: string) => names.hosts.find((h) => h.name === name)!

describe('lab e2e: names and device types', function () {
  this.timeout(180_000)
  let report: ScanReport
  let sent = ''
  const hostOf = (name: string): Host => report.hosts.find((h) => h.ip === labHost(name).ip)!

  before(async function () {
    requireLab(this)
    labUp()
    const lines = await captureSent(
      labHost('pc').namespace,
      () => {
        const run = runCliIn(labHost('pc').namespace, ['scan', '--json', '--lang', 'en'])
        assert.equal(run.stderr.trim(), '', 'nothing on stderr')
        report = ScanReportSchema.parse(JSON.parse(run.stdout))
      },
      ['-v'], // -v for the TTL
    )
    sent = lines.join('\n') + '\n'
  })

  after(() => labDown())

  it('names the NAS and the family PC by their NetBIOS names (nmbd node status)', () => {
    for (const name of ['nas', 'family']) {
      const h = hostOf(name)
      assert.ok(h.names.some((n) => n.source === 'netbios' && n.name === topo(name).smb!.netbiosName), `${name}: ${JSON.stringify(h.names)}`)
      assert.ok(h.identity!.netbios.some((n) => n.name === topo(name).smb!.netbiosName && n.suffix === 0x20 && !n.group))
      assert.ok(h.identity!.netbios.some((n) => n.name === 'WORKGROUP' && n.group))
    }
  })

  it("names the phone by mDNS (host name and instance) and reads its model from DNS-SD TXT", () => {
    const phone = hostOf('phone')
    const mdns = topo('phone').mdns!
    assert.ok(phone.names.some((n) => n.source === 'mdns' && n.name === `${mdns.hostName}.local`), JSON.stringify(phone.names))
    assert.ok(phone.names.some((n) => n.source === 'mdns' && n.name === mdns.services[0]!.name))
    assert.equal(phone.identity!.mdnsTxt.model, 'iPhone14,5')
    assert.deepEqual([...phone.identity!.mdnsServices].sort(), mdns.services.map((s) => s.type).sort())
    const nas = hostOf('nas')
    assert.ok(nas.identity!.mdnsServices.includes('_smb._tcp'))
  })

  it("names the router by its UPnP friendlyName (multicast SSDP, then its description)", () => {
    const router = hostOf('router')
    assert.ok(router.names.some((n) => n.source === 'ssdp' && n.name === topo('router').upnp!.friendlyName), JSON.stringify(router.names))
    assert.match(router.identity!.upnp!.deviceType ?? '', /InternetGatewayDevice/)
    assert.ok(router.identity!.ssdp.some((s) => /MiniUPnPd/.test(s.server ?? '')))
    assert.ok(router.identity!.http.some((p) => p.port === 80 && /Aterm WX3600HP/.test(p.title ?? '')))
  })

  it('names every other host by reverse DNS from the lab router', () => {
    for (const h of topology.hosts.filter((x) => x.name !== 'pc')) {
      assert.ok(hostOf(h.name).names.some((n) => n.source === 'dns' && n.name === topo(h.name).dnsName), h.name)
    }
  })

  it('types the devices: router, NAS, PC, phone/tablet, TV, printer', () => {
    assert.deepEqual(
      Object.fromEntries(['router', 'pc', 'family', 'nas', 'phone', 'tv', 'printer'].map((n) => [n, hostOf(n).deviceType])),
      {router: 'router', pc: 'pc', family: 'pc', nas: 'nas', phone: 'phone/tablet', tv: 'tv/media', printer: 'printer'},
    )
    assert.ok(hostOf('phone').deviceTypeReasons!.some((r) => /model=iPhone14,5/.test(r)))
    // All four the printer announces, though they do not fit one 512-byte legacy-unicast answer.
    assert.deepEqual([...hostOf('printer').identity!.mdnsServices].sort(), ['_http._tcp', '_ipp._tcp', '_ipps._tcp', '_printer._tcp'], 'the printer announces itself over mDNS')
    assert.ok(hostOf('tv').names.some((n) => n.source === 'ssdp' && n.name === topo('tv').dlna!.friendlyName), 'the TV is named by its DLNA friendlyName')
  })

  it('reports N-3.3.9 as a violation naming the phone', () => {
    const finding = report.findings.find((f) => f.clause === 'N-3.3.9')!
    assert.equal(finding.status, 'violation')
    const phone = finding.evidence.find((e) => e.host === labHost('phone').ip)!
    assert.match(phone.text, /Hanakos-iPhone\.local.*phone\/tablet/)
    assert.ok(!finding.evidence.some((e) => e.host === labHost('router').ip || e.host === labHost('pc').ip))
  })

  it('sent nothing outside the subnet but mDNS and SSDP multicast, with TTL 1, from its own address', () => {
    const scope = ScanScope.fromCidr(topology.subnet)
    const packets = [...sent.matchAll(/ IP \(tos [^\n]*?ttl (\d+),[^\n]*\n\s+(\d+\.\d+\.\d+\.\d+)\.(\d+) > (\d+\.\d+\.\d+\.\d+)\.(\d+)/g)].map((m) => ({ttl: Number(m[1]), src: m[2]!, dst: m[4]!, port: Number(m[5])}))
    assert.ok(packets.length > 50, `the scan sent packets (${packets.length})`)
    // Every packet is accounted for: IPv4 ones are parsed above, the rest is ARP inside the subnet.
    const tops = sent.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d+ /.test(l))
    assert.equal(tops.filter((l) => / IP \(/.test(l)).length, packets.length, 'every IPv4 packet parsed')
    for (const line of tops.filter((l) => !/ IP \(/.test(l))) {
      const arp = /ARP, .*(?:Request who-has|Reply) (\d+\.\d+\.\d+\.\d+)/.exec(line)
      assert.ok(arp && scope.allows(arp[1]!), `unclassified: ${line}`)
    }
    const outside = packets.filter((p) => !scope.allows(p.dst))
    assert.ok(outside.length > 0, 'multicast was sent')
    for (const p of outside) {
      assert.ok((p.dst === '224.0.0.251' && p.port === 5353) || (p.dst === '239.255.255.250' && p.port === 1900), `unexpected destination ${p.dst}:${p.port}`)
      assert.equal(p.ttl, 1, `${p.dst} with TTL ${p.ttl}`)
      assert.equal(p.src, labHost('pc').ip)
    }
    assert.ok(packets.every((p) => p.src === labHost('pc').ip))
    assert.ok(!/IGMP/.test(sent), 'no group was joined')
  })
})
