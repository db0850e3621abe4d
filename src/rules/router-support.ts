import type {Evidence} from '../evidence/schema.js'
import {identityEvidence, routerUnknown} from './router-common.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.6: equipment whose vendor support has ended must not stay in use. */
export const routerSupportRule: Rule = {
  id: 'router-support-ended',
  clause: 'N-3.3.6',
  severity: 'high',
  title: {ja: 'ルーターがメーカーのサポート期間内か', en: 'The router is still supported by its vendor'},
  measures: {ja: '識別したルーターの型番と vendor-db のサポート状況', en: "The identified router model and its support status in vendor-db"},
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const router = evidence.router
    const support = router?.support
    if (!router || !router.model || !support || support.status === 'unknown') {
      return routerUnknown(evidence, {ja: 'ルーターのサポート状況を判定できません', en: "The router's support status is unknown"})
    }
    const items = [...identityEvidence(router), ...support.sources.map((url) => ({source: 'vendor-db', text: url}))]
    if (support.status === 'eol') {
      return {
        status: 'violation',
        title: {
          ja: `${router.model} はメーカーのサポートが終了しています${support.eolDate ? `（${support.eolDate}）` : ''}`,
          en: `${router.model} is no longer supported by ${router.vendor}${support.eolDate ? ` (since ${support.eolDate})` : ''}`,
        },
        evidence: items,
        remediation: {
          ja: ['サポートが終了したルーターは脆弱性が修正されません。サポート中の機種に買い替えてください。'],
          en: ['A router whose support has ended gets no security fixes. Replace it with a supported model.'],
        },
      }
    }
    return {
      status: 'pass',
      title: {ja: `${router.model} はサポート期間内です`, en: `${router.model} is still supported (${support.status})`},
      evidence: items,
      remediation: {ja: [], en: []},
    }
  },
}
