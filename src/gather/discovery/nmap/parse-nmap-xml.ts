import {XMLParser, XMLValidator} from 'fast-xml-parser'
import type {Host, HostName, Port} from '../../../evidence/schema.js'
import {formatIpv4, parseIpv4} from '../../../scope/ipv4.js'
import {normaliseMac} from '../../../util/mac.js'
import {lookupVendor} from '../../oui.js'

/**
 * Parser for nmap's XML output (`-oX -`), mapped to our Host/Port evidence.
 *
 * It never throws. nmap writes one `<host>…</host>` block at a time and flushes it, so when
 * nmap is killed half-way the output is a truncated document. Each complete host block is
 * checked for well-formedness and parsed on its own (fast-xml-parser, entities off, every
 * element an array); an incomplete or unreadable block is dropped, and what went wrong is said
 * in `error`.
 */

/** nmap output larger than this is not read past this point (the runner stops nmap there too). */
export const MAX_NMAP_XML_BYTES = 32 * 1024 * 1024
/** One `<host>` block larger than this is skipped unread. */
export const MAX_HOST_BLOCK_BYTES = 4 * 1024 * 1024
export const MAX_HOSTS = 65_536
const MAX_NAMES_PER_HOST = 16
const MAX_NAME_LENGTH = 253
const MAX_VENDOR_LENGTH = 128
const MAX_ERRORMSG_LENGTH = 500

export interface NmapRunInfo {
  /** nmap's version as it wrote it in `<nmaprun version=…>`. */
  version: string | null
  /** `<runstats><finished exit=…>`: "success" or "error". */
  exit: string | null
  errormsg: string | null
  elapsedSeconds: number | null
  summary: string | null
  hostsUp: number | null
  hostsTotal: number | null
}

export interface NmapXmlResult {
  /** Hosts nmap reported up, with complete host blocks only; discoveredBy ['nmap']. */
  hosts: Host[]
  info: NmapRunInfo
  /** The document ended with `</nmaprun>`. */
  complete: boolean
  /** What was wrong with the output (truncated, unreadable blocks, nmap's own error), or null. */
  error: string | null
}

export interface NmapTaskProgress {
  task: string
  /** 0–100, or null when nmap gave none. */
  percent: number | null
  /** nmap's estimate of the seconds left, or null. */
  remainingSeconds: number | null
  /** nmap's estimated completion time (Unix seconds), or null. */
  etc: number | null
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: false,
  trimValues: true,
  // Stable arrays: every element (host, address, hostname, ports, port, state, service, …) is an array.
  isArray: (_name: string, _jpath: unknown, _isLeaf: boolean, isAttribute: boolean) => !isAttribute,
})

type XmlNode = Record<string, unknown>

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The child elements called `name` (always an array; text and junk dropped). */
function children(node: unknown, name: string): XmlNode[] {
  if (!isNode(node) || !Object.hasOwn(node, name)) return []
  const value = node[name]
  if (Array.isArray(value)) return value.filter(isNode)
  return isNode(value) ? [value] : []
}

function attr(node: XmlNode | undefined, name: string): string | null {
  const attrs = node?.$
  if (!isNode(attrs) || !Object.hasOwn(attrs, name)) return null
  const value = attrs[name]
  return typeof value === 'string' ? decodeXml(value) : null
}

const XML_ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g
const NAMED: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}

/** The five predefined XML entities and character references, nothing else (no DTD entity ever). */
export function decodeXml(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(XML_ENTITY, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole
      return String.fromCodePoint(code)
    }
    return NAMED[ref] ?? whole
  })
}

const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"/g

/** Attributes of one start tag's text (`<taskprogress a="1" b="2"/>`), decoded. */
function tagAttributes(tag: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of tag.matchAll(ATTRIBUTE)) if (!out.has(m[1]!)) out.set(m[1]!, decodeXml(m[2]!))
  return out
}

function finiteNumber(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^-?\d+(\.\d+)?$/.test(text.trim())) return null
  const n = Number(text)
  return Number.isFinite(n) ? n : null
}

/**
 * One `<taskprogress task=… percent=… remaining=… etc=…/>` line, as nmap writes it with
 * `--stats-every`. Null for any other line.
 */
export function parseTaskProgress(line: string): NmapTaskProgress | null {
  const m = /<taskprogress\b([^<>]*)\/?>/.exec(line)
  if (!m) return null
  const a = tagAttributes(m[1]!)
  const task = a.get('task')
  if (!task) return null
  const percent = finiteNumber(a.get('percent'))
  return {
    task: task.slice(0, 200),
    percent: percent === null ? null : Math.min(100, Math.max(0, percent)),
    remainingSeconds: finiteNumber(a.get('remaining')),
    etc: finiteNumber(a.get('etc')),
  }
}

const PORT_STATES: ReadonlySet<string> = new Set(['open', 'closed', 'filtered', 'open|filtered'])

