import type {Evidence} from '../evidence/schema.js'
import type {Verdict} from './rule.js'

/**
 * A scan stored before the DLNA, IPP, WebDAV and Telnet probes existed has no `exposures`:
 * re-judged (`recheck`), those rules say they were not measured rather than pass.
 */
export function exposuresNotMeasured(evidence: Evidence): Verdict | null {
  if (evidence.exposures) return null
  return {
    status: 'unknown',
    title: {ja: 'このスキャンでは確認していません（この確認が加わる前のスキャンです）', en: 'Not checked in this scan (it was made before this check existed)'},
    evidence: [{source: 'scan', text: `scan of ${evidence.startedAt}: no DLNA, IPP, WebDAV or Telnet probe results`}],
    remediation: {ja: ['もう一度スキャンしてください。'], en: ['Scan again.']},
  }
}
