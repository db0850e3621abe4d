import type {IdentitySource, RouterObservations} from '../evidence/router-schema.js'
import type {LoadedModel, VendorDb} from '../vendordb/load.js'
import type {FingerprintSource} from '../vendordb/schema.js'
import {genericFirmwareReadings} from './firmware-extract.js'
import {familyOf, observationFields} from './observation-fields.js'

export interface RouterIdentity {
  vendor: string | null
  model: string | null
  modelId: string | null
  firmware: string | null
  confidence: 'high' | 'medium' | 'low' | 'none'
  sources: IdentitySource[]
  conflicts: string[]
}

interface Match {
  model: LoadedModel
  source: FingerprintSource
  value: string
}

/** Manufacturer strings of UPnP stacks and chipsets, which say nothing about the router's vendor. */
const GENERIC_MANUFACTURERS = /^(?:MiniUPnP|Portable SDK|libupnp|Linux|Broadcom|Realtek|MediaTek|Ralink|Quantenna|Intel|Manufacturer|N\/A|-)\b/i

/** Fields whose match names one model precisely (as opposed to a page title or a banner). */
const MODEL_SPECIFIC: ReadonlySet<string> = new Set(['upnp.modelName', 'upnp.modelNumber', 'snmp.sysDescr', 'snmp.sysObjectID', 'tr064.modelName'])

/** A data file's pattern, or null when it does not compile (`db validate` reports those). */
function compilePattern(fp: {pattern: string; flags?: string}): RegExp | null {
  try {
    return new RegExp(fp.pattern, fp.flags)
  } catch {
    return null
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Fields where a model's own name, written out, identifies it. */
const NAME_FIELDS: readonly FingerprintSource[] = ['upnp.modelName', 'upnp.modelNumber', 'upnp.friendlyName', 'tr064.modelName', 'snmp.sysDescr', 'http.realm', 'http.title', 'http.server', 'upnp.server']

/**
 * A model name as a pattern: separators may be space, underscore or hyphen, and the name must
 * stand alone — not inside a longer word, and not followed by a variant suffix ("7590 AX",
 * "R7000P", "7270 v3"), which would be another product.
 */
function namePattern(name: string): RegExp | null {
  if (name.length < 4 || !/\d/.test(name)) return null
  const body = name
    .split(/[\s_-]+/)
    .map(escapeRegExp)
    .join('[\\s_-]?')
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}]|[\\s_-]?(?:AX|AC|v\\d|Pro|Plus|LTE|\\+))`, 'iu')
}

interface CompiledModel {
  model: LoadedModel
  names: RegExp[]
  fingerprints: Array<{source: FingerprintSource; re: RegExp}>
}

/** Patterns are compiled once per loaded database, not once per identification. */
const compiledCache = new WeakMap<VendorDb, CompiledModel[]>()

function compiled(db: VendorDb): CompiledModel[] {
  let list = compiledCache.get(db)
  if (!list) {
    list = db.models.map((model) => ({
      model,
      names: [...new Set([model.model, ...model.aliases])].map(namePattern).filter((re): re is RegExp => re !== null),
      fingerprints: model.fingerprints.flatMap((fp) => {
        const re = compilePattern(fp)
        return re ? [{source: fp.source, re}] : []
      }),
    }))
    compiledCache.set(db, list)
  }
  return list
}

function modelMatches(db: VendorDb, fields: Map<FingerprintSource, string[]>): Match[] {
  const matches: Match[] = []
  for (const {model, names, fingerprints} of compiled(db)) {
    for (const source of NAME_FIELDS) {
      for (const value of fields.get(source) ?? []) {
        if (names.some((re) => re.test(value))) matches.push({model, source, value})
      }
    }
    for (const {source, re} of fingerprints) {
      for (const value of fields.get(source) ?? []) {
        if (re.test(value)) matches.push({model, source, value})
      }
    }
  }
  return matches
}

/** Vendor claims from names: UPnP/TR-064 manufacturer, SNMP sysDescr, admin page title and realm. */
function vendorClaims(db: VendorDb, fields: Map<FingerprintSource, string[]>): Array<{vendor: string; source: FingerprintSource; value: string}> {
  const claims: Array<{vendor: string; source: FingerprintSource; value: string}> = []
  const where: FingerprintSource[] = ['upnp.manufacturer', 'tr064.manufacturer', 'snmp.sysDescr', 'http.title', 'http.realm', 'upnp.server', 'http.server', 'tls.subject']
  for (const vendor of db.vendors) {
    const names = [vendor.vendor, ...vendor.aliases].filter((n) => n.length >= 3)
    const re = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${names.map(escapeRegExp).join('|')})(?:$|[^\\p{L}\\p{N}])`, 'iu')
    for (const source of where) {
      for (const value of fields.get(source) ?? []) {
        if (re.test(value)) claims.push({vendor: vendor.vendor, source, value})
      }
    }
  }
  return claims
}

