import {Command, Flags} from '@oclif/core'
import {historyDir, listScans} from '../history/store.js'
import {sanitizeText} from '../report/sanitize.js'
import {verdictOf} from '../report/verdict.js'
import {safeJson} from '../report/sanitize.js'

export default class History extends Command {
  static override summary = 'List the scans kept in the history'
  static override flags = {json: Flags.boolean({description: 'print JSON'})}

  public async run(): Promise<void> {
    const {flags} = await this.parse(History)
    const {scans, skipped} = listScans()
    const rows = scans.map((s) => {
      const v = verdictOf(s.report.findings)
      return {id: s.id, startedAt: s.report.startedAt, target: s.report.scope.target, router: [s.report.router?.model, s.report.router?.firmware].filter(Boolean).join(' ') || null, verdict: v.level, violations: v.counts.violation, warnings: v.counts.warning}
    })
    if (flags.json) {
      process.stdout.write(safeJson({dir: historyDir(), scans: rows, skipped}) + '\n')
      return
    }
    process.stdout.write(`${historyDir()}\n`)
    for (const r of rows) process.stdout.write(`${r.id}  ${r.startedAt}  ${r.target}  ${r.verdict} (${r.violations} violation(s), ${r.warnings} warning(s))  ${sanitizeText(r.router ?? '', 60)}\n`)
    if (rows.length === 0) process.stdout.write('no scans yet\n')
    for (const s of skipped) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`)
  }
}
