import type {RouterReport} from '../evidence/router-schema.js'
import {checkDefaultCredentials} from '../gather/router/default-credentials.js'
import {gatherRouter, type GatherRouterOptions} from '../gather/router/gather-router.js'
import {analyseRouter} from '../identify/analyse-router.js'
import type {ScanScope} from '../scope/scope-guard.js'
import type {VendorDb} from '../vendordb/load.js'

export interface RouterStageOptions extends GatherRouterOptions {
  checkDefaultCredentials?: boolean
}

/** Gather from the router, identify it, optionally try its factory login, and judge it. */
export async function routerStage(scope: ScanScope, ip: string, db: VendorDb, options: RouterStageOptions): Promise<RouterReport> {
  const observations = await gatherRouter(scope, ip, options)
  if (options.checkDefaultCredentials) {
    const identity = analyseRouter(observations, db)
    const model = db.models.find((m) => m.id === identity.modelId)
    const credentials = (model?.defaultCredentials ?? []).map(({username, password}) => ({username, password}))
    observations.credentials = await checkDefaultCredentials(scope, observations.http, credentials, options.timeoutMs ?? 3000)
    if (!model) observations.credentials.note = 'the router model is unknown, so no factory login is known'
  }
  return analyseRouter(observations, db)
}
