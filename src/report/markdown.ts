import type {Finding, ScanReport, Status} from '../evidence/schema.js'
import type {Lang} from '../i18n/locale.js'
import {format, ui} from '../i18n/messages.js'
import {sanitizeText} from './sanitize.js'
import {verdictOf} from './verdict.js'

const ORDER: readonly Status[] = ['violation', 'warning', 'unknown', 'manual', 'pass']

/**
 * Markdown for a helpdesk ticket. Device-supplied text goes through the sanitiser, then every
 * Markdown and HTML metacharacter is escaped, so a name cannot become a link, an image or markup.
 */
export function mdEscape(text: string, max = 300): string {
  return sanitizeText(text, max)
    .replace(/[\\`*_[\]#!|<>&~]/g, (c) => `\\${c}`)
    .replace(/\n/g, ' ')
}

function cell(text: string): string {
  return mdEscape(text, 200)
}

function findingBlock(f: Finding, lang: Lang): string[] {
  const lines = [`### ${ui.status[f.status][lang]} · ${f.clause} · ${mdEscape(f.title, 300)}`, '', `- ${f.clauseTitleJa} (\`${f.ruleId}\`, ${f.severity})`]
  for (const e of f.evidence.slice(0, 30)) lines.push(`- ${mdEscape(e.source, 40)}: ${mdEscape(e.text)}`)
  if (f.status !== 'pass' && f.remediation[lang].length > 0) {
    lines.push('', `**${ui.remediation[lang]}**`, '')
    for (const step of f.remediation[lang]) lines.push(`1. ${mdEscape(step, 600)}`)
  }
  lines.push('')
  return lines
}

export function renderMarkdown(report: ScanReport, lang: Lang): string {
  const verdict = verdictOf(report.findings)
  const n = report.network
  const out = [
    `# ${ui.reportTitle[lang]}`,
    '',
    `**${ui.verdict[lang]}: ${verdict[lang]}**`,
    '',
    `- ${ui.network[lang]}: ${cell(n.interface ?? '-')} ${cell(n.address ?? '-')} (${cell(n.cidr ?? '-')}), ${ui.gateway[lang]} ${cell(n.gateway ?? '-')}`,
    `- ${ui.scope[lang]}: ${cell(report.scope.target)} · ${report.startedAt}`,
    `- ${format(ui.summary, lang, verdict.counts)}`,
    '',
    `## ${format(ui.hosts, lang, {count: report.hosts.length})}`,
    '',
    '| IP | MAC | Vendor | Names | Ports |',
    '|---|---|---|---|---|',
    ...report.hosts.map(
      (h) =>
        `| ${cell(h.ip)}${h.isSelf ? ` (${ui.self[lang]})` : ''}${h.isGateway ? ` (${ui.router[lang]})` : ''} | ${cell(h.mac ?? '-')} | ${cell(h.vendor ?? (h.macRandomized ? ui.randomMac[lang] : '-'))} | ${h.names.map((x) => cell(x.name)).join(', ') || '-'} | ${h.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || '-'} |`,
    ),
    '',
  ]
  if (report.router) {
    const r = report.router
    out.push(`## ${ui.router[lang]}`, '', `- ${cell(r.vendor ?? '?')} ${cell(r.model ?? '?')}, firmware ${cell(r.firmware ?? '?')} (${r.confidence})`)
    if (r.support) out.push(`- support: ${r.support.status}${r.support.latestFirmware ? `, latest ${cell(r.support.latestFirmware)}` : ''}`)
    out.push('')
  }
  out.push(`## ${ui.findings[lang]}`, '')
  const sorted = [...report.findings].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status))
  for (const f of sorted.filter((x) => x.status !== 'manual')) out.push(...findingBlock(f, lang))
  const manual = sorted.filter((x) => x.status === 'manual')
  if (manual.length > 0) {
    out.push(`## ${ui.selfChecks[lang]}`, '')
    for (const f of manual) out.push(`- [ ] ${f.clause} ${mdEscape(f.title)}`)
    out.push('')
  }
  return out.join('\n')
}
