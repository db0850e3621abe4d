import {readFileSync} from 'node:fs'

/** A capture from the lab's Samba (see test/fixtures/smb/README.md). */
export interface Capture {
  captured: string
  server: string
  what: string
  messages: Array<{kind: 'smb1' | 'smb2' | 'other'; command?: number; status?: string; hex: string}>
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
