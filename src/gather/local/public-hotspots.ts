import {readFileSync} from 'node:fs'
import {z} from 'zod'

/** vendor-db/public-wifi.json: public / free Wi-Fi SSIDs and carrier pocket-router SSID patterns, with sources. */
const EntrySchema = z.object({
  id: z.string(),
  operator: z.string().optional(),
  vendor: z.string().optional(),
  country: z.string().optional(),
  category: z.string().optional(),
  ssids: z.array(z.string()).default([]),
  match: z.enum(['exact', 'prefix', 'regex']),
  pattern: z.string().optional(),
  note: z.string().optional(),
  source: z.string(),
})

export const PublicWifiFileSchema = z.object({
  $schemaVersion: z.literal(1),
  retrieved: z.string().optional(),
  sources: z.record(z.string(), z.object({url: z.string().url(), title: z.string().optional(), retrieved: z.string().optional(), published: z.string().nullable().optional()})),
  publicHotspots: z.array(EntrySchema),
  mobileRouters: z.array(EntrySchema).default([]),
})

export type PublicWifiFile = z.infer<typeof PublicWifiFileSchema>
export type PublicWifiEntry = z.infer<typeof EntrySchema>

const FILE = new URL('../../../vendor-db/public-wifi.json', import.meta.url)
let cached: PublicWifiFile | null | undefined

export function loadPublicWifi(): PublicWifiFile | null {
  if (cached === undefined) {
    try {
      cached = PublicWifiFileSchema.parse(JSON.parse(readFileSync(FILE, 'utf8')))
    } catch {
      cached = null
    }
  }
  return cached
}

export function entryMatches(entry: PublicWifiEntry, ssid: string): boolean {
  const s = ssid.trim()
  switch (entry.match) {
    case 'exact':
      return entry.ssids.some((x) => x === s)
    case 'prefix':
      return entry.ssids.some((x) => s.startsWith(x))
    case 'regex':
      try {
        return entry.pattern !== undefined && new RegExp(entry.pattern, 'u').test(s.slice(0, 64))
      } catch {
        return false
      }
  }
}

/** The public hotspot this SSID belongs to, with its source URL; null when none is known. */
export function matchPublicHotspot(ssid: string | null): (PublicWifiEntry & {operator: string; source: string}) | null {
  const db = loadPublicWifi()
  if (!db || !ssid) return null
  const entry = db.publicHotspots.find((e) => entryMatches(e, ssid))
  if (!entry) return null
  return {...entry, operator: entry.operator ?? entry.id, source: db.sources[entry.source]?.url ?? entry.source}
}

/** True when the SSID matches a carrier pocket-router / phone-hotspot pattern of public-wifi.json. */
export function matchesMobileRouter(ssid: string | null): boolean {
  const db = loadPublicWifi()
  return Boolean(db && ssid && db.mobileRouters.some((e) => entryMatches(e, ssid)))
}
