import {randomInt} from 'node:crypto'
import type {ProbeResult} from '../../evidence/schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {decodeLegacyName} from './text.js'
import {GuardedUdp} from './udp.js'

/**
 * NetBIOS node status (NBSTAT, RFC 1002 sections 4.2.17 and 4.2.18) over UDP 137: the
 * request encoder, a strict response parser, and a bounded query of many hosts at once.
 */

export const NBNS_PORT = 137
const TYPE_NBSTAT = 0x0021
const CLASS_IN = 0x0001
const NODE_NAME_SIZE = 18
/** Largest answer worth reading: 255 names of 18 bytes plus headers and statistics. */
export const MAX_NBSTAT_RESPONSE = 4 * 1024
const MAX_LABELS = 16

export interface NetbiosName {
  /** The 15-byte name, trailing spaces removed. */
  name: string
  /** The 16th byte: 0x00 workstation/domain, 0x03 messenger, 0x20 file server, 0x1d/0x1e browser... */
  suffix: number
  group: boolean
  active: boolean
}

export interface NodeStatus {
  transactionId: number
  names: NetbiosName[]
  /** The unit ID (MAC) from the statistics, or null when absent or all zero (Samba sends zeros). */
  mac: string | null
}

export class NbstatParseError extends Error {
  override name = 'NbstatParseError'
}

/** RFC 1001 first-level encoding of a 16-byte name: each nibble as 'A' + value. */
function encodeName(name16: Uint8Array): Buffer {
  const out = Buffer.alloc(34)
  out[0] = 32
  for (let i = 0; i < 16; i++) {
    out[1 + 2 * i] = 0x41 + (name16[i]! >> 4)
    out[2 + 2 * i] = 0x41 + (name16[i]! & 0x0f)
  }
  out[33] = 0 // no scope ID
  return out
}

/** A NODE STATUS REQUEST for the wildcard name `*` (4.2.17): 50 bytes. */
export function encodeNbstatRequest(transactionId: number): Buffer {
  if (!Number.isInteger(transactionId) || transactionId < 0 || transactionId > 0xffff) throw new RangeError('transaction ID must be 0..65535')
  const header = Buffer.alloc(12)
  header.writeUInt16BE(transactionId, 0)
  header.writeUInt16BE(0x0000, 2) // query, opcode 0, no flags (unicast, no recursion)
  header.writeUInt16BE(1, 4) // QDCOUNT
  const wildcard = new Uint8Array(16)
  wildcard[0] = 0x2a // '*', then 15 NULs
  const tail = Buffer.alloc(4)
  tail.writeUInt16BE(TYPE_NBSTAT, 0)
  tail.writeUInt16BE(CLASS_IN, 2)
  return Buffer.concat([header, encodeName(wildcard), tail])
}

/** Skip an encoded (possibly compressed) domain name with bounds checks; returns the offset after it. */
function skipName(buf: Buffer, offset: number): number {
  for (let labels = 0; labels <= MAX_LABELS; labels++) {
    if (offset >= buf.length) throw new NbstatParseError('truncated name')
    const len = buf[offset]!
    if (len === 0) return offset + 1
    if ((len & 0xc0) === 0xc0) {
      if (offset + 2 > buf.length) throw new NbstatParseError('truncated name pointer')
      return offset + 2
    }
    if ((len & 0xc0) !== 0) throw new NbstatParseError(`bad label type 0x${len.toString(16)}`)
    offset += 1 + len
  }
  throw new NbstatParseError('too many labels')
}

function need(buf: Buffer, offset: number, length: number, what: string): void {
  if (offset + length > buf.length) throw new NbstatParseError(`truncated ${what} (need ${offset + length} bytes, have ${buf.length})`)
}

function formatMac(bytes: Buffer): string | null {
  if (bytes.every((b) => b === 0) || bytes.every((b) => b === 0xff)) return null
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':')
}

/**
 * Parse a NODE STATUS RESPONSE (4.2.18). Throws NbstatParseError on anything that is not one,
 * or that claims more than it holds; never reads outside the buffer.
 */
