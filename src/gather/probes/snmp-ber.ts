/**
 * A strict structural check of an SNMP message's BER encoding (X.690 section 8.1), run on every
 * datagram before net-snmp decodes it. net-snmp's reader (asn1-ber) is lenient: it accepts a
 * length longer than the datagram, lengths of any number of bytes, and trailing garbage. A
 * device that sends such a message is reported as "malformed" with the reason, not decoded.
 */

/** SNMP messages nest six levels (message, PDU, varbind list, varbind, value); more is hostile. */
export const MAX_BER_DEPTH = 16
/** Largest SNMP message read: what fits in a UDP datagram. */
export const MAX_SNMP_MESSAGE = 65_535
/** Most TLVs in one message (a GET of the system group has about 25). */
const MAX_ELEMENTS = 4096

/** RFC 2578 section 3.5: at most 128 sub-identifiers, each at most 2^32-1. */
function oidProblem(content: Uint8Array): string | null {
  if (content.length === 0) return 'an empty OBJECT IDENTIFIER'
  let count = 0
  let value = 0
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f)
    if (value > 0xffffffff) return 'an OBJECT IDENTIFIER sub-identifier larger than 2^32-1'
    if (byte & 0x80) continue
    if (++count > 128) return 'an OBJECT IDENTIFIER of more than 128 sub-identifiers'
    value = 0
  }
  return content[content.length - 1]! & 0x80 ? 'a truncated OBJECT IDENTIFIER' : null
}

/** Why a message is not well-formed BER, or null when it is. Never throws. */
export function berProblem(message: Uint8Array): string | null {
  if (message.length === 0) return 'empty datagram'
  if (message.length > MAX_SNMP_MESSAGE) return `${message.length} bytes, more than an SNMP message can hold`
  if (message[0] !== 0x30) return `starts with tag 0x${message[0]!.toString(16).padStart(2, '0')}, not a SEQUENCE`
  // Iterative walk: a stack of the ends of the constructed elements we are inside.
  const ends: number[] = [message.length]
  let offset = 0
  let elements = 0
  while (offset < message.length) {
    while (ends.length > 1 && offset === ends[ends.length - 1]) ends.pop()
    if (offset === message.length) break
    if (++elements > MAX_ELEMENTS) return `more than ${MAX_ELEMENTS} elements`
    const tag = message[offset]!
    if ((tag & 0x1f) === 0x1f) return `multi-byte tag at byte ${offset}`
    if (offset + 1 >= message.length) return `truncated: no length after the tag at byte ${offset}`
    const first = message[offset + 1]!
    let length = first
    let header = 2
    if (first === 0x80) return `indefinite length at byte ${offset + 1}`
    if (first & 0x80) {
      const count = first & 0x7f
      if (count > 4) return `a length of ${count} bytes at byte ${offset + 1}`
      if (offset + 2 + count > message.length) return `truncated in the length at byte ${offset + 1}`
      length = 0
      for (let i = 0; i < count; i++) length = length * 256 + message[offset + 2 + i]!
      header += count
    }
    const end = offset + header + length
    const parentEnd = ends[ends.length - 1]!
    if (end > parentEnd) {
      return `declares ${length} bytes at byte ${offset}, past the end of ${parentEnd === message.length ? 'the datagram' : 'the element that contains it'}`
    }
    if (offset === 0 && end !== message.length) return `${message.length - end} bytes after the end of the message`
    if (tag === 0x06) {
      const problem = oidProblem(message.subarray(offset + header, end))
      if (problem) return `${problem} at byte ${offset}`
    }
    if (tag & 0x20) {
      if (ends.length > MAX_BER_DEPTH) return `nested more than ${MAX_BER_DEPTH} levels deep`
      ends.push(end)
      offset += header
    } else {
      offset = end
    }
  }
  return null
}
