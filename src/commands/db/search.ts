import {Args, Command, Flags} from '@oclif/core'
import {vendorDbFlag} from '../../cli/shared-flags.js'
import {loadVendorDb} from '../../vendordb/load.js'
import {searchModels} from '../../vendordb/query.js'

export default class DbSearch extends Command {
  static override summary = 'Find router models in vendor-db by vendor, model or alias'
  static override args = {text: Args.string({required: true, description: 'text to look for, e.g. "WX3600" or "Archer"'})}
  static override flags = {json: Flags.boolean({description: 'print JSON'}), 'vendor-db': vendorDbFlag}

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(DbSearch)
    const found = searchModels(loadVendorDb(flags['vendor-db']), args.text)
    if (flags.json) {
      process.stdout.write(JSON.stringify(found, null, 2) + '\n')
      return
    }
    for (const m of found) process.stdout.write(`${m.id.padEnd(34)} ${m.vendor} ${m.model}  [${m.support.status}${m.latestFirmware ? `, latest ${m.latestFirmware.version}` : ''}]\n`)
    if (found.length === 0) process.stdout.write('no model matches\n')
  }
}
