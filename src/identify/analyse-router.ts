import type {RouterObservations, RouterReport} from '../evidence/router-schema.js'
import {judgeSupport} from '../vendordb/judge-support.js'
import type {VendorDb} from '../vendordb/load.js'
import {identifyRouter} from './identify-router.js'

/** Observations → identity → support status. Pure, so a stored scan can be re-judged with a newer vendor-db. */
export function analyseRouter(observations: RouterObservations, db: VendorDb): RouterReport {
  const identity = identifyRouter(observations, db)
  return {...identity, support: judgeSupport(db, identity.modelId, identity.firmware), observations}
}
