import type {Evidence} from '../evidence/schema.js'
import {identityEvidence, routerUnknown, updateSteps} from './router-common.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.6: firmware updates that fix vulnerabilities must be applied. */
export const routerFirmwareRule: Rule = {
  id: 'router-firmware-outdated',
  clause: 'N-3.3.6',
  severity: 'high',
  title: {ja: 'ルーターのファームウェアが最新か', en: "The router's firmware is the latest known"},
  measures: {ja: '読み取ったファームウェアのバージョンと vendor-db の最新版', en: 'The firmware version read from the router against the latest in vendor-db'},
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const router = evidence.router
    const support = router?.support
    if (!router || !support || !support.latestFirmware || !router.firmware || support.firmwareCurrent === null) {
      return routerUnknown(evidence, {
        ja: 'ファームウェアが最新か判定できません（バージョンまたは最新版が不明）',
        en: 'Cannot tell whether the firmware is current (version or latest release unknown)',
      })
    }
    const items = [
      ...identityEvidence(router),
      {source: 'vendor-db', text: `latest firmware ${support.latestFirmware}${support.latestFirmwareDate ? ` (${support.latestFirmwareDate})` : ''}: ${support.sources.join(' ')}`},
    ]
    if (!support.firmwareCurrent) {
      return {
        status: 'violation',
        title: {
          ja: `ファームウェア ${router.firmware} より新しい ${support.latestFirmware} が公開されています`,
          en: `Firmware ${router.firmware} is older than the published ${support.latestFirmware}`,
        },
        evidence: items,
        remediation: updateSteps(router),
      }
    }
    return {
      status: 'pass',
      title: {ja: `ファームウェア ${router.firmware} は最新です`, en: `Firmware ${router.firmware} is the latest known`},
      evidence: items,
      remediation: {ja: [], en: []},
    }
  },
}
