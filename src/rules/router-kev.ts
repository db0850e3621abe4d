import type {Evidence} from '../evidence/schema.js'
import {identityEvidence, routerUnknown, updateSteps} from './router-common.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.6: a vulnerability known to be exploited (CISA KEV) affects the router's firmware. */
export const routerKevRule: Rule = {
  id: 'router-known-exploited-vulnerability',
  clause: 'N-3.3.6',
  severity: 'critical',
  title: {ja: 'ルーターに悪用が確認された脆弱性がないか', en: 'No known exploited vulnerability affects the router'},
  measures: {ja: 'CISA KEV に載った脆弱性と、その影響を受けるバージョン', en: 'CISA KEV entries for the model and the versions they affect'},
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const router = evidence.router
    const support = router?.support
    if (!router || !support) {
      return routerUnknown(evidence, {ja: '悪用が確認された脆弱性の有無を判定できません', en: 'Cannot tell whether a known exploited vulnerability applies'})
    }
    const affecting = support.kev.filter((k) => k.affectsThisVersion === true)
    const undecided = support.kev.filter((k) => k.affectsThisVersion === null)
    const kevText = (k: (typeof support.kev)[number]) => `${k.cve}${k.title ? ` ${k.title}` : ''}; affected ${k.affected ?? '?'}, fixed in ${k.fixedIn ?? 'no fix'}${k.source ? ` (${k.source})` : ''}`
    if (affecting.length > 0) {
      return {
        status: 'violation',
        title: {
          ja: `悪用が確認された脆弱性 ${affecting.map((k) => k.cve).join(', ')} の影響を受けます`,
          en: `Known exploited ${affecting.map((k) => k.cve).join(', ')} affect(s) this firmware`,
        },
        evidence: [...identityEvidence(router), ...affecting.map((k) => ({source: 'CISA KEV', text: kevText(k)}))],
        remediation: affecting.some((k) => !k.fixedIn)
          ? {ja: ['修正版がありません。ルーターを買い替えてください。'], en: ['No fixed version exists: replace the router.']}
          : updateSteps(router),
      }
    }
    if (undecided.length > 0) {
      const verdict = routerUnknown(evidence, {
        ja: `この機種には悪用が確認された脆弱性 ${undecided.map((k) => k.cve).join(', ')} がありますが、影響を判定できません`,
        en: `This model has known exploited ${undecided.map((k) => k.cve).join(', ')}; cannot tell whether this firmware is affected`,
      })
      verdict.evidence.push(...undecided.map((k) => ({source: 'CISA KEV', text: kevText(k)})))
      return verdict
    }
    return {
      status: 'pass',
      title: {ja: '悪用が確認された脆弱性は該当しません', en: 'No known exploited vulnerability affects this firmware'},
      evidence: [...identityEvidence(router), ...support.kev.map((k) => ({source: 'CISA KEV', text: `not affected: ${kevText(k)}`}))],
      remediation: {ja: [], en: []},
    }
  },
}
