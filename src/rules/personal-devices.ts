import type {DeviceType, Evidence, Host} from '../evidence/schema.js'
import {classifyDevice} from '../identify/device-type.js'
import {describeHost, otherHosts} from './describe-host.js'
import type {Rule, Verdict} from './rule.js'

/** Device types that are personal non-PC devices in the guideline's sense. */
export const PERSONAL_DEVICE_TYPES: ReadonlySet<DeviceType> = new Set<DeviceType>(['phone/tablet', 'iot', 'tv/media'])

const TYPE_LABEL: Record<DeviceType, {ja: string; en: string}> = {
  router: {ja: 'ルーター', en: 'router'},
  pc: {ja: 'PC', en: 'PC'},
  'phone/tablet': {ja: 'スマートフォン/タブレット', en: 'phone/tablet'},
  printer: {ja: 'プリンター', en: 'printer'},
  nas: {ja: 'NAS', en: 'NAS'},
  'tv/media': {ja: 'テレビ/メディア機器', en: 'TV/media device'},
  iot: {ja: 'IoT 機器', en: 'IoT device'},
  unknown: {ja: '種類不明', en: 'unknown type'},
}

function line(host: Host, type: DeviceType, reasons: readonly string[]): string {
  return `${describeHost(host)} — ${type}${reasons.length ? `: ${reasons.slice(0, 3).join('; ')}` : ''}`
}

function counts(list: ReadonlyArray<{type: DeviceType}>, lang: 'ja' | 'en'): string {
  const by = new Map<DeviceType, number>()
  for (const {type} of list) by.set(type, (by.get(type) ?? 0) + 1)
  return [...by.entries()].map(([t, n]) => (lang === 'ja' ? `${TYPE_LABEL[t].ja} ${n} 台` : `${n} ${TYPE_LABEL[t].en}`)).join(lang === 'ja' ? '、' : ', ')
}

/**
 * N-3.3.9: nothing may leak to smartphones and other personal non-PC devices.
 * Every other host is typed (src/identify/device-type.ts): a reachable phone, tablet, TV/media
 * or IoT device is a violation; only PCs, NAS, printers and routers is a pass; a host whose
 * type cannot be told makes the answer `unknown`, never a silent pass.
 */
export const personalDevicesRule: Rule = {
  id: 'personal-devices-reachable',
  clause: 'N-3.3.9',
  severity: 'medium',
  title: {ja: 'スマートフォンなどの私物機器と通信できないか', en: 'Personal devices such as phones are not reachable'},
  measures: {
    ja: '同じネットワーク上の、PC 以外の私物機器（スマートフォン・タブレット・テレビ・IoT）。機器の種類はベンダー、mDNS/NetBIOS/UPnP の名前とサービス、開いているポートから判定',
    en: 'Personal non-PC devices (phones, tablets, TVs, IoT) on the same network, typed from vendor, mDNS/NetBIOS/UPnP names and services, and open ports',
  },
  statuses: ['pass', 'unknown', 'violation'],
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
    const typed = others.map((host) => ({host, ...classifyDevice(host)}))
    const personal = typed.filter((t) => PERSONAL_DEVICE_TYPES.has(t.type))
    const unknown = typed.filter((t) => t.type === 'unknown')
    const rest = typed.filter((t) => !PERSONAL_DEVICE_TYPES.has(t.type) && t.type !== 'unknown')
    const items = (list: typeof typed) => list.map((t) => ({source: 'device-type', host: t.host.ip, text: line(t.host, t.type, t.reasons)}))
    if (personal.length > 0) {
      return {
        status: 'violation',
        title: {
          ja: `私物の可能性が高い機器がこの PC から到達可能です（${counts(personal, 'ja')}）`,
          en: `Personal devices are reachable from this PC (${counts(personal, 'en')})`,
        },
        evidence: [...items(personal), ...items(unknown), ...items(rest)],
        remediation: {
          ja: [
            'スマートフォン・タブレット・テレビ・スマート家電を業務用 PC と同じネットワークにつながないでください。',
            'ルーターのゲストネットワーク（別 SSID）に移すか、端末間通信の遮断（プライバシーセパレーター等）を有効にしてください。',
          ],
          en: [
            'Do not keep phones, tablets, TVs or smart-home devices on the same network as the work PC.',
            "Move them to the router's guest network (a separate SSID), or turn on client isolation (AP isolation / privacy separator).",
          ],
        },
      }
    }
    if (unknown.length > 0) {
      return {
        status: 'unknown',
        title: {
          ja: `他の機器 ${unknown.length} 台が私物のスマートフォン等か判定できません`,
          en: `Cannot tell whether ${unknown.length} other device(s) are phones or other personal devices`,
        },
        evidence: [...items(unknown), ...items(rest)],
        remediation: {
          ja: [
            '一覧の種類不明の機器がスマートフォン・タブレット・スマート家電でないか確認してください。',
            '該当する場合は、ルーターのゲストネットワークや端末間通信の遮断（プライバシーセパレーター等）で業務用 PC と通信できないようにしてください。',
          ],
          en: [
            'Check whether the devices of unknown type are phones, tablets or smart-home devices.',
            "If so, keep them from reaching the work PC: a guest network or the router's client isolation (AP isolation / privacy separator).",
          ],
        },
      }
    }
    return {
      status: 'pass',
      title: {
        ja: `到達できる機器は PC・NAS・プリンター・ルーターのみです（${counts(rest, 'ja')}）`,
        en: `Only PCs, NAS, printers and routers are reachable (${counts(rest, 'en')})`,
      },
      evidence: items(rest),
      remediation: {ja: [], en: []},
    }
  },
}
