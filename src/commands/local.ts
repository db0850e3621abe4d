import {Command, Flags} from '@oclif/core'
import {langFlag, langOf} from '../cli/shared-flags.js'
import {LOCAL_RULE_IDS, runLocal} from '../pipeline/run-local.js'
import {localLines} from '../report/local-text.js'
import {findingsText} from '../report/terminal.js'
import {colourEnabled} from '../report/terminal-style.js'
import {safeJson} from '../report/sanitize.js'

export default class Local extends Command {
  static override summary = "Check this PC's own posture: connection, Wi-Fi, VPN, shares, disk encryption, security software"
  static override description = 'Reads the OS only; sends nothing on the network. Exit code 1 when a rule finds a violation.'
  static override flags = {
    json: Flags.boolean({description: 'print {local, findings} as JSON'}),
    lang: langFlag,
  }

  /** The rules this command evaluates, and whether it shows only the Wi-Fi part. */
  static ruleIds: ReadonlySet<string> = LOCAL_RULE_IDS
  static wifiOnly = false

  public async run(): Promise<void> {
    const kind = this.constructor as typeof Local
    const {flags} = await this.parse(kind)
    const lang = langOf(flags.lang)
    const {local, findings} = await runLocal({lang, ruleIds: kind.ruleIds})
    if (flags.json) process.stdout.write(safeJson({local, findings}) + '\n')
    else process.stdout.write(localLines(local, lang, kind.wifiOnly).join('\n') + '\n' + findingsText(findings, {lang, colour: colourEnabled(process.stdout), width: process.stdout.columns}))
    if (findings.some((f) => f.status === 'violation')) this.exit(1)
  }
}
