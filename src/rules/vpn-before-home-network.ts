import type {Evidence} from '../evidence/schema.js'
import {describeHost, otherHosts} from './describe-host.js'
import {commandEvidence, noSteps, unreadable} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {CONNECT_VPN} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.7: never on the shared home network without the VPN running. */
export const vpnBeforeHomeNetworkRule: Rule = {
  id: 'shared-network-without-vpn',
  clause: 'N-3.3.7',
  severity: 'high',
  title: {ja: '家族と共用のネットワークで VPN が稼働しているか', en: 'The VPN is up while on a network shared with other devices'},
  measures: {ja: '同じセグメントの他の機器と、VPN アダプター・経路の状態', en: 'Other hosts on the segment, and the state of VPN adapters and routes'},
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const others = otherHosts(evidence.hosts)
    const local = evidence.local
    if (others.length === 0) {
      return {status: 'pass', title: {ja: '他の機器と共用していません', en: 'No other device shares the network'}, evidence: [{source: 'discovery', text: `scanned ${evidence.scope.target}`}], remediation: noSteps}
    }
    const title = {ja: 'VPN の状態を確認できません', en: 'The VPN state could not be read'}
    const manual = osSteps(pcOs(evidence), CONNECT_VPN, step('VPN が接続済みか確認してください。', 'Check that the VPN is connected.'))
    if (!local || local.vpn.status !== 'read') return unreadable(title, local?.vpn ?? null, manual)
    const hosts = others.map((h) => ({source: 'discovery', host: h.ip, text: describeHost(h)}))
    const vpns = local.vpn.interfaces.map((v) => ({source: 'vpn', text: `${v.name} (${v.kind}) ${v.up ? 'up' : 'down'}${v.carriesDefaultRoute ? ', default route' : ''}`}))
    if (!local.vpn.up) {
      return {
        status: 'violation',
        title: {ja: `VPN が稼働していない状態で、他の機器 ${others.length} 台と同じネットワークにいます`, en: `On a network shared with ${others.length} other device(s) without the VPN running`},
        evidence: [...hosts, ...commandEvidence(local.vpn), ...vpns, {source: 'vpn', text: 'no VPN adapter or tunnel is up'}],
        remediation: osSteps(
          pcOs(evidence),
          CONNECT_VPN,
          step(
            'VPN を稼働させていない状態で自宅ネットワークに接続することは禁止です。VPN 接続が完了するまで、家族の機器と同時に利用しないでください。',
            'Joining the home network without the VPN running is prohibited. Until the VPN is connected, do not use the network at the same time as family devices.',
          ),
        ),
      }
    }
    return {status: 'pass', title: {ja: 'VPN が稼働しています', en: 'The VPN is up'}, evidence: [...vpns], remediation: noSteps}
  },
}
