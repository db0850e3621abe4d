import type {Evidence, EvidenceItem, Finding, Severity, Status} from '../evidence/schema.js'
import type {Lang} from '../i18n/locale.js'
import type {Message} from '../i18n/messages.js'
import {clauseById} from './clauses.js'

/** What a rule concludes from the evidence; the frame adds the rule's metadata. */
export interface Verdict {
  status: Status
  /** Overrides the rule's default severity for this verdict. */
  severity?: Severity
  title: Message
  evidence: EvidenceItem[]
  remediation: {ja: string[]; en: string[]}
}

/** One guideline rule: metadata plus a pure function of the evidence. */
export interface Rule {
  id: string
  clause: string
  severity: Severity
  title: Message
  /** What the rule measures, for `homeaudit rules`. */
  measures: Message
  statuses: readonly Status[]
  evaluate(evidence: Evidence): Verdict
}

export function toFinding(rule: Rule, verdict: Verdict, lang: Lang): Finding {
  return {
    ruleId: rule.id,
    clause: rule.clause,
    clauseTitleJa: clauseById(rule.clause).sectionJa,
    status: verdict.status,
    severity: verdict.severity ?? rule.severity,
    title: verdict.title[lang],
    evidence: verdict.evidence,
    remediation: verdict.remediation,
  }
}