export function parseNbstatResponse(input: Uint8Array): NodeStatus {
  const buf = Buffer.from(input.buffer, input.byteOffset, Math.min(input.byteLength, MAX_NBSTAT_RESPONSE))
  need(buf, 0, 12, 'header')
  const transactionId = buf.readUInt16BE(0)
  const flags = buf.readUInt16BE(2)
  if ((flags & 0x8000) === 0) throw new NbstatParseError('not a response')
  if (((flags >> 11) & 0x0f) !== 0) throw new NbstatParseError(`opcode ${(flags >> 11) & 0x0f}, not a query response`)
  if ((flags & 0x000f) !== 0) throw new NbstatParseError(`error response (rcode ${flags & 0x000f})`)
  const qdcount = buf.readUInt16BE(4)
  const ancount = buf.readUInt16BE(6)
  if (ancount < 1) throw new NbstatParseError('no answer')
  if (qdcount > 4) throw new NbstatParseError(`implausible question count ${qdcount}`)
  let offset = 12
  for (let i = 0; i < qdcount; i++) offset = skipName(buf, offset) + 4
  offset = skipName(buf, offset)
  need(buf, offset, 10, 'resource record')
  const type = buf.readUInt16BE(offset)
  const klass = buf.readUInt16BE(offset + 2)
  const rdlength = buf.readUInt16BE(offset + 8)
  offset += 10
  if (type !== TYPE_NBSTAT) throw new NbstatParseError(`record type 0x${type.toString(16)}, not NBSTAT`)
  if (klass !== CLASS_IN) throw new NbstatParseError(`record class ${klass}, not IN`)
  need(buf, offset, rdlength, 'RDATA')
  if (rdlength < 1) throw new NbstatParseError('empty RDATA')
  const rdata = buf.subarray(offset, offset + rdlength)
  const count = rdata[0]!
  if (1 + count * NODE_NAME_SIZE > rdata.length) throw new NbstatParseError(`truncated name table (${count} names claimed in ${rdata.length - 1} bytes)`)
  const names: NetbiosName[] = []
  for (let i = 0; i < count; i++) {
    const entry = rdata.subarray(1 + i * NODE_NAME_SIZE, 1 + (i + 1) * NODE_NAME_SIZE)
    const raw = entry.subarray(0, 15)
    let end = raw.length
    while (end > 0 && (raw[end - 1] === 0x20 || raw[end - 1] === 0x00)) end--
    const nameFlags = entry.readUInt16BE(16)
    names.push({name: decodeLegacyName(raw.subarray(0, end)), suffix: entry[15]!, group: (nameFlags & 0x8000) !== 0, active: (nameFlags & 0x0400) !== 0})
  }
  const statistics = rdata.subarray(1 + count * NODE_NAME_SIZE)
  const mac = statistics.length >= 6 ? formatMac(statistics.subarray(0, 6)) : null
  return {transactionId, names, mac}
}

/** The host's own name from a node status: the first unique workstation (<00>) or server (<20>) name. */
export function netbiosHostName(status: Pick<NodeStatus, 'names'>): string | null {
  const unique = status.names.filter((n) => !n.group && n.name.length > 0 && !n.name.startsWith('\u0001'))
  return (unique.find((n) => n.suffix === 0x00) ?? unique.find((n) => n.suffix === 0x20))?.name ?? null
}

export interface NbstatQueryResult {
  statuses: Map<string, NodeStatus>
  probe: ProbeResult
}

/**
 * Ask every target for its node status (unicast UDP 137), resend once to those that have not
 * answered, and collect for `windowMs`. Only answers from the targets themselves, with the
 * transaction ID sent to them, count. Never throws.
 */
export async function queryNodeStatus(scope: ScanScope, targets: readonly string[], options: {windowMs?: number; maxTargets?: number} = {}): Promise<NbstatQueryResult> {
  const started = Date.now()
  const windowMs = options.windowMs ?? 1500
  const list = [...new Set(targets.filter((ip) => scope.allows(ip)))].slice(0, options.maxTargets ?? 1024)
  const statuses = new Map<string, NodeStatus>()
  const probe = (ok: boolean, detail: string): ProbeResult => ({probe: 'netbios-nbstat', target: scope.toString(), ok, durationMs: Date.now() - started, detail})
  if (list.length === 0) return {statuses, probe: probe(true, 'no host to ask')}
  let udp: GuardedUdp
  try {
    udp = await GuardedUdp.open(scope, {maxDatagram: MAX_NBSTAT_RESPONSE})
  } catch (error) {
    return {statuses, probe: probe(false, `no UDP socket: ${error instanceof Error ? error.message : String(error)}`)}
  }
  const ids = new Map(list.map((ip) => [ip, randomInt(0, 0x10000)]))
  let malformed = 0
  udp.on('message', (message: Buffer, rinfo: {address: string; port: number}) => {
    const id = ids.get(rinfo.address)
    if (id === undefined || rinfo.port !== NBNS_PORT || statuses.has(rinfo.address)) return
    try {
      const status = parseNbstatResponse(message)
      if (status.transactionId === id) statuses.set(rinfo.address, status)
    } catch {
      malformed++
    }
  })
  const sendAll = async (ips: readonly string[]) => {
    for (const ip of ips) {
      await udp.send(encodeNbstatRequest(ids.get(ip)!), NBNS_PORT, ip).catch(() => undefined)
    }
  }
  try {
    await sendAll(list)
    await new Promise((r) => setTimeout(r, Math.floor(windowMs / 2)))
    await sendAll(list.filter((ip) => !statuses.has(ip)))
    await new Promise((r) => setTimeout(r, Math.ceil(windowMs / 2)))
  } finally {
    udp.close()
  }
  return {statuses, probe: probe(true, `node status asked of ${list.length} hosts on UDP ${NBNS_PORT}; ${statuses.size} answered${malformed ? `, ${malformed} malformed answers ignored` : ''}${udp.dropped ? `, ${udp.dropped} datagrams from outside the scope or too large dropped` : ''}`)}
}
