import type {Evidence} from '../evidence/schema.js'
import {noSteps} from './local-common.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.7: SMB1 (the WannaCry protocol) on a device that shares the network. */
export const smb1EnabledRule: Rule = {
  id: 'smb1-enabled',
  clause: 'N-3.3.7',
  severity: 'medium',
  title: {ja: '古い SMB1 を受け付ける機器がないか', en: 'No device still accepts SMB1'},
  measures: {ja: 'SMB1（NT LM 0.12）の NEGOTIATE に応じるか', en: 'Whether the device answers an SMB1 (NT LM 0.12) NEGOTIATE'},
  statuses: ['warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const smb = evidence.fileServices.filter((s) => s.protocol === 'smb' && s.reachable)
    const on = smb.filter((s) => s.smb1 === true)
    if (on.length > 0) {
      return {
        status: 'warning',
        title: {ja: `SMB1 が有効な機器があります: ${on.map((s) => s.host).join(', ')}`, en: `SMB1 is enabled on ${on.map((s) => s.host).join(', ')}`},
        evidence: on.map((s) => ({source: 'smb', host: s.host, text: `${s.host} accepts SMB1 (NT LM 0.12); best dialect ${s.dialect ?? '?'}`})),
        remediation: {
          ja: ['NAS や PC の設定で SMB1 を無効にしてください（SMB2 以上のみにする）。Windows:「Windows の機能の有効化または無効化」で「SMB 1.0/CIFS ファイル共有のサポート」をオフにします。'],
          en: ['Turn SMB1 off on the NAS or PC (SMB2 and later only). Windows: "Turn Windows features on or off" → clear "SMB 1.0/CIFS File Sharing Support".'],
        },
      }
    }
    if (smb.some((s) => s.smb1 === null)) {
      return {status: 'unknown', title: {ja: 'SMB1 の有無を確認できない機器があります', en: 'Could not tell whether some devices accept SMB1'}, evidence: smb.filter((s) => s.smb1 === null).map((s) => ({source: 'smb', host: s.host, text: `${s.host}: ${s.error ?? 'no answer'}`})), remediation: noSteps}
    }
    return {status: 'pass', title: {ja: 'SMB1 を受け付ける機器はありません', en: 'No device accepts SMB1'}, evidence: smb.map((s) => ({source: 'smb', host: s.host, text: `${s.host}: SMB1 refused, dialect ${s.dialect ?? '?'}`})), remediation: noSteps}
  },
}
