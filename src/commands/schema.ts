import {writeFileSync} from 'node:fs'
import {Command, Flags} from '@oclif/core'
import {scanReportJsonSchema} from '../evidence/schema.js'

export default class Schema extends Command {
  static override summary = 'Print the JSON Schema of the scan report (what `scan --json` writes)'
  static override flags = {
    out: Flags.string({description: 'write it to this file instead of stdout'}),
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(Schema)
    const text = JSON.stringify(scanReportJsonSchema(), null, 2) + '\n'
    if (flags.out) writeFileSync(flags.out, text)
    else process.stdout.write(text)
  }
}
