import {z} from 'zod'

/**
 * Services of other hosts that hand something out to anyone on the LAN, besides file shares:
 * a DLNA media server's content, a printer's IPP and raw 9100 ports, WebDAV, Telnet.
 */

export const ExposureKindSchema = z.enum(['dlna', 'ipp', 'raw-print', 'webdav', 'telnet'])

export const ExposureSchema = z.object({
  host: z.string(),
  kind: ExposureKindSchema,
  port: z.number().int().min(0).max(65535),
  anonymous: z
    .boolean()
    .nullable()
    .describe('The service answered without any credentials (true), asked for them (false), or it could not be told (null).'),
  summary: z.string().describe('One line: what was asked and what the device answered (device text, sanitised only at output time).'),
  details: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]))
    .describe('What the probe read: DLNA friendlyName and root titles, IPP printer attributes, WebDAV DAV/Allow headers and PROPFIND status, ...'),
  error: z.string().nullable(),
})

export type ExposureKind = z.infer<typeof ExposureKindSchema>
export type Exposure = z.infer<typeof ExposureSchema>
