import type {Support} from '../evidence/router-schema.js'
import {compareFirmware, type VersionScheme} from './firmware-version.js'
import {type VendorDb, resolveSource} from './load.js'

/**
 * Does a KEV entry's "affected" text cover this version? Understands "<= X", "< X", and
 * "fixedIn"; anything else is null (unknown), never a guess.
 */
export function kevAffects(firmware: string | null, affected: string | null | undefined, fixedIn: string | null | undefined, scheme: VersionScheme): boolean | null {
  if (!firmware) return null
  if (fixedIn) {
    const order = compareFirmware(firmware, fixedIn, scheme)
    if (order !== null) return order < 0
  }
  const m = /^\s*(<=|<)\s*(\S+)\s*$/.exec(affected ?? '')
  if (m) {
    const order = compareFirmware(firmware, m[2]!, scheme)
    if (order !== null) return m[1] === '<=' ? order <= 0 : order < 0
  }
  if (affected && /^all(?: versions)?$/i.test(affected.trim())) return true
  return null
}

/** Judge a model's support, firmware currency and KEV exposure from the vendor-db. */
export function judgeSupport(db: VendorDb, modelId: string | null, firmware: string | null): Support | null {
  const model = modelId ? db.models.find((m) => m.id === modelId) : undefined
  if (!model) return null
  const vendor = db.vendors.find((v) => v.vendor === model.vendor)
  const scheme = (model.versionScheme ?? 'dotted') as VersionScheme
  const source = (ref: string | null | undefined) => resolveSource(db, model.vendor, ref)
  const latest = model.latestFirmware ?? null
  let firmwareCurrent: boolean | null = null
  if (latest && firmware) {
    const order = compareFirmware(firmware, latest.version, scheme)
    firmwareCurrent = order === null ? null : order >= 0
  }
  const sources = [source(model.support.source), source(latest?.source)].filter((s): s is string => s !== null)
  return {
    status: model.support.status,
    eolDate: model.support.eolDate ?? null,
    latestFirmware: latest?.version ?? null,
    latestFirmwareDate: latest?.date ?? null,
    firmwareCurrent,
    kev: model.kev.map((k) => ({
      cve: k.cve,
      title: k.title ?? null,
      affected: k.affected ?? null,
      fixedIn: k.fixedIn ?? null,
      affectsThisVersion: kevAffects(firmware, k.affected, k.fixedIn, scheme),
      source: source(k.source),
    })),
    sources: [...new Set(sources)],
    updateHowTo: vendor?.updateHowTo ? {ja: vendor.updateHowTo.ja, en: vendor.updateHowTo.en} : null,
    updateGuide: vendor?.updateGuide ? {url: vendor.updateGuide.url} : null,
  }
}
