import {z} from 'zod'

/** The work PC's own posture, as read from its OS. Mirrors src/gather/local/parsers/types.ts. */

const text = z.string().nullable()

/** One OS command (or file) that was read, kept as evidence. */
export const CommandEvidenceSchema = z.object({
  command: z.string(),
  ok: z.boolean(),
  error: text,
  durationMs: z.number(),
  raw: z.string().describe('Output, capped at 8 KiB.'),
})

/** Every section says whether it could be read; a section that could not is never a pass. */
const section = <T extends z.ZodRawShape>(shape: T) =>
  z.object({
    status: z.enum(['read', 'unreadable', 'not-applicable']),
    reason: text.describe('Why it could not be read, or why it does not apply.'),
    commands: z.array(CommandEvidenceSchema),
    ...shape,
  })

const WifiAuthSchema = z.enum(['open', 'wep', 'wpa-personal', 'wpa2-personal', 'wpa3-personal', 'wpa2-wpa3-personal', 'enterprise', 'owe', 'unknown'])
const WifiCipherSchema = z.enum(['none', 'wep', 'tkip', 'ccmp', 'gcmp', 'unknown'])

export const WifiConnectionSchema = z.object({
  interface: text,
  ssid: text,
  bssid: text,
  auth: WifiAuthSchema,
  cipher: WifiCipherSchema,
  band: z.enum(['2.4 GHz', '5 GHz', '6 GHz']).nullable(),
  channel: z.number().nullable(),
  signal: z.number().nullable(),
  signalUnit: z.enum(['percent', 'dbm']).nullable(),
  state: z.enum(['connected', 'disconnected', 'unknown']),
})

export const NearbyNetworkSchema = z.object({
  ssid: text,
  auth: WifiAuthSchema,
  cipher: WifiCipherSchema,
  bssids: z.array(z.string()),
  signal: z.number().nullable(),
  signalUnit: z.enum(['percent', 'dbm']).nullable(),
  channel: z.number().nullable(),
  band: z.enum(['2.4 GHz', '5 GHz', '6 GHz']).nullable(),
})

export const LocalPostureSchema = z.object({
  os: z.string(),
  connection: section({
    type: z.enum(['wired', 'wireless', 'cellular', 'vpn', 'other', 'unknown']),
    interface: text,
    /** The SSID looks like a carrier pocket Wi-Fi / mobile router (allowed by N-3.3.2). */
    mobileRouter: z.boolean().nullable(),
  }),
  wifi: section({
    current: WifiConnectionSchema.nullable(),
    nearby: z.array(NearbyNetworkSchema),
    publicHotspot: z.object({id: z.string(), operator: z.string(), source: z.string()}).nullable(),
  }),
  vpn: section({
    up: z.boolean().nullable(),
    interfaces: z.array(
      z.object({
        name: z.string(),
        kind: z.enum(['wireguard', 'openvpn', 'ipsec', 'ppp', 'anyconnect', 'forticlient', 'globalprotect', 'pulse', 'utun', 'other']),
        up: z.boolean(),
        carriesDefaultRoute: z.boolean().nullable(),
      }),
    ),
  }),
  shares: section({
    shares: z.array(
      z.object({
        name: z.string(),
        path: text,
        special: z.boolean(),
        access: z.array(z.object({principal: z.string(), right: z.enum(['full', 'change', 'read', 'unknown'])})),
        everyoneOrGuest: z.boolean(),
        source: z.string(),
      }),
    ),
  }),
  disk: section({
    systemVolumeEncrypted: z.boolean().nullable(),
    volumes: z.array(z.object({id: z.string(), mount: text, encrypted: z.boolean().nullable(), method: text, protection: z.enum(['on', 'off']).nullable()})),
  }),
  security: section({
    products: z.array(
      z.object({name: z.string(), vendor: z.enum(['eset', 'appguard', 'microsoft', 'other']), enabled: z.boolean().nullable(), upToDate: z.boolean().nullable(), source: z.string()}),
    ),
  }),
  removable: section({media: z.array(z.object({name: z.string(), mounts: z.array(z.string()), transport: text}))}),
  screenLock: section({idleSeconds: z.number().nullable(), lockEnabled: z.boolean().nullable(), lockDelaySeconds: z.number().nullable()}),
})

export type CommandEvidence = z.infer<typeof CommandEvidenceSchema>
export type LocalPosture = z.infer<typeof LocalPostureSchema>
