import type {Finding, Host, ScanReport} from '../evidence/schema.js'
import type {Exposure} from '../evidence/exposures-schema.js'
import type {Share} from '../evidence/shares-schema.js'

export interface ScanDiff {
  findings: {appeared: Finding[]; resolved: Array<{before: Finding; after: Finding | null}>; changed: Array<{before: Finding; after: Finding}>}
  firmware: {before: string | null; after: string | null; model: string | null} | null
  hosts: {appeared: Host[]; gone: Host[]; ports: Array<{ip: string; opened: number[]; closed: number[]}>}
  shares: Changes<Share>
  exposures: Changes<Exposure>
}

interface Changes<T> {
  appeared: T[]
  gone: T[]
  changed: Array<{before: T; after: T}>
}

/** `smb://host/share`, `nfs://host/export/path`, `ftp://host/`. */
export const shareUrl = (s: Share) => `${s.protocol}://${s.host}${s.name.startsWith('/') ? '' : '/'}${s.name}`
/** `dlna://host:8200`, `webdav://host:5005`, …: one exposed service. */
export const exposureUrl = (e: Exposure) => `${e.kind}://${e.host}:${e.port}`

/** Items by key: which appeared, which went away, and which changed in `differs`. */
function diffBy<T>(before: readonly T[], after: readonly T[], key: (x: T) => string, differs: (b: T, a: T) => boolean): Changes<T> {
  const b = new Map(before.map((x) => [key(x), x]))
  const a = new Map(after.map((x) => [key(x), x]))
  return {
    appeared: [...a].filter(([k]) => !b.has(k)).map(([, x]) => x),
    gone: [...b].filter(([k]) => !a.has(k)).map(([, x]) => x),
    changed: [...a].filter(([k, x]) => b.has(k) && differs(b.get(k)!, x)).map(([k, x]) => ({before: b.get(k)!, after: x})),
  }
}

const PROBLEM = new Set(['violation', 'warning'])
const key = (f: Finding) => `${f.ruleId}`
const hostKey = (h: Host) => h.mac ?? h.ip

/** What changed between two scans: findings, router firmware, hosts and their open ports. */
export function diffScans(before: ScanReport, after: ScanReport): ScanDiff {
  const beforeByRule = new Map(before.findings.map((f) => [key(f), f]))
  const afterByRule = new Map(after.findings.map((f) => [key(f), f]))
  const appeared: Finding[] = []
  const resolved: ScanDiff['findings']['resolved'] = []
  const changed: ScanDiff['findings']['changed'] = []
  for (const [k, a] of afterByRule) {
    const b = beforeByRule.get(k)
    if (!b) {
      if (PROBLEM.has(a.status)) appeared.push(a)
    } else if (b.status !== a.status) {
      if (PROBLEM.has(b.status) && !PROBLEM.has(a.status)) resolved.push({before: b, after: a})
      else if (!PROBLEM.has(b.status) && PROBLEM.has(a.status)) appeared.push(a)
      else changed.push({before: b, after: a})
    }
  }
  for (const [k, b] of beforeByRule) if (!afterByRule.has(k) && PROBLEM.has(b.status)) resolved.push({before: b, after: null})

  const fwBefore = before.router?.firmware ?? null
  const fwAfter = after.router?.firmware ?? null
  const firmware = fwBefore !== fwAfter ? {before: fwBefore, after: fwAfter, model: after.router?.model ?? before.router?.model ?? null} : null

  const beforeHosts = new Map(before.hosts.map((h) => [hostKey(h), h]))
  const afterHosts = new Map(after.hosts.map((h) => [hostKey(h), h]))
  const ports: ScanDiff['hosts']['ports'] = []
  for (const [k, a] of afterHosts) {
    const b = beforeHosts.get(k)
    if (!b) continue
    const was = new Set(b.ports.map((p) => p.port))
    const now = new Set(a.ports.map((p) => p.port))
    const opened = [...now].filter((p) => !was.has(p)).sort((x, y) => x - y)
    const closed = [...was].filter((p) => !now.has(p)).sort((x, y) => x - y)
    if (opened.length || closed.length) ports.push({ip: a.ip, opened, closed})
  }
  return {
    findings: {appeared, resolved, changed},
    firmware,
    hosts: {
      appeared: [...afterHosts].filter(([k]) => !beforeHosts.has(k)).map(([, h]) => h),
      gone: [...beforeHosts].filter(([k]) => !afterHosts.has(k)).map(([, h]) => h),
      ports,
    },
    shares: diffBy(before.shares ?? [], after.shares ?? [], shareUrl, (b, a) => b.access !== a.access),
    exposures: diffBy(before.exposures ?? [], after.exposures ?? [], exposureUrl, (b, a) => b.anonymous !== a.anonymous),
  }
}

export function diffIsEmpty(d: ScanDiff): boolean {
  const none = (c: Changes<unknown>) => !c.appeared.length && !c.gone.length && !c.changed.length
  return !d.firmware && none(d.shares) && none(d.exposures) && !d.findings.appeared.length && !d.findings.resolved.length && !d.findings.changed.length && !d.hosts.appeared.length && !d.hosts.gone.length && !d.hosts.ports.length
}
