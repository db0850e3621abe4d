import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {HostSchema, type Host} from '../../../src/evidence/schema.js'
import {decodeXml, parseNmapXml, parseTaskProgress, type NmapXmlResult} from '../../../src/gather/discovery/nmap/parse-nmap-xml.js'
import {uniform} from '../../helpers/mulberry32.js'

// Real nmap 7.93 output captured in the lab on 2026-11-26; commands in test/fixtures/nmap/README.md.
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/nmap/${name}`, import.meta.url), 'utf8')
// The lab as it was when the fixtures were captured (the lab has grown since: these files are frozen).
const CAPTURED = [
  {name: 'router', ip: '192.168.77.1', mac: '10:66:82:77:00:01', vendor: 'NEC Platforms, Ltd.', open: [80, 443, 8080]},
  {name: 'pc', ip: '192.168.77.10', mac: null, vendor: null, open: []},
  {name: 'family', ip: '192.168.77.21', mac: '10:65:30:77:00:21', vendor: 'Dell Inc.', open: [139, 445]},
  {name: 'nas', ip: '192.168.77.30', mac: '00:11:32:77:00:30', vendor: 'Synology Incorporated', open: [21, 139, 445]},
  {name: 'phone', ip: '192.168.77.42', mac: '10:00:20:77:00:42', vendor: 'Apple, Inc.', open: []},
]

const ssCommon = fixture('ss-common.xml')
const openPorts = (h: Host) => h.ports.filter((p) => p.state === 'open').map((p) => p.port)

function assertValid(result: NmapXmlResult) {
  assert.ok(Array.isArray(result.hosts))
  assert.ok(result.error === null || typeof result.error === 'string')
  for (const host of result.hosts) HostSchema.parse(host)
}

describe('nmap XML parser', () => {
  it('reads the SYN scan of the common ports: every lab host, MAC, IEEE vendor and open port', () => {
    const r = parseNmapXml(ssCommon)
    assert.equal(r.error, null)
    assert.equal(r.complete, true)
    assert.equal(r.info.version, '7.93')
    assert.equal(r.info.exit, 'success')
    assert.equal(r.info.hostsUp, 5)
    assert.equal(r.info.hostsTotal, 256)
    assert.deepEqual(r.hosts.map((h) => h.ip), CAPTURED.map((h) => h.ip))
    for (const expected of CAPTURED) {
      const host = r.hosts.find((h) => h.ip === expected.ip)!
      HostSchema.parse(host)
      assert.deepEqual(host.discoveredBy, ['nmap'])
      assert.deepEqual(openPorts(host), expected.open, expected.name)
      // nmap's own machine has no MAC in the XML. The vendor is our IEEE registry's name, not
      // nmap's short one ("NEC Platforms", "Dell", "Apple").
      assert.equal(host.mac, expected.mac, expected.name)
      assert.equal(host.vendor, expected.vendor, expected.name)
    }
    const router = r.hosts[0]!
    assert.deepEqual(router.ports.find((p) => p.port === 80), {port: 80, protocol: 'tcp', state: 'open', service: 'http'})
    assert.deepEqual(router.ports.find((p) => p.port === 22), {port: 22, protocol: 'tcp', state: 'closed', service: 'ssh'})
  })

  it('reads host discovery (-sn) with reverse DNS on, ignoring <taskprogress> and <hosthint>', () => {
    const sn = parseNmapXml(fixture('sn-root.xml'))
    assert.equal(sn.error, null)
    assert.deepEqual(sn.hosts.map((h) => h.ip), ['192.168.77.1', '192.168.77.10', '192.168.77.21', '192.168.77.30', '192.168.77.42'])
    for (const h of sn.hosts) assert.deepEqual(h.ports, [])
    const top = parseNmapXml(fixture('st-top100.xml'))
    assert.equal(top.error, null)
    assert.equal(top.hosts.length, 5, 'each host once, though <hosthint> announced it before')
    assert.deepEqual(openPorts(top.hosts.find((h) => h.ip === '192.168.77.1')!), [80, 443, 8080])
  })

  it('reads the unprivileged connect scan, which has no MAC addresses', () => {
    const r = parseNmapXml(fixture('st-common-unprivileged.xml'))
    assert.equal(r.error, null)
    assert.equal(r.hosts.length, 5)
    for (const h of r.hosts) {
      assert.equal(h.mac, null)
      assert.equal(h.vendor, null)
    }
    assert.deepEqual(openPorts(r.hosts.find((h) => h.ip === '192.168.77.30')!), [21, 139, 445])
  })

  it('reads ports whose service nmap does not know (what crashes node-nmap)', () => {
    const tcp = parseNmapXml(fixture('unknown-service.xml'))
    assert.equal(tcp.error, null)
    assert.deepEqual(tcp.hosts[0]!.ports, [
      {port: 5431, protocol: 'tcp', state: 'open', service: 'park-agent'},
      {port: 61000, protocol: 'tcp', state: 'closed', service: null},
    ])
    const udp = parseNmapXml(fixture('udp-unknown-service.xml'))
    assert.equal(udp.error, null)
    assert.deepEqual(udp.hosts[0]!.ports, [
      {port: 161, protocol: 'udp', state: 'open', service: 'snmp'},
      {port: 36863, protocol: 'udp', state: 'open|filtered', service: null},
      {port: 61000, protocol: 'udp', state: 'closed', service: null},
    ])
  })

  it('reads the XML of a run that wrote warnings on stderr as a normal result', () => {
    assert.match(fixture('stderr-warning.stderr'), /^WARNING: Duplicate port number/)
    const r = parseNmapXml(fixture('stderr-warning.xml'))
    assert.equal(r.error, null)
    assert.deepEqual(r.hosts[0]!.ports.map((p) => `${p.port}/${p.state}`), ['80/open', '445/closed'])
  })

  it('keeps the complete hosts of nmap killed half-way, and says the output is incomplete', () => {
    const term = parseNmapXml(fixture('killed-sigterm.xml'))
    assert.equal(term.complete, false)
    assert.deepEqual(term.hosts.map((h) => h.ip), ['192.168.77.1'])
    assert.match(term.error!, /incomplete.*1 complete host kept/)
    const kill = parseNmapXml(fixture('killed-sigkill.xml'))
    assert.equal(kill.complete, false)
    assert.equal(kill.hosts.length, 3)
    assert.match(kill.error!, /incomplete/)
    assert.deepEqual(openPorts(kill.hosts[0]!), [80, 443], 'the router, ports 1-3000 (5431 and 8080 are beyond)')
  })

  it('drops a host cut off in the middle, keeps the ones before it', () => {
    const full = parseNmapXml(ssCommon)
    const starts = [...ssCommon.matchAll(/<host /g)].map((m) => m.index)
    const firstTwo = [...ssCommon.slice(0, starts[2]).matchAll(/<host [^]*?<address addr="([\d.]+)"/g)].map((m) => m[1])
    const cut = parseNmapXml(ssCommon.slice(0, starts[2]! + 300))
    assert.deepEqual(cut.hosts, full.hosts.filter((h) => firstTwo.includes(h.ip)))
    assert.equal(cut.hosts.length, 2)
    assert.match(cut.error!, /last host was cut off; 2 complete hosts kept/)
  })

  it('maps PTR hostnames to names with source dns, decoding XML escapes', () => {
    // Derived from ss-common.xml: the lab has no DNS server, so nmap never wrote a <hostname> there.
    const xml = ssCommon.replace(
      /(<address addr="192\.168\.77\.30" addrtype="ipv4"\/>\n<address [^>]+>\n<hostnames>)/g,
      '$1\n<hostname name="diskstation.home.arpa" type="PTR"/>\n<hostname name="a&amp;b&#46;home.arpa" type="PTR"/>\n<hostname name="given.example" type="user"/>',
    )
    assert.notEqual(xml, ssCommon)
    const nas = parseNmapXml(xml).hosts.find((h) => h.ip === '192.168.77.30')!
    assert.deepEqual(nas.names, [
      {name: 'diskstation.home.arpa', source: 'dns'},
      {name: 'a&b.home.arpa', source: 'dns'},
    ])
  })

  it("uses nmap's vendor only when the IEEE registry has none", () => {
    const xml = ssCommon.replaceAll('addr="10:00:20:77:00:42" addrtype="mac" vendor="Apple"', 'addr="02:00:20:77:00:42" addrtype="mac" vendor="Apple"')
    const phone = parseNmapXml(xml).hosts.find((h) => h.ip === '192.168.77.42')!
    assert.equal(phone.mac, '02:00:20:77:00:42')
    assert.equal(phone.macRandomized, true)
    assert.equal(phone.vendor, null, 'a locally administered MAC has no vendor, whatever nmap says')
    const unknownOui = ssCommon.replaceAll('addr="10:00:20:77:00:42" addrtype="mac" vendor="Apple"', 'addr="fc:ff:ff:77:00:42" addrtype="mac" vendor="Some &amp; Vendor"')
    const other = parseNmapXml(unknownOui).hosts.find((h) => h.ip === '192.168.77.42')!
    assert.equal(other.vendor, 'Some & Vendor')
  })

  it('parses <taskprogress> lines', () => {
    assert.deepEqual(parseTaskProgress('<taskprogress task="ARP Ping Scan" time="1795655926" percent="50.78" remaining="1" etc="1795655927"/>'), {
      task: 'ARP Ping Scan',
      percent: 50.78,
      remainingSeconds: 1,
      etc: 1795655927,
    })
    assert.deepEqual(parseTaskProgress('<taskprogress task="Parallel DNS resolution of 4 hosts." time="1795655927" percent="0.00"/>'), {
      task: 'Parallel DNS resolution of 4 hosts.',
      percent: 0,
      remainingSeconds: null,
      etc: null,
    })
    assert.equal(parseTaskProgress('<host starttime="1">'), null)
    assert.equal(parseTaskProgress('<taskprogress percent="10"/>'), null)
    assert.equal(parseTaskProgress('<taskprogress task="x" percent="1e999"/>')!.percent, null)
    const lines = fixture('sn-root.xml').split('\n').map(parseTaskProgress).filter(Boolean)
    assert.equal(lines.length, 27)
  })

  it('decodes only the predefined XML entities and character references', () => {
    assert.equal(decodeXml('a&amp;b&lt;c&gt;&quot;&apos;&#45;&#x41;'), 'a&b<c>"\'-A')
    assert.equal(decodeXml('&foo; &#0; &#xD800; &#99999999;'), '&foo; &#0; &#xD800; &#99999999;')
  })

  it('refuses entity declarations, and answers garbage with an error instead of throwing', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><nmaprun><host><status state="up"/><address addr="192.168.77.1" addrtype="ipv4"/></host></nmaprun>`
    const r = parseNmapXml(bomb)
    assert.deepEqual(r.hosts, [])
    assert.match(r.error!, /entities/)
    for (const junk of ['', 'not xml', '<<<>>>', '<nmaprun', '<html><body>x</body></html>', '\u0000\u0001', '<host>', '</host><host ', '<nmaprun><host><__proto__ x="1"/></host></nmaprun>']) {
      const result = parseNmapXml(junk)
      assertValid(result)
      assert.deepEqual(result.hosts, [])
      assert.ok(result.error, JSON.stringify(junk))
    }
  })

  it('caps the size it reads', () => {
    const r = parseNmapXml(ssCommon, {maxBytes: 4000})
    assert.match(r.error!, /larger than 4000 bytes/)
    assert.ok(r.hosts.length < 5)
    assertValid(r)
  })

  it('stays linear on pathological input', () => {
    const started = Date.now()
    const r = parseNmapXml('<nmaprun>' + '<host '.repeat(1_000_000))
    assert.deepEqual(r.hosts, [])
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`)
  })

  it('skips a host block that cannot be read and keeps the others', () => {
    // The host block of .21 (its second appearance: the first is a <hosthint>) with a mismatched end tag.
    const at = ssCommon.indexOf('</ports>', ssCommon.lastIndexOf('<address addr="192.168.77.21"'))
    const broken = ssCommon.slice(0, at) + '</portz>' + ssCommon.slice(at + '</ports>'.length)
    const r = parseNmapXml(broken)
    assert.deepEqual(r.hosts.map((h) => h.ip), ['192.168.77.1', '192.168.77.10', '192.168.77.30', '192.168.77.42'])
    assert.match(r.error!, /1 host entry .* could not be read/)
  })
})

const SNIPPETS = ['<', '>', '/>', '"', "'", '&', '&amp;', '&#x0;', '&#xFFFFFFF;', '<!ENTITY', '<![CDATA[', ']]>', '<host>', '</host>', '<host ', '<ports>', '</ports>', '<port protocol="tcp" portid="99999">', '<state state="open"/>', '<address addr="999.1.1.1" addrtype="ipv4"/>', '<address addr="zz:zz" addrtype="mac"/>', '<__proto__/>', '<constructor a="1"/>', 'portid="-1"', '\u0000', '\uFFFF', '\uD800', '<!--', '-->', '<?pi ?>', '</nmaprun>', '<status state="up"/>', '<hostnames><hostname name="x" type="PTR"/></hostnames>', ' '.repeat(50)]

/** Cases run by the two fuzz tests below (at least 2,400 truncations + 7,600 mutations = 10,000). */
let fuzzCases = 0

describe('nmap XML parser: mutation fuzz on real lab output (10,000 cases)', function () {
  this.timeout(120_000)
  const sources = ['ss-common.xml', 'st-top100.xml', 'sn-root.xml', 'unknown-service.xml', 'udp-unknown-service.xml', 'killed-sigkill.xml'].map((f) => [f, fixture(f)] as const)

  it('never throws on 2,400 truncations, and keeps only hosts identical to those of the full output', () => {
    let runs = 0
    for (const [name, xml] of sources) {
      const full = parseNmapXml(xml)
      const byIp = new Map(full.hosts.map((h) => [h.ip, h]))
      const step = Math.max(1, Math.floor(xml.length / 400))
      for (let cut = 0; cut <= xml.length; cut += step) {
        const r = parseNmapXml(xml.slice(0, cut))
        runs++
        assertValid(r)
        if (cut < xml.length - 12) assert.ok(r.error, `${name} cut at ${cut}: truncation is reported`)
        for (const h of r.hosts) assert.deepEqual(h, byIp.get(h.ip), `${name} cut at ${cut}: host ${h.ip} is complete`)
      }
    }
    assert.ok(runs >= 2400, `${runs} truncations`)
    fuzzCases += runs
  })

  it('never throws on 7,600 random mutations (byte flips, deletions, insertions, splices)', () => {
    const random = uniform(0x6e6d6170)
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
    for (let i = 0; i < 7600; i++) {
      const [name, original] = pick(sources)
      let xml = original
      const edits = 1 + Math.floor(random() * 6)
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * xml.length)
        const kind = random()
        if (kind < 0.25) xml = xml.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x80)) + xml.slice(at + 1)
        else if (kind < 0.45) xml = xml.slice(0, at) + xml.slice(at + 1 + Math.floor(random() * 200))
        else if (kind < 0.75) xml = xml.slice(0, at) + pick(SNIPPETS) + xml.slice(at)
        else if (kind < 0.9) {
          const from = Math.floor(random() * xml.length)
          xml = xml.slice(0, at) + xml.slice(from, from + Math.floor(random() * 400)) + xml.slice(at)
        } else xml = xml.slice(0, at)
      }
      let r: NmapXmlResult
      try {
        r = parseNmapXml(i % 2 === 0 ? xml : Buffer.from(xml, 'utf8'))
      } catch (error) {
        assert.fail(`mutation ${i} of ${name} threw: ${(error as Error).message}`)
      }
      assertValid(r)
      fuzzCases++
    }
    assert.ok(fuzzCases >= 10_000, `${fuzzCases} nmap XML cases in all`)
  })
})
