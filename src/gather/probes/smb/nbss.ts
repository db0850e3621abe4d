import {type Parsed, fail, safeParse} from './bytes.js'

/**
 * The NetBIOS session service (RFC 1002 section 4.3) for SMB over TCP 139: before any SMB
 * message, the client sends a SESSION REQUEST naming the server ("called name") and itself
 * ("calling name"); the server answers POSITIVE (0x82) or NEGATIVE (0x83, with an error code),
 * or RETARGET (0x84), which homeaudit never follows (it would lead to another address). After a
 * positive answer the connection carries the same framed SMB messages as TCP 445.
 */

export const NBSS_SESSION_REQUEST = 0x81
export const NBSS_POSITIVE_RESPONSE = 0x82
export const NBSS_NEGATIVE_RESPONSE = 0x83
export const NBSS_RETARGET_RESPONSE = 0x84

/** The called name every Windows and Samba server answers to (MS-CIFS 2.1.1.2, [MS-NBTE]). */
export const GENERIC_SERVER_NAME = '*SMBSERVER'
export const CALLING_NAME = 'HOMEAUDIT'

/** NetBIOS suffixes: the file server service <20>, a workstation <00>. */
const SERVER_SUFFIX = 0x20
const WORKSTATION_SUFFIX = 0x00

/** RFC 1002 4.3.6: why a session was refused. */
const NEGATIVE_REASONS = new Map<number, string>([
  [0x80, 'not listening on the called name'],
  [0x81, 'not listening for the calling name'],
  [0x82, 'called name not present'],
  [0x83, 'called name present, but insufficient resources'],
  [0x8f, 'unspecified error'],
])

/**
 * A name homeaudit may put in a SESSION REQUEST: *SMBSERVER, or 1 to 15 of the characters a
 * computer name may hold (letters, digits, -_!#$%&'(){}~^@, inner spaces). A name learned from a
 * device that does not fit is not used.
 */
export function isValidNetbiosName(name: string): boolean {
  return name === GENERIC_SERVER_NAME || /^[A-Za-z0-9!#$%&'()\-_{}~^@](?:[A-Za-z0-9!#$%&'()\-_{}~^@ ]{0,13}[A-Za-z0-9!#$%&'()\-_{}~^@])?$/.test(name)
}

/** RFC 1001 14.1 first-level encoding: 16 bytes (name, space padding, suffix), each nibble + 'A', as a length-prefixed label with an empty scope. */
export function encodeNetbiosName(name: string, suffix: number): Buffer {
  if (!isValidNetbiosName(name)) throw new RangeError('not a valid NetBIOS name')
  const raw = Buffer.alloc(16, 0x20)
  raw.write(name.toUpperCase(), 0, 15, 'latin1')
  raw[15] = suffix
  const out = Buffer.alloc(34)
  out[0] = 32
  for (let i = 0; i < 16; i++) {
    out[1 + 2 * i] = 0x41 + (raw[i]! >> 4)
    out[2 + 2 * i] = 0x41 + (raw[i]! & 0x0f)
  }
  out[33] = 0 // the root of the (empty) scope
  return out
}

/** SESSION REQUEST (RFC 1002 4.3.2): type 0x81, flags 0, length 68, called then calling name. */
export function sessionRequest(calledName: string, callingName = CALLING_NAME): Buffer {
  const body = Buffer.concat([encodeNetbiosName(calledName, SERVER_SUFFIX), encodeNetbiosName(callingName, WORKSTATION_SUFFIX)])
  const header = Buffer.alloc(4)
  header[0] = NBSS_SESSION_REQUEST
  header.writeUInt16BE(body.length, 2)
  return Buffer.concat([header, body])
}

export type SessionResponse = {outcome: 'positive'} | {outcome: 'negative'; code: number; reason: string} | {outcome: 'retarget'; reason: string}

/** The longest answer to a SESSION REQUEST (a RETARGET: 4 + 6 bytes). */
export const MAX_SESSION_RESPONSE = 10

/**
 * Parse the server's answer to a SESSION REQUEST. `null` when more bytes are needed. The
 * answer must be exactly one session packet: a longer one, or another type, is a protocol error.
 */
export function parseSessionResponse(data: Buffer): Parsed<{response: SessionResponse; consumed: number} | null> {
  return safeParse('NetBIOS session response', () => {
    if (data.length < 4) return null
    const type = data[0]!
    const flags = data[1]!
    const length = data.readUInt16BE(2) | ((flags & 0x01) << 16)
    if (flags & 0xfe) fail(`reserved flag bits 0x${flags.toString(16)} set`)
    if (length > MAX_SESSION_RESPONSE - 4) fail(`a ${length}-byte session packet`)
    if (data.length < 4 + length) return null
    const body = data.subarray(4, 4 + length)
    const consumed = 4 + length
    switch (type) {
      case NBSS_POSITIVE_RESPONSE:
        if (length !== 0) fail(`positive response with ${length} bytes`)
        return {response: {outcome: 'positive' as const}, consumed}
      case NBSS_NEGATIVE_RESPONSE: {
        if (length !== 1) fail(`negative response with ${length} bytes`)
        const code = body[0]!
        return {response: {outcome: 'negative' as const, code, reason: NEGATIVE_REASONS.get(code) ?? `error code 0x${code.toString(16)}`}, consumed}
      }
      case NBSS_RETARGET_RESPONSE:
        if (length !== 6) fail(`retarget response with ${length} bytes`)
        return {response: {outcome: 'retarget' as const, reason: `the server asked to retarget the session to ${[...body.subarray(0, 4)].join('.')}:${body.readUInt16BE(4)}, which homeaudit never follows`}, consumed}
      default:
        return fail(`packet type 0x${type.toString(16)} where a session response was expected`)
    }
  })
}
