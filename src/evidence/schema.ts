import {z} from 'zod'
import {LocalPostureSchema} from './local-schema.js'
import {RouterSchema} from './router-schema.js'
import {ExposureSchema} from './exposures-schema.js'
import {FileServiceSchema, ShareSchema} from './shares-schema.js'

/**
 * The one versioned schema for everything a scan gathers and concludes.
 * A stored scan can be re-evaluated later (newer rules, newer vendor-db) from its evidence alone.
 * Bump SCHEMA_VERSION's major number on any change that breaks readers; add fields as optional.
 */
export const SCHEMA_VERSION = '1.0.0'

export const NameSourceSchema = z.enum(['mdns', 'netbios', 'ssdp', 'dns', 'http', 'snmp', 'os'])

export const HostNameSchema = z.object({
  name: z.string().describe('The name as the device or the OS gave it (sanitised only at output time).'),
  source: NameSourceSchema,
})

export const PortSchema = z.object({
  port: z.number().int().min(0).max(65535),
  protocol: z.enum(['tcp', 'udp']),
  state: z.enum(['open', 'closed', 'filtered', 'open|filtered']),
  service: z.string().nullable().describe('Well-known service name for the port, or what a probe recognised.'),
})

export const DiscoveryMethodSchema = z.enum(['tcp-connect', 'neighbour-table', 'self', 'route', 'nmap'])

export const DeviceTypeSchema = z.enum(['router', 'pc', 'phone/tablet', 'printer', 'nas', 'tv/media', 'iot', 'unknown'])

export const HostIdentitySchema = z.object({
  mdnsServices: z.array(z.string()).describe('DNS-SD service types the host answered for, e.g. "_companion-link._tcp".'),
  mdnsTxt: z.record(z.string(), z.string()).describe('Identifying DNS-SD TXT keys (lower case: model, md, ty, fn, ...) and their values.'),
  netbios: z
    .array(z.object({name: z.string(), suffix: z.number().int().min(0).max(255), group: z.boolean()}))
    .describe('NetBIOS node status names (RFC 1002): suffix 0x00 workstation/domain, 0x20 file server, ...'),
  netbiosMac: z.string().nullable().describe('Unit ID of the node status; null when absent or all zero.'),
  ssdp: z.array(z.object({st: z.string().nullable(), server: z.string().nullable(), location: z.string().nullable()})).describe('Answers to a multicast SSDP M-SEARCH, capped.'),
  upnp: z
    .object({
      url: z.string(),
      deviceType: z.string().nullable(),
      friendlyName: z.string().nullable(),
      manufacturer: z.string().nullable(),
      modelName: z.string().nullable(),
      error: z.string().nullable().optional().describe('Why the description was not read (too large, timed out, DOCTYPE/ENTITY declarations, ...); the other fields are then null.'),
    })
    .nullable()
    .describe('The UPnP description at the LOCATION the host gave for itself.'),
  http: z
    .array(z.object({port: z.number().int(), title: z.string().nullable(), server: z.string().nullable(), error: z.string().nullable().optional().describe('Why the page was not read (too large, timed out, ...).')}))
    .describe('Title and Server header of its open web ports.'),
})

export const HostSchema = z.object({
  ip: z.string(),
  mac: z.string().nullable().describe('Lower-case colon form; null when the OS neighbour table had none.'),
  vendor: z.string().nullable().describe('Organisation registered for the MAC prefix in the IEEE OUI registry.'),
  macRandomized: z.boolean().describe('The locally administered bit is set: a private/randomised MAC, no vendor.'),
  names: z.array(HostNameSchema),
  ports: z.array(PortSchema),
  isGateway: z.boolean(),
  isSelf: z.boolean(),
  discoveredBy: z.array(DiscoveryMethodSchema),
  identity: HostIdentitySchema.optional().describe('What the name probes (mDNS, NetBIOS, SSDP, HTTP) learned beyond names.'),
  deviceType: DeviceTypeSchema.optional().describe('What kind of device this is, from its vendor, services, names and ports; unknown rather than a guess.'),
  deviceTypeReasons: z.array(z.string()).optional().describe('The facts the device type rests on.'),
})

export const NetworkSchema = z.object({
  interface: z.string().nullable(),
  address: z.string().nullable(),
  cidr: z.string().nullable().describe('The interface subnet, e.g. 192.168.1.0/24.'),
  gateway: z.string().nullable(),
  mac: z.string().nullable(),
  source: z.string().describe('Which OS facility reported it, e.g. "ip -j route".'),
})

