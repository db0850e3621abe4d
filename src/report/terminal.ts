import type {Finding, Host, ScanReport, Status} from '../evidence/schema.js'
import type {Lang} from '../i18n/locale.js'
import {format, ui} from '../i18n/messages.js'
import {sanitizeText} from './sanitize.js'
import {verdictOf} from './verdict.js'
import {type Style, displayWidth, makeStyle, wrap} from './terminal-style.js'

const STATUS_ORDER: readonly Status[] = ['violation', 'warning', 'unknown', 'manual', 'pass']
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info']

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

function statusLabel(status: Status, lang: Lang, style: Style): string {
  const label = pad(ui.status[status][lang], 10)
  switch (status) {
    case 'violation':
      return style.red(style.bold(label))
    case 'warning':
      return style.yellow(label)
    case 'pass':
      return style.green(label)
    default:
      return style.cyan(label)
  }
}

function hostLines(host: Host, lang: Lang, style: Style, width: number): string[] {
  const type = !host.isSelf && !host.isGateway && host.deviceType && host.deviceType !== 'unknown' ? host.deviceType : null
  const tags = [host.isSelf ? ui.self[lang] : null, host.isGateway ? ui.router[lang] : null, type].filter(Boolean).join(', ')
  const vendor = host.vendor ? sanitizeText(host.vendor, 40) : host.macRandomized ? ui.randomMac[lang] : ui.unknownVendor[lang]
  const head = `  ${pad(host.ip, 16)}${pad(host.mac ?? '-', 19)}${vendor}${tags ? style.bold(` (${tags})`) : ''}`
  const details: string[] = []
  const names = host.names.map((n) => `${sanitizeText(n.name, 64)} [${n.source}]`)
  if (names.length > 0) details.push(names.join(', '))
  if (!host.isSelf) details.push(host.ports.length > 0 ? host.ports.map((p) => `${p.port}/${p.protocol} ${p.service ?? ''}`.trim()).join(', ') : ui.noPorts[lang])
  return [head, ...details.flatMap((d) => wrap(d, width, ' '.repeat(18)).map(style.dim))]
}

function findingLines(finding: Finding, lang: Lang, style: Style, width: number): string[] {
  const lines = wrap(`${finding.clause} ${sanitizeText(finding.title, 400)} [${finding.severity}]`, width, '            ')
  lines[0] = `  ${statusLabel(finding.status, lang, style)}${lines[0]!.trimStart()}`
  for (const item of finding.evidence.slice(0, 20)) lines.push(...wrap(`- ${sanitizeText(item.text, 300)}`, width, '              ', '                ').map(style.dim))
  if (finding.evidence.length > 20) lines.push(style.dim(`              … +${finding.evidence.length - 20}`))
  const steps = finding.remediation[lang]
  if (steps.length > 0 && finding.status !== 'pass') {
    lines.push(`            ${style.bold(ui.remediation[lang])}:`)
    for (const step of steps) lines.push(...wrap(`* ${step}`, width, '              ', '                '))
  }
  return lines
}

/** The human report: network, hosts, findings grouped by status then severity, and a summary line. */
export function renderTerminal(report: ScanReport, options: {lang: Lang; colour: boolean; width?: number}): string {
  const {lang} = options
  const width = Math.min(options.width ?? 80, 120)
  const style = makeStyle(options.colour)
  const n = report.network
  const verdict = verdictOf(report.findings)
  const paint = verdict.level === 'not-allowed' ? style.red : verdict.level === 'conditional' ? style.yellow : style.green
  const out: string[] = [style.bold(ui.reportTitle[lang]), ...wrap(`${ui.verdict[lang]}: ${verdict[lang]}`, width, '').map((l) => paint(style.bold(l))), '']
  out.push(`${ui.network[lang]}: ${n.interface ?? '-'} ${n.address ?? '-'} (${n.cidr ?? '-'}), ${ui.gateway[lang]} ${n.gateway ?? '-'}`)
  out.push(`${ui.scope[lang]}: ${report.scope.target} (${report.scope.addresses})`)
  out.push('', style.bold(format(ui.hosts, lang, {count: report.hosts.length})))
  for (const host of report.hosts) out.push(...hostLines(host, lang, style, width))
  for (const warning of report.warnings) out.push(style.yellow(`! ${sanitizeText(warning, 400)}`))
  return out.join('\n') + '\n' + findingsText(report.findings, options)
}

/** Findings grouped by status, then severity, and the summary line. */
export function findingsText(findings: readonly Finding[], options: {lang: Lang; colour: boolean; width?: number}): string {
  const {lang} = options
  const width = Math.min(options.width ?? 80, 120)
  const style = makeStyle(options.colour)
  const out: string[] = ['', style.bold(ui.findings[lang])]
  const sorted = [...findings].sort(
    (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  )
  for (const finding of sorted.filter((f) => f.status !== 'manual')) out.push(...findingLines(finding, lang, style, width))
  const manual = sorted.filter((f) => f.status === 'manual')
  if (manual.length > 0) {
    out.push('', style.bold(ui.selfChecks[lang]))
    for (const f of manual) out.push(...wrap(`[ ] ${f.clause} ${sanitizeText(f.title, 300)}`, width, '  ', '      '))
  }
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, findings.filter((f) => f.status === s).length]))
  out.push('', style.bold(format(ui.summary, lang, counts)))
  return out.join('\n') + '\n'
}
