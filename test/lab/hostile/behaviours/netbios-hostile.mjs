// netbios-hostile: a NetBIOS name service on UDP 137 that answers NODE STATUS requests
// (NBSTAT, RFC 1002 sections 4.2.17 and 4.2.18) with hostile answers. To each request it sends,
// in this order: a truncated answer, an answer whose name count exceeds the packet, one whose
// RDLENGTH points past the end, every third request an oversized (5 KB) answer, and last a
// well-formed answer whose names hold ESC sequences, HTML, control bytes and 0xFF bytes.
import dgram from 'node:dgram'

const PORT = 137
const ESC = '\x1b'

/** [15-byte name, suffix, group] of the well-formed answer; the first unique <00> is the host name. */
export const HOSTILE_NETBIOS_NAMES = [
  [Buffer.from(`${ESC}[31mEVIL${ESC}[0m`, 'latin1'), 0x00, false],
  [Buffer.from('<script>alert(', 'latin1'), 0x20, false],
  [Buffer.from(`${ESC}]0;pwned\x07`, 'latin1'), 0x03, false],
  [Buffer.from([0xff, 0xff, 0xfe, 0x45, 0x56, 0x49, 0x4c, 0x9b, 0x32, 0x4a]), 0x00, false],
  [Buffer.from([0x01, 0x02, 0x08, 0x0d, 0x0a, 0x7f, 0x41]), 0x00, false],
  [Buffer.from('<img src=x>', 'latin1'), 0x00, true],
]

const u16 = (n) => Buffer.from([n >> 8, n & 0xff])

function nameEntry([name, suffix, group]) {
  const entry = Buffer.alloc(18, 0x20)
  name.copy(entry, 0, 0, 15)
  entry[15] = suffix
  entry.writeUInt16BE((group ? 0x8000 : 0) | 0x0400, 16) // group flag, ACTIVE
  return entry
}

/** A NODE STATUS RESPONSE echoing the request's name; `count` may lie about the table. */
function answer(id, questionName, entries, {count = entries.length, rdlength, statistics = true} = {}) {
  const stats = Buffer.alloc(statistics ? 46 : 0)
  if (statistics) Buffer.from([0x24, 0x0a, 0xc4, 0x66, 0x00, 0x81]).copy(stats)
  const rdata = Buffer.concat([Buffer.from([count]), ...entries, stats])
  return Buffer.concat([u16(id), u16(0x8400), u16(0), u16(1), u16(0), u16(0), questionName, u16(0x21), u16(1), Buffer.alloc(4), u16(rdlength ?? rdata.length), rdata])
}

export async function start(ip, log) {
  const socket = dgram.createSocket({type: 'udp4', reuseAddr: true})
  let requests = 0
  socket.on('error', (error) => log('socket error', error.message))
  socket.on('message', (msg, rinfo) => {
    // A query (QR=0) with one question whose type is NBSTAT (0x21).
    if (msg.length < 50 || msg[2] & 0x80 || msg.readUInt16BE(4) !== 1 || msg[12] !== 32 || msg.readUInt16BE(46) !== 0x21) return
    requests++
    const id = msg.readUInt16BE(0)
    const questionName = msg.subarray(12, 46)
    const entries = HOSTILE_NETBIOS_NAMES.map(nameEntry)
    const good = answer(id, questionName, entries)
    const packets = [
      good.subarray(0, 12 + 34 + 10 + 1 + 18 * 2 + 7), // truncated in the middle of the name table
      answer(id, questionName, entries.slice(0, 3), {count: 255, statistics: false}), // 255 names claimed, 3 present
      answer(id, questionName, entries, {rdlength: 0xffff}), // RDLENGTH past the end of the packet
    ]
    if (requests % 3 === 1) packets.push(answer(id, questionName, Array.from({length: 255}, (_, i) => entries[i % entries.length]), {count: 255}).subarray(0, 5000))
    packets.push(good)
    for (const p of packets) socket.send(p, rinfo.port, rinfo.address, (error) => error && log('send failed:', error.message))
    if (requests <= 20 || requests % 100 === 0) log(`request ${requests} from ${rinfo.address}:${rinfo.port}: ${packets.length} answers sent`)
  })
  await new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(PORT, ip, () => {
      socket.removeListener('error', reject)
      resolve()
    })
  })
}
