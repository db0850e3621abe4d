import {z} from 'zod'

/** Raw observations of the router, kept so that identification can be run again later. */

const text = z.string().nullable()

export const UpnpDeviceSummarySchema = z.object({
  deviceType: text,
  friendlyName: text,
  manufacturer: text,
  manufacturerURL: text,
  modelName: text,
  modelNumber: text,
  modelDescription: text,
  serialNumber: text,
  presentationURL: text,
  services: z.array(z.string()),
  embedded: z.array(z.object({deviceType: text, manufacturer: text, modelName: text})),
  systemVersion: text,
})

export const UpnpObservationSchema = z.object({
  url: z.string(),
  device: UpnpDeviceSummarySchema.nullable(),
  error: text,
})

export const SsdpObservationSchema = z.object({st: text, usn: text, server: text, location: text, trustedLocation: text})

export const HttpObservationSchema = z.object({
  url: z.string(),
  port: z.number(),
  scheme: z.enum(['http', 'https']),
  status: z.number().nullable(),
  server: text,
  realm: text,
  title: text,
  meta: z.record(z.string(), z.string()),
  text: z.string(),
  scripts: z.array(z.string()),
  tls: z.object({subject: text, issuer: text, validTo: text, selfSigned: z.boolean()}).nullable(),
  redirects: z.array(z.string()),
  error: text,
})

export const SnmpObservationSchema = z.object({
  answer: z
    .object({
      version: z.enum(['v2c', 'v1']),
      community: z.enum(['public', 'private']),
      system: z.object({sysDescr: z.string().optional(), sysObjectID: z.string().optional(), sysContact: z.string().optional(), sysName: z.string().optional(), sysLocation: z.string().optional()}),
    })
    .nullable(),
  attempts: z.array(z.object({version: z.enum(['v2c', 'v1']), community: z.string(), outcome: z.string()})),
})

export const CredentialCheckSchema = z.object({
  requested: z.boolean(),
  target: text.describe('The Basic-auth URL tried, if any.'),
  attempts: z.array(z.object({url: z.string(), username: z.string(), outcome: z.enum(['accepted', 'rejected', 'error']), status: z.number().nullable()})).describe('Never the password.'),
  note: text,
})

export const RouterObservationsSchema = z.object({
  target: z.string(),
  ouiVendor: text,
  ssdp: z.array(SsdpObservationSchema),
  upnp: UpnpObservationSchema.nullable(),
  http: z.array(HttpObservationSchema),
  snmp: SnmpObservationSchema.nullable(),
  tr064: UpnpObservationSchema.nullable(),
  credentials: CredentialCheckSchema.nullable().optional().describe('Opt-in factory-login check (--check-default-credentials); absent when not asked for.'),
})

export const IdentitySourceSchema = z.object({
  source: z.string().describe('Evidence field, e.g. upnp.modelName, snmp.sysDescr.'),
  value: z.string(),
  claims: z.object({vendor: text.optional(), model: text.optional(), firmware: text.optional()}),
  agrees: z.boolean().describe('Whether this source agrees with the identity reported.'),
})

export const SupportSchema = z.object({
  status: z.enum(['supported', 'security-only', 'eol', 'unknown']),
  eolDate: text,
  latestFirmware: text,
  latestFirmwareDate: text,
  firmwareCurrent: z.boolean().nullable().describe('null when either version is unknown or the versions cannot be compared.'),
  kev: z.array(z.object({cve: z.string(), title: text, affected: text, fixedIn: text, affectsThisVersion: z.boolean().nullable(), source: text})),
  sources: z.array(z.string()),
  updateHowTo: z.object({ja: z.string(), en: z.string()}).nullable(),
  updateGuide: z.object({url: z.string()}).nullable().optional().describe("The vendor's own firmware-update instructions (vendor-db updateGuide); absent in scans made before it existed."),
})

export const RouterSchema = z.object({
  vendor: text,
  model: text,
  modelId: text,
  firmware: text,
  confidence: z.enum(['high', 'medium', 'low', 'none']),
  sources: z.array(IdentitySourceSchema),
  conflicts: z.array(z.string()),
  support: SupportSchema.nullable(),
  observations: RouterObservationsSchema,
})

export type UpnpDeviceSummary = z.infer<typeof UpnpDeviceSummarySchema>
export type HttpObservation = z.infer<typeof HttpObservationSchema>
export type SnmpObservation = z.infer<typeof SnmpObservationSchema>
export type CredentialCheck = z.infer<typeof CredentialCheckSchema>
export type RouterObservations = z.infer<typeof RouterObservationsSchema>
export type IdentitySource = z.infer<typeof IdentitySourceSchema>
export type Support = z.infer<typeof SupportSchema>
export type RouterReport = z.infer<typeof RouterSchema>
