// mdns-hostile: an mDNS / DNS-SD responder (RFC 6762, RFC 6763) on 0.0.0.0:5353, joined to
// 224.0.0.251 on the device's address (TTL 1), whose names are hostile: ANSI and OSC escape
// sequences, HTML, a bidi override, C1 controls, invalid UTF-8, 10 KB label chains and TXT
// records of ~10 KB, a compression loop and counts that exceed the packet. It answers the
// one-shot "legacy unicast" queries homeaudit sends (RFC 6762 section 6.7: unicast to the
// asker's port, the query ID and questions echoed) and multicast queries from port 5353.
// Packets are encoded by hand (not with dns-packet) so that labels can hold any byte.
import dgram from 'node:dgram'

const GROUP = '224.0.0.251'
const PORT = 5353
const TYPE = {A: 1, PTR: 12, TXT: 16, SRV: 33}

const ESC = '\x1b'
const BEL = '\x07'
/** Instance names (one DNS label each, at most 63 bytes): what a hostile device calls itself. */
export const HOSTILE_INSTANCES = [
  `${ESC}[31mEVIL${ESC}[0m phone`,
  `${ESC}]0;pwned${BEL}title`,
  `${ESC}]8;;http://evil/${BEL}link${ESC}]8;;${BEL}`,
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u202Egnp.exe\u202C iPhone',
  '\u009b31mC1-CSI\u0085NEL',
  Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x45, 0x76, 0x69, 0x6c, 0x80, 0xed, 0xa0, 0x80]),
]
export const HOSTILE_HOSTNAME = `${ESC}[2J${ESC}[31mEVIL${ESC}[0m-<b>host</b>`
const TYPES = ['_companion-link._tcp', '_device-info._tcp', '_http._tcp', '_airplay._tcp']

const label = (l) => {
  const b = Buffer.isBuffer(l) ? l : Buffer.from(l, 'utf8')
  if (b.length > 63) throw new Error('label too long')
  return Buffer.concat([Buffer.from([b.length]), b])
}
/** A name from labels (strings are split on dots; Buffers are one label each). */
const nameOf = (...parts) => Buffer.concat([...parts.flatMap((p) => (Buffer.isBuffer(p) ? [label(p)] : p.split('.').filter(Boolean).map(label))), Buffer.from([0])])
const u16 = (n) => Buffer.from([n >> 8, n & 0xff])
const u32 = (n) => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff])
const rr = (name, type, rdata) => Buffer.concat([name, u16(type), u16(1), u32(10), u16(rdata.length), rdata])
const header = (id, qd, an, ar) => Buffer.concat([u16(id), u16(0x8400), u16(qd), u16(an), u16(0), u16(ar)])
const txt = (strings) => Buffer.concat(strings.map((s) => label2(s)))
const label2 = (s) => {
  const b = Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8')
  return Buffer.concat([Buffer.from([Math.min(b.length, 255)]), b.subarray(0, 255)])
}
const ipBytes = (ip) => Buffer.from(ip.split('.').map(Number))
const instanceName = (i, type) => nameOf(Buffer.from(HOSTILE_INSTANCES[i % HOSTILE_INSTANCES.length]), `${type}.local`)
const hostName = () => nameOf(Buffer.from(HOSTILE_HOSTNAME), 'local')

function parseQuestions(msg) {
  const questions = []
  const count = msg.readUInt16BE(4)
  let off = 12
  for (let q = 0; q < Math.min(count, 64); q++) {
    const labels = []
    const start = off
    for (;;) {
      const len = msg[off]
      if (len === undefined || len >= 0xc0) throw new Error('unsupported name')
      off += 1
      if (len === 0) break
      labels.push(msg.toString('latin1', off, off + len))
      off += len
    }
    questions.push({name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(off), raw: msg.subarray(start, off + 4)})
    off += 4
  }
  return questions
}

/** The TXT strings of one instance: identifying keys with hostile values, then filler up to `size` bytes. */
function txtRecord(size) {
  const strings = [`model=${ESC}[31mEVIL${ESC}]0;pwned${BEL}<script>alert(1)</script>`, `fn=<img src=x onerror=alert(1)>\u202Eevil`, Buffer.concat([Buffer.from('md='), Buffer.from([0xff, 0xfe, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xc3])])]
  let n = 0
  while (strings.reduce((a, s) => a + 1 + Math.min(255, Buffer.byteLength(s)), 0) < size) strings.push(`x${n++}=${'\x1b[5m'.repeat(60)}`.slice(0, 250))
  return txt(strings)
}

