import {Command, Flags} from '@oclif/core'
import {DEFAULT_DB_DIR, loadVendorDb} from '../../vendordb/load.js'
import {validateVendorDb} from '../../vendordb/validate.js'

export default class DbValidate extends Command {
  static override summary = 'Check vendor-db: schema, sources, version syntax, patterns'
  static override flags = {
    dir: Flags.string({description: 'vendor directory to check', default: DEFAULT_DB_DIR}),
    json: Flags.boolean({description: 'print the result as JSON'}),
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(DbValidate)
    const result = validateVendorDb(loadVendorDb(flags.dir))
    if (flags.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n')
    else {
      const c = result.counts
      process.stdout.write(
        `${c.vendors} vendors, ${c.models} models: ${c.withSupportStatus} with a support status, ${c.withLatestFirmware} with a latest firmware, ${c.kevEntries} KEV entries\n`,
      )
      for (const p of result.problems) process.stdout.write(`${p.file} ${p.where}: ${p.message}\n`)
      process.stdout.write(result.problems.length === 0 ? 'vendor-db is valid\n' : `${result.problems.length} problem(s)\n`)
    }
    if (result.problems.length > 0) this.exit(1)
  }
}
