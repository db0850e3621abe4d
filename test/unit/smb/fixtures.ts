import {readFileSync} from 'node:fs'

/** A capture from the lab's Samba (see test/fixtures/smb/README.md). */
export interface Capture {
  captured: string
  server: string
  what: string
  /** The seed of the client's random values (seeded-random.ts), when it ran with one. */
  seed?: number
  credentials?: {user: string; password: string}
  messages: Array<{kind: 'smb1' | 'smb2' | 'other'; command?: number; status?: string; hex: string}>
}

/** A tcpdump capture (capture-pcap.ts): what the server sent, connection by connection. */
export interface ConnectionCapture {
  captured: string
  server: string
  what: string
  seed: number
  credentials: {user: string; password: string}
  dialect?: number
  keys?: {sessionId: string; cipher: number; encryptionKey: string; decryptionKey: string}
  listed?: string[]
  connections: Array<{server: string; serverPort: number; messages: Array<{kind: 'smb1' | 'smb2' | 'transform' | 'nbss' | 'other'; command?: number; status?: string; hex: string}>}>
}

export const PCAP_CAPTURES = ['oldnas-smb1-probe', 'oldnas-smb1-pipe-reads', 'landisk-netbios-probe', 'nas-encrypted-gcm', 'nas-encrypted-ccm', 'nas-encrypted-3.0.2'] as const

export function pcapCapture(name: (typeof PCAP_CAPTURES)[number]): ConnectionCapture {
  return JSON.parse(readFileSync(new URL(`../../fixtures/smb/${name}.json`, import.meta.url), 'utf8'))
}

/** Every server message of the tcpdump captures, with the capture and connection it came from. */
export function pcapMessages(): Array<{from: string; connection: number; kind: string; command: number | null; status: number | null; bytes: Buffer}> {
  return PCAP_CAPTURES.flatMap((name) =>
    pcapCapture(name).connections.flatMap((c, connection) =>
      c.messages.map((m) => ({from: name, connection, kind: m.kind, command: m.command ?? null, status: m.status === undefined ? null : Number.parseInt(m.status, 16), bytes: Buffer.from(m.hex, 'hex')})),
    ),
  )
}

/** The cipher keys of an encrypted capture, as the client holds them. */
export function captureKeys(c: ConnectionCapture): {cipher: number; encryptionKey: Buffer; decryptionKey: Buffer} {
  if (!c.keys) throw new Error('no keys in this capture')
  return {cipher: c.keys.cipher, encryptionKey: Buffer.from(c.keys.encryptionKey, 'hex'), decryptionKey: Buffer.from(c.keys.decryptionKey, 'hex')}
}

export const CAPTURES = ['nas-probe', 'family-probe', 'negotiate-2.0.2', 'negotiate-2.1', 'negotiate-3.0', 'negotiate-3.0.2', 'nas-srvsvc-reads'] as const

export function capture(name: (typeof CAPTURES)[number]): Capture {
  return JSON.parse(readFileSync(new URL(`../../fixtures/smb/${name}.json`, import.meta.url), 'utf8'))
}

export interface CapturedMessage {
  from: string
  kind: 'smb1' | 'smb2' | 'other'
  command: number | null
  status: number | null
  bytes: Buffer
}

export function allMessages(): CapturedMessage[] {
  return CAPTURES.flatMap((name) =>
    capture(name).messages.map((m) => ({
      from: name,
      kind: m.kind,
      command: m.command ?? null,
      status: m.status === undefined ? null : Number.parseInt(m.status, 16),
      bytes: Buffer.from(m.hex, 'hex'),
    })),
  )
}

/** The captured server messages of one kind: SMB2 command and status. */
export function messages(command: number, status = 0, from?: string): Buffer[] {
  return allMessages()
    .filter((m) => m.kind === 'smb2' && m.command === command && m.status === status && (!from || m.from === from))
    .map((m) => m.bytes)
}
