import assert from 'node:assert/strict'
import {COMMON_SERVICE_TYPES, discoverMdns, MDNS_LIMITS, MdnsCollector} from '../../../src/gather/names/mdns.js'
import {sanitizeText} from '../../../src/report/sanitize.js'
import {decodeMessage, encodeResponse, FakeMdnsChannel, fixture, LAB, labScope} from './helpers.js'

/**
 * Answer as the lab's avahi did, with its captured datagrams: the first and second service
 * enumeration (`_services._dns-sd._udp`) with the first and second captures, the phone's SRV/TXT
 * follow-up with the third.
 */
function labResponder(): FakeMdnsChannel {
  let enumerations = 0
  let followUp = false
  return new FakeMdnsChannel((sent, deliver) => {
    if (sent.message.includes('_services')) {
      enumerations++
      const n = enumerations
      if (n <= 2) {
        setTimeout(() => {
          deliver(fixture(`mdns-nas-${n}.bin`), LAB.nas)
          deliver(fixture(`mdns-phone-${n}.bin`), LAB.phone)
        }, 5)
      }
    } else if (!followUp && sent.message.includes('Hanako')) {
      followUp = true
      setTimeout(() => deliver(fixture('mdns-phone-3.bin'), LAB.phone), 5)
    }
  })
}

