// snmp-malformed: an SNMP agent on UDP 161 that answers GET requests (RFC 1157, RFC 3416) with
// what a broken or hostile agent sends. What it answers depends on the request:
//   v2c "public":  malformed BER, a different kind on each request (the list MALFORMED below:
//                  wrong and huge lengths, indefinite length, deep nesting, truncation, a
//                  wrong request-id, a wrong PDU type, too few varbinds, oversized integers,
//                  OIDs with sub-identifiers of 2^64, garbage);
//   v2c "private": a flood of 300 well-formed answers, none with the request's ID;
//   v1 "public":   a well-formed answer with weird values: sysDescr with ESC sequences and
//                  HTML, a 64,000-byte sysContact, a sysObjectID of 128 sub-identifiers (the
//                  most RFC 2578 allows), each 2^32-1, invalid UTF-8,
//                  a bidi override and C1 controls;
//   v1 other:      error-status genErr with an error-index out of range.
import dgram from 'node:dgram'

const PORT = 161
const ESC = '\x1b'

// ------------------------------------------------------------------- BER, by hand
function lengthBytes(n) {
  if (n < 0x80) return Buffer.from([n])
  const bytes = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}
const tlv = (tag, content) => Buffer.concat([Buffer.from([tag]), lengthBytes(content.length), content])
const seq = (...items) => tlv(0x30, Buffer.concat(items))
function int(value) {
  let v = BigInt(value)
  const bytes = []
  do {
    bytes.unshift(Number(v & 0xffn))
    v >>= 8n
  } while (v !== 0n && v !== -1n)
  if (value >= 0 && bytes[0] & 0x80) bytes.unshift(0)
  if (value < 0 && !(bytes[0] & 0x80)) bytes.unshift(0xff)
  return tlv(0x02, Buffer.from(bytes))
}
const str = (s) => tlv(0x04, Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8'))
function oid(dotted) {
  const parts = dotted.split('.').map((p) => BigInt(p))
  const subids = [parts[0] * 40n + parts[1], ...parts.slice(2)]
  const bytes = []
  for (const sub of subids) {
    const chunk = []
    let v = sub
    do {
      chunk.unshift(Number(v & 0x7fn))
      v >>= 7n
    } while (v > 0n)
    bytes.push(...chunk.map((b, i) => (i < chunk.length - 1 ? b | 0x80 : b)))
  }
  return tlv(0x06, Buffer.from(bytes))
}
const NULL = Buffer.from([0x05, 0x00])

/** Read one TLV at `off` (definite lengths only, as net-snmp sends). */
function read(buf, off) {
  const tag = buf[off]
  let len = buf[off + 1]
  let start = off + 2
  if (len & 0x80) {
    const n = len & 0x7f
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]
    start += n
  }
  if (tag === undefined || start + len > buf.length) throw new Error('bad TLV')
  return {tag, start, end: start + len}
}
function children(buf, {start, end}) {
  const out = []
  for (let off = start; off < end; ) {
    const t = read(buf, off)
    out.push(t)
    off = t.end
  }
  return out
}
function decodeOid(bytes) {
  const subids = []
  let v = 0n
  for (const b of bytes) {
    v = (v << 7n) | BigInt(b & 0x7f)
    if (!(b & 0x80)) {
      subids.push(v)
      v = 0n
    }
  }
  const first = subids.shift() ?? 0n
  return [first / 40n, first % 40n, ...subids].join('.')
}

/** The request's version, community, PDU type, request-id (as bytes) and OIDs. */
function parseRequest(buf) {
  const [version, community, pdu] = children(buf, read(buf, 0))
  const [reqId, , , list] = children(buf, pdu)
  return {
    version: buf.readIntBE(version.start, version.end - version.start),
    community: buf.toString('latin1', community.start, community.end),
    pduType: pdu.tag,
    reqId: buf.readIntBE(reqId.start, reqId.end - reqId.start),
    oids: children(buf, list).map((vb) => decodeOid(buf.subarray(children(buf, vb)[0].start, children(buf, vb)[0].end))),
  }
}

// ------------------------------------------------------------------- answers
const response = (r, varbinds, {reqId = r.reqId, pduType = 0xa2, errorStatus = 0, errorIndex = 0} = {}) =>
  seq(int(r.version), str(r.community), tlv(pduType, Buffer.concat([int(reqId), int(errorStatus), int(errorIndex), seq(...varbinds)])))
const plainVarbinds = (r) => r.oids.map((o) => seq(oid(o), str('lab')))

/** Weird but well-formed values, by OID of the system group. */
const WEIRD = {
  '1.3.6.1.2.1.1.1.0': str(`${ESC}[2J${ESC}[31mEVIL${ESC}[0m Router <script>alert(1)</script> ${ESC}]0;pwned\x07${ESC}]8;;http://evil/\x07click${ESC}]8;;\x07 Ver.9.9.9`),
  '1.3.6.1.2.1.1.2.0': oid(`1.3.6.1.4.1${'.4294967295'.repeat(122)}`),
  '1.3.6.1.2.1.1.4.0': str(`${`${ESC}[5m<b>flood</b>`.repeat(4096)}`.slice(0, 64_000)),
  '1.3.6.1.2.1.1.5.0': str(Buffer.concat([Buffer.from('\u202Eevil-', 'utf8'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80]), Buffer.from('<img src=x onerror=alert(1)>')])),
  '1.3.6.1.2.1.1.6.0': str('\u009b31m\u0085\u008d\u0090C1 controls\u009c'),
}

