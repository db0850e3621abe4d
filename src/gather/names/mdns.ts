import {randomInt} from 'node:crypto'
import type dgram from 'node:dgram'
import makeMdns from 'multicast-dns'
import type {ProbeResult} from '../../evidence/schema.js'
import {parseIpv4} from '../../scope/ipv4.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {capName} from './text.js'
import {GuardedUdp} from './udp.js'

/**
 * mDNS / DNS-SD names (RFC 6762, RFC 6763) with multicast-dns: one-shot queries sent to
 * 224.0.0.251:5353 from an ephemeral port of the scanned interface's address with TTL 1, so
 * that responders answer by unicast to us alone (RFC 6762 section 6.7, "legacy unicast"):
 * nothing joins the group, nothing binds 5353, no other host's traffic is read.
 */

export const MDNS_GROUP = '224.0.0.251'
export const MDNS_PORT = 5353

/** Service types asked for on every scan, on top of those the hosts enumerate. */
export const COMMON_SERVICE_TYPES: readonly string[] = [
  '_device-info._tcp',
  '_airplay._tcp',
  '_companion-link._tcp',
  '_apple-mobdev2._tcp',
  '_ipp._tcp',
  '_ipps._tcp',
  '_printer._tcp',
  '_pdl-datastream._tcp',
  '_smb._tcp',
  '_afpovertcp._tcp',
  '_googlecast._tcp',
  '_hap._tcp',
  '_raop._tcp',
  '_http._tcp',
  '_workstation._tcp',
]

/** TXT keys that identify a device (model, printer type, Chromecast model/name...); others are not kept. */
export const IDENTIFYING_TXT_KEYS: ReadonlySet<string> = new Set(['model', 'md', 'ty', 'fn', 'rpmd', 'am', 'product', 'usb_mfg', 'usb_mdl', 'mfg', 'mdl', 'manufacturer', 'vendor'])

export const MDNS_LIMITS = {
  /** RFC 6762 section 17: an mDNS message is at most 9000 bytes. */
  maxDatagram: 9000,
  /** Datagrams handed to the decoder, in total. */
  maxDatagrams: 1024,
  maxRecordsPerPacket: 256,
  maxRecordsTotal: 8192,
  maxHosts: 1024,
  maxHostnames: 4,
  maxInstances: 16,
  maxServices: 32,
  maxTxtKeys: 16,
  maxTxtValue: 255,
  maxKnownTypes: 64,
  maxInstancesTracked: 512,
  maxQuestionsPerQuery: 24,
  maxReverseQuestions: 256,
  maxFollowUpTypes: 32,
  maxFollowUpInstances: 64,
  maxFollowUpAddresses: 32,
} as const

export interface MdnsHostFacts {
  /** `<name>.local` host names (A/PTR records). */
  hostnames: string[]
  /** DNS-SD instance names, e.g. "Hanako’s iPhone". */
  instances: string[]
  /** Service types, e.g. "_companion-link._tcp". */
  services: string[]
  /** Identifying TXT keys (lower case) and their values. */
  txt: Record<string, string>
}

interface Record_ {
  type: string
  name: string
  data: unknown
}

interface InstanceState {
  /** The instance name as first heard (DNS is case-insensitive; the map key is lower case). */
  fqdn: string
  owner: string
  type: string
  target: string | null
  hasSrv: boolean
  hasTxt: boolean
}

const SERVICE_TYPE = /^(_[A-Za-z0-9-]{1,63}\._(?:tcp|udp))\.local\.?$/i
const INSTANCE_OF = /\.(_[A-Za-z0-9-]{1,63}\._(?:tcp|udp))\.local\.?$/i
const REVERSE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa\.?$/i

