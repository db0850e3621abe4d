import {Args, Command, Flags} from '@oclif/core'
import {diffScans} from '../history/diff.js'
import {listScans, loadScan, type StoredScan} from '../history/store.js'
import {detectLang, type Lang} from '../i18n/locale.js'
import {diffLines} from '../report/diff-text.js'

export default class Diff extends Command {
  static override summary = 'Compare two scans (by default the last two): findings, router firmware, hosts and ports'
  static override args = {
    old: Args.string({description: 'older scan: history id (or prefix) or file'}),
    new: Args.string({description: 'newer scan: history id (or prefix) or file'}),
  }

  static override flags = {
    json: Flags.boolean({description: 'print the diff as JSON'}),
    lang: Flags.string({options: ['ja', 'en'], description: 'language (default: from the OS locale)'}),
  }

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Diff)
    const lang: Lang = (flags.lang as Lang | undefined) ?? detectLang()
    let before: StoredScan
    let after: StoredScan
    try {
      if (args.old && args.new) {
        before = loadScan(args.old)
        after = loadScan(args.new)
      } else {
        const {scans} = listScans()
        if (scans.length < 2) this.error('the history has fewer than two scans: run `homeaudit scan` again, or name two files', {exit: 2})
        ;[before, after] = [scans.at(-2)!, scans.at(-1)!]
        if (args.old) before = loadScan(args.old)
      }
    } catch (error) {
      if (error instanceof Error && !('oclif' in error)) this.error(error.message, {exit: 2})
      throw error
    }
    const diff = diffScans(before.report, after.report)
    if (flags.json) process.stdout.write(JSON.stringify({old: before.id, new: after.id, ...diff}, null, 2) + '\n')
    else process.stdout.write([`${before.id} → ${after.id}`, ...diffLines(diff, lang)].join('\n') + '\n')
  }
}
