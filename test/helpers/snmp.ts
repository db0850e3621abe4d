import dgram from 'node:dgram'
import {readdirSync, readFileSync} from 'node:fs'

/**
 * SNMP test helpers: the lab snmpd's captured answers (test/fixtures/snmp/lab/), a minimal BER
 * reader/writer to put a request's ID into a captured answer, and a UDP responder on 127.0.0.1
 * that answers homeaudit's real probe (it runs net-snmp over a real socket).
 */

export const SNMP_FIXTURES = new URL('../fixtures/snmp/lab/', import.meta.url)

export function snmpFixture(name: string): Buffer {
  return readFileSync(new URL(name, SNMP_FIXTURES))
}

/** The captured answers whose name matches, sorted by name. */
export function snmpFixtures(match: RegExp = /./): Array<{name: string; bytes: Buffer}> {
  return readdirSync(SNMP_FIXTURES)
    .filter((f) => f.endsWith('.bin') && match.test(f))
    .sort()
    .map((name) => ({name, bytes: snmpFixture(name)}))
}

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthBytes(content.length), content])
}

export function berInt(value: number): Buffer {
  const bytes: number[] = []
  let v = value
  do {
    bytes.unshift(v & 0xff)
    v = Math.floor(v / 256)
  } while (v > 0)
  if (bytes[0]! & 0x80) bytes.unshift(0)
  return tlv(0x02, Buffer.from(bytes))
}

interface Element {
  tag: number
  /** The tag byte's offset. */
  at: number
  /** The content's offset. */
  start: number
  end: number
}

/** One TLV at `offset` of a well-formed message (definite lengths). */
function element(buf: Buffer, offset: number): Element {
  let length = buf[offset + 1]!
  let start = offset + 2
  if (length & 0x80) {
    const count = length & 0x7f
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + buf[start + i]!
    start += count
  }
  return {tag: buf[offset]!, at: offset, start, end: start + length}
}

function children(buf: Buffer, parent: Element): Element[] {
  const out: Element[] = []
  for (let offset = parent.start; offset < parent.end; offset = out[out.length - 1]!.end) out.push(element(buf, offset))
  return out
}

/** Version, community and request-id of a well-formed SNMPv1/v2c message. */
export function readMessage(buf: Buffer): {version: number; community: string; pduType: number; requestId: number} {
  const [version, community, pdu] = children(buf, element(buf, 0))
  const [requestId] = children(buf, pdu!)
  return {
    version: buf.readUIntBE(version!.start, version!.end - version!.start),
    community: buf.toString('latin1', community!.start, community!.end),
    pduType: pdu!.tag,
    requestId: buf.readUIntBE(requestId!.start, requestId!.end - requestId!.start),
  }
}

/** A captured answer re-encoded with another request-id (everything else unchanged). */
export function withRequestId(answer: Buffer, requestId: number): Buffer {
  const [version, community, pdu] = children(answer, element(answer, 0))
  const [, ...rest] = children(answer, pdu!)
  const whole = (e: Element) => answer.subarray(e.at, e.end)
  const body = Buffer.concat([berInt(requestId), ...rest.map(whole)])
  return tlv(0x30, Buffer.concat([whole(version!), whole(community!), tlv(pdu!.tag, body)]))
}

export interface Responder {
  port: number
  requests: number
  close(): void
}

/** A UDP "agent" on 127.0.0.1 answering each request with what `answer` returns (nothing for null). */
export async function startResponder(answer: (request: Buffer, from: dgram.RemoteInfo) => Buffer[] | Buffer | null): Promise<Responder> {
  const socket = dgram.createSocket('udp4')
  const responder: Responder = {port: 0, requests: 0, close: () => socket.close()}
  socket.on('message', (message, rinfo) => {
    responder.requests++
    let replies: Buffer[] | Buffer | null
    try {
      replies = answer(message, rinfo)
    } catch {
      return
    }
    for (const reply of replies === null ? [] : Array.isArray(replies) ? replies : [replies]) socket.send(reply, rinfo.port, rinfo.address, () => undefined)
  })
  socket.on('error', () => undefined)
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()))
  responder.port = socket.address().port
  return responder
}
