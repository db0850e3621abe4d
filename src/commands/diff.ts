import {Args, Command, Flags} from '@oclif/core'
import {langFlag, langOf} from '../cli/shared-flags.js'
import {diffScans} from '../history/diff.js'
import {loadScanOrExit} from '../cli/load-scan.js'
import {listScans, type StoredScan} from '../history/store.js'
import {diffLines} from '../report/diff-text.js'
import {safeJson} from '../report/sanitize.js'

export default class Diff extends Command {
  static override summary = 'Compare two scans (by default the last two): findings, router firmware, hosts and ports'
  static override args = {
    old: Args.string({description: 'older scan: history id (or prefix) or file'}),
    new: Args.string({description: 'newer scan: history id (or prefix) or file'}),
  }

  static override flags = {
    json: Flags.boolean({description: 'print the diff as JSON'}),
    lang: langFlag,
  }

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Diff)
    const lang = langOf(flags.lang)
    let before: StoredScan
    let after: StoredScan
    if (args.old && args.new) {
      before = loadScanOrExit(args.old)
      after = loadScanOrExit(args.new)
    } else {
      const {scans} = listScans()
      if (scans.length < 2) this.error('the history has fewer than two scans: run `homeaudit scan` again, or name two files', {exit: 2})
      ;[before, after] = [scans.at(-2)!, scans.at(-1)!]
      if (args.old) before = loadScanOrExit(args.old)
    }
    const diff = diffScans(before.report, after.report)
    if (flags.json) process.stdout.write(safeJson({old: before.id, new: after.id, ...diff}) + '\n')
    else process.stdout.write([`${before.id} → ${after.id}`, ...diffLines(diff, lang)].join('\n') + '\n')
  }
}
