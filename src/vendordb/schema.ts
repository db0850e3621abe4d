import {z} from 'zod'
import {VERSION_SCHEMES} from './firmware-version.js'

/** The format of one vendor file in vendor-db/vendors/. Every fact points at a public source. */

/** A date as precise as the source is: YYYY-MM-DD, YYYY-MM or YYYY. */
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY-MM-DD, YYYY-MM or YYYY')
/** A key of the file's `sources`, or a URL. */
const sourceRef = z.string().min(1)

export const SourceSchema = z.object({
  url: z.string().url(),
  title: z.string().optional(),
  retrieved: isoDate.optional(),
  published: isoDate.nullable().optional(),
})

export const FingerprintSourceSchema = z.enum([
  'upnp.manufacturer',
  'upnp.modelName',
  'upnp.modelNumber',
  'upnp.modelDescription',
  'upnp.friendlyName',
  'upnp.deviceType',
  'upnp.server',
  'http.title',
  'http.server',
  'http.realm',
  'http.body',
  'snmp.sysDescr',
  'snmp.sysObjectID',
  'snmp.sysName',
  'tr064.modelName',
  'tr064.manufacturer',
  'tr064.softwareVersion',
  'tls.subject',
  'tls.issuer',
  'ssh.banner',
])

export const FingerprintSchema = z.object({
  source: FingerprintSourceSchema,
  pattern: z.string().min(1),
  flags: z.string().regex(/^[imsu]*$/).optional(),
})

export const KevEntrySchema = z.object({
  cve: z.string().regex(/^CVE-\d{4}-\d{4,}$/),
  title: z.string().optional(),
  kevDateAdded: isoDate.nullable().optional(),
  affected: z.string().nullable().optional(),
  fixedIn: z.string().nullable().optional(),
  /** Words about the fix that are not a version (series, branches). */
  fixedInNote: z.string().optional(),
  source: sourceRef,
})

export const AdvisorySchema = z.object({
  url: z.string().url(),
  title: z.string().optional(),
  date: isoDate.nullable().optional(),
  cves: z.array(z.string()).optional(),
  cveRange: z.string().optional(),
  affected: z.string().nullable().optional(),
  fixedIn: z.string().nullable().optional(),
  exploitedInWild: z.boolean().optional(),
})

export const ModelSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  model: z.string().min(1),
  /** Brand on the box when it differs from the vendor (e.g. Logitec for ELECOM). */
  brand: z.string().optional(),
  display: z.string().optional(),
  /** The entry covers a whole OS or firmware platform (RouterOS, an OpenWrt branch), not one hardware model. */
  platform: z.boolean().optional(),
  aliases: z.array(z.string()).default([]),
  fingerprints: z.array(FingerprintSchema).default([]),
  firmwareFrom: z.array(FingerprintSchema).optional(),
  support: z.object({
    status: z.enum(['supported', 'security-only', 'eol', 'unknown']),
    eolDate: isoDate.nullable().optional(),
    /** Only the month of the end of support is known. */
    eolMonth: isoDate.nullable().optional(),
    announced: isoDate.nullable().optional(),
    /** When the status was last confirmed ("supported" goes stale). */
    asOf: isoDate.nullable().optional(),
    note: z.string().optional(),
    source: sourceRef.nullable().optional(),
  }),
  latestFirmware: z
    .object({version: z.string().min(1), date: isoDate.nullable().optional(), source: sourceRef})
    .nullable()
    .optional(),
  versionScheme: z.enum(VERSION_SCHEMES as [string, ...string[]]).optional(),
  kev: z.array(KevEntrySchema).default([]),
  advisories: z.array(AdvisorySchema).default([]),
  defaultCredentials: z.array(z.object({username: z.string(), password: z.string(), source: sourceRef})).optional(),
  notes: z.string().optional(),
})

export const VendorFileSchema = z.object({
  $schemaVersion: z.literal(1),
  vendor: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  ouiVendors: z.array(z.string()).default([]),
  updateHowTo: z.object({ja: z.string(), en: z.string(), source: sourceRef.optional()}).optional(),
  /**
   * The vendor's own page that tells owners how to update the firmware (an official support or
   * download page), and the source that shows it is that page (often the page itself).
   */
  updateGuide: z.object({url: z.string().url(), source: sourceRef}).optional(),
  sources: z.record(z.string(), SourceSchema).default({}),
  /** KEV entries that name "multiple devices" of the vendor without a model list. */
  vendorKev: z.array(KevEntrySchema).default([]),
  models: z.array(ModelSchema),
})

export type VendorFile = z.infer<typeof VendorFileSchema>
export type VendorModel = z.infer<typeof ModelSchema>
export type Fingerprint = z.infer<typeof FingerprintSchema>
export type FingerprintSource = z.infer<typeof FingerprintSourceSchema>