function firmwareFor(model: LoadedModel | null, fields: Map<FingerprintSource, string[]>): Array<{source: FingerprintSource; value: string; version: string}> {
  const readings: Array<{source: FingerprintSource; value: string; version: string}> = []
  for (const fp of model?.firmwareFrom ?? []) {
    const re = compilePattern(fp)
    for (const value of re ? fields.get(fp.source) ?? [] : []) {
      const m = re!.exec(value)
      if (m?.[1]) readings.push({source: fp.source, value, version: m[1]})
    }
  }
  return readings.length > 0 ? readings : genericFirmwareReadings(fields)
}

/**
 * Combine every source into one identity. A model is named only when the sources support it
 * and none of them names another model as strongly; otherwise it is unknown. The OUI vendor
 * is a hint for the vendor, never evidence of a model.
 */
export function identifyRouter(obs: RouterObservations, db: VendorDb): RouterIdentity {
  const fields = observationFields(obs)
  const matches = modelMatches(db, fields)
  const conflicts: string[] = []

  const families = new Map<string, Set<string>>()
  for (const m of matches) {
    const set = families.get(m.model.id) ?? new Set()
    set.add(familyOf(m.source))
    families.set(m.model.id, set)
  }
  const ranked = [...families.entries()]
    .map(([id, fams]) => ({model: matches.find((m) => m.model.id === id)!.model, families: fams.size, specific: matches.some((m) => m.model.id === id && MODEL_SPECIFIC.has(m.source))}))
    .sort((a, b) => b.families - a.families || Number(b.specific) - Number(a.specific))

  let chosen: LoadedModel | null = null
  if (ranked.length > 0) {
    const [best, second] = ranked
    if (second && second.families === best!.families && second.specific === best!.specific) {
      conflicts.push(`sources name different models equally: ${ranked.filter((r) => r.families === best!.families).map((r) => r.model.model).join(' / ')}`)
    } else {
      chosen = best!.model
      for (const other of ranked.slice(1)) conflicts.push(`${other.model.model} is also suggested by ${[...families.get(other.model.id)!].join(', ')}`)
    }
  }

  // The root device's manufacturer outranks a model-name match: "DD-WRT" on a Netgear R8000 is
  // not Netgear's firmware, so Netgear's support data does not apply.
  if (chosen) {
    const model = chosen
    const vendorFile = db.vendors.find((v) => v.vendor === model.vendor)!
    const own = [vendorFile.vendor, ...vendorFile.aliases].map((n) => n.toLowerCase())
    const foreign = (['upnp.manufacturer', 'tr064.manufacturer'] as const).flatMap((source) =>
      (fields.get(source) ?? [])
        .filter((value) => !GENERIC_MANUFACTURERS.test(value) && !own.some((n) => value.toLowerCase().includes(n) || n.includes(value.toLowerCase())))
        .map((value) => `${source} "${value}" is not ${model.vendor}: third-party firmware or another product`),
    )
    if (foreign.length > 0) {
      conflicts.push(...foreign)
      chosen = null
    }
  }

  const vendorNames = vendorClaims(db, fields)
  const ouiVendor = obs.ouiVendor ? db.vendors.find((v) => v.ouiVendors.includes(obs.ouiVendor!))?.vendor ?? null : null
  let vendor = chosen?.vendor ?? null
  if (!vendor) {
    const distinct = [...new Set(vendorNames.map((c) => c.vendor))]
    if (distinct.length === 1) vendor = distinct[0]!
    else if (distinct.length > 1) conflicts.push(`sources name different vendors: ${distinct.join(' / ')}`)
    else if (ouiVendor) vendor = ouiVendor
  }
  for (const c of vendorNames) if (vendor && c.vendor !== vendor) conflicts.push(`${c.source} names ${c.vendor}`)

  // A version means nothing without knowing whose it is.
  const readings = vendor || chosen ? firmwareFor(chosen, fields) : []
  const versions = [...new Set(readings.map((r) => r.version.replace(/^v/i, '')))]
  let firmware: string | null = null
  if (versions.length === 1) firmware = versions[0]!
  else if (versions.length > 1) conflicts.push(`sources give different firmware versions: ${versions.join(' / ')}`)

  const sources: IdentitySource[] = [
    ...matches.map((m) => ({source: m.source, value: m.value, claims: {vendor: m.model.vendor, model: m.model.model}, agrees: m.model.id === chosen?.id})),
    ...vendorNames.map((c) => ({source: c.source, value: c.value, claims: {vendor: c.vendor}, agrees: c.vendor === vendor})),
    ...readings.map((r) => ({source: r.source, value: r.value, claims: {firmware: r.version}, agrees: firmware !== null && r.version.replace(/^v/i, '') === firmware})),
  ]
  if (obs.ouiVendor) sources.push({source: 'oui', value: obs.ouiVendor, claims: {vendor: ouiVendor}, agrees: ouiVendor !== null && ouiVendor === vendor})

  const chosenFamilies = chosen ? families.get(chosen.id)!.size : 0
  const confidence: RouterIdentity['confidence'] = chosen
    ? chosenFamilies >= 2 && conflicts.length === 0
      ? 'high'
      : ranked[0]!.specific
        ? 'medium'
        : 'low'
    : vendor
      ? 'low'
      : 'none'
  return {vendor, model: chosen?.model ?? null, modelId: chosen?.id ?? null, firmware, confidence, sources, conflicts}
}
