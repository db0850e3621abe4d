import {z} from 'zod'

/** What the other hosts expose: shares found over SMB, NFS and FTP, and the services behind them. */

const text = z.string().nullable()

export const ShareSchema = z.object({
  host: z.string(),
  protocol: z.enum(['smb', 'nfs', 'ftp']),
  name: z.string().describe('Share name, export path, or "/" for an FTP root.'),
  access: z
    .enum(['anonymous-read', 'anonymous-write', 'auth-required', 'error'])
    .describe(
      'NFS has no password: anonymous-read = exported to everyone or to a whole network this PC is on (read at least; the export list does not say whether writing is allowed), auth-required = limited to listed clients.',
    ),
  comment: text,
  reason: text.describe('Why access is what it is, or what went wrong.'),
  evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
})

export const FileServiceSchema = z.object({
  host: z.string(),
  protocol: z.enum(['smb', 'nfs', 'ftp']),
  port: z.number(),
  reachable: z.boolean(),
  anonymousLogin: z.boolean().nullable(),
  /** Credentials and data cross the network unencrypted (FTP). */
  plaintext: z.boolean(),
  smb1: z.boolean().nullable().optional(),
  dialect: text.optional(),
  signingRequired: z.boolean().nullable().optional(),
  banner: text,
  error: text,
})

export type Share = z.infer<typeof ShareSchema>
export type FileService = z.infer<typeof FileServiceSchema>
