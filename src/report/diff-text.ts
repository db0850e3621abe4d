import type {ScanDiff} from '../history/diff.js'
import type {Exposure} from '../evidence/exposures-schema.js'
import {diffIsEmpty, exposureUrl, shareUrl} from '../history/diff.js'
import type {Lang} from '../i18n/locale.js'
import {ui} from '../i18n/messages.js'
import {sanitizeText} from './sanitize.js'

/** The diff as plain lines (device text sanitised). */
export function diffLines(d: ScanDiff, lang: Lang): string[] {
  const ja = lang === 'ja'
  const s = (t: string | null | undefined) => sanitizeText(t ?? '?', 120)
  const lines: string[] = []
  if (d.firmware) {
    const fixed = d.findings.resolved.filter((r) => r.before.clause === 'N-3.3.6').map((r) => `${r.before.clause} ${r.before.ruleId}`)
    lines.push(
      `${ja ? 'ルーターのファームウェア' : 'Router firmware'} ${s(d.firmware.before)} → ${s(d.firmware.after)}${d.firmware.model ? ` (${s(d.firmware.model)})` : ''}${fixed.length ? `: ${fixed.join(', ')} ${ja ? 'は問題なしになりました' : 'now passes'}` : ''}`,
    )
  }
  for (const f of d.findings.appeared) lines.push(`+ ${ja ? '新規' : 'new'}: ${ui.status[f.status][lang]} ${f.clause} ${f.ruleId}: ${s(f.title)}`)
  for (const r of d.findings.resolved) lines.push(`- ${ja ? '解消' : 'resolved'}: ${r.before.clause} ${r.before.ruleId} (${ui.status[r.before.status][lang]} → ${r.after ? ui.status[r.after.status][lang] : '-'})`)
  for (const c of d.findings.changed) lines.push(`~ ${c.before.clause} ${c.before.ruleId}: ${ui.status[c.before.status][lang]} → ${ui.status[c.after.status][lang]}`)
  for (const h of d.hosts.appeared) lines.push(`+ ${ja ? '機器' : 'host'} ${s(h.ip)} ${s(h.mac)} ${s(h.vendor)}`)
  for (const h of d.hosts.gone) lines.push(`- ${ja ? '機器' : 'host'} ${s(h.ip)} ${s(h.mac)} ${s(h.vendor)}`)
  for (const p of d.hosts.ports) {
    if (p.opened.length) lines.push(`+ ${s(p.ip)} ${ja ? 'ポート' : 'port'} ${p.opened.join(', ')} ${ja ? 'が開きました' : 'opened'}`)
    if (p.closed.length) lines.push(`- ${s(p.ip)} ${ja ? 'ポート' : 'port'} ${p.closed.join(', ')} ${ja ? 'が閉じました' : 'closed'}`)
  }
  for (const x of d.shares.appeared) lines.push(`+ ${ja ? '共有' : 'share'} ${s(shareUrl(x))} ${x.access}`)
  for (const x of d.shares.gone) lines.push(`- ${ja ? '共有' : 'share'} ${s(shareUrl(x))} ${ja ? 'がなくなりました' : 'is gone'}`)
  for (const x of d.shares.changed) lines.push(`~ ${ja ? '共有' : 'share'} ${s(shareUrl(x.after))}: ${x.before.access} → ${x.after.access}`)
  const open = (x: Exposure) => (x.anonymous === true ? (ja ? '認証なし' : 'open') : x.anonymous === false ? (ja ? '認証あり' : 'authenticated') : '?')
  for (const x of d.exposures.appeared) lines.push(`+ ${ja ? 'サービス' : 'service'} ${s(exposureUrl(x))} ${open(x)}`)
  for (const x of d.exposures.gone) lines.push(`- ${ja ? 'サービス' : 'service'} ${s(exposureUrl(x))} ${ja ? 'がなくなりました' : 'is gone'}`)
  for (const x of d.exposures.changed) lines.push(`~ ${ja ? 'サービス' : 'service'} ${s(exposureUrl(x.after))}: ${open(x.before)} → ${open(x.after)}`)
  if (diffIsEmpty(d)) lines.push(ja ? '変化はありません' : 'No change')
  return lines
}
