import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {EJECT_MEDIA} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

/** D-3.2.4: no personally owned USB memory or other storage media connected. */
export const removableMediaRule: Rule = {
  id: 'removable-storage-connected',
  clause: 'D-3.2.4',
  severity: 'medium',
  title: {ja: 'USB メモリなどの記録媒体が接続されていないか', en: 'No removable storage is connected'},
  measures: {ja: '接続中のリムーバブル記憶装置（lsblk / Get-Volume / diskutil）', en: 'Removable storage devices connected (lsblk / Get-Volume / diskutil)'},
  statuses: ['warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const local = evidence.local
    const title = {ja: '記録媒体の接続状況を確認できません', en: 'Connected storage media could not be read'}
    const manual = {ja: ['私物の USB メモリなどが接続されていないか確認してください。'], en: ['Check that no personal USB memory or other storage is connected.']}
    if (!local || local.removable.status !== 'read') return unreadable(title, local?.removable ?? null, manual)
    const media = local.removable.media
    if (media.length > 0) {
      return {
        status: 'warning',
        title: {ja: `記録媒体が ${media.length} 台接続されています（私物は禁止）`, en: `${media.length} removable storage device(s) connected (personal ones are prohibited)`},
        evidence: [...commandEvidence(local.removable), ...media.map((m) => ({source: 'local', text: `${m.name} ${m.transport ?? ''} ${m.mounts.join(', ')}`.trim()}))],
        remediation: osSteps(pcOs(evidence), EJECT_MEDIA, step('私物の記録媒体であれば、すぐに取り外してください。', 'If any of these is personally owned, remove it now.')),
      }
    }
    return {status: 'pass', title: {ja: '記録媒体は接続されていません', en: 'No removable storage is connected'}, evidence: commandEvidence(local.removable), remediation: noSteps}
  },
}
