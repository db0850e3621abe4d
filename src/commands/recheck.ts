import {Args, Command, Flags} from '@oclif/core'
import {exitCodeFor, failOnFlag, formatFlag, outFlag, vendorDbFlag, langFlag, langOf} from '../cli/shared-flags.js'
import {diffScans} from '../history/diff.js'
import {loadScanOrExit} from '../cli/load-scan.js'
import {recheckReport} from '../pipeline/recheck.js'
import {diffLines} from '../report/diff-text.js'
import {type ReportFormat, writeReport} from '../report/write-report.js'
import {loadVendorDb} from '../vendordb/load.js'

export default class Recheck extends Command {
  static override summary = 'Re-evaluate a stored or received scan against the current vendor-db and rules, without scanning'
  static override args = {scan: Args.string({required: true, description: 'history id (or prefix) or a report file someone sent'})}
  static override flags = {
    format: formatFlag,
    out: outFlag,
    'fail-on': failOnFlag,
    'vendor-db': vendorDbFlag,
    changes: Flags.boolean({description: 'print only what changed against the stored findings'}),
    lang: langFlag,
  }

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Recheck)
    const lang = langOf(flags.lang)
    const stored = loadScanOrExit(args.scan)
    const fresh = recheckReport(stored.report, loadVendorDb(flags['vendor-db']), lang)
    if (flags.changes) process.stdout.write(diffLines(diffScans(stored.report, fresh), lang).join('\n') + '\n')
    else writeReport(fresh, {format: (flags.format ?? 'text') as ReportFormat, lang, out: flags.out})
    const code = exitCodeFor(fresh.findings, flags['fail-on'])
    if (code !== 0) this.exit(code)
  }
}
