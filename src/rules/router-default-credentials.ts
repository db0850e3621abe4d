import type {Evidence} from '../evidence/schema.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.4: the router must be protected by a strong password, not its factory login. */
export const routerDefaultCredentialsRule: Rule = {
  id: 'router-default-credentials',
  clause: 'N-3.3.4',
  severity: 'high',
  title: {ja: 'ルーターの管理パスワードが初期設定のままでないか', en: "The router's admin login is not the factory default"},
  measures: {
    ja: '--check-default-credentials 指定時のみ、vendor-db に記載された初期ログイン（最大 3 回、Basic 認証）を試行',
    en: 'Only with --check-default-credentials: the factory logins vendor-db lists for the model (at most 3 tries, HTTP Basic auth)',
  },
  statuses: ['violation', 'pass', 'unknown', 'manual'],
  evaluate(evidence: Evidence): Verdict {
    const check = evidence.router?.observations.credentials
    const ask = {
      ja: ['ルーターの管理画面のパスワードを初期値から推測されにくいものに変更したか確認してください。'],
      en: ["Make sure the router's admin password was changed from the factory default to a strong one."],
    }
    if (!check?.requested) {
      return {
        status: 'manual',
        title: {ja: 'ルーターの管理パスワードが変更済みか確認してください', en: "Check that the router's admin password was changed"},
        evidence: [{source: 'homeaudit', text: 'not tried: the factory-login check runs only with --check-default-credentials'}],
        remediation: ask,
      }
    }
    const host = evidence.router!.observations.target
    const items = check.attempts.map((a) => ({source: 'http', host, text: `${a.url} user "${a.username}": ${a.outcome}${a.status !== null ? ` (HTTP ${a.status})` : ''}`}))
    if (check.attempts.some((a) => a.outcome === 'accepted')) {
      return {
        status: 'violation',
        title: {ja: 'ルーターに初期設定のパスワードでログインできます', en: 'The router accepts its factory-default login'},
        evidence: items,
        remediation: {
          ja: ['ルーターの管理画面で、管理者パスワードを長く推測されにくいものに今すぐ変更してください。'],
          en: ["Change the router's admin password to a long, unguessable one now, in its admin page."],
        },
      }
    }
    if (check.attempts.length > 0 && check.attempts.every((a) => a.outcome === 'rejected')) {
      return {status: 'pass', title: {ja: '初期設定のパスワードではログインできません', en: 'The factory-default login is refused'}, evidence: items, remediation: {ja: [], en: []}}
    }
    return {
      status: 'unknown',
      title: {ja: '初期パスワードかどうか判定できません', en: 'Cannot tell whether the factory login still works'},
      evidence: [...items, {source: 'homeaudit', text: check.note ?? 'the attempts gave no clear answer'}],
      remediation: ask,
    }
  },
}
