import {parseFirmwareVersion, type VersionScheme} from './firmware-version.js'
import type {VendorDb} from './load.js'

export interface DbProblem {
  file: string
  where: string
  message: string
}

export interface DbValidation {
  problems: DbProblem[]
  counts: {vendors: number; models: number; withSupportStatus: number; withLatestFirmware: number; kevEntries: number}
}

function checkRef(problems: DbProblem[], file: string, where: string, sources: Record<string, unknown>, ref: string | null | undefined, required: boolean) {
  if (!ref) {
    if (required) problems.push({file, where, message: 'a source is required for this fact'})
    return
  }
  if (/^https?:\/\/\S+$/.test(ref)) return
  if (!(ref in sources)) problems.push({file, where, message: `source "${ref}" is neither a URL nor a key of "sources"`})
}

/**
 * Check what the schema cannot: every fact has a source that resolves, versions parse under
 * the model's scheme, patterns compile, IDs are unique.
 */
export function validateVendorDb(db: VendorDb): DbValidation {
  const problems: DbProblem[] = db.errors.map((e) => ({file: e.file, where: '(schema)', message: e.message}))
  const ids = new Map<string, string>()
  let withSupportStatus = 0
  let withLatestFirmware = 0
  let kevEntries = 0
  for (const vendor of db.vendors) {
    const {file, sources} = vendor
    checkRef(problems, file, 'updateHowTo', sources, vendor.updateHowTo?.source, false)
    if (vendor.updateGuide) {
      checkRef(problems, file, 'updateGuide', sources, vendor.updateGuide.source, true)
      if (!/^https?:\/\//.test(vendor.updateGuide.url)) problems.push({file, where: 'updateGuide', message: 'the update guide must be a web page (http or https)'})
    }
    for (const model of vendor.models) {
      const at = (what: string) => `${model.id}.${what}`
      if (ids.has(model.id)) problems.push({file, where: model.id, message: `duplicate model id (also in ${ids.get(model.id)})`})
      ids.set(model.id, file)
      for (const [i, fp] of [...model.fingerprints, ...(model.firmwareFrom ?? [])].entries()) {
        try {
          new RegExp(fp.pattern, fp.flags)
        } catch (error) {
          problems.push({file, where: at(`fingerprints[${i}]`), message: `pattern does not compile: ${error instanceof Error ? error.message : error}`})
        }
      }
      if (model.support.status !== 'unknown') {
        withSupportStatus++
        checkRef(problems, file, at('support'), sources, model.support.source, true)
      }
      const scheme = (model.versionScheme ?? 'dotted') as VersionScheme
      if (model.latestFirmware) {
        withLatestFirmware++
        checkRef(problems, file, at('latestFirmware'), sources, model.latestFirmware.source, true)
        if (!parseFirmwareVersion(model.latestFirmware.version, scheme)) {
          problems.push({file, where: at('latestFirmware'), message: `version "${model.latestFirmware.version}" does not parse under scheme ${scheme}`})
        }
      }
      for (const kev of model.kev) {
        kevEntries++
        checkRef(problems, file, at(kev.cve), sources, kev.source, true)
        if (kev.fixedIn && !parseFirmwareVersion(kev.fixedIn, scheme)) {
          problems.push({file, where: at(kev.cve), message: `fixedIn "${kev.fixedIn}" does not parse under scheme ${scheme}`})
        }
      }
      for (const cred of model.defaultCredentials ?? []) checkRef(problems, file, at('defaultCredentials'), sources, cred.source, true)
    }
  }
  return {
    problems,
    counts: {vendors: db.vendors.length, models: db.models.length, withSupportStatus, withLatestFirmware, kevEntries},
  }
}
