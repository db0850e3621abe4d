import type {Evidence} from '../evidence/schema.js'
import {loadPublicWifi} from '../gather/local/public-hotspots.js'
import {noSteps, unreadable, wifiLabel} from './local-common.js'
import {osSteps, pcOs, step, type Steps} from './os-steps.js'
import {DISCONNECT_WIFI, FORGET_WIFI} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

/** Disconnect now, then make the PC forget the network so that it does not join it again. */
function leaveWifi(evidence: Evidence, first: Steps): Steps {
  const os = pcOs(evidence)
  const now = osSteps(os, DISCONNECT_WIFI, first)
  const forget = osSteps(os, FORGET_WIFI)
  return {ja: [...now.ja, ...forget.ja], en: [...now.en, ...forget.en]}
}

function evaluatePublicWifi(evidence: Evidence): Verdict {
  const local = evidence.local
  const title = {ja: '公衆 Wi-Fi かどうか確認できません', en: 'Cannot tell whether this is a public Wi-Fi'}
  const manual = {ja: ['接続中のネットワークが自宅の回線であることを確認してください。'], en: ['Make sure the connected network is your own home line.']}
  if (!local) return unreadable(title, null, manual)
  if (local.connection.type === 'wired') {
    return {status: 'pass', title: {ja: '有線で接続しています', en: 'Connected by wire'}, evidence: [{source: 'local', text: `${local.connection.interface} is wired`}], remediation: noSteps}
  }
  if (local.connection.type === 'cellular' || local.connection.mobileRouter) {
    return {
      status: 'pass',
      title: {ja: 'キャリア SIM（モバイルルーター）で接続しています（許可）', en: 'Connected through a carrier SIM / mobile router (allowed)'},
      evidence: [{source: 'local', text: local.connection.type === 'cellular' ? 'cellular adapter' : wifiLabel(local)}],
      remediation: noSteps,
    }
  }
  const c = local.wifi.current
  if (local.wifi.status !== 'read' || !c) return unreadable(title, local.wifi, manual)
  const hotspot = local.wifi.publicHotspot
  if (hotspot) {
    return {
      status: 'violation',
      title: {ja: `公衆 Wi-Fi（${hotspot.operator}）に接続しています`, en: `Connected to a public Wi-Fi (${hotspot.operator})`},
      evidence: [{source: 'wifi', text: wifiLabel(local)}, {source: 'public-wifi list', text: hotspot.source}],
      remediation: leaveWifi(
        evidence,
        step(
          '公衆 Wi-Fi・フリー Wi-Fi でのテレワークは禁止です。直ちに切断し、自宅の回線またはキャリア SIM の回線を使ってください。',
          'Telework on public or free Wi-Fi is prohibited. Disconnect now and use your home line or a carrier-SIM connection.',
        ),
      ),
    }
  }
  const known = loadPublicWifi()?.publicHotspots.length ?? 0
  if (known === 0) return unreadable(title, {status: 'unreadable', reason: 'the list of public hotspots (vendor-db/public-wifi.json) is missing', commands: []}, manual)
  if (c.auth === 'open' || c.auth === 'owe') {
    return {
      status: 'warning',
      title: {ja: 'パスワードのない Wi-Fi です（公衆 Wi-Fi の可能性）', en: 'A Wi-Fi without a password: possibly a public hotspot'},
      evidence: [{source: 'wifi', text: wifiLabel(local)}],
      remediation: leaveWifi(
        evidence,
        step(
          '自宅の回線でなければ、直ちに切断して自宅の回線またはキャリア SIM の回線を使ってください。',
          'Unless this is your own home line, disconnect now and use your home line or a carrier-SIM connection.',
        ),
      ),
    }
  }
  return {
    status: 'pass',
    title: {ja: '既知の公衆 Wi-Fi ではありません', en: 'Not a known public Wi-Fi'},
    evidence: [{source: 'wifi', text: `${wifiLabel(local)}; not among ${known} known public hotspot names`}],
    remediation: noSteps,
  }
}

const base = {
  severity: 'critical' as const,
  title: {ja: '公衆・フリー Wi-Fi に接続していないか', en: 'Not connected to public or free Wi-Fi'},
  measures: {ja: '接続中の SSID と既知の公衆 Wi-Fi 名（出典付き）、モバイルルーターの SSID', en: 'The connected SSID against known public hotspot names (with sources) and mobile-router SSIDs'},
  statuses: ['violation', 'warning', 'pass', 'unknown'] as const,
  evaluate: evaluatePublicWifi,
}

/** P-2.2: never connect to public / free access points. */
export const publicWifiRule: Rule = {...base, id: 'public-wifi', clause: 'P-2.2'}

/** N-3.3.2: no telework on free public wireless LANs (carrier-SIM pocket Wi-Fi is allowed). */
export const freePublicWlanRule: Rule = {...base, id: 'free-public-wlan', clause: 'N-3.3.2'}
