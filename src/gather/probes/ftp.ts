import type {Socket} from 'node:net'
import type {ScanScope} from '../../scope/scope-guard.js'
import {guardedConnect} from '../net/guarded-connect.js'

/** What an FTP server said to an anonymous visitor. Nothing is ever uploaded or downloaded. */
export interface FtpProbeResult {
  host: string
  port: number
  reachable: boolean
  banner: string | null
  anonymous: boolean | null
  /** Root directory names (NLST), capped; null when not listed. */
  entries: string[] | null
  error: string | null
}

const MAX_LINE = 512
const MAX_REPLY_LINES = 32
const MAX_LIST_BYTES = 64 * 1024
export const MAX_FTP_ENTRIES = 50

/** Why a reply could not be read: too long, not in time, the connection closed, or not FTP. */
export class FtpReplyError extends Error {
  override name = 'FtpReplyError'

  constructor(
    readonly kind: 'too-long' | 'timeout' | 'closed' | 'not-ftp',
    message: string,
  ) {
    super(message)
  }
}

/** A line-based reader of FTP replies with caps: a banner that never ends cannot grow memory. */
class ReplyReader {
  private buffer = ''
  private waiters: Array<() => void> = []
  private closed = false
  private overflow = false
  /** The first bytes received, kept to show what a greeting that never ended began with. */
  private head = ''

  constructor(socket: Socket) {
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      if (this.head.length < MAX_LINE * 4) this.head += chunk.slice(0, MAX_LINE * 4 - this.head.length)
      this.buffer += chunk
      if (this.buffer.length > MAX_LINE * MAX_REPLY_LINES) {
        this.overflow = true
        this.buffer = this.buffer.slice(-MAX_LINE * MAX_REPLY_LINES)
      }
      this.wake()
    })
    socket.on('close', () => {
      this.closed = true
      this.wake()
    })
    socket.on('error', () => undefined)
  }

  private wake() {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }

  /** The beginning of what the server sent, as reply text (codes stripped), capped; null when nothing came. */
  partial(): string | null {
    const lines = this.head.split(/\r?\n/).filter(Boolean).slice(0, 4)
    const text = lines.map((l) => l.replace(/^\d{3}[ -]?/, '')).join(' ').slice(0, MAX_LINE)
    return text || null
  }

  /** The next complete reply: `code` and its text (multi-line replies joined). */
  async reply(timeoutMs: number): Promise<{code: number; text: string}> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      if (this.overflow) throw new FtpReplyError('too-long', `reply too long (more than ${MAX_LINE * MAX_REPLY_LINES} bytes without an end)`)
      const parsed = this.take()
      if (parsed) return parsed
      if (this.closed) throw new FtpReplyError('closed', 'connection closed')
      const left = deadline - Date.now()
      if (left <= 0) throw new FtpReplyError('timeout', `no complete reply within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  private take(): {code: number; text: string} | null {
    const parsed = takeFtpReply(this.buffer)
    if (!parsed) return null
    this.buffer = parsed.rest
    return parsed.reply
  }
}

/**
 * Take one complete FTP reply (RFC 959: `123 text`, or `123-…` lines up to `123 text`) off the
 * front of `buffer`. Null while it is incomplete; throws on what is not an FTP reply or a
 * multi-line reply longer than the caps.
 */
export function takeFtpReply(buffer: string): {reply: {code: number; text: string}; rest: string} | null {
  const lines = buffer.split('\r\n')
  if (lines.length < 2) return null
  const first = /^(\d{3})([ -])(.*)$/.exec(lines[0]!)
  if (!first) throw new FtpReplyError('not-ftp', 'not an FTP reply')
  if (first[2] === ' ') return {reply: {code: Number(first[1]), text: first[3]!.slice(0, MAX_LINE)}, rest: lines.slice(1).join('\r\n')}
  const end = lines.findIndex((l, i) => i > 0 && l.startsWith(`${first[1]} `))
  if (end < 0) {
    if (lines.length > MAX_REPLY_LINES) throw new FtpReplyError('too-long', `multi-line reply too long (more than ${MAX_REPLY_LINES} lines)`)
    return null
  }
  const text = lines
    .slice(0, end + 1)
    .map((l) => l.replace(/^\d{3}[ -]?/, ''))
    .join(' ')
    .slice(0, MAX_LINE)
  return {reply: {code: Number(first[1]), text}, rest: lines.slice(end + 1).join('\r\n')}
}

export function parsePasv(text: string): {ip: string; port: number} | null {
  const m = /(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})/.exec(text)
  if (!m) return null
  const n = m.slice(1).map(Number)
  if (n.some((x) => x > 255)) return null
  return {ip: n.slice(0, 4).join('.'), port: n[4]! * 256 + n[5]!}
}

/**
 * Anonymous FTP check: read the banner, `USER anonymous`, and when logged in list the root
 * directory's names over a passive data connection to the same host only. No RETR, no STOR.
 */
export async function probeFtp(scope: ScanScope, ip: string, port = 21, timeoutMs = 3000): Promise<FtpProbeResult> {
  const result: FtpProbeResult = {host: ip, port, reachable: false, banner: null, anonymous: null, entries: null, error: null}
  let control: Socket | null = null
  try {
    control = await guardedConnect(scope, ip, port, timeoutMs)
    result.reachable = true
    const reader = new ReplyReader(control)
    const send = (line: string) => control!.write(`${line}\r\n`)
    const banner = await reader.reply(timeoutMs).catch((error: unknown) => {
      // A greeting that never ends: keep how it began (capped) and say why it was given up.
      result.banner = reader.partial()
      if (error instanceof FtpReplyError && error.kind === 'too-long') throw new Error(`banner too long: ${error.message}`)
      if (error instanceof FtpReplyError && error.kind === 'timeout') throw new Error(`banner incomplete: ${error.message}`)
      throw error
    })
    result.banner = banner.text
    if (banner.code !== 220) throw new Error(`unexpected greeting ${banner.code}`)
    send('USER anonymous')
    let login = await reader.reply(timeoutMs)
    if (login.code === 331) {
      send('PASS anonymous@example.invalid')
      login = await reader.reply(timeoutMs)
    }
    result.anonymous = login.code === 230
    if (!result.anonymous) return result
    send('PASV')
    const pasv = await reader.reply(timeoutMs)
    const target = pasv.code === 227 ? parsePasv(pasv.text) : null
    if (!target) return {...result, error: 'no passive mode'}
    // Never follow a server to another address (FTP bounce): the data connection goes to the same host.
    const data = await guardedConnect(scope, ip, target.port, timeoutMs)
    const chunks: Buffer[] = []
    let size = 0
    const done = new Promise<void>((resolve) => {
      data.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_LIST_BYTES) data.destroy()
        else chunks.push(c)
      })
      data.on('close', () => resolve())
      data.on('error', () => resolve())
      setTimeout(() => {
        data.destroy()
        resolve()
      }, timeoutMs)
    })
    send('NLST')
    await reader.reply(timeoutMs).catch(() => null)
    await done
    result.entries = Buffer.concat(chunks)
      .toString('utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, MAX_FTP_ENTRIES)
    send('QUIT')
    return result
  } catch (error) {
    return {...result, error: error instanceof Error ? error.message.slice(0, 200) : String(error)}
  } finally {
    control?.destroy()
  }
}
