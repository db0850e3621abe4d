import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable, wifiLabel} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {CHECK_WIFI_SECURITY} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

const routerFix = step(
  'ルーターの無線設定で暗号化を WPA2-パーソナル（AES）以上（可能なら WPA3）にし、推測されにくい長いパスワードを設定してください。',
  "In the router's wireless settings, use WPA2-Personal (AES) or better (WPA3 where possible) with a long, unguessable passphrase.",
)

/** N-3.3.4: Wi-Fi only with strong encryption: never open, never WEP; WPA/TKIP is weak. */
export const wifiSecurityRule: Rule = {
  id: 'wifi-encryption',
  clause: 'N-3.3.4',
  severity: 'high',
  title: {ja: 'Wi-Fi が十分な強度で暗号化されているか', en: 'The Wi-Fi connection is strongly encrypted'},
  measures: {ja: '現在の Wi-Fi 接続の認証方式と暗号（netsh / system_profiler / nmcli）', en: 'Authentication and cipher of the current Wi-Fi connection (netsh / system_profiler / nmcli)'},
  statuses: ['violation', 'warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const local = evidence.local
    const os = pcOs(evidence)
    const steps = osSteps(os, CHECK_WIFI_SECURITY, routerFix)
    const unknownTitle = {ja: 'Wi-Fi の暗号化を確認できません', en: 'The Wi-Fi encryption could not be read'}
    const manual = osSteps(os, CHECK_WIFI_SECURITY, step('接続中の Wi-Fi のセキュリティの種類を確認してください。', "Check the connected Wi-Fi's security type."))
    if (!local) return unreadable(unknownTitle, null, manual)
    if (local.connection.type === 'wired' || local.connection.type === 'cellular') {
      return {
        status: 'pass',
        title: {ja: 'Wi-Fi ではなく有線（またはモバイル回線）で接続しています', en: 'Connected by wire (or cellular), not Wi-Fi'},
        evidence: [{source: 'local', text: `active interface ${local.connection.interface ?? '?'} is ${local.connection.type}`}],
        remediation: noSteps,
      }
    }
    const c = local.wifi.current
    if (local.wifi.status !== 'read' || !c || c.auth === 'unknown') return unreadable(unknownTitle, local.wifi, manual)
    const items = [...commandEvidence(local.wifi), {source: 'wifi', text: wifiLabel(local)}]
    if (c.auth === 'open' || c.cipher === 'none') {
      return {status: 'violation', title: {ja: '暗号化されていない Wi-Fi に接続しています', en: 'Connected to an unencrypted (open) Wi-Fi network'}, evidence: items, remediation: steps}
    }
    if (c.auth === 'wep' || c.cipher === 'wep') {
      return {status: 'violation', title: {ja: '脆弱な WEP の Wi-Fi に接続しています', en: 'Connected to a Wi-Fi network using broken WEP encryption'}, evidence: items, remediation: steps}
    }
    if (c.auth === 'wpa-personal' || c.cipher === 'tkip') {
      return {status: 'warning', title: {ja: '古い WPA / TKIP の Wi-Fi に接続しています', en: 'Connected with old WPA / TKIP encryption'}, evidence: items, remediation: steps}
    }
    if (c.auth === 'owe') {
      return {
        status: 'warning',
        title: {ja: 'パスワードのない Enhanced Open（OWE）の Wi-Fi です', en: 'Enhanced Open (OWE) Wi-Fi: encrypted, but without a password'},
        evidence: items,
        remediation: steps,
      }
    }
    return {
      status: 'pass',
      title: {ja: `Wi-Fi は ${c.auth} で暗号化されています（パスワードの強度は別途確認）`, en: `Wi-Fi is protected by ${c.auth} (check the passphrase strength yourself)`},
      evidence: items,
      remediation: noSteps,
    }
  },
}
