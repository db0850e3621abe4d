import {Args, Command, Flags} from '@oclif/core'
import {formatFlag, outFlag, redactFlag} from '../cli/shared-flags.js'
import {loadScan} from '../history/store.js'
import {detectLang, type Lang} from '../i18n/locale.js'
import {redactReport} from '../report/redact.js'
import {type ReportFormat, writeReport} from '../report/write-report.js'

export default class Report extends Command {
  static override summary = 'Render a stored scan again: terminal, JSON, Markdown or HTML'
  static override args = {scan: Args.string({required: true, description: 'history id (or prefix) or a report file'})}
  static override flags = {
    format: formatFlag,
    out: outFlag,
    redact: redactFlag,
    lang: Flags.string({options: ['ja', 'en'], description: 'language (default: from the OS locale)'}),
  }

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Report)
    const lang: Lang = (flags.lang as Lang | undefined) ?? detectLang()
    let stored
    try {
      stored = loadScan(args.scan)
    } catch (error) {
      this.error(error instanceof Error ? error.message : String(error), {exit: 2})
    }
    writeReport(flags.redact ? redactReport(stored.report) : stored.report, {format: (flags.format ?? 'text') as ReportFormat, lang, out: flags.out})
  }
}
