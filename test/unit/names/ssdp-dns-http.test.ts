import assert from 'node:assert/strict'
import type {UpnpDeviceSummary} from '../../../src/evidence/router-schema.js'
import {httpNames, type HttpProber} from '../../../src/gather/names/http-names.js'
import {resolversInScope, reverseLookup, type ReverseResolver} from '../../../src/gather/names/reverse-dns.js'
import {discoverSsdp, type DescriptionFetcher, SSDP_LIMITS} from '../../../src/gather/names/ssdp-multicast.js'
import {addName, capName, MAX_NAME_LENGTH, MAX_NAMES_PER_HOST} from '../../../src/gather/names/text.js'
import type {HostName} from '../../../src/evidence/schema.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
import {FakeSsdpChannel, fixtures, LAB, labScope} from './helpers.js'

function device(friendlyName: string | null, extra: Partial<UpnpDeviceSummary> = {}): UpnpDeviceSummary {
  return {
    deviceType: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1',
    friendlyName,
    manufacturer: 'NEC Platforms, Ltd.',
    manufacturerURL: null,
    modelName: 'Aterm WX3600HP',
    modelNumber: null,
    modelDescription: null,
    serialNumber: null,
    presentationURL: null,
    services: [],
    embedded: [],
    systemVersion: null,
    ...extra,
  }
}

