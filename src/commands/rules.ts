import {Command, Flags} from '@oclif/core'
import {langFlag, langOf} from '../cli/shared-flags.js'
import {clauseById} from '../rules/clauses.js'
import {RULES} from '../rules/index.js'

export default class Rules extends Command {
  static override summary = 'List every rule: its ID, clause, title, what it measures and its possible statuses'
  static override flags = {
    json: Flags.boolean({description: 'print JSON (both languages)'}),
    lang: langFlag,
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(Rules)
    const lang = langOf(flags.lang)
    const rows = RULES.map((r) => ({id: r.id, clause: r.clause, section: clauseById(r.clause).sectionJa, severity: r.severity, title: r.title, measures: r.measures, statuses: r.statuses}))
    if (flags.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n')
    for (const r of rows) {
      process.stdout.write(`${r.clause.padEnd(8)} ${r.id}  [${r.severity}; ${r.statuses.join('|')}]\n         ${r.title[lang]}\n         ${r.measures[lang]}\n`)
    }
  }
}
