import type dgram from 'node:dgram'
import type {ProbeResult} from '../../evidence/schema.js'
import type {UpnpDeviceSummary} from '../../evidence/router-schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {mapLimit} from '../../util/concurrency.js'
import {parseSsdpResponse, type SsdpResponse} from '../probes/ssdp.js'
import {fetchDescription} from '../router/gather-router.js'
import {GuardedUdp} from './udp.js'

export const SSDP_GROUP = '239.255.255.250'
export const SSDP_PORT = 1900

export const SSDP_LIMITS = {
  maxDatagram: 8 * 1024,
  maxResponses: 256,
  maxPerHost: 16,
  maxHosts: 128,
  maxDescriptions: 32,
} as const

export interface SsdpHostFacts {
  responses: SsdpResponse[]
  description: {url: string; device: UpnpDeviceSummary | null; error: string | null} | null
}

/** What the SSDP gatherer needs of a socket: GuardedUdp, or a stand-in in tests. */
export interface SsdpChannel {
  on(event: 'message', listener: (message: Buffer, rinfo: dgram.RemoteInfo) => void): unknown
  send(message: Buffer, port: number, address: string): Promise<void>
  close(): void
  readonly dropped: number
}

export type DescriptionFetcher = typeof fetchDescription

export function mSearch(st = 'ssdp:all'): Buffer {
  return Buffer.from(['M-SEARCH * HTTP/1.1', `HOST: ${SSDP_GROUP}:${SSDP_PORT}`, 'MAN: "ssdp:discover"', 'MX: 1', `ST: ${st}`, 'USER-AGENT: homeaudit UPnP/1.1', '', ''].join('\r\n'))
}

/** Preferred description of a responder: the root device's, else the first LOCATION on the responder itself. */
function pickLocation(responses: readonly SsdpResponse[]): string | null {
  const trusted = responses.filter((r) => r.trustedLocation)
  return (trusted.find((r) => /rootdevice|InternetGatewayDevice/i.test(r.st ?? '')) ?? trusted[0])?.trustedLocation ?? null
}

/**
 * SSDP M-SEARCH (ssdp:all, MX 1) to 239.255.255.250:1900 with TTL 1 from the scanned
 * interface's address; answers come back by unicast. Then each responder's description, only
 * where its LOCATION points at the responder itself (inside the scope), for its friendlyName.
 * Never throws.
 */
export async function discoverSsdp(
  scope: ScanScope,
  options: {windowMs?: number; timeoutMs?: number; budgetMs?: number; channel?: SsdpChannel; fetch?: DescriptionFetcher} = {},
): Promise<{hosts: Map<string, SsdpHostFacts>; probe: ProbeResult}> {
  const started = Date.now()
  const windowMs = options.windowMs ?? 1500
  const hosts = new Map<string, SsdpHostFacts>()
  const probe = (ok: boolean, detail: string): ProbeResult => ({probe: 'ssdp-multicast', target: `${SSDP_GROUP}:${SSDP_PORT}`, ok, durationMs: Date.now() - started, detail})
  let channel: SsdpChannel
  if (options.channel) channel = options.channel
  else {
    if (!scope.interfaceAddress) return {hosts, probe: probe(true, `not sent: the scope ${scope.toString()} does not cover the whole subnet of the interface it is scanned from, and multicast reaches all of it`)}
    try {
      channel = await GuardedUdp.open(scope, {multicast: true, maxDatagram: SSDP_LIMITS.maxDatagram})
    } catch (error) {
      return {hosts, probe: probe(false, `no socket: ${error instanceof Error ? error.message : String(error)}`)}
    }
  }
  let total = 0
  let capped = false
  channel.on('message', (message, rinfo) => {
    try {
      if (!scope.allows(rinfo.address) || message.length > SSDP_LIMITS.maxDatagram) return
      if (total >= SSDP_LIMITS.maxResponses) return void (capped = true)
      const parsed = parseSsdpResponse(rinfo.address, message)
      if (!parsed) return
      let facts = hosts.get(rinfo.address)
      if (!facts) {
        if (hosts.size >= SSDP_LIMITS.maxHosts) return void (capped = true)
        facts = {responses: [], description: null}
        hosts.set(rinfo.address, facts)
      }
      if (facts.responses.length >= SSDP_LIMITS.maxPerHost) return void (capped = true)
      if (facts.responses.some((r) => r.st === parsed.st && r.usn === parsed.usn && r.location === parsed.location)) return
      total++
      facts.responses.push(parsed)
    } catch {
      // a datagram that cannot be read is ignored
    }
  })
  let sendError: string | null = null
  try {
    await channel.send(mSearch(), SSDP_PORT, SSDP_GROUP)
    await new Promise((r) => setTimeout(r, Math.floor(windowMs / 3)))
    await channel.send(mSearch(), SSDP_PORT, SSDP_GROUP)
    await new Promise((r) => setTimeout(r, windowMs - Math.floor(windowMs / 3)))
  } catch (error) {
    sendError = error instanceof Error ? error.message : String(error)
  } finally {
    channel.close()
  }
  const fetch = options.fetch ?? fetchDescription
  const wanted = [...hosts.entries()]
    .map(([ip, facts]) => ({ip, facts, url: pickLocation(facts.responses)}))
    .filter((w) => {
      if (!w.url) return false
      try {
        const url = new URL(w.url)
        return url.hostname === w.ip && scope.allows(url.hostname)
      } catch {
        return false
      }
    })
    .slice(0, SSDP_LIMITS.maxDescriptions)
  const timeoutMs = options.timeoutMs ?? 2000
  const fetchStarted = Date.now()
  let skipped = 0
  await mapLimit(wanted, 4, async (w) => {
    // A description that could not be read within the budget is not started: slow devices must
    // not push the whole stage past its deadline (and lose what the others said).
    if (options.budgetMs !== undefined && Date.now() - fetchStarted + timeoutMs > options.budgetMs) {
      skipped++
      w.facts.description = {url: w.url!, device: null, error: 'description not read: the time for descriptions was spent on other devices'}
      return
    }
    try {
      w.facts.description = await fetch(scope, w.url!, timeoutMs)
    } catch (error) {
      w.facts.description = {url: w.url!, device: null, error: error instanceof Error ? error.message : String(error)}
    }
  })
  const described = wanted.filter((w) => w.facts.description?.device).length
  const detail = [
    `M-SEARCH ssdp:all (MX 1, TTL 1) from ${scope.interfaceAddress ?? 'the test channel'}: ${total} answers from ${hosts.size} hosts`,
    `${described} of ${wanted.length} descriptions read${skipped ? ` (${skipped} not tried: time budget spent)` : ''}`,
    ...(capped ? ['caps reached'] : []),
    ...(channel.dropped ? [`${channel.dropped} datagrams from outside the scope or oversized dropped`] : []),
    ...(sendError ? [`send failed: ${sendError.slice(0, 200)}`] : []),
  ].join('; ')
  return {hosts, probe: probe(sendError === null, detail)}
}
