import type {LocalPosture} from '../evidence/local-schema.js'
import type {Finding} from '../evidence/schema.js'
import {collectLocal} from '../gather/local/collect-local.js'
import {readActiveNetwork} from '../gather/network/active-network.js'
import type {Lang} from '../i18n/locale.js'
import {evaluateRules, RULES} from '../rules/index.js'
import {partialEvidence} from './partial-evidence.js'

/** Rules that read the PC's own posture only (no network scan needed). */
export const LOCAL_RULE_IDS: ReadonlySet<string> = new Set([
  'public-wifi',
  'free-public-wlan',
  'wired-connection-recommended',
  'wifi-encryption',
  'wifi-evil-twin',
  'wifi-mac-only-authentication',
  'pc-open-shared-folder',
  'disk-encryption',
  'security-software',
  'removable-storage-connected',
  'screen-lock-timeout',
])

export const WIFI_RULE_IDS: ReadonlySet<string> = new Set(['public-wifi', 'free-public-wlan', 'wired-connection-recommended', 'wifi-encryption', 'wifi-evil-twin', 'wifi-mac-only-authentication'])

/** Read the PC's posture (sends nothing on the network) and evaluate the rules about it. */
export async function runLocal(options: {lang: Lang; ruleIds: ReadonlySet<string>}): Promise<{local: LocalPosture; findings: Finding[]}> {
  const {network} = await readActiveNetwork()
  const local = await collectLocal(network.interface)
  const evidence = partialEvidence(network, options.lang, {local})
  return {local, findings: evaluateRules(evidence, options.lang, RULES.filter((r) => options.ruleIds.has(r.id)))}
}
