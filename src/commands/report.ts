import {Args, Command} from '@oclif/core'
import {formatFlag, outFlag, redactFlag, langFlag, langOf} from '../cli/shared-flags.js'
import {loadScanOrExit} from '../cli/load-scan.js'
import {redactReport} from '../report/redact.js'
import {type ReportFormat, writeReport} from '../report/write-report.js'

export default class Report extends Command {
  static override summary = 'Render a stored scan again: terminal, JSON, Markdown or HTML'
  static override args = {scan: Args.string({required: true, description: 'history id (or prefix) or a report file'})}
  static override flags = {
    format: formatFlag,
    out: outFlag,
    redact: redactFlag,
    lang: langFlag,
  }

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Report)
    const lang = langOf(flags.lang)
    const stored = loadScanOrExit(args.scan)
    writeReport(flags.redact ? redactReport(stored.report) : stored.report, {format: (flags.format ?? 'text') as ReportFormat, lang, out: flags.out})
  }
}
