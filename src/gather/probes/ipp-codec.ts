/**
 * The IPP binary encoding (RFC 8010 §3): a Get-Printer-Attributes request (RFC 8011 §4.2.5) and
 * a bounded reader of the answer. The reader checks every length against the buffer, caps the
 * number of attributes and values, skips collections, and throws IppParseError, never anything
 * else.
 */

export class IppParseError extends Error {
  override name = 'IppParseError'
}

export const MAX_IPP_BYTES = 256 * 1024
const MAX_ATTRIBUTES = 512
const MAX_VALUES = 64
const MAX_TOTAL_VALUES = 4096
const MAX_TEXT = 1024

export const OPERATION_GET_PRINTER_ATTRIBUTES = 0x000b

/** Delimiter tags (RFC 8010 §3.5.1). */
const TAG = {operation: 0x01, job: 0x02, end: 0x03, printer: 0x04, unsupported: 0x05} as const

/** The printer attributes a report needs, and nothing more. */
export const REQUESTED_ATTRIBUTES: readonly string[] = [
  'printer-name',
  'printer-make-and-model',
  'printer-info',
  'printer-location',
  'printer-state',
  'printer-is-accepting-jobs',
  'printer-uri-supported',
  'uri-authentication-supported',
  'uri-security-supported',
  'printer-firmware-string-version',
  'ipp-versions-supported',
]

function attribute(tag: number, name: string, values: readonly string[]): Buffer {
  const parts: Buffer[] = []
  values.forEach((value, i) => {
    const n = Buffer.from(i === 0 ? name : '', 'utf8')
    const v = Buffer.from(value, 'utf8')
    const head = Buffer.alloc(3)
    head.writeUInt8(tag, 0)
    head.writeUInt16BE(n.length, 1)
    const len = Buffer.alloc(2)
    len.writeUInt16BE(v.length, 0)
    parts.push(head, n, len, v)
  })
  return Buffer.concat(parts)
}

/** An IPP/1.1 Get-Printer-Attributes request for `printerUri` (no document, no job, nothing stored). */
export function getPrinterAttributesRequest(printerUri: string, requestId = 1): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt16BE(0x0101, 0)
  head.writeUInt16BE(OPERATION_GET_PRINTER_ATTRIBUTES, 2)
  head.writeUInt32BE(requestId, 4)
  return Buffer.concat([
    head,
    Buffer.from([TAG.operation]),
    attribute(0x47, 'attributes-charset', ['utf-8']),
    attribute(0x48, 'attributes-natural-language', ['en']),
    attribute(0x45, 'printer-uri', [printerUri]),
    attribute(0x44, 'requested-attributes', REQUESTED_ATTRIBUTES),
    Buffer.from([TAG.end]),
  ])
}

export type IppValue = string | number | boolean

export interface IppResponse {
  version: string
  statusCode: number
  requestId: number
  /** Attributes of the operation, printer and unsupported groups (the last group of each kind wins). */
  operation: Map<string, IppValue[]>
  printer: Map<string, IppValue[]>
  unsupported: Map<string, IppValue[]>
}

function decodeValue(tag: number, value: Buffer): IppValue | null {
  if (tag >= 0x10 && tag <= 0x1f) return null // out-of-band: unsupported, unknown, no-value
  switch (tag) {
    case 0x21: // integer
    case 0x23: // enum
      return value.length === 4 ? value.readInt32BE(0) : null
    case 0x22: // boolean
      return value.length === 1 ? value[0] !== 0 : null
    case 0x33: // rangeOfInteger
      return value.length === 8 ? `${value.readInt32BE(0)}-${value.readInt32BE(4)}` : null
    case 0x35: // textWithLanguage
    case 0x36: {
      // nameWithLanguage: language length, language, text length, text
      if (value.length < 4) return null
      const langLength = value.readUInt16BE(0)
      if (2 + langLength + 2 > value.length) return null
      const textLength = value.readUInt16BE(2 + langLength)
      const start = 4 + langLength
      if (start + textLength > value.length) return null
      return value.toString('utf8', start, start + textLength).slice(0, MAX_TEXT)
    }
    default:
      if ((tag >= 0x41 && tag <= 0x49) || tag === 0x30) return value.toString('utf8').slice(0, MAX_TEXT)
      return null // dateTime, resolution and unknown tags are not needed
  }
}