/** Answers to the questions homeaudit asks; unknown questions get nothing. */
function answersFor(questions, ip) {
  const answers = []
  const additionals = []
  const reverse = `${ip.split('.').reverse().join('.')}.in-addr.arpa`
  for (const q of questions) {
    if (q.type === TYPE.PTR && q.name === '_services._dns-sd._udp.local') {
      for (const t of TYPES) answers.push(rr(q.raw.subarray(0, q.raw.length - 4), TYPE.PTR, nameOf(`${t}.local`)))
    } else if (q.type === TYPE.PTR && q.name === reverse) {
      answers.push(rr(nameOf(reverse), TYPE.PTR, hostName()))
    } else if (q.type === TYPE.PTR && TYPES.some((t) => q.name === `${t}.local`)) {
      const type = TYPES.find((t) => q.name === `${t}.local`)
      HOSTILE_INSTANCES.forEach((_, i) => {
        answers.push(rr(nameOf(`${type}.local`), TYPE.PTR, instanceName(i, type)))
        // Half of the instances come with SRV and TXT; the others make homeaudit ask again.
        if (i % 2 === 0) {
          additionals.push(rr(instanceName(i, type), TYPE.SRV, Buffer.concat([u16(0), u16(0), u16(7000), hostName()])))
          additionals.push(rr(instanceName(i, type), TYPE.TXT, txtRecord(200)))
        }
      })
      additionals.push(rr(hostName(), TYPE.A, ipBytes(ip)))
    } else if (q.type === TYPE.SRV || q.type === TYPE.TXT) {
      const name = q.raw.subarray(0, q.raw.length - 4)
      answers.push(q.type === TYPE.SRV ? rr(name, TYPE.SRV, Buffer.concat([u16(0), u16(0), u16(7000), hostName()])) : rr(name, TYPE.TXT, txtRecord(400)))
    } else if (q.type === TYPE.A && q.name.endsWith('.local')) {
      answers.push(rr(q.raw.subarray(0, q.raw.length - 4), TYPE.A, ipBytes(ip)))
    }
  }
  return {answers, additionals}
}

/** Packets that are hostile as packets: oversized, undecodable, or lying about their counts. */
function hostilePackets(id, ip) {
  const a = ipBytes(ip)
  // A 10 KB chain of 63-byte labels (DNS allows 255 bytes in all): alone in its datagram.
  const chain = (n) => nameOf(...Array.from({length: n}, (_, i) => Buffer.from(`${ESC}[3${i % 8}m`.padEnd(63, String.fromCharCode(0x41 + (i % 26))))), 'local')
  const longChain = Buffer.concat([header(id, 0, 1, 0), rr(chain(160), TYPE.A, a)])
  // A chain of ~4 KB: under the 9000-byte mDNS limit, but still far beyond a DNS name's 255.
  const midChain = Buffer.concat([header(id, 0, 1, 0), rr(chain(64), TYPE.A, a)])
  const instance = instanceName(0, '_device-info._tcp')
  // TXT of ~10 KB (over the 9000-byte limit) and of ~8.5 KB (under it).
  const hugeTxt = Buffer.concat([header(id, 0, 1, 0), rr(instance, TYPE.TXT, txtRecord(10_000))])
  const bigTxt = Buffer.concat([header(id, 0, 1, 0), rr(instance, TYPE.TXT, txtRecord(8400))])
  // A name that points at itself (a compression loop), and a packet claiming 65535 answers.
  const loop = Buffer.concat([header(id, 0, 1, 0), Buffer.from([0xc0, 12]), u16(TYPE.A), u16(1), u32(10), u16(4), a])
  const liar = Buffer.concat([header(id, 0, 0xffff, 0xffff), rr(hostName(), TYPE.A, a)])
  // A name whose labels hold C0 controls, DEL, NUL and raw 0x80-0xff bytes.
  const raw = Buffer.concat([header(id, 0, 1, 0), rr(nameOf(Buffer.from([0x00, 0x01, 0x07, 0x08, 0x0d, 0x7f, 0x80, 0x9b, 0xff]), 'local'), TYPE.A, a)])
  return [longChain, midChain, hugeTxt, bigTxt, loop, liar, raw]
}

export async function start(ip, log) {
  const socket = dgram.createSocket({type: 'udp4', reuseAddr: true})
  let queries = 0
  socket.on('error', (error) => log('socket error', error.message))
  socket.on('message', (msg, rinfo) => {
    let questions
    try {
      if (msg.length < 12 || msg[2] & 0x80) return // not a query
      questions = parseQuestions(msg)
    } catch {
      return
    }
    queries++
    const id = rinfo.port === PORT ? 0 : msg.readUInt16BE(0)
    const to = rinfo.port === PORT ? {port: PORT, address: GROUP} : {port: rinfo.port, address: rinfo.address}
    const packets = []
    // One answer per question (all of them together would exceed the 9000-byte mDNS limit).
    for (const q of questions) {
      const {answers, additionals} = answersFor([q], ip)
      if (!answers.length) continue
      // Legacy unicast: echo the question (RFC 6762 section 6.7).
      const echo = rinfo.port === PORT ? [] : [q.raw]
      packets.push(Buffer.concat([header(id, echo.length, answers.length, additionals.length), ...echo, ...answers, ...additionals]))
    }
    if (questions.some((q) => q.name === '_services._dns-sd._udp.local')) packets.push(...hostilePackets(id, ip))
    for (const p of packets) socket.send(p, to.port, to.address, (error) => error && log('send', p.length, 'bytes failed:', error.message))
    if (queries <= 20 || queries % 100 === 0) log(`query ${queries} from ${rinfo.address}:${rinfo.port}: ${questions.length} questions, ${packets.length} answers sent`)
  })
  await new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(PORT, '0.0.0.0', () => {
      socket.removeListener('error', reject)
      resolve()
    })
  })
  socket.addMembership(GROUP, ip)
  socket.setMulticastInterface(ip)
  socket.setMulticastTTL(1)
  socket.setMulticastLoopback(false)
}
