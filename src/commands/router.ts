import {Command, Flags} from '@oclif/core'
import {runRouter} from '../pipeline/run-router.js'
import {ScanSetupError} from '../pipeline/run-scan.js'
import {identityJson, identityLines, supportLines} from '../report/router-text.js'
import {findingsText} from '../report/terminal.js'
import {colourEnabled} from '../report/terminal-style.js'
import {safeJson} from '../report/sanitize.js'
import {ScopeError} from '../scope/scope-guard.js'
import {checkDefaultCredentialsFlag, vendorDbFlag, langFlag, langOf} from '../cli/shared-flags.js'

export default class Router extends Command {
  static override summary = "Identify this network's router (vendor, model, firmware) and judge it against vendor-db"
  static override description = 'Asks the default gateway alone over SSDP/UPnP, HTTP(S) on 80/443/8080/8443, SNMP (public/private only) and TR-064. Exit code 1 when a rule finds a violation.'
  static override flags = {
    json: Flags.boolean({description: 'print JSON: {vendor, model, firmware, confidence, sources[], support, observations, findings}'}),
    timeout: Flags.integer({description: 'per-request timeout in milliseconds', default: 3000, min: 100, max: 30000}),
    lang: langFlag,
    'check-default-credentials': checkDefaultCredentialsFlag,
    'vendor-db': vendorDbFlag,
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(Router)
    const lang = langOf(flags.lang)
    let result
    try {
      result = await runRouter({timeoutMs: flags.timeout, lang, vendorDbDir: flags['vendor-db'], checkDefaultCredentials: flags['check-default-credentials']})
    } catch (error) {
      if (error instanceof ScanSetupError || error instanceof ScopeError) this.error(error.message, {exit: 2})
      throw error
    }
    const {router, findings} = result
    if (flags.json) {
      process.stdout.write(safeJson({...identityJson(router), support: router.support, observations: router.observations, findings}) + '\n')
    } else {
      const lines = [...identityLines(router, lang), ...supportLines(router, lang), '']
      process.stdout.write(lines.join('\n') + findingsText(findings, {lang, colour: colourEnabled(process.stdout), width: process.stdout.columns}))
    }
    if (findings.some((f) => f.status === 'violation')) this.exit(1)
  }
}
