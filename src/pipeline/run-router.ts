import type {RouterReport} from '../evidence/router-schema.js'
import type {Finding} from '../evidence/schema.js'
import {readActiveNetwork} from '../gather/network/active-network.js'
import type {Lang} from '../i18n/locale.js'
import {evaluateRules, RULES} from '../rules/index.js'
import {ScanScope} from '../scope/scope-guard.js'
import {loadVendorDb} from '../vendordb/load.js'
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
  const evidence = {
    schemaVersion: '1.0.0' as const,
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    tool: {name: 'homeaudit' as const, version: ''},
    platform: {os: process.platform, release: '', arch: process.arch, node: process.version},
    lang: options.lang,
    network,
    scope: {target: `${network.gateway}/32`, origin: 'interface' as const, addresses: 1},
    hosts: [],
    router,
    probes: [],
    warnings: [],
  }
  const routerRules = RULES.filter((r) => r.id.startsWith('router-'))
  return {router, findings: evaluateRules(evidence, options.lang, routerRules)}
}
