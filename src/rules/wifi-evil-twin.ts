import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable, wifiLabel} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {CHECK_WIFI_SECURITY} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

const weak = (auth: string) => auth === 'open' || auth === 'wep'

/**
 * N-3.3.4: an open (or WEP) network nearby with the name of the protected one this PC uses. It
 * may be an "evil twin": a device that imitates the home network, so that a PC which joins it by
 * name sends its traffic through someone else's hands.
 */
export const wifiEvilTwinRule: Rule = {
  id: 'wifi-evil-twin',
  clause: 'N-3.3.4',
  severity: 'medium',
  title: {ja: '接続中の Wi-Fi と同じ名前の暗号化なしネットワークが近くにないか', en: 'No open network nearby under the name of the connected Wi-Fi'},
  measures: {
    ja: '近くのネットワーク一覧（netsh / system_profiler / nmcli）のうち、接続中と同じ SSID で暗号化なし・WEP のもの',
    en: 'Networks nearby (netsh / system_profiler / nmcli) with the connected SSID but open or WEP',
  },
  statuses: ['warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const local = evidence.local
    const title = {ja: '同じ名前の暗号化なしネットワークがあるか確認できません', en: 'Cannot tell whether an open network uses the connected Wi-Fi\'s name'}
    const manual = osSteps(pcOs(evidence), CHECK_WIFI_SECURITY, step('近くのネットワーク一覧で、自宅の Wi-Fi と同じ名前の「セキュリティなし」のものがないか確認してください。', 'In the list of networks nearby, look for an unsecured one with the name of your home Wi-Fi.'))
    if (!local) return unreadable(title, null, manual)
    if (local.connection.type === 'wired' || local.connection.type === 'cellular') {
      return {status: 'pass', title: {ja: 'Wi-Fi を使っていません', en: 'Not on Wi-Fi'}, evidence: [{source: 'local', text: `active interface is ${local.connection.type}`}], remediation: noSteps}
    }
    const c = local.wifi.current
    if (local.wifi.status !== 'read' || !c) return unreadable(title, local.wifi, manual)
    const items = [...commandEvidence(local.wifi), {source: 'wifi', text: wifiLabel(local)}]
    if (c.ssid === null) {
      // macOS hides network names from programs without Location permission.
      return {status: 'unknown', title: {ja: 'OS がネットワーク名を伏せているため比較できません', en: 'The OS hides the network names, so they cannot be compared'}, evidence: items, remediation: manual}
    }
    if (weak(c.auth)) {
      return {status: 'pass', title: {ja: '接続中のネットワーク自体が暗号化されていません（N-3.3.4 の違反として判定）', en: 'The connected network is itself unprotected (judged as the N-3.3.4 violation)'}, evidence: items, remediation: noSteps}
    }
    const twins = local.wifi.nearby.filter((n) => n.ssid === c.ssid && weak(n.auth))
    if (twins.length === 0) {
      return {status: 'pass', title: {ja: '同じ名前の暗号化なしネットワークはありません', en: 'No open network uses the connected Wi-Fi\'s name'}, evidence: items, remediation: noSteps}
    }
    return {
      status: 'warning',
      title: {ja: `接続中の「${c.ssid}」と同じ名前の ${twins[0]!.auth === 'wep' ? 'WEP' : '暗号化なし'} ネットワークが近くにあります`, en: `An ${twins[0]!.auth === 'wep' ? 'WEP' : 'open'} network nearby uses the name of the connected "${c.ssid}"`},
      evidence: [...items, ...twins.map((t) => ({source: 'wifi', text: `nearby "${t.ssid}" ${t.auth}/${t.cipher}${t.bssids.length ? ` (${t.bssids.join(', ')})` : ''}`}))],
      remediation: {
        ja: [
          '自宅のルーターが同じ名前で暗号化なしのネットワーク（ゲスト用など）を出していないか確認し、出していれば名前を変えるか無効にしてください。',
          '心当たりがなければ、自宅のネットワークになりすました機器（evil twin）の可能性があります。PC が保存済みの暗号化された接続だけを使い、暗号化なしのネットワークに自動接続しない設定か確認し、情報システム担当に連絡してください。',
        ],
        en: [
          'Check whether your own router broadcasts an open network (a guest network, say) under the same name; if so, rename or disable it.',
          'If not, a device may be imitating your home network (an evil twin). Make sure the PC uses only the saved, encrypted profile and never joins open networks automatically, and tell IT.',
        ],
      },
    }
  },
}
