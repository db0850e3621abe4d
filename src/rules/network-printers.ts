import type {Evidence} from '../evidence/schema.js'
import {noSteps} from './local-common.js'
import {exposuresNotMeasured} from './exposures-common.js'
import type {Rule, Verdict} from './rule.js'

/**
 * N-3.3.7, informational: printers on the shared network that take jobs from anyone (IPP
 * without authentication, raw 9100). The guideline forbids neither a printer nor its presence,
 * so this is never a warning: it passes, at severity info, listing what was found and recalling
 * that printing work information is prohibited (P-2.4, which stays a self-check item).
 */
export const networkPrintersRule: Rule = {
  id: 'network-printers',
  clause: 'N-3.3.7',
  severity: 'info',
  title: {ja: 'ネットワーク上のプリンター（参考情報）', en: 'Printers on the network (informational)'},
  measures: {
    ja: 'IPP（631）の Get-Printer-Attributes（読み取りのみ）と、9100 番（RAW 印刷）が開いているか（データは送りません）',
    en: 'IPP (631) Get-Printer-Attributes (read-only), and whether 9100 (raw printing) is open (nothing is sent to it)',
  },
  statuses: ['pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const notMeasured = exposuresNotMeasured(evidence)
    if (notMeasured) return notMeasured
    const printers = evidence.exposures!.filter((e) => e.kind === 'ipp' || e.kind === 'raw-print')
    if (printers.length === 0) {
      return {status: 'pass', title: {ja: 'ネットワーク上にプリンターは見つかりませんでした', en: 'No network printer was found'}, evidence: [], remediation: noSteps}
    }
    // Jobs from anyone: raw 9100 always (the protocol has no authentication), IPP when uri-authentication-supported says none.
    const takesJobs = (e: (typeof printers)[number]) => (e.kind === 'raw-print' ? e.anonymous === true : e.details.jobsWithoutAuthentication === true)
    const open = [...new Set(printers.filter(takesJobs).map((e) => e.host))]
    const hosts = [...new Set(printers.map((e) => e.host))]
    return {
      status: 'pass',
      title:
        open.length > 0
          ? {
              ja: `参考: 認証なしで印刷を受け付けるプリンターがあります（${open.join(', ')}）。業務情報の印刷は禁止です（P-2.4）`,
              en: `For information: printers accept jobs without authentication (${open.join(', ')}); printing work information is prohibited (P-2.4)`,
            }
          : {
              ja: `参考: ネットワーク上にプリンターがあります（${hosts.join(', ')}）。業務情報の印刷は禁止です（P-2.4）`,
              en: `For information: printers on the network (${hosts.join(', ')}); printing work information is prohibited (P-2.4)`,
            },
      evidence: [
        ...printers.map((e) => ({source: e.kind, host: e.host, text: `${e.host}:${e.port} ${e.summary}`})),
        {source: 'guideline', text: 'P-2.4: printing, screenshots and copying of information are prohibited during telework'},
      ],
      remediation: noSteps,
    }
  },
}