describe('SSDP names (multicast M-SEARCH)', () => {
  const routerAnswers = fixtures('ssdp-router-')

  it("collects the lab router's real answers and reads the description at its own LOCATION", async () => {
    const fetched: string[] = []
    const fetch: DescriptionFetcher = async (_scope, url) => {
      fetched.push(url)
      return {url, device: device('Aterm WX3600HP'), error: null}
    }
    const channel = new FakeSsdpChannel((sent, ch) => {
      if (ch.sent.length === 1) for (const answer of routerAnswers) ch.deliver(answer, LAB.router)
    })
    const {hosts, probe} = await discoverSsdp(labScope(), {channel, windowMs: 60, fetch})
    assert.equal(channel.sent[0]!.address, '239.255.255.250')
    assert.equal(channel.sent[0]!.port, 1900)
    assert.match(channel.sent[0]!.message.toString(), /^M-SEARCH \* HTTP\/1\.1\r\nHOST: 239\.255\.255\.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: ssdp:all\r\n/)
    const router = hosts.get(LAB.router)!
    assert.equal(router.responses.length, 13)
    assert.ok(router.responses.every((r) => /MiniUPnPd\/2\.3\.1/.test(r.server ?? '')))
    assert.deepEqual(fetched, ['http://192.168.77.1:5431/rootDesc.xml'])
    assert.equal(router.description!.device!.friendlyName, 'Aterm WX3600HP')
    assert.match(probe.detail, /13 answers from 1 hosts; 1 of 1 descriptions read/)
  })

  it('never fetches a LOCATION on another host or outside the scope, and ignores answers from outside it', async () => {
    const fetched: string[] = []
    const fetch: DescriptionFetcher = async (_s, url) => (fetched.push(url), {url, device: device('x'), error: null})
    const answer = (location: string) => `HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN: uuid:1::upnp:rootdevice\r\nLOCATION: ${location}\r\nSERVER: x\r\n\r\n`
    const channel = new FakeSsdpChannel((_s, ch) => {
      if (ch.sent.length !== 1) return
      ch.deliver(answer('http://192.168.77.99/desc.xml'), LAB.nas) // another host
      ch.deliver(answer('http://8.8.8.8/desc.xml'), LAB.family) // outside the scope
      ch.deliver(answer('file:///etc/passwd'), LAB.phone)
      ch.deliver(answer('http://10.0.0.1/desc.xml'), '10.0.0.1') // responder outside the scope
    })
    const {hosts} = await discoverSsdp(labScope(), {channel, windowMs: 30, fetch})
    assert.deepEqual(fetched, [])
    assert.equal(hosts.has('10.0.0.1'), false)
    assert.equal(hosts.size, 3)
  })

  it('caps a flood of answers', async () => {
    const channel = new FakeSsdpChannel((_s, ch) => {
      if (ch.sent.length !== 1) return
      for (let i = 0; i < 20_000; i++) ch.deliver(`HTTP/1.1 200 OK\r\nST: urn:x:${i}\r\nUSN: uuid:${i}\r\nLOCATION: http://192.168.77.${2 + (i % 250)}:80/${i}\r\n\r\n`, `192.168.77.${2 + (i % 250)}`)
    })
    const started = Date.now()
    const {hosts, probe} = await discoverSsdp(labScope(), {channel, windowMs: 30, fetch: async (_s, url) => ({url, device: null, error: 'x'})})
    assert.ok(Date.now() - started < 5000)
    const total = [...hosts.values()].reduce((n, h) => n + h.responses.length, 0)
    assert.ok(total <= SSDP_LIMITS.maxResponses && hosts.size <= SSDP_LIMITS.maxHosts)
    assert.match(probe.detail, /caps reached/)
  })

  it('starts no description that could not finish within its budget, and says so', async () => {
    const answer = (ip: string) => `HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN: uuid:${ip}::upnp:rootdevice\r\nLOCATION: http://${ip}:49152/d.xml\r\n\r\n`
    const slow = Array.from({length: 12}, (_, i) => `192.168.77.${100 + i}`)
    const channel = new FakeSsdpChannel((_s, ch) => {
      if (ch.sent.length === 1) for (const ip of slow) ch.deliver(answer(ip), ip)
    })
    const fetched: string[] = []
    // Every device trickles: each description takes its whole timeout (slowloris).
    const fetch: DescriptionFetcher = async (_s, url, timeoutMs) => {
      fetched.push(url)
      await new Promise((r) => setTimeout(r, timeoutMs))
      return {url, device: null, error: 'description rejected: timed out'}
    }
    const started = Date.now()
    const {hosts, probe} = await discoverSsdp(labScope(), {channel, windowMs: 30, timeoutMs: 100, budgetMs: 250, fetch})
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`)
    assert.equal(fetched.length, 8, 'two rounds of four fit in the budget')
    const skipped = [...hosts.values()].filter((h) => /time for descriptions was spent/.test(h.description?.error ?? ''))
    assert.equal(skipped.length, 4)
    assert.match(probe.detail, /0 of 12 descriptions read \(4 not tried: time budget spent\)/)
  })

  it('is not sent when the scope does not cover the interface subnet', async () => {
    const {probe} = await discoverSsdp(ScanScope.fromCidr('192.168.77.16/28').withInterface(LAB.pc, '192.168.77.0/24'))
    assert.match(probe.detail, /not sent/)
  })
})

describe('reverse DNS names', () => {
  it('uses only the system resolvers inside the scope', () => {
    const scope = labScope()
    assert.deepEqual(resolversInScope(scope, ['192.168.77.1', '8.8.8.8', '127.0.0.53', '[::1]:53', '192.168.77.1:5353']), {
      allowed: ['192.168.77.1', '192.168.77.1:5353'],
      refused: ['8.8.8.8', '127.0.0.53', '[::1]:53'],
    })
  })

  it('sends nothing when the resolver is outside the scope (a public DNS, a local stub)', async () => {
    let asked = 0
    const resolver: ReverseResolver = {setServers: () => undefined, reverse: async () => (asked++, ['x']), cancel: () => undefined}
    const {names, probe} = await reverseLookup(labScope(), [LAB.nas], {servers: ['8.8.8.8', '127.0.0.53'], resolver})
    assert.equal(asked, 0)
    assert.equal(names.size, 0)
    assert.match(probe.detail, /not sent: the system resolver\(s\) 8\.8\.8\.8, 127\.0\.0\.53 are outside the scan scope/)
  })

  it('times out per host, stays within its budget, and caps what comes back', async () => {
    const servers: string[][] = []
    const resolver: ReverseResolver = {
      setServers: (s) => void servers.push(s),
      reverse: (ip) => (ip === LAB.phone ? new Promise(() => undefined) : Promise.resolve([`${'n'.repeat(10_000)}.home.arpa.`, 'a', 'b', 'c', 'd', 'e'])),
      cancel: () => undefined,
    }
    const started = Date.now()
    const {names} = await reverseLookup(labScope(), [LAB.nas, LAB.phone, '8.8.8.8'], {servers: ['192.168.77.1'], resolver, timeoutMs: 100})
    assert.ok(Date.now() - started < 2000)
    assert.deepEqual(servers, [['192.168.77.1']])
    assert.equal(names.has(LAB.phone), false)
    assert.equal(names.has('8.8.8.8'), false, 'addresses outside the scope are not looked up')
    const nas = names.get(LAB.nas)!
    assert.equal(nas.length, 4)
    assert.equal([...nas[0]!].length, MAX_NAME_LENGTH)
  })
})

describe('HTTP names', () => {
  it('reads title and Server of at most two open web ports per host', async () => {
    const asked: string[] = []
    const prober: HttpProber = async (_scope, ip, port, scheme) => {
      asked.push(`${scheme}://${ip}:${port}`)
      return {url: '', port, scheme, status: port === 8080 ? 401 : 200, server: 'lighttpd', realm: null, title: port === 80 ? 'T'.repeat(10_000) : null, meta: {}, text: '', scripts: [], tls: null, redirects: [], error: null}
    }
    const {pages} = await httpNames(labScope(), [{ip: LAB.router, ports: [53, 80, 443, 8080]}, {ip: '8.8.8.8', ports: [80]}], {prober})
    assert.deepEqual(asked, ['http://192.168.77.1:80', 'https://192.168.77.1:443'])
    const router = pages.get(LAB.router)!
    assert.equal([...router[0]!.title!].length, 256)
    assert.equal(router[0]!.server, 'lighttpd')
  })

  it('keeps why a page was not read, and starts no fetch that could not finish within its budget', async () => {
    const prober: HttpProber = async (_scope, ip, port, scheme, timeoutMs) => {
      if (port === 80) return {url: '', port, scheme, status: null, server: null, realm: null, title: null, meta: {}, text: '', scripts: [], tls: null, redirects: [], error: 'response larger than 1048576 bytes'}
      await new Promise((r) => setTimeout(r, timeoutMs))
      return {url: '', port, scheme, status: null, server: null, realm: null, title: null, meta: {}, text: '', scripts: [], tls: null, redirects: [], error: `no complete answer within ${timeoutMs} ms`}
    }
    const hosts = Array.from({length: 10}, (_, i) => ({ip: `192.168.77.${100 + i}`, ports: [80, 443]}))
    const started = Date.now()
    const {pages, probe} = await httpNames(labScope(), hosts, {prober, timeoutMs: 100, budgetMs: 250, concurrency: 4})
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`)
    const all = [...pages.values()].flat()
    assert.equal(all.length, 20, 'every page is accounted for')
    assert.ok(all.filter((p) => p.port === 80).every((p) => p.status === null && /larger than/.test(p.error ?? '') || /time for web pages was spent/.test(p.error ?? '')))
    assert.ok(all.some((p) => /time for web pages was spent/.test(p.error ?? '')))
    assert.match(probe.detail, /; 0 answered; \d+ not tried \(time budget spent\)/)
  })
})

describe('name text caps', () => {
  it('caps a 10 KB name, trims it, and drops empty ones', () => {
    assert.equal([...capName('x'.repeat(10_000))!].length, MAX_NAME_LENGTH)
    assert.equal(capName('  name\u0000\u0000 '), 'name')
    assert.equal(capName(''), null)
    assert.equal(capName(null), null)
    assert.equal(capName(42 as unknown as string), null)
  })

  it('keeps at most MAX_NAMES_PER_HOST names, without duplicates per source', () => {
    const names: HostName[] = []
    addName(names, 'NAS', 'netbios')
    addName(names, 'nas', 'netbios')
    addName(names, 'NAS', 'mdns')
    assert.deepEqual(names, [
      {name: 'NAS', source: 'netbios'},
      {name: 'NAS', source: 'mdns'},
    ])
    for (let i = 0; i < 100; i++) addName(names, `n${i}`, 'dns')
    assert.equal(names.length, MAX_NAMES_PER_HOST)
  })
})
