import {Args, Command, Flags} from '@oclif/core'
import {loadScan} from '../history/store.js'
import {mdEscape} from '../report/markdown.js'
import {summarise, summaryCsv} from '../report/fleet-summary.js'
import {sanitizeText} from '../report/sanitize.js'
import {safeJson} from '../report/sanitize.js'

export default class Summary extends Command {
  static override summary = "Aggregate many employees' JSON reports into one compliance table (terminal, CSV or Markdown)"
  static override strict = false
  static override args = {files: Args.string({required: true, description: 'report files (scan --json output or history files)'})}
  static override flags = {
    format: Flags.string({options: ['text', 'csv', 'md', 'json'], default: 'text', description: 'output format'}),
  }

  public async run(): Promise<void> {
    const {argv, flags} = await this.parse(Summary)
    const loaded: Array<{file: string; report: import('../evidence/schema.js').ScanReport}> = []
    for (const file of argv as string[]) {
      try {
        loaded.push({file, report: loadScan(file).report})
      } catch (error) {
        process.stderr.write(`skipped ${sanitizeText(file, 200)}: ${error instanceof Error ? error.message : error}\n`)
      }
    }
    if (loaded.length === 0) this.error('no readable report among the files given', {exit: 2})
    const s = summarise(loaded)
    if (flags.format === 'json') return void process.stdout.write(safeJson(s) + '\n')
    if (flags.format === 'csv') return void process.stdout.write(summaryCsv(s))
    const md = flags.format === 'md'
    const out: string[] = [
      md ? `# homeaudit fleet summary (${s.reports} reports)` : `${s.reports} reports: ${s.verdicts['not-allowed']} not allowed, ${s.verdicts.conditional} conditional, ${s.verdicts.allowed} allowed`,
      '',
    ]
    if (md) out.push(`- not allowed: ${s.verdicts['not-allowed']}, conditional: ${s.verdicts.conditional}, allowed: ${s.verdicts.allowed}`, '', '| rule | clause | violation | warning | pass | unknown | manual |', '|---|---|---|---|---|---|---|')
    for (const r of s.rules.filter((x) => !x.ruleId.startsWith('manual-'))) {
      out.push(md ? `| ${r.ruleId} | ${r.clause} | ${r.violation} | ${r.warning} | ${r.pass} | ${r.unknown} | ${r.manual} |` : `${r.clause.padEnd(8)} ${r.ruleId.padEnd(38)} violation ${r.violation}  warning ${r.warning}  pass ${r.pass}  unknown ${r.unknown}`)
    }
    out.push('', md ? '## Routers needing action' : 'Routers needing action:', '')
    for (const r of s.routers) {
      const line = `${r.problem}: ${r.vendor ?? '?'} ${r.model ?? '?'} firmware ${r.firmware ?? '?'}${r.latest ? ` (latest ${r.latest})` : ''} — ${r.file}`
      out.push(md ? `- ${mdEscape(line, 300)}` : `  ${sanitizeText(line, 300)}`)
    }
    if (s.routers.length === 0) out.push(md ? '- none' : '  none')
    process.stdout.write(out.join('\n') + '\n')
  }
}