describe('mDNS / DNS-SD names', () => {
  it('sends one-shot queries to 224.0.0.251:5353: the enumeration and each common type alone, the reverse names in batches', async () => {
    const channel = new FakeMdnsChannel()
    await discoverMdns(labScope(), [LAB.nas, LAB.phone], {channel, windowMs: 100})
    assert.ok(channel.sent.length >= 1)
    for (const sent of channel.sent) assert.deepEqual([sent.address, sent.port], ['224.0.0.251', 5353])
    const queries = await Promise.all(channel.sent.map(async (sent) => (await decodeMessage(sent.message)).questions!.map((q) => `${q.type} ${q.name}`)))
    const names = queries.flat()
    assert.ok(names.includes('PTR _services._dns-sd._udp.local'))
    for (const type of ['_device-info._tcp', '_airplay._tcp', '_companion-link._tcp', '_ipp._tcp', '_printer._tcp', '_smb._tcp', '_afpovertcp._tcp', '_googlecast._tcp', '_hap._tcp', '_raop._tcp', '_http._tcp']) {
      assert.ok(COMMON_SERVICE_TYPES.includes(type), type)
      assert.ok(names.includes(`PTR ${type}.local`), type)
    }
    // A responder answers a legacy-unicast query in 512 bytes at most: a service question never shares its query.
    for (const q of queries) if (q.some((n) => /^PTR _[^.]+\._(tcp|udp)\./.test(n))) assert.equal(q.length, 1, q.join(', '))
    const reverse = queries.find((q) => q.includes('PTR 42.77.168.192.in-addr.arpa'))
    assert.ok(reverse?.includes('PTR 30.77.168.192.in-addr.arpa'), 'the reverse names go together')
    for (const q of queries) assert.ok(q.length <= MDNS_LIMITS.maxQuestionsPerQuery)
    assert.ok(channel.closed)
  })

  it("reads the lab phone's and NAS's real answers: host names, instances, service types, TXT model", async () => {
    const {collector, probe} = await discoverMdns(labScope(), [LAB.router, LAB.family, LAB.nas, LAB.phone], {channel: labResponder(), windowMs: 300})
    const phone = collector.hosts.get(LAB.phone)!
    assert.deepEqual(phone.hostnames, ['Hanakos-iPhone.local'])
    assert.deepEqual(phone.instances, ['Hanako’s iPhone'])
    assert.deepEqual([...phone.services].sort(), ['_companion-link._tcp', '_device-info._tcp'])
    assert.equal(phone.txt.model, 'iPhone14,5')
    assert.equal(phone.txt.rpmd, 'iPhone14,5')
    assert.ok(!('rpvr' in phone.txt), 'only identifying TXT keys are kept')
    const nas = collector.hosts.get(LAB.nas)!
    assert.deepEqual(nas.hostnames, ['DiskStation.local'])
    assert.deepEqual(nas.instances, ['DiskStation'])
    assert.deepEqual(nas.services, ['_smb._tcp'])
    assert.equal(collector.hosts.size, 2)
    assert.ok(probe.ok)
    assert.match(probe.detail, /2 hosts named/)
  })

  it('asks again for a type the enumeration revealed but whose instance was not heard', async () => {
    const enumeration = await encodeResponse({answers: [{type: 'PTR', name: '_services._dns-sd._udp.local', data: '_device-info._tcp.local'}]})
    const channel = new FakeMdnsChannel((_s, deliver, count) => count === 1 && setTimeout(() => deliver(enumeration, LAB.phone), 5))
    await discoverMdns(labScope(), [LAB.phone], {channel, windowMs: 200})
    const later = await Promise.all(channel.sent.slice(2).map((s) => decodeMessage(s.message)))
    assert.ok(later.flatMap((p) => p.questions!.map((q) => `${q.type} ${q.name}`)).includes('PTR _device-info._tcp.local'))
  })

  it('follows up with SRV/TXT for an instance heard without them', async () => {
    const channel = labResponder()
    await discoverMdns(labScope(), [LAB.phone], {channel, windowMs: 300})
    const all = await Promise.all(channel.sent.map((s) => decodeMessage(s.message)))
    const asked = all.flatMap((p) => p.questions!.map((q) => `${q.type} ${q.name}`))
    assert.ok(asked.includes('SRV Hanako’s iPhone._device-info._tcp.local'), 'SRV of an instance heard without one')
  })

  it('counts answers only from addresses inside the scope, and attributes only addresses inside it', async () => {
    const channel = new FakeMdnsChannel((_s, deliver, count) => {
      if (count !== 1) return
      deliver(fixture('mdns-phone-1.bin'), '10.9.9.9') // outside the scope
      deliver(fixture('mdns-phone-1.bin'), '8.8.8.8')
    })
    const {collector} = await discoverMdns(labScope(), [LAB.phone], {channel, windowMs: 60})
    assert.equal(collector.hosts.size, 0)

    const outsideA = await encodeResponse({answers: [{type: 'A', name: 'evil.local', data: '8.8.4.4'}, {type: 'PTR', name: '4.4.8.8.in-addr.arpa', data: 'evil.local'}]})
    const c2 = new MdnsCollector(labScope())
    const channel2 = new FakeMdnsChannel((_s, deliver, count) => count === 1 && deliver(outsideA, LAB.phone))
    const res = await discoverMdns(labScope(), [LAB.phone], {channel: channel2, windowMs: 60})
    assert.equal(res.collector.hosts.has('8.8.4.4'), false)
    assert.equal(c2.facts('8.8.4.4'), null)
  })

  it('survives an mDNS flood of thousands of answers: caps hold, no hang', async () => {
    const answers = Array.from({length: 140}, (_, i) => ({type: 'PTR', name: '_http._tcp.local', data: `flood-${i}._http._tcp.local`}))
    const big = await encodeResponse({answers})
    assert.ok(big.length < MDNS_LIMITS.maxDatagram, `${big.length} bytes`)
    const channel = new FakeMdnsChannel((_s, deliver, count) => {
      if (count !== 1) return
      for (let i = 0; i < 5000; i++) deliver(big, `192.168.77.${2 + (i % 250)}`)
    })
    const started = Date.now()
    const {collector, probe} = await discoverMdns(labScope(), [LAB.phone], {channel, windowMs: 200})
    assert.ok(Date.now() - started < 5000, 'bounded time')
    assert.ok(collector.records <= MDNS_LIMITS.maxRecordsTotal, `${collector.records} records`)
    assert.ok(collector.packets <= MDNS_LIMITS.maxDatagrams)
    for (const facts of collector.hosts.values()) assert.ok(facts.instances.length <= MDNS_LIMITS.maxInstances)
    assert.ok(collector.instances.size <= MDNS_LIMITS.maxInstancesTracked)
    assert.ok(collector.truncated)
    assert.match(probe.detail, /caps reached/)
  })

  it('drops oversized datagrams and survives garbage', async () => {
    const channel = new FakeMdnsChannel((_s, deliver, count) => {
      if (count !== 1) return
      deliver(Buffer.alloc(MDNS_LIMITS.maxDatagram + 1, 0x41), LAB.phone)
      deliver(Buffer.from([1, 2, 3]), LAB.phone)
      const truncated = fixture('mdns-phone-1.bin')
      for (let n = 0; n < truncated.length; n += 7) deliver(truncated.subarray(0, n), LAB.phone)
      deliver(fixture('mdns-nas-1.bin'), LAB.nas)
    })
    const {collector, probe} = await discoverMdns(labScope(), [LAB.nas], {channel, windowMs: 100})
    assert.deepEqual(collector.hosts.get(LAB.nas)!.hostnames, ['DiskStation.local'])
    assert.match(probe.detail, /malformed/)
  })

  it('keeps hostile names as data, capped, and the sanitiser renders them harmless', async () => {
    const ansi = 'Evil\u001b[2J\u001b]0;pwned\u0007'
    const html = '<script>alert(1)</script>'
    const response = await encodeResponse({
      answers: [
        {type: 'PTR', name: '_http._tcp.local', data: `${ansi}._http._tcp.local`},
        {type: 'PTR', name: '_airplay._tcp.local', data: `${html}._airplay._tcp.local`},
        {type: 'PTR', name: '_raop._tcp.local', data: 'QQQQ._raop._tcp.local'},
        {type: 'TXT', name: `${ansi}._http._tcp.local`, data: ['model=' + 'M'.repeat(249), 'x'.repeat(255), 'md=' + '\u202Egnp.exe']},
        {type: 'A', name: 'QQQQ.local', data: LAB.phone},
      ],
    })
    // Invalid UTF-8 in labels: patch the placeholder bytes.
    let at = response.indexOf('QQQQ')
    while (at >= 0) {
      response.set([0xff, 0xfe, 0xc3, 0x28], at)
      at = response.indexOf('QQQQ', at + 4)
    }
    const channel = new FakeMdnsChannel((_s, deliver, count) => count === 1 && deliver(response, LAB.phone))
    const {collector} = await discoverMdns(labScope(), [LAB.phone], {channel, windowMs: 60})
    const facts = collector.hosts.get(LAB.phone)!
    assert.ok(facts.instances.includes(ansi))
    assert.ok(facts.instances.includes(html))
    assert.ok(facts.instances.some((n) => n.includes('\uFFFD')), 'invalid UTF-8 becomes U+FFFD, not a crash')
    assert.ok(facts.hostnames.some((n) => n.includes('\uFFFD')))
    assert.ok([...facts.txt.model!].length <= MDNS_LIMITS.maxTxtValue)
    for (const text of [...facts.instances, ...facts.hostnames, ...Object.values(facts.txt)]) {
      const shown = sanitizeText(text, 64)
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202e]/u.test(shown), JSON.stringify(shown))
    }
  })

  it('sends nothing when the scope does not cover the whole interface subnet', async () => {
    const {ScanScope} = await import('../../../src/scope/scope-guard.js')
    const narrow = ScanScope.fromCidr('192.168.77.16/28').withInterface('192.168.77.10', '192.168.77.0/24')
    const {probe, collector} = await discoverMdns(narrow, ['192.168.77.21'])
    assert.match(probe.detail, /not sent/)
    assert.equal(collector.hosts.size, 0)
  })
})