function readPorts(host: XmlNode): Port[] {
  const seen = new Map<string, Port>()
  for (const ports of children(host, 'ports')) {
    for (const p of children(ports, 'port')) {
      const protocol = attr(p, 'protocol')
      const portid = attr(p, 'portid')
      if ((protocol !== 'tcp' && protocol !== 'udp') || portid === null || !/^\d{1,5}$/.test(portid)) continue
      const port = Number(portid)
      if (port > 65535) continue
      const state = attr(children(p, 'state')[0], 'state')
      // nmap's "unfiltered" and "closed|filtered" (ACK / idle scans) have no place in our schema.
      if (state === null || !PORT_STATES.has(state)) continue
      // No <service> at all is what a port missing from nmap-services looks like (node-nmap crashed on it).
      const name = attr(children(p, 'service')[0], 'name')?.trim() ?? ''
      const service = name && name !== 'unknown' ? name.slice(0, 64) : null
      seen.set(`${protocol}/${port}`, {port, protocol, state: state as Port['state'], service})
    }
  }
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol))
}

function readNames(host: XmlNode): HostName[] {
  const names: HostName[] = []
  for (const group of children(host, 'hostnames')) {
    for (const h of children(group, 'hostname')) {
      const name = attr(h, 'name')?.trim()
      const type = attr(h, 'type')
      // PTR: nmap's reverse DNS. "user" is the name given on the command line (never: we give addresses).
      if (!name || name.length > MAX_NAME_LENGTH || (type !== null && type !== 'PTR')) continue
      if (names.length < MAX_NAMES_PER_HOST && !names.some((n) => n.name === name)) names.push({name, source: 'dns'})
    }
  }
  return names
}

/** One parsed `<host>` element → Host, or null when it is not an up IPv4 host. */
function readHost(host: XmlNode): Host | null {
  const status = attr(children(host, 'status')[0], 'state')
  if (status !== 'up') return null
  let ip: string | null = null
  let mac: string | null = null
  let nmapVendor: string | null = null
  for (const a of children(host, 'address')) {
    const type = attr(a, 'addrtype')
    const addr = attr(a, 'addr')
    if (!addr) continue
    if (type === 'ipv4' && ip === null) {
      const value = parseIpv4(addr)
      if (value !== null) ip = formatIpv4(value)
    } else if (type === 'mac' && mac === null) {
      mac = normaliseMac(addr)
      const vendor = attr(a, 'vendor')?.trim()
      if (mac && vendor) nmapVendor = vendor.slice(0, MAX_VENDOR_LENGTH)
    }
  }
  if (ip === null) return null
  // Our IEEE registry first; nmap's own (shortened) vendor name only when the registry has none.
  const oui = lookupVendor(mac)
  return {
    ip,
    mac,
    vendor: oui.vendor ?? (oui.randomized ? null : nmapVendor),
    macRandomized: oui.randomized,
    names: readNames(host),
    ports: readPorts(host),
    isGateway: false,
    isSelf: false,
    discoveredBy: ['nmap'],
  }
}

function parseBlock(block: string): XmlNode | null {
  try {
    // The parser alone accepts mismatched end tags and repeated attributes: a block that is not
    // well-formed XML (a mutation, a cut) is dropped whole rather than half-read.
    if (XMLValidator.validate(block) !== true) return null
    const doc: unknown = parser.parse(block)
    return children(doc, 'host')[0] ?? null
  } catch {
    return null
  }
}

const HOST_START = /<host[\s>/]/g
const HOST_END = '</host>'

/**
 * Complete `<host …>…</host>` blocks, in order, and whether an incomplete one was left at the
 * end. Linear in the input: the position of the next `</host>` is searched once and reused.
 */
function hostBlocks(text: string): {blocks: string[]; truncatedHost: boolean; skipped: number} {
  const blocks: string[] = []
  let skipped = 0
  let truncatedHost = false
  let close = -2 // index of the next `</host>` at or after the current start (-1: none left)
  HOST_START.lastIndex = 0
  let match = HOST_START.exec(text)
  while (match) {
    const start = match.index
    const next = HOST_START.exec(text)
    const nextStart = next ? next.index : text.length
    if (close !== -1 && close < start) close = text.indexOf(HOST_END, start)
    const head = /^<host\b[^<>]{0,4096}?\/>/.exec(text.slice(start, Math.min(nextStart, start + 4200)))
    const stop = head ? start + head[0].length : close === -1 || close > nextStart ? -1 : close + HOST_END.length
    if (stop === -1) {
      // No end before the next host starts: this block is broken (or cut off, when it is the last).
      if (next) skipped++
      else truncatedHost = true
    } else if (stop - start > MAX_HOST_BLOCK_BYTES) {
      skipped++
    } else {
      blocks.push(text.slice(start, stop))
    }
    match = next
  }
  return {blocks, truncatedHost, skipped}
}