/** One malformation per entry: [what it is, how to build it from the parsed request]. */
export const MALFORMED = [
  ['outer length longer than the packet', (r) => {
    const p = response(r, plainVarbinds(r))
    return Buffer.concat([Buffer.from([0x30, 0x82]), Buffer.from([(p.length + 100) >> 8, (p.length + 100) & 0xff]), p.subarray(p[1] & 0x80 ? 2 + (p[1] & 0x7f) : 2)])
  }],
  ['indefinite length', (r) => {
    const p = response(r, plainVarbinds(r))
    return Buffer.concat([Buffer.from([0x30, 0x80]), p.subarray(p[1] & 0x80 ? 2 + (p[1] & 0x7f) : 2), Buffer.from([0, 0])])
  }],
  ['10,000 nested sequences as the varbind list', (r) => {
    let nested = NULL
    for (let i = 0; i < 10_000; i++) nested = Buffer.concat([Buffer.from([0x30]), lengthBytes(nested.length), nested])
    return seq(int(r.version), str(r.community), tlv(0xa2, Buffer.concat([int(r.reqId), int(0), int(0), nested])))
  }],
  ['a community string declaring 2 GB', (r) => Buffer.concat([Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]), int(r.version), Buffer.from([0x04, 0x84, 0x7f, 0xff, 0xff, 0xff]), Buffer.from(r.community)])],
  ['truncated in the middle of a varbind', (r) => {
    const p = response(r, plainVarbinds(r))
    return p.subarray(0, Math.floor(p.length * 0.6))
  }],
  ['a wrong request-id', (r) => response(r, plainVarbinds(r), {reqId: (r.reqId + 1) & 0x7fffffff})],
  ['a length of 15 length bytes', (r) => Buffer.concat([Buffer.from([0x30, 0x8f]), Buffer.alloc(15, 0xff), int(r.version), str(r.community)])],
  ['a SetRequest PDU instead of a Response', (r) => response(r, plainVarbinds(r), {pduType: 0xa3})],
  ['fewer varbinds than asked', (r) => response(r, plainVarbinds(r).slice(0, 1))],
  ['a 9-byte request-id', (r) => seq(int(r.version), str(r.community), tlv(0xa2, Buffer.concat([tlv(0x02, Buffer.alloc(9, 0x7f)), int(0), int(0), seq(...plainVarbinds(r))])))],
  ['an IpAddress of 7 bytes and a zero-length INTEGER', (r) => response(r, [seq(oid(r.oids[0]), tlv(0x40, Buffer.alloc(7, 1))), seq(oid(r.oids[1] ?? r.oids[0]), Buffer.from([0x02, 0x00]))])],
  ['an OID value with sub-identifiers of 2^64 and 2^128', (r) => response(r, r.oids.map((o) => seq(oid(o), oid('1.3.6.1.4.1.18446744073709551616.340282366920938463463374607431768211457.4294967296.0'))))],
  ['random bytes', () => Buffer.from(Array.from({length: 300}, (_, i) => (i * 193 + 71) & 0xff))],
]

/** Listen on ip:port (the lab: 0 = any free port, for the unit tests); resolves to {port, close}. */
export async function start(ip, log, port = PORT) {
  const socket = dgram.createSocket({type: 'udp4'})
  let malformed = 0
  socket.on('error', (error) => log('socket error', error.message))
  const send = (p, rinfo) => socket.send(p, rinfo.port, rinfo.address, (error) => error && log('send', p.length, 'bytes failed:', error.message))
  socket.on('message', (msg, rinfo) => {
    let r
    try {
      r = parseRequest(msg)
    } catch {
      return log(`unparsable request of ${msg.length} bytes from ${rinfo.address}`)
    }
    if (r.version === 1 && r.community === 'public') {
      const [what, build] = MALFORMED[malformed++ % MALFORMED.length]
      log(`v2c public request ${r.reqId}: answering with ${what}`)
      send(build(r), rinfo)
    } else if (r.version === 1) {
      log(`v2c ${JSON.stringify(r.community)} request ${r.reqId}: a flood of 300 answers with other IDs`)
      for (let i = 1; i <= 300; i++) send(response(r, plainVarbinds(r), {reqId: (r.reqId + i) & 0x7fffffff}), rinfo)
    } else if (r.version === 0 && r.community === 'public') {
      log(`v1 public request ${r.reqId}: weird values`)
      send(response(r, r.oids.map((o) => seq(oid(o), WEIRD[o] ?? str(`${ESC}[31m${o}`)))), rinfo)
    } else {
      log(`v${r.version + 1} ${JSON.stringify(r.community)} request ${r.reqId}: genErr, error-index 200`)
      send(response(r, plainVarbinds(r), {errorStatus: 5, errorIndex: 200}), rinfo)
    }
  })
  await new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(port, ip, () => {
      socket.removeListener('error', reject)
      resolve()
    })
  })
  return {port: socket.address().port, close: () => socket.close()}
}
