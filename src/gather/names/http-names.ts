import type {ProbeResult} from '../../evidence/schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {mapLimit} from '../../util/concurrency.js'
import {ADMIN_PORTS, probeHttpAdmin} from '../probes/http-admin.js'
import {capName} from './text.js'

export interface HttpNameFacts {
  port: number
  status: number
  title: string | null
  server: string | null
}

export type HttpProber = typeof probeHttpAdmin

/**
 * `GET /` on at most two open web ports (80, 443, 8080, 8443) of each host, for the page
 * title and the Server header. Bounded by the HTTP fetcher (byte cap, deadline, scope check).
 * Never throws.
 */
export async function httpNames(
  scope: ScanScope,
  hosts: ReadonlyArray<{ip: string; ports: readonly number[]}>,
  options: {timeoutMs?: number; concurrency?: number; maxHosts?: number; prober?: HttpProber} = {},
): Promise<{pages: Map<string, HttpNameFacts[]>; probe: ProbeResult}> {
  const started = Date.now()
  const prober = options.prober ?? probeHttpAdmin
  const jobs = hosts
    .filter((h) => scope.allows(h.ip))
    .slice(0, options.maxHosts ?? 256)
    .flatMap((h) =>
      ADMIN_PORTS.filter((p) => h.ports.includes(p.port))
        .slice(0, 2)
        .map((p) => ({ip: h.ip, ...p})),
    )
  const pages = new Map<string, HttpNameFacts[]>()
  let failed = 0
  await mapLimit(jobs, options.concurrency ?? 4, async (job) => {
    try {
      const page = await prober(scope, job.ip, job.port, job.scheme, options.timeoutMs ?? 2000)
      if (page.status === null) {
        failed++
        return
      }
      const list = pages.get(job.ip) ?? pages.set(job.ip, []).get(job.ip)!
      list.push({port: job.port, status: page.status, title: capName(page.title, 256), server: capName(page.server, 256)})
    } catch {
      failed++
    }
  })
  return {
    pages,
    probe: {probe: 'http-names', target: scope.toString(), ok: true, durationMs: Date.now() - started, detail: `GET / on ${jobs.length} web ports of ${new Set(jobs.map((j) => j.ip)).size} hosts; ${jobs.length - failed} answered`},
  }
}
