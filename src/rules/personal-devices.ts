import type {Evidence} from '../evidence/schema.js'
import {describeHost, otherHosts} from './describe-host.js'
import type {Rule, Verdict} from './rule.js'

/**
 * N-3.3.9: nothing may leak to smartphones and other personal non-PC devices.
 * Until discovery types devices, any other host may be such a device: the answer is
 * `unknown` with the list, never a silent pass.
 */
export const personalDevicesRule: Rule = {
  id: 'personal-devices-reachable',
  clause: 'N-3.3.9',
  severity: 'medium',
  title: {ja: 'スマートフォンなどの私物機器と通信できないか', en: 'Personal devices such as phones are not reachable'},
  measures: {
    ja: '同じネットワーク上の、PC 以外の私物機器（スマートフォン・タブレット・IoT）',
    en: 'Personal non-PC devices (phones, tablets, IoT) on the same network',
  },
  statuses: ['pass', 'unknown', 'warning'],
  evaluate(evidence: Evidence): Verdict {
    const others = otherHosts(evidence.hosts)
    if (others.length === 0) {
      return {
        status: 'pass',
        title: {ja: 'この PC から到達できる他の機器はありません', en: 'No other device is reachable from this PC'},
        evidence: [{source: 'discovery', text: `scanned ${evidence.scope.target}`}],
        remediation: {ja: [], en: []},
      }
    }
    return {
      status: 'unknown',
      title: {
        ja: `他の機器 ${others.length} 台が私物のスマートフォン等か判定できません`,
        en: `Cannot tell whether the ${others.length} other device(s) are phones or other personal devices`,
      },
      evidence: others.map((h) => ({source: 'discovery', host: h.ip, text: describeHost(h)})),
      remediation: {
        ja: [
          '一覧の機器がスマートフォン・タブレット・スマート家電でないか確認してください。',
          '該当する場合は、ルーターのゲストネットワークや端末間通信の遮断（プライバシーセパレーター等）で業務用 PC と通信できないようにしてください。',
        ],
        en: [
          'Check whether the devices listed are phones, tablets or smart-home devices.',
          "If so, keep them from reaching the work PC: a guest network or the router's client isolation (AP isolation / privacy separator).",
        ],
      },
    }
  },
}
