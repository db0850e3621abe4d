import type {ScanReport} from '../evidence/schema.js'
import {sanitizeText} from './sanitize.js'
import {verdictOf} from './verdict.js'

export interface FleetSummary {
  reports: number
  verdicts: Record<'allowed' | 'conditional' | 'not-allowed', number>
  rules: Array<{ruleId: string; clause: string; violation: number; warning: number; pass: number; unknown: number; manual: number}>
  routers: Array<{file: string; vendor: string | null; model: string | null; firmware: string | null; support: string; latest: string | null; problem: 'eol' | 'outdated' | 'kev'}>
}

/** Many employees' reports in one table: per rule, the count of each status; and the risky routers. */
export function summarise(reports: ReadonlyArray<{file: string; report: ScanReport}>): FleetSummary {
  const verdicts = {allowed: 0, conditional: 0, 'not-allowed': 0}
  const rules = new Map<string, FleetSummary['rules'][number]>()
  const routers: FleetSummary['routers'] = []
  for (const {file, report} of reports) {
    verdicts[verdictOf(report.findings).level]++
    for (const f of report.findings) {
      const row = rules.get(f.ruleId) ?? {ruleId: f.ruleId, clause: f.clause, violation: 0, warning: 0, pass: 0, unknown: 0, manual: 0}
      row[f.status]++
      rules.set(f.ruleId, row)
    }
    const r = report.router
    const s = r?.support
    const problem = s?.status === 'eol' ? 'eol' : s?.kev.some((k) => k.affectsThisVersion) ? 'kev' : s?.firmwareCurrent === false ? 'outdated' : null
    if (r && s && problem) routers.push({file, vendor: r.vendor, model: r.model, firmware: r.firmware, support: s.status, latest: s.latestFirmware, problem})
  }
  return {reports: reports.length, verdicts, rules: [...rules.values()].sort((a, b) => b.violation - a.violation || a.clause.localeCompare(b.clause)), routers}
}

/** CSV cell: quoted, and a leading = + - @ tab or CR neutralised (no formula injection in Excel). */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : sanitizeText(String(value), 200)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

export function summaryCsv(s: FleetSummary): string {
  const lines = [['ruleId', 'clause', 'violation', 'warning', 'pass', 'unknown', 'manual'].map(csvCell).join(',')]
  for (const r of s.rules) lines.push([r.ruleId, r.clause, r.violation, r.warning, r.pass, r.unknown, r.manual].map(csvCell).join(','))
  lines.push('', ['file', 'vendor', 'model', 'firmware', 'support', 'latest', 'problem'].map(csvCell).join(','))
  for (const r of s.routers) lines.push([r.file, r.vendor, r.model, r.firmware, r.support, r.latest, r.problem].map(csvCell).join(','))
  return lines.join('\r\n') + '\r\n'
}
