// smb-hostile: an "SMB server" on TCP 445 (direct-hosted SMB, MS-SMB2 2.1) that never lets a
// client finish. Each connection gets one misbehaviour, chosen by the first message and a
// counter: an SMB1 NEGOTIATE (0xFF 'SMB') gets one of SMB1_MODES, an SMB2 NEGOTIATE (0xFE 'SMB')
// one of SMB2_MODES (responses that are truncated or whose offsets point outside the packet,
// an endless stream of STATUS_PENDING interim responses, a NEGOTIATE never answered while
// keep-alives flow forever, a NetBIOS length of 16 MB, a flood of answers to other message IDs,
// a SESSION_SETUP whose security buffer lies outside the message). Connections that send
// nothing (port checks) are left alone.
import net from 'node:net'
import {listenTcp} from '../lib/listen.mjs'

const PORT = 445
const SMB2 = 0x424d53fe
const SMB1 = 0x424d53ff

const frame = (message) => {
  const h = Buffer.alloc(4)
  h.writeUInt32BE(message.length)
  return Buffer.concat([h, message])
}

/** An SMB2 response header answering `request` (its command and message ID). */
function header(request, {status = 0, async = false, messageId, sessionId = 0n} = {}) {
  const h = Buffer.alloc(64)
  h.writeUInt32LE(SMB2, 0)
  h.writeUInt16LE(64, 4)
  h.writeUInt32LE(status >>> 0, 8)
  h.writeUInt16LE(request.readUInt16LE(12), 12)
  h.writeUInt16LE(1, 14) // one credit
  h.writeUInt32LE(0x1 | (async ? 0x2 : 0), 16) // SERVER_TO_REDIR (| ASYNC_COMMAND)
  h.writeBigUInt64LE(messageId ?? request.readBigUInt64LE(24), 24)
  if (async) h.writeBigUInt64LE(0x4242n, 32)
  h.writeBigUInt64LE(sessionId, 40)
  return h
}

/** A NEGOTIATE response choosing SMB 2.1, with the security buffer where `offset` says. */
function negotiateResponse(request, {offset = 128, length = 0} = {}) {
  const body = Buffer.alloc(64)
  body.writeUInt16LE(65, 0)
  body.writeUInt16LE(0x0001, 2) // signing enabled
  body.writeUInt16LE(0x0210, 4)
  Buffer.from('hostile-smb-guid').copy(body, 8)
  body.writeUInt32LE(65536, 28)
  body.writeUInt32LE(65536, 32)
  body.writeUInt32LE(65536, 36)
  body.writeUInt16LE(offset, 56)
  body.writeUInt16LE(length, 58)
  return Buffer.concat([header(request), body])
}

/** A STATUS_PENDING interim response (async). */
const pending = (request) => Buffer.concat([header(request, {status: 0x103, async: true}), Buffer.from([9, 0, 0, 0, 0, 0, 0, 0, 0])])

/** [what it is, what to do with the connection after the first message]. */
export const SMB2_MODES = [
  ['a NEGOTIATE response whose security buffer lies outside the packet', (socket, request) => socket.write(frame(negotiateResponse(request, {offset: 0xfff0, length: 0x1000})))],
  ['an endless stream of STATUS_PENDING interim responses', (socket, request) => every(socket, 20, () => socket.write(frame(pending(request))))],
  ['a NEGOTIATE never answered, NetBIOS keep-alives forever', (socket) => every(socket, 200, () => socket.write(Buffer.from([0x85, 0, 0, 0])))],
  ['a response truncated: 200 bytes declared, 100 sent', (socket, request) => socket.write(frameHead(negotiateResponse(request), 200, 100))],
  ['a NetBIOS length of 16 MB', (socket, request) => socket.write(Buffer.concat([Buffer.from([0x00, 0xff, 0xff, 0xff]), negotiateResponse(request)]))],
  ['a 40-byte SMB2 message (a header cut short)', (socket, request) => socket.write(frame(negotiateResponse(request).subarray(0, 40)))],
  ['a flood of answers to other message IDs', (socket, request) => {
    for (let i = 1; i <= 100; i++) socket.write(frame(negotiateResponse(request).fill(0, 24, 32).fill(i, 24, 25)))
  }],
  ['a SESSION_SETUP response whose security buffer lies outside the message', (socket, request, next) => {
    socket.write(frame(negotiateResponse(request)))
    next((setup) => {
      const body = Buffer.from([9, 0, 0, 0, 0xf0, 0xff, 0x00, 0x10])
      socket.write(frame(Buffer.concat([header(setup, {status: 0xc0000016, sessionId: 0x1234n}), body])))
    })
  }],
]

export const SMB1_MODES = [
  ['a NetBIOS length of 16 MB', (socket) => socket.write(Buffer.from([0x00, 0xff, 0xff, 0xff, 0xff, 0x53, 0x4d, 0x42]))],
  ['a response truncated, then the connection closed', (socket) => socket.end(Buffer.concat([Buffer.from([0, 0, 0, 100]), Buffer.from([0xff, 0x53, 0x4d, 0x42, 0x72]), Buffer.alloc(30)]))],
  ['silence', () => undefined],
]

/** A frame whose NetBIOS header declares `declared` bytes, of which `sent` follow. */
function frameHead(message, declared, sent) {
  const h = Buffer.alloc(4)
  h.writeUInt32BE(declared)
  return Buffer.concat([h, message]).subarray(0, 4 + sent)
}

function every(socket, ms, fn) {
  const timer = setInterval(() => {
    if (socket.destroyed || socket.writableLength > 1024 * 1024) return
    fn()
  }, ms)
  socket.on('close', () => clearInterval(timer))
}

/** Listen on ip:port (the lab: 0 = any free port, for the unit tests); resolves to {port, close}. */
export async function start(ip, log, port = PORT) {
  let smb1 = 0
  let smb2 = 0
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined)
    let buffered = Buffer.alloc(0)
    let onMessage = null
    let started = false
    socket.on('data', (data) => {
      buffered = Buffer.concat([buffered, data]).subarray(0, 1 << 20)
      while (buffered.length >= 4 && buffered.length >= 4 + (buffered.readUInt32BE(0) & 0xffffff)) {
        const message = buffered.subarray(4, 4 + (buffered.readUInt32BE(0) & 0xffffff))
        buffered = buffered.subarray(4 + message.length)
        if (message.length < 4 || (message.length < 64 && message.readUInt32LE(0) !== SMB1)) continue
        if (onMessage) {
          const f = onMessage
          onMessage = null
          f(message)
          continue
        }
        if (started) continue
        started = true
        const next = (f) => (onMessage = f)
        if (message.readUInt32LE(0) === SMB1) {
          const [what, act] = SMB1_MODES[smb1++ % SMB1_MODES.length]
          log(`SMB1 NEGOTIATE from ${socket.remoteAddress}: ${what}`)
          act(socket, message, next)
        } else if (message.readUInt32LE(0) === SMB2) {
          const [what, act] = SMB2_MODES[smb2++ % SMB2_MODES.length]
          log(`SMB2 NEGOTIATE from ${socket.remoteAddress}: ${what}`)
          act(socket, message, next)
        }
      }
    })
  })
  return listenTcp(server, ip, port, log)
}
