import {Args, Command} from '@oclif/core'
import {vendorDbFlag} from '../../cli/shared-flags.js'
import {loadVendorDb, resolveSource} from '../../vendordb/load.js'

export default class DbShow extends Command {
  static override summary = 'Show one vendor-db model entry with its sources'
  static override args = {id: Args.string({required: true, description: 'model id (see `homeaudit db search`)'})}

  static override flags = {'vendor-db': vendorDbFlag}

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(DbShow)
    const db = loadVendorDb(flags['vendor-db'])
    const model = db.models.find((m) => m.id === args.id)
    if (!model) this.error(`no model with id ${args.id}; try: homeaudit db search ${args.id}`, {exit: 2})
    const withUrls = {
      ...model,
      support: {...model.support, source: resolveSource(db, model.vendor, model.support.source)},
      latestFirmware: model.latestFirmware ? {...model.latestFirmware, source: resolveSource(db, model.vendor, model.latestFirmware.source)} : null,
      kev: model.kev.map((k) => ({...k, source: resolveSource(db, model.vendor, k.source)})),
      defaultCredentials: model.defaultCredentials?.map((c) => ({username: c.username, source: resolveSource(db, model.vendor, c.source)})),
    }
    process.stdout.write(JSON.stringify(withUrls, null, 2) + '\n')
  }
}
