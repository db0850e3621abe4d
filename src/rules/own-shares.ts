import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {CHECK_OWN_SHARES, STOP_OPEN_SHARES} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.8: a lent PC with a shared folder open to everyone must not join the home network. */
export const ownSharesRule: Rule = {
  id: 'pc-open-shared-folder',
  clause: 'N-3.3.8',
  severity: 'high',
  title: {ja: 'この PC に権限設定のない共有フォルダがないか', en: 'This PC has no shared folder open to everyone'},
  measures: {ja: 'この PC の共有（Get-SmbShare / sharing -l / usershare・smb.conf・exports）とアクセス権', en: "This PC's shares (Get-SmbShare / sharing -l / usershares, smb.conf, exports) and their access"},
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const local = evidence.local
    const title = {ja: 'この PC の共有フォルダを確認できません', en: "This PC's shared folders could not be read"}
    const os = pcOs(evidence)
    const manual = osSteps(os, CHECK_OWN_SHARES, step('この PC の共有フォルダと、そのアクセス権を確認してください。', "Check this PC's shared folders and who may use them."))
    if (!local || local.shares.status !== 'read') return unreadable(title, local?.shares ?? null, manual)
    const open = local.shares.shares.filter((s) => !s.special && s.everyoneOrGuest)
    const list = local.shares.shares.map((s) => ({source: s.source, text: `${s.name}${s.path ? ` (${s.path})` : ''}: ${s.access.map((a) => `${a.principal}:${a.right}`).join(', ') || 'no access list'}${s.special ? ' [default share]' : ''}`}))
    if (open.length > 0) {
      return {
        status: 'violation',
        title: {ja: `権限設定のない共有フォルダがあります: ${open.map((s) => s.name).join(', ')}`, en: `Shared folder(s) open to everyone or guests: ${open.map((s) => s.name).join(', ')}`},
        evidence: [...commandEvidence(local.shares), ...list],
        remediation: osSteps(
          os,
          STOP_OPEN_SHARES,
          step(
            'この状態で自宅ネットワークに接続することは禁止です。共有を解除するか、アクセス権を必要な利用者だけに限定してください。',
            'Joining the home network like this is prohibited. Stop sharing, or limit access to the people who need it.',
          ),
        ),
      }
    }
    return {status: 'pass', title: {ja: '誰でも使える共有フォルダはありません', en: 'No shared folder is open to everyone'}, evidence: list.length > 0 ? list : [{source: 'local', text: 'no shares'}], remediation: noSteps}
  },
}
