import type {Evidence} from '../evidence/schema.js'
import {noSteps, unreadable, wifiLabel} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {USE_WIRED} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.3: a wired connection is recommended. */
export const wiredConnectionRule: Rule = {
  id: 'wired-connection-recommended',
  clause: 'N-3.3.3',
  severity: 'low',
  title: {ja: '有線で接続しているか（推奨）', en: 'Connected by wire (recommended)'},
  measures: {ja: '既定経路のインターフェイスの種類', en: 'The kind of the default-route interface'},
  statuses: ['warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const local = evidence.local
    const title = {ja: '接続方式を確認できません', en: 'The connection type could not be read'}
    const manual = {ja: ['有線 LAN で接続しているか確認してください。'], en: ['Check whether the PC is connected by Ethernet cable.']}
    if (!local || local.connection.type === 'unknown') return unreadable(title, local?.connection ?? null, manual)
    const what = `${local.connection.interface ?? '?'}: ${local.connection.type}`
    if (local.connection.type === 'wired') {
      return {status: 'pass', title: {ja: '有線で接続しています', en: 'Connected by wire'}, evidence: [{source: 'local', text: what}], remediation: noSteps}
    }
    return {
      status: 'warning',
      title: {ja: '無線で接続しています（有線を推奨）', en: 'Connected wirelessly (a wired connection is recommended)'},
      evidence: [{source: 'local', text: what}, ...(local.wifi.current ? [{source: 'wifi', text: wifiLabel(local)}] : [])],
      remediation: osSteps(
        pcOs(evidence),
        USE_WIRED,
        step('可能であれば LAN ケーブルでルーターに接続してください。', 'Where possible, connect the PC to the router with an Ethernet cable.'),
      ),
    }
  },
}
