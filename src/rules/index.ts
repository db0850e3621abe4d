import type {Evidence, Finding} from '../evidence/schema.js'
import type {Lang} from '../i18n/locale.js'
import {cleartextServicesRule} from './cleartext-services.js'
import {diskEncryptionRule} from './disk-encryption.js'
import {macOnlyAuthRule} from './mac-only-auth.js'
import {manualRulesFor} from './manual-checks.js'
import {nfsOpenExportRule} from './nfs-open-export.js'
import {openSharesRule} from './open-shares.js'
import {ownSharesRule} from './own-shares.js'
import {personalDevicesRule} from './personal-devices.js'
import {freePublicWlanRule, publicWifiRule} from './public-wifi.js'
import {removableMediaRule} from './removable-media.js'
import {screenLockRule} from './screen-lock.js'
import {smb1EnabledRule} from './smb1-enabled.js'
import {securitySoftwareRule} from './security-software.js'
import {vpnBeforeHomeNetworkRule} from './vpn-before-home-network.js'
import {wifiEvilTwinRule} from './wifi-evil-twin.js'
import {wifiSecurityRule} from './wifi-security.js'
import {wiredConnectionRule} from './wired-connection.js'
import {routerDefaultCredentialsRule} from './router-default-credentials.js'
import {adminPlainHttpRule, snmpDefaultCommunityRule, upnpIgdRule} from './router-exposure.js'
import {routerFirmwareRule} from './router-firmware.js'
import {routerKevRule} from './router-kev.js'
import {routerSupportRule} from './router-support.js'
import {type Rule, toFinding} from './rule.js'
import {sharedSegmentRule} from './shared-segment.js'
import {dlnaOpenRule} from './dlna-open.js'
import {networkPrintersRule} from './network-printers.js'
import {webdavAnonymousRule} from './webdav-anonymous.js'

/** The rules that measure something, in report order. Add a rule by adding its module here. */
export const MEASURING_RULES: readonly Rule[] = [
  publicWifiRule,
  freePublicWlanRule,
  wiredConnectionRule,
  wifiSecurityRule,
  wifiEvilTwinRule,
  macOnlyAuthRule,
  sharedSegmentRule,
  vpnBeforeHomeNetworkRule,
  openSharesRule,
  nfsOpenExportRule,
  cleartextServicesRule,
  smb1EnabledRule,
  webdavAnonymousRule,
  dlnaOpenRule,
  networkPrintersRule,
  ownSharesRule,
  personalDevicesRule,
  routerSupportRule,
  routerFirmwareRule,
  routerKevRule,
  snmpDefaultCommunityRule,
  upnpIgdRule,
  adminPlainHttpRule,
  routerDefaultCredentialsRule,
  diskEncryptionRule,
  securitySoftwareRule,
  removableMediaRule,
  screenLockRule,
]

/** Every rule: the measuring ones, then a manual checklist item for each clause none of them measures. */
export const RULES: readonly Rule[] = [...MEASURING_RULES, ...manualRulesFor(MEASURING_RULES)]

/** Evaluate every rule; a rule that throws becomes an `unknown` finding instead of ending the scan. */
export function evaluateRules(evidence: Evidence, lang: Lang, rules: readonly Rule[] = RULES): Finding[] {
  return rules.map((rule) => {
    try {
      return toFinding(rule, rule.evaluate(evidence), lang)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return toFinding(
        rule,
        {
          status: 'unknown',
          title: {ja: `判定中にエラーが発生しました: ${reason}`, en: `The rule failed: ${reason}`},
          evidence: [],
          remediation: {ja: [], en: []},
        },
        lang,
      )
    }
  })
}
