import {Socket} from 'node:net'
import type {ScanScope} from '../../scope/scope-guard.js'

/**
 * The outcome of one TCP connect attempt:
 * - open: the handshake completed;
 * - closed: the host answered with a reset (so it is alive);
 * - unreachable: the OS gave up resolving or routing to it (no ARP answer);
 * - timeout: no answer within the time allowed (host absent, or a firewall drops SYNs).
 */
export type ConnectOutcome = 'open' | 'closed' | 'unreachable' | 'timeout' | 'error'

/**
 * Try one TCP connection, guarded by the scan scope: an address outside it is refused before
 * any socket exists. This is the only place homeaudit opens TCP connections during discovery.
 * Nothing is written on the connection; it is closed as soon as the handshake is known.
 */
export function tcpConnect(scope: ScanScope, ip: string, port: number, timeoutMs: number): Promise<ConnectOutcome> {
  scope.assertAllows(ip)
  return new Promise((resolve) => {
    const socket = new Socket()
    let done = false
    const finish = (outcome: ConnectOutcome) => {
      if (done) return
      done = true
      socket.destroy()
      resolve(outcome)
    }
    socket.setTimeout(timeoutMs, () => finish('timeout'))
    socket.once('connect', () => finish('open'))
    socket.once('error', (err: NodeJS.ErrnoException) => {
      switch (err.code) {
        case 'ECONNREFUSED':
          return finish('closed')
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
        case 'EHOSTDOWN':
          return finish('unreachable')
        case 'ETIMEDOUT':
          return finish('timeout')
        default:
          return finish('error')
      }
    })
    socket.connect({host: ip, port, noDelay: true})
  })
}
