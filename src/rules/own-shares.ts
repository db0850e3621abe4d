import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable} from './local-common.js'
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
    const manual = {ja: ['Windows: 「コンピューターの管理」→「共有フォルダー」→「共有」で確認してください。'], en: ['Windows: Computer Management → Shared Folders → Shares.']}
    if (!local || local.shares.status !== 'read') return unreadable(title, local?.shares ?? null, manual)
    const open = local.shares.shares.filter((s) => !s.special && s.everyoneOrGuest)
    const list = local.shares.shares.map((s) => ({source: s.source, text: `${s.name}${s.path ? ` (${s.path})` : ''}: ${s.access.map((a) => `${a.principal}:${a.right}`).join(', ') || 'no access list'}${s.special ? ' [default share]' : ''}`}))
    if (open.length > 0) {
      return {
        status: 'violation',
        title: {ja: `権限設定のない共有フォルダがあります: ${open.map((s) => s.name).join(', ')}`, en: `Shared folder(s) open to everyone or guests: ${open.map((s) => s.name).join(', ')}`},
        evidence: [...commandEvidence(local.shares), ...list],
        remediation: {
          ja: [
            'この状態で自宅ネットワークに接続することは禁止です。共有を解除するか、アクセス権を必要な利用者だけに限定してください。',
            'Windows: フォルダーのプロパティ →「共有」→「詳細な共有」で共有を止めるか、「アクセス許可」から Everyone を削除します。',
          ],
          en: [
            'Joining the home network like this is prohibited. Stop sharing, or limit access to the people who need it.',
            'Windows: folder Properties → Sharing → Advanced Sharing: stop sharing, or remove Everyone under Permissions.',
          ],
        },
      }
    }
    return {status: 'pass', title: {ja: '誰でも使える共有フォルダはありません', en: 'No shared folder is open to everyone'}, evidence: list.length > 0 ? list : [{source: 'local', text: 'no shares'}], remediation: noSteps}
  },
}