/** Read an IPP response. Throws IppParseError on anything truncated, oversized or malformed. */
export function parseIppResponse(data: Buffer): IppResponse {
  if (data.length > MAX_IPP_BYTES) throw new IppParseError(`IPP response rejected: larger than ${MAX_IPP_BYTES} bytes`)
  if (data.length < 9) throw new IppParseError('IPP response rejected: shorter than its header')
  const response: IppResponse = {
    version: `${data[0]}.${data[1]}`,
    statusCode: data.readUInt16BE(2),
    requestId: data.readUInt32BE(4),
    operation: new Map(),
    printer: new Map(),
    unsupported: new Map(),
  }
  let offset = 8
  let group: Map<string, IppValue[]> | null = null
  let current: IppValue[] | null = null
  let attributes = 0
  let values = 0
  let collectionDepth = 0
  const need = (n: number) => {
    if (offset + n > data.length) throw new IppParseError(`IPP response rejected: truncated at byte ${offset}`)
  }
  for (;;) {
    need(1)
    const tag = data[offset]!
    offset += 1
    if (tag === TAG.end) return response
    if (tag <= 0x0f) {
      // a new attribute group
      if (collectionDepth > 0) throw new IppParseError('IPP response rejected: a group inside a collection')
      group = tag === TAG.operation ? response.operation : tag === TAG.printer ? response.printer : tag === TAG.unsupported ? response.unsupported : new Map()
      if (group.size > 0 && (tag === TAG.operation || tag === TAG.printer || tag === TAG.unsupported)) group.clear()
      current = null
      continue
    }
    if (!group) throw new IppParseError('IPP response rejected: a value before any attribute group')
    need(2)
    const nameLength = data.readUInt16BE(offset)
    offset += 2
    need(nameLength)
    const name = data.toString('utf8', offset, offset + nameLength)
    offset += nameLength
    need(2)
    const valueLength = data.readUInt16BE(offset)
    offset += 2
    need(valueLength)
    const value = data.subarray(offset, offset + valueLength)
    offset += valueLength
    if (++values > MAX_TOTAL_VALUES) throw new IppParseError(`IPP response rejected: more than ${MAX_TOTAL_VALUES} values`)
    if (tag === 0x34) {
      // begCollection: the attribute is listed without values; its members (memberAttrName and
      // values, all with empty names, up to the matching endCollection) are skipped
      if (nameLength > 0 && collectionDepth === 0) {
        if (++attributes > MAX_ATTRIBUTES) throw new IppParseError(`IPP response rejected: more than ${MAX_ATTRIBUTES} attributes`)
        current = []
        group.set(name.slice(0, 128), current)
      }
      collectionDepth++
      if (collectionDepth > 16) throw new IppParseError('IPP response rejected: collections nested too deep')
      continue
    }
    if (tag === 0x37) {
      if (collectionDepth === 0) throw new IppParseError('IPP response rejected: endCollection without begCollection')
      collectionDepth--
      continue
    }
    if (collectionDepth > 0) continue
    if (nameLength > 0) {
      if (++attributes > MAX_ATTRIBUTES) throw new IppParseError(`IPP response rejected: more than ${MAX_ATTRIBUTES} attributes`)
      current = []
      group.set(name.slice(0, 128), current)
    } else if (!current) continue // an additional value of a skipped attribute
    const decoded = decodeValue(tag, value)
    if (decoded !== null && current.length < MAX_VALUES) current.push(decoded)
  }
}

/** Status codes (RFC 8011 §B) that say what the answer means for this probe. */
export function ippStatusName(code: number): string {
  const known: Record<number, string> = {
    0x0000: 'successful-ok',
    0x0001: 'successful-ok-ignored-or-substituted-attributes',
    0x0002: 'successful-ok-conflicting-attributes',
    0x0400: 'client-error-bad-request',
    0x0401: 'client-error-forbidden',
    0x0402: 'client-error-not-authenticated',
    0x0403: 'client-error-not-authorized',
    0x0406: 'client-error-not-found',
    0x0500: 'server-error-internal-error',
    0x0501: 'server-error-operation-not-supported',
    0x0503: 'server-error-version-not-supported',
  }
  return known[code] ?? `0x${code.toString(16).padStart(4, '0')}`
}

/** printer-state (RFC 8011 §5.4.11). */
export function printerStateName(value: IppValue | undefined): string | null {
  return value === 3 ? 'idle' : value === 4 ? 'processing' : value === 5 ? 'stopped' : value === undefined ? null : String(value)
}
