import type {Evidence, ScanReport} from '../evidence/schema.js'
import {analyseRouter} from '../identify/analyse-router.js'
import type {Lang} from '../i18n/locale.js'
import {evaluateRules} from '../rules/index.js'
import {completeReport} from './partial-evidence.js'
import type {VendorDb} from '../vendordb/load.js'

/**
 * Judge a stored scan again from its evidence alone: the router is re-identified from its raw
 * observations against the current vendor-db, and every current rule is evaluated. Nothing is
 * sent on the network.
 */
export function recheckReport(stored: ScanReport, db: VendorDb, lang: Lang): ScanReport {
  const {findings: _old, verdict: _verdict, ...rest} = stored
  const evidence: Evidence = {...rest, lang, router: stored.router ? analyseRouter(stored.router.observations, db) : null}
  return completeReport(evidence, evaluateRules(evidence, lang))
}
