import type {ScanScope} from '../../scope/scope-guard.js'
import {ConnectError, guardedConnect} from '../net/guarded-connect.js'

/**
 * Telnet (23/tcp): connect, read what the server volunteers for a moment, close. Nothing is
 * written — not even an answer to the option negotiation (RFC 854/855), so a server that waits
 * for one shows only that it speaks Telnet.
 */

export const TELNET_PORT = 23
const MAX_BYTES = 4096
const MAX_BANNER = 200

export interface TelnetProbeResult {
  host: string
  port: number
  reachable: boolean
  /** The server sent IAC option negotiation (it speaks Telnet). */
  negotiation: boolean
  /** Printable text it sent (a banner or login prompt), capped; null when none. */
  banner: string | null
  error: string | null
}

/** Split what a Telnet server sent into its negotiation and its printable text. */
export function readTelnetGreeting(data: Buffer): {negotiation: boolean; text: string | null} {
  const out: number[] = []
  let negotiation = false
  for (let i = 0; i < data.length && i < MAX_BYTES; i++) {
    const b = data[i]!
    if (b !== 0xff) {
      if (b === 0x0a || b === 0x0d || b === 0x09 || (b >= 0x20 && b !== 0x7f)) out.push(b)
      continue
    }
    const cmd = data[i + 1]
    if (cmd === undefined) break
    if (cmd === 0xff) {
      out.push(0xff)
      i += 1
    } else if (cmd >= 0xfb && cmd <= 0xfe) {
      negotiation = true // WILL, WONT, DO, DONT <option>
      i += 2
    } else if (cmd === 0xfa) {
      negotiation = true // SB ... IAC SE
      const end = data.indexOf(Buffer.from([0xff, 0xf0]), i + 2)
      i = end < 0 ? data.length : end + 1
    } else i += 1
  }
  const text = Buffer.from(out).toString('utf8').replace(/\s+/g, ' ').trim()
  return {negotiation, text: text ? [...text].slice(0, MAX_BANNER).join('') : null}
}

/** Read a Telnet server's greeting for at most `windowMs`. Never throws. */
export async function probeTelnet(scope: ScanScope, ip: string, port = TELNET_PORT, timeoutMs = 3000, windowMs = 1500): Promise<TelnetProbeResult> {
  let socket
  try {
    socket = await guardedConnect(scope, ip, port, timeoutMs)
  } catch (error) {
    return {host: ip, port, reachable: false, negotiation: false, banner: null, error: error instanceof ConnectError || error instanceof Error ? error.message : String(error)}
  }
  const chunks: Buffer[] = []
  let size = 0
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(done, windowMs)
    socket.on('data', (chunk: Buffer) => {
      if (size < MAX_BYTES) chunks.push(chunk.subarray(0, MAX_BYTES - size))
      size += chunk.length
      if (size >= MAX_BYTES) done()
    })
    socket.once('close', done)
  })
  socket.destroy()
  const {negotiation, text} = readTelnetGreeting(Buffer.concat(chunks))
  return {host: ip, port, reachable: true, negotiation, banner: text, error: null}
}
