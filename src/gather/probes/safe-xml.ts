import {XMLParser, XMLValidator} from 'fast-xml-parser'

/**
 * XML from a device, read the way upnp-description.ts reads UPnP descriptions: a size cap,
 * DOCTYPE and ENTITY declarations refused unread (no entity is ever expanded, so neither XXE nor
 * billion laughs apply), bare "&" escaped (real devices send them), well-formedness checked before
 * parsing, namespace prefixes removed. Throws XmlRejected, never anything else.
 */
export class XmlRejected extends Error {
  override name = 'XmlRejected'
}

export interface SafeXmlOptions {
  /** What the document is, for the error messages ("DIDL-Lite", "WebDAV multistatus", ...). */
  what: string
  maxChars: number
  /** Element names that are always arrays. */
  arrays?: readonly string[]
  /** Keep attributes (under "@_name"). */
  attributes?: boolean
}

export function parseSafeXml(input: string | Buffer, options: SafeXmlOptions): Record<string, unknown> {
  const raw = typeof input === 'string' ? input : input.toString('utf8')
  if (raw.length > options.maxChars) throw new XmlRejected(`${options.what} rejected: too large (over ${options.maxChars} characters)`)
  if (/<!DOCTYPE|<!ENTITY/i.test(raw)) throw new XmlRejected(`${options.what} rejected: DOCTYPE or ENTITY declarations are not allowed (nothing was expanded)`)
  const text = raw.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});)/gi, '&amp;')
  const arrays = new Set(options.arrays ?? [])
  const parser = new XMLParser({
    ignoreAttributes: !options.attributes,
    attributeNamePrefix: '@_',
    processEntities: false,
    htmlEntities: false,
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  })
  try {
    const valid = XMLValidator.validate(text)
    if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line})`)
    const doc = parser.parse(text) as unknown
    if (!doc || typeof doc !== 'object') throw new Error('no document')
    return doc as Record<string, unknown>
  } catch (error) {
    throw new XmlRejected(`${options.what} rejected: not well-formed XML (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'})`)
  }
}

/** The text of an element (or of a number), trimmed and capped; null when absent or not text. */
export function xmlText(node: unknown, key: string, max = 512): string | null {
  if (!node || typeof node !== 'object') return null
  let value = (node as Record<string, unknown>)[key]
  if (value && typeof value === 'object' && !Array.isArray(value) && '#text' in value) value = (value as Record<string, unknown>)['#text']
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const text = String(value).trim()
  return text ? text.slice(0, max) : null
}

/** An element that may be missing, single or repeated, as a list of objects. */
export function xmlList(value: unknown): Record<string, unknown>[] {
  if (!value) return []
  return (Array.isArray(value) ? value : [value]).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
}

/** Decode the five predefined XML entities and numeric references of text parsed with processEntities off. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (m, e: string) => {
    const named: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}
    if (e[0] !== '#') return named[e.toLowerCase()] ?? m
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd'
  })
}
