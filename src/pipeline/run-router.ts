import type {RouterReport} from '../evidence/router-schema.js'
import type {Finding} from '../evidence/schema.js'
import {readActiveNetwork} from '../gather/network/active-network.js'
import type {Lang} from '../i18n/locale.js'
import {evaluateRules, RULES} from '../rules/index.js'
import {ScanScope} from '../scope/scope-guard.js'
import {loadVendorDb} from '../vendordb/load.js'
import {partialEvidence} from './partial-evidence.js'
import {routerStage} from './router-stage.js'
import {ScanSetupError} from './run-scan.js'

export interface RouterRun {
  router: RouterReport
  findings: Finding[]
}

/** Identify and judge the default gateway of the active interface, and evaluate the router rules. */
export async function runRouter(options: {timeoutMs: number; lang: Lang; vendorDbDir?: string; checkDefaultCredentials?: boolean}): Promise<RouterRun> {
  const {network} = await readActiveNetwork()
  if (!network.gateway) throw new ScanSetupError('no default gateway was found on the active interface')
  // Every probe goes to the gateway alone; the guard refuses a public gateway address.
  const scope = ScanScope.fromCidr(`${network.gateway}/32`)
  const router = await routerStage(scope, network.gateway, loadVendorDb(options.vendorDbDir), {
    timeoutMs: options.timeoutMs,
    checkDefaultCredentials: options.checkDefaultCredentials,
  })
  const evidence = partialEvidence(network, options.lang, {router})
  const routerRules = RULES.filter((r) => r.id.startsWith('router-'))
  return {router, findings: evaluateRules(evidence, options.lang, routerRules)}
}