function runInfo(text: string): NmapRunInfo {
  const info: NmapRunInfo = {version: null, exit: null, errormsg: null, elapsedSeconds: null, summary: null, hostsUp: null, hostsTotal: null}
  const run = /<nmaprun\b([^<>]*)>/.exec(text)
  if (run) info.version = tagAttributes(run[1]!).get('version')?.slice(0, 40) ?? null
  const finished = /<finished\b([^<>]*)\/?>/.exec(text)
  if (finished) {
    const a = tagAttributes(finished[1]!)
    info.exit = a.get('exit')?.slice(0, 20) ?? null
    info.errormsg = a.get('errormsg')?.trim().slice(0, MAX_ERRORMSG_LENGTH) || null
    info.elapsedSeconds = finiteNumber(a.get('elapsed'))
    info.summary = a.get('summary')?.slice(0, MAX_ERRORMSG_LENGTH) ?? null
  }
  const hosts = /<hosts\b([^<>]*)\/?>/.exec(text.slice(finished?.index ?? text.length))
  if (hosts) {
    const a = tagAttributes(hosts[1]!)
    info.hostsUp = finiteNumber(a.get('up'))
    info.hostsTotal = finiteNumber(a.get('total'))
  }
  return info
}

/**
 * Parse nmap's XML output. Never throws: garbage gives no hosts and an error; a truncated
 * document gives the complete hosts and an error.
 */
export function parseNmapXml(input: string | Buffer, options: {maxBytes?: number} = {}): NmapXmlResult {
  const errors: string[] = []
  const empty: NmapRunInfo = {version: null, exit: null, errormsg: null, elapsedSeconds: null, summary: null, hostsUp: null, hostsTotal: null}
  try {
    const maxBytes = options.maxBytes ?? MAX_NMAP_XML_BYTES
    let text: string
    if (typeof input === 'string') {
      text = input.length > maxBytes ? input.slice(0, maxBytes) : input
      if (input.length > maxBytes) errors.push(`nmap output larger than ${maxBytes} bytes; only the first ${maxBytes} read`)
    } else {
      text = input.subarray(0, maxBytes).toString('utf8')
      if (input.length > maxBytes) errors.push(`nmap output larger than ${maxBytes} bytes; only the first ${maxBytes} read`)
    }
    if (/<!ENTITY/i.test(text)) {
      return {hosts: [], info: empty, complete: false, error: 'refused: the output declares XML entities, which nmap never does'}
    }
    const started = /<nmaprun\b/.test(text)
    const complete = started && /<\/nmaprun>\s*$/.test(text)
    if (!started) errors.push(text.trim() === '' ? 'nmap wrote no XML' : 'no nmap XML (<nmaprun>) in the output')

    const {blocks, truncatedHost, skipped} = hostBlocks(text)
    const hosts = new Map<string, Host>()
    let unreadable = skipped
    for (const block of blocks) {
      if (hosts.size >= MAX_HOSTS) {
        errors.push(`more than ${MAX_HOSTS} hosts; the rest ignored`)
        break
      }
      const node = parseBlock(block)
      if (!node) {
        unreadable++
        continue
      }
      const host = readHost(node)
      if (!host) continue
      const known = hosts.get(host.ip)
      if (!known) hosts.set(host.ip, host)
      else {
        known.mac ??= host.mac
        known.vendor ??= host.vendor
        for (const p of host.ports) if (!known.ports.some((k) => k.port === p.port && k.protocol === p.protocol)) known.ports.push(p)
        for (const n of host.names) if (!known.names.some((k) => k.name === n.name)) known.names.push(n)
      }
    }
    const info = started ? runInfo(text) : empty
    if (started && !complete) {
      errors.push(
        `nmap's XML output is incomplete (nmap stopped before </nmaprun>)${truncatedHost ? ', the last host was cut off' : ''}; ${hosts.size} complete host${hosts.size === 1 ? '' : 's'} kept`,
      )
    }
    if (unreadable > 0) errors.push(`${unreadable} host entr${unreadable === 1 ? 'y' : 'ies'} in nmap's XML could not be read and ${unreadable === 1 ? 'was' : 'were'} skipped`)
    if (info.exit === 'error') errors.push(`nmap reported an error${info.errormsg ? `: ${info.errormsg}` : ''}`)
    const sorted = [...hosts.values()].sort((a, b) => parseIpv4(a.ip)! - parseIpv4(b.ip)!)
    return {hosts: sorted, info, complete, error: errors.length > 0 ? errors.join('; ') : null}
  } catch (error) {
    // Defensive: nothing above should throw, but a parser bug must not end the scan.
    return {hosts: [], info: empty, complete: false, error: `nmap XML could not be read: ${(error as Error)?.message ?? String(error)}`}
  }
}