export const ScopeSchema = z.object({
  target: z.string().describe('The CIDR that was scanned; no packet went outside it.'),
  origin: z.enum(['interface', 'flag']),
  addresses: z.number().int(),
})

export const ProbeResultSchema = z.object({
  probe: z.string().describe('Which gatherer produced this, e.g. "tcp-sweep", "neighbour-table".'),
  target: z.string().nullable(),
  ok: z.boolean(),
  durationMs: z.number(),
  detail: z.string().describe('A short human-readable account, or the error.'),
  raw: z.string().optional().describe('Raw output kept as evidence, capped.'),
})

export const StatusSchema = z.enum(['violation', 'warning', 'pass', 'unknown', 'manual'])
export const SeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical'])

export const EvidenceItemSchema = z.object({
  source: z.string().describe('Where the fact comes from: "discovery", "neighbour-table", "ip -j route", ...'),
  text: z.string(),
  host: z.string().optional(),
})

export const LocalizedTextSchema = z.object({ja: z.string(), en: z.string()})

export const FindingSchema = z.object({
  ruleId: z.string(),
  clause: z.string().describe('Clause ID from shared/guideline/clauses.md, e.g. N-3.3.7.'),
  clauseTitleJa: z.string().describe('The Japanese section title, to find the clause in the original text.'),
  status: StatusSchema,
  severity: SeveritySchema,
  title: z.string().describe('In the report language.'),
  evidence: z.array(EvidenceItemSchema),
  remediation: z.object({ja: z.array(z.string()), en: z.array(z.string())}),
})

export const ScanReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  startedAt: z.string().describe('ISO 8601'),
  finishedAt: z.string().describe('ISO 8601'),
  tool: z.object({name: z.literal('homeaudit'), version: z.string()}),
  platform: z.object({os: z.string(), release: z.string(), arch: z.string(), node: z.string()}),
  lang: z.enum(['ja', 'en']),
  network: NetworkSchema,
  scope: ScopeSchema,
  hosts: z.array(HostSchema),
  shares: z.array(ShareSchema).describe('Shares other hosts expose (SMB, NFS, FTP), with the access an anonymous visitor gets.'),
  fileServices: z.array(FileServiceSchema).describe('The file services found on other hosts: SMB1, dialect, signing, anonymous FTP, plain text.'),
  exposures: z
    .array(ExposureSchema)
    .optional()
    .describe('Other services that hand something out on the LAN: DLNA media servers, IPP and raw 9100 printers, WebDAV, Telnet; absent in scans made before they were probed.'),
  local: LocalPostureSchema.nullable().describe("The work PC's own posture: connection, Wi-Fi, VPN, shares, disk, security software; null with --no-local."),
  router: RouterSchema.nullable().describe('The default gateway: its raw observations, identity and support status; null when there is none.'),
  probes: z.array(ProbeResultSchema),
  findings: z.array(FindingSchema),
  verdict: z
    .object({level: z.enum(['allowed', 'conditional', 'not-allowed']), ja: z.string(), en: z.string()})
    .optional()
    .describe('テレワーク可 / 条件付き / 不可, derived from the findings.'),
  warnings: z.array(z.string()),
})

export type HostName = z.infer<typeof HostNameSchema>
export type Port = z.infer<typeof PortSchema>
export type Host = z.infer<typeof HostSchema>
export type HostIdentity = z.infer<typeof HostIdentitySchema>
export type DeviceType = z.infer<typeof DeviceTypeSchema>
export type Network = z.infer<typeof NetworkSchema>
export type Scope = z.infer<typeof ScopeSchema>
export type ProbeResult = z.infer<typeof ProbeResultSchema>
export type Status = z.infer<typeof StatusSchema>
export type Severity = z.infer<typeof SeveritySchema>
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>
export type Finding = z.infer<typeof FindingSchema>
export type ScanReport = z.infer<typeof ScanReportSchema>
/** What the rules read: the report minus its conclusions. */
export type Evidence = Omit<ScanReport, 'findings'>

/** The JSON Schema (draft 2020-12) of a scan report, as published in schema/. */
export function scanReportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScanReportSchema, {target: 'draft-2020-12'}) as Record<string, unknown>
  return {
    $id: `urn:homeaudit:scan-report:${SCHEMA_VERSION}`,
    title: 'homeaudit scan report',
    ...schema,
  }
}