export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`
}

function serviceTypeOf(name: string): string | null {
  return SERVICE_TYPE.exec(name)?.[1]?.toLowerCase() ?? null
}

function records(list: unknown): Record_[] {
  if (!Array.isArray(list)) return []
  return list.filter((r): r is Record_ => r !== null && typeof r === 'object' && typeof (r as Record_).type === 'string' && typeof (r as Record_).name === 'string')
}

function txtEntries(data: unknown): Array<[string, string]> {
  const parts = Array.isArray(data) ? data : [data]
  const out: Array<[string, string]> = []
  for (const part of parts.slice(0, 64)) {
    const bytes = Buffer.isBuffer(part) ? part : typeof part === 'string' ? Buffer.from(part, 'utf8') : null
    if (!bytes || bytes.length === 0) continue
    const eq = bytes.indexOf(0x3d)
    if (eq <= 0 || eq > 64) continue
    const key = bytes.subarray(0, eq).toString('latin1').toLowerCase()
    if (!/^[\x21-\x7e]+$/.test(key)) continue
    // Invalid UTF-8 becomes U+FFFD; the value is capped.
    out.push([key, bytes.subarray(eq + 1, eq + 1 + MDNS_LIMITS.maxTxtValue * 4).toString('utf8')])
  }
  return out
}

/**
 * Everything learned from mDNS answers, with every list capped. Only answers from addresses
 * inside the scope count, and only addresses inside the scope are attributed anything.
 */
export class MdnsCollector {
  readonly hosts = new Map<string, MdnsHostFacts>()
  /** Service types seen in `_services._dns-sd._udp` enumerations. */
  readonly serviceTypes = new Set<string>()
  readonly instances = new Map<string, InstanceState>()
  private readonly addresses = new Map<string, string>()
  packets = 0
  records = 0
  ignored = 0
  truncated = false

  constructor(private readonly scope: ScanScope) {}

  /** An A record inside the scope has been seen for this host name. */
  knowsAddress(hostname: string): boolean {
    return this.addresses.has(hostname.replace(/\.$/, '').toLowerCase())
  }

  /** False once the record or packet budget is spent: the caller stops decoding. */
  wantsMore(): boolean {
    return this.records < MDNS_LIMITS.maxRecordsTotal && this.packets < MDNS_LIMITS.maxDatagrams
  }

  facts(ip: string): MdnsHostFacts | null {
    if (!this.scope.allows(ip)) return null
    let facts = this.hosts.get(ip)
    if (!facts) {
      if (this.hosts.size >= MDNS_LIMITS.maxHosts) {
        this.truncated = true
        return null
      }
      facts = {hostnames: [], instances: [], services: [], txt: {}}
      this.hosts.set(ip, facts)
    }
    return facts
  }

  private push(list: string[], value: string | null, max: number): void {
    if (!value) return
    if (list.some((v) => v.toLowerCase() === value.toLowerCase())) return
    if (list.length >= max) {
      this.truncated = true
      return
    }
    list.push(value)
  }

  private addHostname(ip: string, name: string): void {
    const facts = this.facts(ip)
    if (facts) this.push(facts.hostnames, capName(name.replace(/\.$/, '')), MDNS_LIMITS.maxHostnames)
  }

  private addService(ip: string, type: string): void {
    const facts = this.facts(ip)
    if (facts) this.push(facts.services, type, MDNS_LIMITS.maxServices)
  }

  private addInstance(ip: string, fqdn: string, type: string): void {
    const facts = this.facts(ip)
    if (!facts) return
    const label = fqdn.slice(0, fqdn.length - type.length - '.local'.length - 1 - (fqdn.endsWith('.') ? 1 : 0))
    this.push(facts.instances, capName(label), MDNS_LIMITS.maxInstances)
  }

  private instance(fqdn: string, type: string, from: string): InstanceState | null {
    const key = fqdn.toLowerCase()
    let state = this.instances.get(key)
    if (!state) {
      if (this.instances.size >= MDNS_LIMITS.maxInstancesTracked) {
        this.truncated = true
        return null
      }
      state = {fqdn: fqdn.replace(/\.$/, ''), owner: from, type, target: null, hasSrv: false, hasTxt: false}
      this.instances.set(key, state)
    }
    return state
  }

  private ownerOf(state: InstanceState, from: string): string {
    const viaTarget = state.target ? this.addresses.get(state.target.toLowerCase()) : undefined
    return viaTarget ?? state.owner ?? from
  }

  /** Take one decoded DNS message received from `from`. Never throws. */
  accept(packet: unknown, from: string): void {
    try {
      this.acceptUnsafe(packet, from)
    } catch {
      this.ignored++
    }
  }

  private acceptUnsafe(packet: unknown, from: string): void {
    if (!this.scope.allows(from)) {
      this.ignored++
      return
    }
    if (!this.wantsMore()) {
      this.truncated = true
      return
    }
    const p = packet as {type?: unknown; answers?: unknown; additionals?: unknown}
    if (p === null || typeof p !== 'object' || p.type !== 'response') {
      this.ignored++
      return
    }
    this.packets++
    const all = [...records(p.answers), ...records(p.additionals)]
    const budget = Math.min(MDNS_LIMITS.maxRecordsPerPacket, MDNS_LIMITS.maxRecordsTotal - this.records)
    const list = all.slice(0, Math.max(0, budget))
    if (list.length < all.length) this.truncated = true
    this.records += list.length

    // Addresses first, so that SRV targets can be attributed to the host that owns them.
    for (const r of list) {
      if (r.type !== 'A' || typeof r.data !== 'string' || !this.scope.allows(r.data)) continue
      const name = r.name.replace(/\.$/, '').toLowerCase()
      if (!this.addresses.has(name) && this.addresses.size < 4096) this.addresses.set(name, r.data)
      this.addHostname(r.data, r.name)
    }
    for (const r of list) {
      if (r.type === 'PTR' && typeof r.data === 'string') {
        if (r.name.toLowerCase().replace(/\.$/, '') === '_services._dns-sd._udp.local') {
          const type = serviceTypeOf(r.data)
          if (!type) continue
          if (this.serviceTypes.size < MDNS_LIMITS.maxKnownTypes) this.serviceTypes.add(type)
          this.addService(from, type)
          continue
        }
        const reverse = REVERSE.exec(r.name)
        if (reverse) {
          const ip = [reverse[4], reverse[3], reverse[2], reverse[1]].join('.')
          if (parseIpv4(ip) !== null && this.scope.allows(ip)) this.addHostname(ip, r.data)
          continue
        }
        const type = serviceTypeOf(r.name)
        if (!type || !r.data.toLowerCase().replace(/\.$/, '').endsWith(`.${type}.local`)) continue
        const state = this.instance(r.data, type, from)
        if (!state) continue
        const owner = this.ownerOf(state, from)
        this.addService(owner, type)
        this.addInstance(owner, r.data, type)
      } else if (r.type === 'SRV' && r.data && typeof r.data === 'object') {
        const type = INSTANCE_OF.exec(r.name)?.[1]?.toLowerCase()
        const target = (r.data as {target?: unknown}).target
        if (!type || typeof target !== 'string') continue
        const state = this.instance(r.name, type, from)
        if (!state) continue
        state.hasSrv = true
        state.target = target.replace(/\.$/, '')
        const owner = this.ownerOf(state, from)
        this.addService(owner, type)
        this.addInstance(owner, r.name, type)
        if (owner === from || this.addresses.get(state.target.toLowerCase()) === owner) this.addHostname(owner, state.target)
      } else if (r.type === 'TXT') {
        const type = INSTANCE_OF.exec(r.name)?.[1]?.toLowerCase()
        if (!type) continue
        const state = this.instance(r.name, type, from)
        if (!state) continue
        state.hasTxt = true
        const owner = this.ownerOf(state, from)
        const facts = this.facts(owner)
        if (!facts) continue
        this.addService(owner, type)
        this.addInstance(owner, r.name, type)
        for (const [key, value] of txtEntries(r.data)) {
          if (!IDENTIFYING_TXT_KEYS.has(key) || key in facts.txt) continue
          if (Object.keys(facts.txt).length >= MDNS_LIMITS.maxTxtKeys) {
            this.truncated = true
            break
          }
          facts.txt[key] = capName(value, MDNS_LIMITS.maxTxtValue) ?? ''
        }
      }
    }
  }
}

/** What the mDNS gatherer needs of a socket: GuardedUdp, or a stand-in in tests. */
export interface MdnsChannel {
  facade(accept: (message: Buffer, rinfo: dgram.RemoteInfo) => boolean): dgram.Socket
  close(): void
  readonly dropped: number
}

export interface MdnsDiscovery {
  collector: MdnsCollector
  probe: ProbeResult
}

type Question = {name: string; type: 'PTR' | 'SRV' | 'TXT' | 'A'}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Ask the link, in two rounds: (1) the DNS-SD service enumeration, the common service types and
 * the reverse names of the hosts found; (2) the service types only the enumeration revealed,
 * SRV/TXT of instances whose answer lacked them, and addresses of SRV targets. Collects for
 * `windowMs` in all. Never throws.
 */
export async function discoverMdns(scope: ScanScope, targets: readonly string[], options: {windowMs?: number; channel?: MdnsChannel} = {}): Promise<MdnsDiscovery> {
  const started = Date.now()
  const windowMs = options.windowMs ?? 2000
  const collector = new MdnsCollector(scope)
  const probe = (ok: boolean, detail: string): ProbeResult => ({probe: 'mdns', target: `${MDNS_GROUP}:${MDNS_PORT}`, ok, durationMs: Date.now() - started, detail})
  let channel: MdnsChannel
  if (options.channel) channel = options.channel
  else {
    if (!scope.interfaceAddress) return {collector, probe: probe(true, `not sent: the scope ${scope.toString()} does not cover the whole subnet of the interface it is scanned from, and multicast reaches all of it`)}
    try {
      channel = await GuardedUdp.open(scope, {multicast: true, maxDatagram: MDNS_LIMITS.maxDatagram})
    } catch (error) {
      return {collector, probe: probe(false, `no socket: ${error instanceof Error ? error.message : String(error)}`)}
    }
  }
  let handed = 0
  let refusedLate = 0
  const accept = (message: Buffer, rinfo: dgram.RemoteInfo): boolean => {
    if (!scope.allows(rinfo.address) || message.length > MDNS_LIMITS.maxDatagram) return false
    if (handed >= MDNS_LIMITS.maxDatagrams || !collector.wantsMore()) {
      refusedLate++
      collector.truncated = true
      return false
    }
    handed++
    return true
  }
  let malformed = 0
  let sendErrors = 0
  let lastSendError = ''
  let queries = 0
  let questionsSent = 0
  const asked = new Set<string>()
  const mdns = makeMdns({socket: channel.facade(accept), bind: false, multicast: false, port: MDNS_PORT, ip: MDNS_GROUP})
  mdns.on('warning', () => malformed++)
  mdns.on('error', () => malformed++)
  mdns.on('response', (packet: unknown, rinfo: dgram.RemoteInfo) => collector.accept(packet, rinfo.address))
  // A responder answers a one-shot (legacy unicast) query in one datagram of at most 512 bytes
  // (RFC 6762 section 6.7; avahi drops what does not fit), so a query asking for many service
  // types loses answers of a device with many services: service discovery asks one question per
  // query. Reverse and address questions, which each host answers only for itself, go in batches.
  const ask = async (questions: Question[], again: Question[] = [], perQuery: number = MDNS_LIMITS.maxQuestionsPerQuery) => {
    const fresh = [...questions.filter((q) => !asked.has(`${q.type} ${q.name.toLowerCase()}`)), ...again]
    for (const q of fresh) asked.add(`${q.type} ${q.name.toLowerCase()}`)
    for (const chunk of chunks(fresh, perQuery)) {
      queries++
      questionsSent += chunk.length
      await new Promise<void>((resolve) =>
        mdns.query({id: randomInt(1, 0x10000), questions: chunk}, (error) => {
          if (error) {
            sendErrors++
            lastSendError = error.message
          }
          resolve()
        }),
      )
    }
  }
  const resend = async (questions: Question[]) => {
    for (const chunk of chunks(questions, 1)) {
      await new Promise<void>((resolve) => mdns.query({id: randomInt(1, 0x10000), questions: chunk}, () => resolve()))
    }
  }
  try {
    const enumeration: Question[] = [
      {name: '_services._dns-sd._udp.local', type: 'PTR'},
      ...COMMON_SERVICE_TYPES.map((t): Question => ({name: `${t}.local`, type: 'PTR'})),
    ]
    await ask(enumeration, [], 1)
    await ask(
      targets
        .filter((ip) => scope.allows(ip))
        .slice(0, MDNS_LIMITS.maxReverseQuestions)
        .map((ip): Question => ({name: reverseName(ip), type: 'PTR'})),
    )
    await sleep(Math.floor(windowMs * 0.2))
    // Multicast is lossy on Wi-Fi: the enumeration once more.
    await resend(enumeration)
    await sleep(Math.floor(windowMs * 0.4))
    const discovery: Question[] = [
      ...[...collector.serviceTypes].slice(0, MDNS_LIMITS.maxFollowUpTypes).map((t): Question => ({name: `${t}.local`, type: 'PTR'})),
      ...[...collector.instances.values()]
        .filter((s) => !s.hasSrv || !s.hasTxt)
        .slice(0, MDNS_LIMITS.maxFollowUpInstances)
        .flatMap((s): Question[] => [...(s.hasSrv ? [] : [{name: s.fqdn, type: 'SRV' as const}]), ...(s.hasTxt ? [] : [{name: s.fqdn, type: 'TXT' as const}])]),
    ]
    const addresses: Question[] = [
      ...[...collector.instances.values()]
        .map((s) => s.target)
        .filter((t): t is string => t !== null && !collector.knowsAddress(t))
        .slice(0, MDNS_LIMITS.maxFollowUpAddresses)
        .map((t): Question => ({name: t, type: 'A'})),
    ]
    // Types the enumeration revealed but whose instances have not been heard yet: once more.
    const unanswered = [...collector.serviceTypes]
      .filter((t) => asked.has(`PTR ${t}.local`) && ![...collector.instances.values()].some((s) => s.type === t))
      .slice(0, MDNS_LIMITS.maxFollowUpTypes)
      .map((t): Question => ({name: `${t}.local`, type: 'PTR'}))
    if (discovery.length + addresses.length + unanswered.length > 0) {
      await ask(discovery, unanswered, 1)
      await ask(addresses)
      await sleep(Math.floor(windowMs * 0.4))
    }
  } catch (error) {
    sendErrors++
    lastSendError = error instanceof Error ? error.message : String(error)
  } finally {
    mdns.destroy()
    channel.close()
  }
  const answered = [...collector.hosts.entries()].filter(([, f]) => f.hostnames.length + f.instances.length + f.services.length > 0).length
  const parts = [
    `${questionsSent} questions in ${queries} one-shot queries (TTL 1) from ${scope.interfaceAddress ?? 'the test channel'}`,
    `${collector.packets} answers, ${collector.records} records, ${answered} hosts named`,
  ]
  if (malformed) parts.push(`${malformed} malformed datagrams ignored`)
  if (collector.ignored) parts.push(`${collector.ignored} answers ignored`)
  if (channel.dropped) parts.push(`${channel.dropped} datagrams from outside the scope or oversized dropped`)
  if (collector.truncated || refusedLate) parts.push(`caps reached (${refusedLate} datagrams not decoded)`)
  if (sendErrors) parts.push(`${sendErrors} sends failed: ${lastSendError.slice(0, 200)}`)
  return {collector, probe: probe(sendErrors === 0 || queries > sendErrors, parts.join('; '))}
}
