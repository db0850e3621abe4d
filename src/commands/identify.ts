import {readFileSync} from 'node:fs'
import {Command, Flags} from '@oclif/core'
import type {RouterObservations} from '../evidence/router-schema.js'
import {fetchDescription} from '../gather/router/gather-router.js'
import {analyseRouter} from '../identify/analyse-router.js'
import {identityJson, identityLines, supportLines} from '../report/router-text.js'
import {summariseDescription} from '../gather/router/summarise-description.js'
import {parseUpnpDescription} from '../gather/probes/upnp-description.js'
import {ScanScope, ScopeError} from '../scope/scope-guard.js'
import {loadVendorDb} from '../vendordb/load.js'
import {vendorDbFlag, langFlag, langOf} from '../cli/shared-flags.js'
import {safeJson} from '../report/sanitize.js'

export default class Identify extends Command {
  static override summary = 'Identify a router offline from evidence you give it ("what router is this banner?")'
  static override description = 'Combines a UPnP description, Server header, WWW-Authenticate realm, page title, SNMP sysDescr/sysObjectID and TR-064 description into one identity, with the reasons. Unknown fields are null: it never guesses.'
  static override examples = [
    '<%= config.bin %> identify --sysdescr "RouterOS RB750Gr3"',
    '<%= config.bin %> identify --upnp rootDesc.xml --server "Linux UPnP/1.0 Aterm/1.0" --json',
  ]

  static override flags = {
    upnp: Flags.string({description: 'UPnP device description: a file, or an http URL on a private address'}),
    tr64: Flags.string({description: 'TR-064 description (tr64desc.xml): a file or a private http URL'}),
    server: Flags.string({description: 'HTTP or SSDP Server header', multiple: true}),
    realm: Flags.string({description: 'WWW-Authenticate realm'}),
    title: Flags.string({description: 'admin page <title>'}),
    sysdescr: Flags.string({description: 'SNMP sysDescr'}),
    sysobjectid: Flags.string({description: 'SNMP sysObjectID'}),
    oui: Flags.string({description: 'IEEE vendor of the MAC (a hint only)'}),
    json: Flags.boolean({description: 'print {vendor, model, firmware, confidence, sources[]} as JSON'}),
    lang: langFlag,
    'vendor-db': vendorDbFlag,
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(Identify)
    const lang = langOf(flags.lang)
    const observations: RouterObservations = {
      target: 'offline',
      ouiVendor: flags.oui ?? null,
      ssdp: (flags.server ?? []).map((server) => ({st: null, usn: null, server, location: null, trustedLocation: null})),
      upnp: flags.upnp ? await this.description(flags.upnp) : null,
      http:
        flags.title || flags.realm || flags.server
          ? [{url: 'offline', port: 0, scheme: 'http', status: null, server: flags.server?.[0] ?? null, realm: flags.realm ?? null, title: flags.title ?? null, meta: {}, text: '', scripts: [], tls: null, redirects: [], error: null}]
          : [],
      snmp: flags.sysdescr || flags.sysobjectid ? {answer: {version: 'v2c', community: 'public', system: {sysDescr: flags.sysdescr, sysObjectID: flags.sysobjectid}}, attempts: []} : null,
      tr064: flags.tr64 ? await this.description(flags.tr64) : null,
    }
    const db = loadVendorDb(flags['vendor-db'])
    const router = analyseRouter(observations, db)
    if (flags.json) {
      process.stdout.write(safeJson({...identityJson(router), support: router.support}) + '\n')
      return
    }
    process.stdout.write([...identityLines(router, lang), ...supportLines(router, lang)].join('\n') + '\n')
  }

  private async description(fileOrUrl: string): Promise<RouterObservations['upnp']> {
    if (/^https?:\/\//i.test(fileOrUrl)) {
      let scope: ScanScope
      try {
        scope = ScanScope.fromCidr(`${new URL(fileOrUrl).hostname}/32`)
      } catch (error) {
        this.error(error instanceof ScopeError ? error.message : `not a usable URL: ${fileOrUrl}`, {exit: 2})
      }
      return fetchDescription(scope, fileOrUrl, 5000)
    }
    let text: string
    try {
      text = readFileSync(fileOrUrl, 'utf8')
    } catch (error) {
      this.error(`cannot read ${fileOrUrl}: ${(error as NodeJS.ErrnoException).code ?? error}`, {exit: 2})
    }
    try {
      return {url: fileOrUrl, device: summariseDescription(parseUpnpDescription(text)), error: null}
    } catch (error) {
      return {url: fileOrUrl, device: null, error: error instanceof Error ? error.message : String(error)}
    }
  }
}
