import type {RouterReport} from '../evidence/router-schema.js'
import type {RouterIdentity} from '../identify/identify-router.js'
import type {Lang} from '../i18n/locale.js'
import {sanitizeText} from './sanitize.js'

const L = {
  vendor: {ja: 'メーカー', en: 'Vendor'},
  model: {ja: '型番', en: 'Model'},
  firmware: {ja: 'ファームウェア', en: 'Firmware'},
  confidence: {ja: '確度', en: 'Confidence'},
  reasons: {ja: '根拠', en: 'Reasons'},
  conflicts: {ja: '食い違い', en: 'Conflicts'},
  support: {ja: 'サポート', en: 'Support'},
  latest: {ja: '最新ファームウェア', en: 'Latest firmware'},
  unknown: {ja: '不明', en: 'unknown'},
}

/** The identity and its reasons, as lines for the terminal (device text sanitised). */
export function identityLines(identity: RouterIdentity, lang: Lang): string[] {
  const v = (value: string | null) => (value ? sanitizeText(value, 120) : L.unknown[lang])
  const lines = [
    `${L.vendor[lang]}: ${v(identity.vendor)}`,
    `${L.model[lang]}: ${v(identity.model)}`,
    `${L.firmware[lang]}: ${v(identity.firmware)}`,
    `${L.confidence[lang]}: ${identity.confidence}`,
  ]
  if (identity.sources.length > 0) {
    lines.push(`${L.reasons[lang]}:`)
    for (const s of identity.sources.slice(0, 20)) {
      const claim = [s.claims.vendor, s.claims.model, s.claims.firmware && `fw ${s.claims.firmware}`].filter(Boolean).join(' ')
      lines.push(`  ${s.agrees ? '+' : '-'} ${s.source} "${sanitizeText(s.value, 100)}" → ${sanitizeText(claim || '?', 100)}`)
    }
  }
  if (identity.conflicts.length > 0) {
    lines.push(`${L.conflicts[lang]}:`)
    for (const c of identity.conflicts.slice(0, 10)) lines.push(`  ! ${sanitizeText(c, 200)}`)
  }
  return lines
}

export function supportLines(router: RouterReport, lang: Lang): string[] {
  const s = router.support
  if (!s) return []
  const lines = [`${L.support[lang]}: ${s.status}${s.eolDate ? ` (EOL ${s.eolDate})` : ''}`]
  if (s.latestFirmware) lines.push(`${L.latest[lang]}: ${s.latestFirmware}${s.latestFirmwareDate ? ` (${s.latestFirmwareDate})` : ''}`)
  for (const k of s.kev) lines.push(`  KEV ${k.cve}: ${k.affectsThisVersion === true ? 'AFFECTED' : k.affectsThisVersion === false ? 'not affected' : '?'}`)
  for (const url of s.sources) lines.push(`  ${url}`)
  return lines
}

/** The identity alone, as `identify --json` prints it: null for unknown fields. */
export function identityJson(identity: RouterIdentity) {
  return {
    vendor: identity.vendor,
    model: identity.model,
    firmware: identity.firmware,
    confidence: identity.confidence,
    sources: identity.sources,
    conflicts: identity.conflicts,
  }
}
