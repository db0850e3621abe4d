// ftp-endless-banner: an FTP server on TCP 21 whose "220-" greeting (RFC 959 multi-line reply)
// never ends. Connections take turns: lines written as fast as the client reads them, one line
// every 100 ms, or a single line that never ends. The lines carry ESC sequences and HTML.
// Nothing the client sends is answered.
import net from 'node:net'
import {listenTcp} from '../lib/listen.mjs'

const PORT = 21
const ESC = '\x1b'
export const BANNER_LINE = `220-${ESC}[31mWelcome${ESC}[0m <script>alert(1)</script> ${ESC}]0;pwned\x07 \u202Eevil`

export const MODES = [
  ['fast: lines as fast as the client reads', (socket) => {
    let n = 0
    const pump = () => {
      while (!socket.destroyed && socket.write(`${BANNER_LINE} ${n++}\r\n`));
    }
    socket.on('drain', pump)
    pump()
  }],
  ['slow: one line every 100 ms', (socket) => {
    let n = 0
    const timer = setInterval(() => !socket.destroyed && socket.write(`${BANNER_LINE} ${n++}\r\n`), 100)
    socket.on('close', () => clearInterval(timer))
  }],
  ['one line that never ends', (socket) => {
    socket.write(BANNER_LINE)
    const timer = setInterval(() => !socket.destroyed && socket.writableLength < 65536 && socket.write(`${ESC}[31m<b>more</b>`.repeat(64)), 10)
    socket.on('close', () => clearInterval(timer))
  }],
]

/** Listen on ip:port (the lab: 0 = any free port, for the unit tests); resolves to {port, close}. */
export async function start(ip, log, port = PORT) {
  let connections = 0
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined)
    socket.on('data', () => undefined)
    const [what, act] = MODES[connections++ % MODES.length]
    if (connections <= 50 || connections % 100 === 0) log(`connection ${connections} from ${socket.remoteAddress}: ${what}`)
    act(socket)
  })
  return listenTcp(server, ip, port, log)
}
