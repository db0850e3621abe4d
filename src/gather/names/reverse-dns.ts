import dns from 'node:dns'
import type {ProbeResult} from '../../evidence/schema.js'
import {parseIpv4} from '../../scope/ipv4.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {mapLimit} from '../../util/concurrency.js'
import {capName} from './text.js'

export const RDNS_LIMITS = {maxTargets: 256, namesPerHost: 4, concurrency: 8} as const

/** The resolvers a lookup may use: the system's, but only those inside the scan scope. */
export function resolversInScope(scope: ScanScope, servers: readonly string[]): {allowed: string[]; refused: string[]} {
  const allowed: string[] = []
  const refused: string[] = []
  for (const server of servers) {
    const m = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(server)
    if (m && parseIpv4(m[1]!) !== null && scope.allows(m[1]!)) allowed.push(server)
    else refused.push(server)
  }
  return {allowed, refused}
}

export interface ReverseResolver {
  setServers(servers: string[]): void
  reverse(ip: string): Promise<string[]>
  cancel(): void
}

/**
 * Reverse DNS (PTR) of each host through the system's resolver, with a short timeout per host,
 * bounded concurrency and an overall budget. A resolver outside the scope (a public DNS, a
 * local stub that forwards who knows where) is never asked: then nothing is sent and the probe
 * says why. Never throws.
 */
export async function reverseLookup(
  scope: ScanScope,
  ips: readonly string[],
  options: {timeoutMs?: number; budgetMs?: number; servers?: readonly string[]; resolver?: ReverseResolver} = {},
): Promise<{names: Map<string, string[]>; probe: ProbeResult}> {
  const started = Date.now()
  const timeoutMs = options.timeoutMs ?? 1000
  const names = new Map<string, string[]>()
  const probe = (ok: boolean, detail: string): ProbeResult => ({probe: 'reverse-dns', target: scope.toString(), ok, durationMs: Date.now() - started, detail})
  let servers: readonly string[]
  try {
    servers = options.servers ?? dns.getServers()
  } catch {
    servers = []
  }
  const {allowed, refused} = resolversInScope(scope, servers)
  if (allowed.length === 0) {
    return {names, probe: probe(true, `not sent: ${servers.length ? `the system resolver(s) ${refused.join(', ').slice(0, 200)} are outside the scan scope` : 'no system resolver'}`)}
  }
  const targets = [...new Set(ips.filter((ip) => scope.allows(ip)))].slice(0, RDNS_LIMITS.maxTargets)
  const resolver: ReverseResolver = options.resolver ?? new dns.promises.Resolver({timeout: timeoutMs, tries: 1})
  resolver.setServers(allowed)
  let failed = 0
  let cancelled = false
  const budget = setTimeout(() => {
    cancelled = true
    resolver.cancel()
  }, options.budgetMs ?? Math.max(3000, timeoutMs * 4))
  try {
    await mapLimit(targets, RDNS_LIMITS.concurrency, async (ip) => {
      if (cancelled) return
      let timer: NodeJS.Timeout | undefined
      try {
        const found = await Promise.race([
          resolver.reverse(ip),
          new Promise<string[]>((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), timeoutMs + 250)
          }),
        ])
        const kept = found
          .slice(0, RDNS_LIMITS.namesPerHost)
          .map((n) => capName(String(n).replace(/\.$/, '')))
          .filter((n): n is string => n !== null)
        if (kept.length > 0) names.set(ip, kept)
      } catch {
        failed++
      } finally {
        clearTimeout(timer)
      }
    })
  } finally {
    clearTimeout(budget)
    resolver.cancel()
  }
  return {
    names,
    probe: probe(true, `PTR of ${targets.length} hosts asked of ${allowed.join(', ')} (${timeoutMs} ms each); ${names.size} named, ${failed} without a name${cancelled ? '; budget spent, the rest not asked' : ''}${refused.length ? `; resolver(s) outside the scope not used: ${refused.join(', ').slice(0, 120)}` : ''}`),
  }
}
