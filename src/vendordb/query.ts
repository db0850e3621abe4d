import type {LoadedModel, VendorDb} from './load.js'

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '')
}

/** Models whose id, vendor, model name or aliases contain the text (ignoring case, spaces, dashes). */
export function searchModels(db: VendorDb, text: string): LoadedModel[] {
  const needle = fold(text)
  if (!needle) return []
  return db.models.filter((m) => [m.id, m.vendor, m.model, ...m.aliases].some((s) => fold(s).includes(needle)))
}
