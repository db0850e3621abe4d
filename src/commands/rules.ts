import {Command, Flags} from '@oclif/core'
import {detectLang, type Lang} from '../i18n/locale.js'
import {clauseById} from '../rules/clauses.js'
import {RULES} from '../rules/index.js'

export default class Rules extends Command {
  static override summary = 'List every rule: its ID, clause, title, what it measures and its possible statuses'
  static override flags = {
    json: Flags.boolean({description: 'print JSON (both languages)'}),
    lang: Flags.string({options: ['ja', 'en'], description: 'language (default: from the OS locale)'}),
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(Rules)
    const lang: Lang = (flags.lang as Lang | undefined) ?? detectLang()
    const rows = RULES.map((r) => ({id: r.id, clause: r.clause, section: clauseById(r.clause).sectionJa, severity: r.severity, title: r.title, measures: r.measures, statuses: r.statuses}))
    if (flags.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n')
    for (const r of rows) {
      process.stdout.write(`${r.clause.padEnd(8)} ${r.id}  [${r.severity}; ${r.statuses.join('|')}]\n         ${r.title[lang]}\n         ${r.measures[lang]}\n`)
    }
  }
}
