import assert from 'node:assert/strict'
import type dgram from 'node:dgram'
import {EventEmitter} from 'node:events'
import makeMdns from 'multicast-dns'
import type {HostName} from '../../src/evidence/schema.js'
import {MDNS_LIMITS, MdnsCollector} from '../../src/gather/names/mdns.js'
import {NbstatParseError, netbiosHostName, parseNbstatResponse} from '../../src/gather/names/netbios.js'
import {addName, MAX_NAME_LENGTH} from '../../src/gather/names/text.js'
import {sanitizeText} from '../../src/report/sanitize.js'
import {fixtures, LAB, labScope} from '../unit/names/helpers.js'
import {fuzz} from './mutate.js'

const CASES = Number(process.env.FUZZ_CASES ?? 10_000)
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u

/** What a report shows of a name: it must be capped and free of anything a terminal acts on. */
function assertShown(name: string): void {
  if ([...name].length > MAX_NAME_LENGTH) throw new Error(`a name of ${[...name].length} characters was kept`)
  const shown = sanitizeText(name, 64)
  if (UNSAFE.test(shown)) throw new Error(`the sanitiser left a control character in ${JSON.stringify(shown)}`)
}

/**
 * The real answers of the lab's avahi and nmbd (test/fixtures/names/lab/), mutated, through the
 * same path as in a scan: multicast-dns decodes each datagram from the socket and hands the
 * response to MdnsCollector; node status answers go through parseNbstatResponse and
 * netbiosHostName; every name then as gather-names keeps it (addName) and as a report shows it.
 */
describe(`fuzz: name answers (${CASES} cases each)`, function () {
  this.timeout(120_000)

  it('mDNS answers through multicast-dns and MdnsCollector: caps hold, nothing escapes', () => {
    const seeds = fixtures('mdns-')
    assert.equal(seeds.length, 5)
    const socket = new EventEmitter() as EventEmitter & Record<string, unknown>
    socket.send = () => undefined
    socket.close = () => undefined
    const mdns = makeMdns({socket: socket as unknown as dgram.Socket, bind: false, multicast: false})
    const scope = labScope()
    let collector = new MdnsCollector(scope)
    let malformed = 0
    let decoded = 0
    let responses = 0
    mdns.on('warning', () => malformed++)
    mdns.on('packet', () => decoded++)
    mdns.on('response', (packet: unknown, rinfo: dgram.RemoteInfo) => {
      responses++
      collector.accept(packet, rinfo.address)
    })
    let named = 0
    const result = fuzz(seeds, CASES, (input) => {
      collector = new MdnsCollector(scope)
      socket.emit('message', input, {address: LAB.phone, port: 5353, family: 'IPv4', size: input.length})
      if (collector.records > MDNS_LIMITS.maxRecordsPerPacket) throw new Error(`${collector.records} records taken from one packet`)
      for (const facts of collector.hosts.values()) {
        if (facts.hostnames.length > MDNS_LIMITS.maxHostnames || facts.instances.length > MDNS_LIMITS.maxInstances) throw new Error('a list cap was exceeded')
        const names: HostName[] = []
        for (const n of [...facts.hostnames, ...facts.instances, ...Object.values(facts.txt)]) addName(names, n, 'mdns')
        for (const n of names) assertShown(n.name)
        for (const value of Object.values(facts.txt)) if ([...value].length > MDNS_LIMITS.maxTxtValue) throw new Error('TXT value over its cap')
        named += names.length
      }
    })
    console.log(`      ${result.cases} datagrams: ${decoded} decoded (${responses} responses), ${malformed} refused by the decoder, ${named} names kept`)
    assert.deepEqual(result.failures, [])
    assert.equal(result.cases, CASES)
    assert.equal(decoded + malformed, CASES, 'every datagram was either decoded or refused')
    assert.ok(responses > CASES / 10 && named > 0, 'the mutations still reach the collector')
  })

  it('NetBIOS node status answers: only NbstatParseError or a result, names capped and shown safely', () => {
    const seeds = fixtures('nbstat-')
    assert.equal(seeds.length, 2)
    let parsed = 0
    const result = fuzz(
      seeds,
      CASES,
      (input) => {
        try {
          const status = parseNbstatResponse(input)
          parsed++
          if (status.names.length > 255) throw new Error('more than 255 names')
          const names: HostName[] = []
          addName(names, netbiosHostName(status), 'netbios')
          for (const n of status.names) assertShown(n.name)
          for (const n of names) assertShown(n.name)
        } catch (error) {
          if (!(error instanceof NbstatParseError)) throw error
        }
      },
      7,
    )
    console.log(`      ${result.cases} datagrams: ${parsed} parsed, ${result.cases - parsed} refused`)
    assert.deepEqual(result.failures, [])
    assert.equal(result.cases, CASES)
    assert.ok(parsed > 0 && parsed < CASES, 'some mutations parse, some are refused')
  })
})
