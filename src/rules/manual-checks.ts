import {CLAUSES, type Clause} from './clauses.js'
import type {Rule} from './rule.js'

/**
 * A checklist item for a clause no rule measures: only the person can answer it, so it is
 * always `manual`, never `pass`. Its title is the question to ask oneself.
 */
export function manualRule(clause: Clause): Rule {
  const question = clause.question ?? {ja: `${clause.textJa}（守れていますか？）`, en: `${clause.summaryEn} Is this so?`}
  return {
    id: `manual-${clause.id.toLowerCase().replaceAll('.', '-')}`,
    clause: clause.id,
    severity: 'info',
    title: question,
    measures: {ja: '本人による確認（ツールでは測定できません）', en: 'Self-check: the tool cannot measure this'},
    statuses: ['manual'],
    evaluate: () => ({
      status: 'manual',
      title: question,
      evidence: [{source: 'guideline', text: `${clause.id} ${clause.sectionJa}: ${clause.textJa}`}],
      remediation: {ja: [clause.textJa], en: [clause.summaryEn]},
    }),
  }
}

/** Checklist items for every clause that none of `measuring` cites. */
export function manualRulesFor(measuring: readonly Rule[]): Rule[] {
  const measured = new Set(measuring.map((r) => r.clause))
  return CLAUSES.filter((c) => !measured.has(c.id)).map(manualRule)
}
