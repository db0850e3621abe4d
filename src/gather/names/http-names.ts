import type {ProbeResult} from '../../evidence/schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {mapLimit} from '../../util/concurrency.js'
import {ADMIN_PORTS, probeHttpAdmin} from '../probes/http-admin.js'
import {capName} from './text.js'

export interface HttpNameFacts {
  port: number
  /** null when the page could not be read; `error` says why. */
  status: number | null
  title: string | null
  server: string | null
  error?: string
}

export type HttpProber = typeof probeHttpAdmin

/**
 * `GET /` on at most two open web ports (80, 443, 8080, 8443) of each host, for the page
 * title and the Server header. Bounded by the HTTP fetcher (byte cap, deadline, scope check),
 * and as a whole by `budgetMs`: a page whose fetch could not finish within it is not started
 * (so a network full of slow devices cannot push the stage past its deadline). A page that
 * could not be read is kept with the reason. Never throws.
 */
export async function httpNames(
  scope: ScanScope,
  hosts: ReadonlyArray<{ip: string; ports: readonly number[]}>,
  options: {timeoutMs?: number; concurrency?: number; maxHosts?: number; budgetMs?: number; prober?: HttpProber} = {},
): Promise<{pages: Map<string, HttpNameFacts[]>; probe: ProbeResult}> {
  const started = Date.now()
  const prober = options.prober ?? probeHttpAdmin
  const timeoutMs = options.timeoutMs ?? 2000
  const jobs = hosts
    .filter((h) => scope.allows(h.ip))
    .slice(0, options.maxHosts ?? 256)
    .flatMap((h) =>
      ADMIN_PORTS.filter((p) => h.ports.includes(p.port))
        .slice(0, 2)
        .map((p) => ({ip: h.ip, ...p})),
    )
  const pages = new Map<string, HttpNameFacts[]>()
  const record = (ip: string, facts: HttpNameFacts) => (pages.get(ip) ?? pages.set(ip, []).get(ip)!).push(facts)
  let failed = 0
  let skipped = 0
  await mapLimit(jobs, options.concurrency ?? 4, async (job) => {
    if (options.budgetMs !== undefined && Date.now() - started + timeoutMs > options.budgetMs) {
      skipped++
      return record(job.ip, {port: job.port, status: null, title: null, server: null, error: 'not read: the time for web pages was spent on other hosts'})
    }
    try {
      const page = await prober(scope, job.ip, job.port, job.scheme, timeoutMs)
      if (page.status === null) failed++
      record(job.ip, {port: job.port, status: page.status, title: capName(page.title, 256), server: capName(page.server, 256), ...(page.error ? {error: capName(page.error, 300)!} : {})})
    } catch (error) {
      failed++
      record(job.ip, {port: job.port, status: null, title: null, server: null, error: capName(error instanceof Error ? error.message : String(error), 300) ?? 'failed'})
    }
  })
  const detail = `GET / on ${jobs.length} web ports of ${new Set(jobs.map((j) => j.ip)).size} hosts; ${jobs.length - failed - skipped} answered${skipped ? `; ${skipped} not tried (time budget spent)` : ''}`
  return {pages, probe: {probe: 'http-names', target: scope.toString(), ok: true, durationMs: Date.now() - started, detail}}
}
