import {type Parsed, fail, safeParse} from './bytes.js'

/**
 * The little of SPNEGO (RFC 4178) that SMB session setup needs: wrap an NTLMSSP token in a
 * NegTokenInit / NegTokenResp, and take the NTLMSSP token out of the server's answer. DER only,
 * definite lengths only, every length checked.
 */

export const OID_SPNEGO = '1.3.6.1.5.5.2'
export const OID_NTLMSSP = '1.3.6.1.4.1.311.2.2.10'

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  if (n < 0x100) return Buffer.from([0x81, n])
  if (n < 0x10000) return Buffer.from([0x82, n >> 8, n & 0xff])
  return Buffer.from([0x83, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff])
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body])
}

function encodeOid(oid: string): Buffer {
  const parts = oid.split('.').map(Number)
  const bytes = [parts[0]! * 40 + parts[1]!]
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f]
    for (let v = p >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/** The first token: GSS-API InitialContextToken with a NegTokenInit offering NTLMSSP only. */
export function negTokenInit(ntlmToken: Buffer): Buffer {
  const mechTypes = tlv(0xa0, tlv(0x30, encodeOid(OID_NTLMSSP)))
  const mechToken = tlv(0xa2, tlv(0x04, ntlmToken))
  return tlv(0x60, encodeOid(OID_SPNEGO), tlv(0xa0, tlv(0x30, mechTypes, mechToken)))
}

/** A following token: NegTokenResp carrying the NTLMSSP AUTHENTICATE message. */
export function negTokenResp(ntlmToken: Buffer): Buffer {
  return tlv(0xa1, tlv(0x30, tlv(0xa2, tlv(0x04, ntlmToken))))
}

interface Tlv {
  tag: number
  start: number
  end: number
}

function readTlv(buf: Buffer, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) fail('DER: truncated tag/length')
  const tag = buf[pos]!
  if ((tag & 0x1f) === 0x1f) fail('DER: multi-byte tags are not used by SPNEGO')
  let len = buf[pos + 1]!
  let start = pos + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 3) fail('DER: indefinite or over-long length')
    if (start + n > limit) fail('DER: truncated length')
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!
    start += n
  }
  if (start + len > limit) fail(`DER: element of ${len} bytes overruns its container`)
  return {tag, start, end: start + len}
}

function children(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = []
  let pos = parent.start
  while (pos < parent.end) {
    if (out.length >= 32) fail('DER: more than 32 elements in a sequence')
    const t = readTlv(buf, pos, parent.end)
    out.push(t)
    pos = t.end
  }
  return out
}

function decodeOid(buf: Buffer, t: Tlv): string {
  if (t.tag !== 0x06 || t.end - t.start < 1 || t.end - t.start > 64) fail('DER: bad OID')
  const bytes = buf.subarray(t.start, t.end)
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40]
  let v = 0
  for (let i = 1; i < bytes.length; i++) {
    v = v * 128 + (bytes[i]! & 0x7f)
    if (v > 0xffffffff) fail('DER: OID arc too large')
    if (!(bytes[i]! & 0x80)) {
      parts.push(v)
      v = 0
    }
  }
  return parts.join('.')
}

export interface SpnegoToken {
  /** NegTokenInit (the server's hint in NEGOTIATE) or NegTokenResp (session setup answers). */
  kind: 'init' | 'resp' | 'raw-ntlmssp'
  mechTypes: string[]
  negState: number | null
  supportedMech: string | null
  mechToken: Buffer | null
}

/** Parse a security blob from the server: SPNEGO NegTokenInit(2)/NegTokenResp, or raw NTLMSSP. */
export function parseSpnego(blob: Buffer): Parsed<SpnegoToken> {
  return safeParse('SPNEGO', () => {
    if (blob.length >= 8 && blob.subarray(0, 8).toString('latin1') === 'NTLMSSP\0') {
      return {kind: 'raw-ntlmssp' as const, mechTypes: [], negState: null, supportedMech: null, mechToken: blob}
    }
    const outer = readTlv(blob, 0, blob.length)
    let inner: Tlv
    let kind: 'init' | 'resp'
    if (outer.tag === 0x60) {
      const parts = children(blob, outer)
      if (parts.length < 2 || decodeOid(blob, parts[0]!) !== OID_SPNEGO) fail('not an SPNEGO token')
      if (parts[1]!.tag !== 0xa0) fail('SPNEGO: expected NegTokenInit')
      inner = parts[1]!
      kind = 'init'
    } else if (outer.tag === 0xa1) {
      inner = outer
      kind = 'resp'
    } else if (outer.tag === 0xa0) {
      inner = outer
      kind = 'init'
    } else fail(`SPNEGO: unexpected tag 0x${outer.tag.toString(16)}`)
    const seq = children(blob, inner)
    if (seq.length !== 1 || seq[0]!.tag !== 0x30) fail('SPNEGO: expected a SEQUENCE')
    const token: SpnegoToken = {kind, mechTypes: [], negState: null, supportedMech: null, mechToken: null}
    for (const field of children(blob, seq[0]!)) {
      const [value] = children(blob, field)
      if (!value) continue
      const n = field.tag & 0x1f
      if (kind === 'init' && n === 0 && value.tag === 0x30) token.mechTypes = children(blob, value).map((o) => decodeOid(blob, o))
      else if (kind === 'init' && n === 2 && value.tag === 0x04) token.mechToken = blob.subarray(value.start, value.end)
      else if (kind === 'resp' && n === 0 && value.tag === 0x0a) token.negState = value.end - value.start === 1 ? blob[value.start]! : fail('SPNEGO: bad negState')
      else if (kind === 'resp' && n === 1) token.supportedMech = decodeOid(blob, value)
      else if (kind === 'resp' && n === 2 && value.tag === 0x04) token.mechToken = blob.subarray(value.start, value.end)
    }
    return token
  })
}
