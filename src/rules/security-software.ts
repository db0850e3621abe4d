import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {CHECK_SECURITY_SOFTWARE} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

/** D-3.2.3: AppGuard or ESET must be installed (and running). */
export const securitySoftwareRule: Rule = {
  id: 'security-software',
  clause: 'D-3.2.3',
  severity: 'critical',
  title: {ja: '指定のセキュリティソフト（AppGuard または ESET）が動作しているか', en: 'The required security software (AppGuard or ESET) is running'},
  measures: {ja: 'Windows セキュリティセンター・サービス・プロセス', en: 'Windows Security Center, services and processes'},
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const local = evidence.local
    const title = {ja: 'セキュリティソフトの状態を確認できません', en: 'The security software could not be read'}
    const os = pcOs(evidence)
    const manual = osSteps(os, CHECK_SECURITY_SOFTWARE)
    if (!local || local.security.status !== 'read') return unreadable(title, local?.security ?? null, manual)
    const products = local.security.products
    const items = [...commandEvidence(local.security), ...products.map((p) => ({source: p.source, text: `${p.name} (${p.vendor}): ${p.enabled === null ? 'state unknown' : p.enabled ? 'enabled' : 'disabled'}`}))]
    const required = products.filter((p) => p.vendor === 'eset' || p.vendor === 'appguard')
    const running = required.filter((p) => p.enabled !== false)
    const install = osSteps(
      os,
      CHECK_SECURITY_SOFTWARE,
      step(
        '会社指定のセキュリティソフト（AppGuard または ESET）をインストールし、有効にしてください。情報システム担当に連絡してください。',
        'Install and turn on the company-specified security software (AppGuard or ESET); contact IT.',
      ),
    )
    if (required.length === 0) {
      return {status: 'violation', title: {ja: 'AppGuard も ESET も見つかりません', en: 'Neither AppGuard nor ESET was found'}, evidence: items, remediation: install}
    }
    if (running.length === 0) {
      return {status: 'violation', title: {ja: '指定のセキュリティソフトが無効になっています', en: 'The required security software is disabled'}, evidence: items, remediation: install}
    }
    return {status: 'pass', title: {ja: `${running.map((p) => p.name).join(', ')} が動作しています`, en: `${running.map((p) => p.name).join(', ')} is running`}, evidence: items, remediation: noSteps}
  },
}
