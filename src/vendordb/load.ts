import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {type VendorFile, VendorFileSchema, type VendorModel} from './schema.js'

/** The shipped database: vendor-db/vendors/*.json beside the package. */
export const DEFAULT_DB_DIR = fileURLToPath(new URL('../../vendor-db/vendors/', import.meta.url))

export interface LoadedModel extends VendorModel {
  vendor: string
  file: string
}

export interface VendorDb {
  dir: string
  vendors: Array<VendorFile & {file: string}>
  models: LoadedModel[]
  /** Files that failed the schema, with the reasons. */
  errors: Array<{file: string; message: string}>
}

/** Load and schema-check every vendor file. A bad file is reported, not fatal. */
export function loadVendorDb(dir: string = DEFAULT_DB_DIR): VendorDb {
  const db: VendorDb = {dir, vendors: [], models: [], errors: []}
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  } catch (error) {
    db.errors.push({file: dir, message: `cannot read the directory: ${error instanceof Error ? error.message : String(error)}`})
    return db
  }
  for (const file of files) {
    let json: unknown
    try {
      json = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    } catch (error) {
      db.errors.push({file, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`})
      continue
    }
    const parsed = VendorFileSchema.safeParse(json)
    if (!parsed.success) {
      db.errors.push(...parsed.error.issues.slice(0, 20).map((i) => ({file, message: `${i.path.join('.')}: ${i.message}`})))
      continue
    }
    db.vendors.push({...parsed.data, file})
    for (const model of parsed.data.models) db.models.push({...model, vendor: parsed.data.vendor, file})
  }
  return db
}

/** Resolve a source reference (a key of the vendor file's `sources`, or a URL) to a URL. */
export function resolveSource(db: VendorDb, vendor: string, ref: string | null | undefined): string | null {
  if (!ref) return null
  if (/^https?:\/\//.test(ref)) return ref
  return db.vendors.find((v) => v.vendor === vendor)?.sources[ref]?.url ?? null
}
