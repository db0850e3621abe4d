import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable} from './local-common.js'
import type {Rule, Verdict} from './rule.js'

/** D-3.2.2: a lent PC whose disk is not encrypted must not be taken out. */
export const diskEncryptionRule: Rule = {
  id: 'disk-encryption',
  clause: 'D-3.2.2',
  severity: 'high',
  title: {ja: 'ディスク（HDD/SSD）が暗号化されているか', en: 'The system disk is encrypted'},
  measures: {ja: 'BitLocker（manage-bde）/ FileVault（fdesetup）/ LUKS（lsblk）', en: 'BitLocker (manage-bde) / FileVault (fdesetup) / LUKS (lsblk)'},
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const local = evidence.local
    const title = {ja: 'ディスクの暗号化状態を確認できません', en: 'The disk encryption state could not be read'}
    const manual = {
      ja: ['Windows: 管理者のコマンドプロンプトで manage-bde -status を実行し、C: の「保護状態」を確認してください。'],
      en: ['Windows: run manage-bde -status in an administrator prompt and check the Protection Status of C:.'],
    }
    if (!local || local.disk.status !== 'read' || local.disk.systemVolumeEncrypted === null) return unreadable(title, local?.disk ?? null, manual)
    const items = [...commandEvidence(local.disk), ...local.disk.volumes.map((v) => ({source: 'disk', text: `${v.id}${v.mount ? ` ${v.mount}` : ''}: ${v.encrypted === null ? '?' : v.encrypted ? 'encrypted' : 'not encrypted'}${v.method ? ` (${v.method})` : ''}${v.protection ? `, protection ${v.protection}` : ''}`}))]
    if (!local.disk.systemVolumeEncrypted) {
      return {
        status: 'violation',
        title: {ja: 'システムディスクが暗号化されていません', en: 'The system disk is not encrypted'},
        evidence: items,
        remediation: {
          ja: ['暗号化されていない PC は持ち出し禁止です。情報システム担当に連絡し、BitLocker（Mac は FileVault）を有効にしてください。'],
          en: ['An unencrypted PC must not be taken out. Contact IT to turn on BitLocker (FileVault on a Mac).'],
        },
      }
    }
    return {status: 'pass', title: {ja: 'システムディスクは暗号化されています', en: 'The system disk is encrypted'}, evidence: items, remediation: noSteps}
  },
}
