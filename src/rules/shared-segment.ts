import type {Evidence} from '../evidence/schema.js'
import {describeHost, otherHosts} from './describe-host.js'
import type {Rule, Verdict} from './rule.js'

/**
 * N-3.3.7: the work PC must not share its network segment with family devices.
 * Any host on the segment other than the PC itself and the router is a violation.
 */
export const sharedSegmentRule: Rule = {
  id: 'segment-shared-with-other-hosts',
  clause: 'N-3.3.7',
  severity: 'high',
  title: {ja: '家族の機器と同じネットワークを共用していないか', en: 'The work PC does not share its segment with other devices'},
  measures: {
    ja: '同じサブネットで見つかった、この PC とルーター以外の機器',
    en: 'Hosts found on the same subnet other than this PC and the router',
  },
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const others = otherHosts(evidence.hosts)
    const scopeNote = {source: 'discovery', text: `scanned ${evidence.scope.target} (${evidence.scope.addresses} addresses)`}
    if (!evidence.hosts.some((h) => h.isSelf) && evidence.network.address === null) {
      return {
        status: 'unknown',
        title: {ja: 'ネットワーク接続を特定できませんでした', en: 'The network connection could not be determined'},
        evidence: [scopeNote],
        remediation: {
          ja: ['ネットワークに接続した状態で再度実行してください。'],
          en: ['Run the scan again while connected to the home network.'],
        },
      }
    }
    if (others.length === 0) {
      return {
        status: 'pass',
        title: {ja: 'この PC とルーター以外の機器は見つかりませんでした', en: 'No device other than this PC and the router was found'},
        evidence: [scopeNote],
        remediation: {ja: [], en: []},
      }
    }
    return {
      status: 'violation',
      title: {
        ja: `この PC と同じネットワークに他の機器が ${others.length} 台あります`,
        en: `${others.length} other device(s) share this PC's network segment`,
      },
      evidence: [scopeNote, ...others.map((h) => ({source: 'discovery', host: h.ip, text: describeHost(h)}))],
      remediation: {
        ja: [
          '業務用 PC を家族の機器と別のネットワークに分けてください（ルーターのゲスト SSID・VLAN・別ルーターなど、相互に通信できない設定）。',
          '分けられない場合は、家族の機器と同時に利用しないでください。VPN 接続が完了するまで自宅ネットワークに接続しないでください。',
          '他の PC がある場合は、そのセキュリティソフトが有効に動作していることを先に確認してください。',
        ],
        en: [
          'Put the work PC on a network separate from family devices (a guest SSID, VLAN or second router with client isolation, so they cannot talk to each other).',
          'If you cannot separate them, do not use the network at the same time as family devices, and never join it before the VPN is up.',
          'Where other PCs are present, first make sure their security software is running.',
        ],
      },
    }
  },
}
