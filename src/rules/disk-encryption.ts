import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {CHECK_DISK_ENCRYPTION, ENCRYPT_DISK} from './pc-steps.js'
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
    const os = pcOs(evidence)
    const manual = osSteps(os, CHECK_DISK_ENCRYPTION)
    if (!local || local.disk.status !== 'read' || local.disk.systemVolumeEncrypted === null) return unreadable(title, local?.disk ?? null, manual)
    const items = [...commandEvidence(local.disk), ...local.disk.volumes.map((v) => ({source: 'disk', text: `${v.id}${v.mount ? ` ${v.mount}` : ''}: ${v.encrypted === null ? '?' : v.encrypted ? 'encrypted' : 'not encrypted'}${v.method ? ` (${v.method})` : ''}${v.protection ? `, protection ${v.protection}` : ''}`}))]
    if (!local.disk.systemVolumeEncrypted) {
      return {
        status: 'violation',
        title: {ja: 'システムディスクが暗号化されていません', en: 'The system disk is not encrypted'},
        evidence: items,
        remediation: osSteps(
          os,
          ENCRYPT_DISK,
          step(
            '暗号化されていない PC は持ち出し禁止です。情報システム担当に連絡し、その指示に従ってディスクを暗号化してください。',
            'An unencrypted PC must not be taken out. Contact IT and encrypt the disk as they instruct.',
          ),
        ),
      }
    }
    return {status: 'pass', title: {ja: 'システムディスクは暗号化されています', en: 'The system disk is encrypted'}, evidence: items, remediation: noSteps}
  },
}
