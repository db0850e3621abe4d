import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable, wifiLabel} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {CHECK_WIFI_SECURITY} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.5: no MAC-address-only access control. An open or WEP network has nothing better. */
export const macOnlyAuthRule: Rule = {
  id: 'wifi-mac-only-authentication',
  clause: 'N-3.3.5',
  severity: 'high',
  title: {ja: 'MAC アドレスだけで接続を制限していないか', en: 'Network access is not protected by MAC addresses alone'},
  measures: {ja: '現在の Wi-Fi の認証方式（暗号化なし・WEP なら MAC アドレス以外の保護がない）', en: 'The current Wi-Fi authentication (open or WEP leaves nothing but MAC filtering)'},
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const local = evidence.local
    const title = {ja: 'MAC アドレス以外の保護があるか確認できません', en: 'Cannot tell whether anything but a MAC address protects the network'}
    const manual = osSteps(
      pcOs(evidence),
      CHECK_WIFI_SECURITY,
      step('ルーターが WPA2 以上の暗号化とパスワードで保護されていることを確認してください。', 'Make sure the router protects Wi-Fi with WPA2 or better and a passphrase.'),
    )
    if (!local) return unreadable(title, null, manual)
    if (local.connection.type === 'wired' || local.connection.type === 'cellular') {
      return {status: 'pass', title: {ja: 'Wi-Fi を使っていません', en: 'Not on Wi-Fi'}, evidence: [{source: 'local', text: `active interface is ${local.connection.type}`}], remediation: noSteps}
    }
    const c = local.wifi.current
    if (local.wifi.status !== 'read' || !c || c.auth === 'unknown') return unreadable(title, local.wifi, manual)
    const items = [...commandEvidence(local.wifi), {source: 'wifi', text: wifiLabel(local)}]
    if (c.auth === 'open' || c.auth === 'wep' || c.cipher === 'none' || c.cipher === 'wep') {
      return {
        status: 'violation',
        title: {
          ja: 'このネットワークを守っているのは MAC アドレスだけ（またはそれすらない）です',
          en: 'Nothing but a MAC address, if anything, protects this network',
        },
        evidence: items,
        remediation: {
          ja: ['MAC アドレスは簡単に偽装できます。MAC アドレスフィルタに頼らず、WPA2 以上の暗号化とパスワードで保護してください。'],
          en: ['MAC addresses are trivially spoofed. Do not rely on MAC filtering: protect the network with WPA2 or better and a passphrase.'],
        },
      }
    }
    return {status: 'pass', title: {ja: `${c.auth} で保護されています`, en: `Protected by ${c.auth}, not by MAC addresses alone`}, evidence: items, remediation: noSteps}
  },
}
