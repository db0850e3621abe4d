import type {Finding} from '../evidence/schema.js'

export type VerdictLevel = 'allowed' | 'conditional' | 'not-allowed'

export interface Verdict {
  level: VerdictLevel
  ja: string
  en: string
  counts: Record<Finding['status'], number>
}

/**
 * The summary verdict in the guideline's own terms: telework is permitted only to those who
 * keep the guideline (「遵守できる方のみにテレワークが許可」). Any violation: not allowed.
 * No violation but warnings, unknowns or self-checks left: conditional on settling them.
 */
export function verdictOf(findings: readonly Finding[]): Verdict {
  const counts = {violation: 0, warning: 0, pass: 0, unknown: 0, manual: 0}
  for (const f of findings) counts[f.status]++
  if (counts.violation > 0) {
    return {level: 'not-allowed', ja: 'テレワーク不可', en: 'Telework not allowed', counts}
  }
  if (counts.warning + counts.unknown + counts.manual > 0) {
    return {
      level: 'conditional',
      ja: '条件付き（警告・不明・要確認の項目を解消・確認すればテレワーク可）',
      en: 'Conditional: allowed once the warnings, unknowns and self-checks are settled',
      counts,
    }
  }
  return {level: 'allowed', ja: 'テレワーク可', en: 'Telework allowed', counts}
}
