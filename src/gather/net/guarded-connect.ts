import {Socket} from 'node:net'
import type {ScanScope} from '../../scope/scope-guard.js'

export type ConnectFailure = 'timeout' | 'refused' | 'unreachable' | 'error'

/** Why a probe's TCP connection could not be made. */
export class ConnectError extends Error {
  override name = 'ConnectError'
  constructor(
    readonly kind: ConnectFailure,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Open a TCP connection for a protocol probe, through the scope guard (an address outside
 * the scope never gets a socket), with a connect timeout. Resolves with the connected socket,
 * which keeps a no-op 'error' listener so a late error is never unhandled; rejects with a
 * ConnectError saying what went wrong.
 */
export function guardedConnect(scope: ScanScope, ip: string, port: number, timeoutMs: number): Promise<Socket> {
  scope.assertAllows(ip)
  return new Promise((resolve, reject) => {
    const socket = new Socket()
    let done = false
    const finish = (error: ConnectError | null) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.removeAllListeners('connect')
      socket.removeAllListeners('error')
      socket.on('error', () => undefined)
      if (error) {
        socket.destroy()
        reject(error)
      } else resolve(socket)
    }
    const timer = setTimeout(() => finish(new ConnectError('timeout', `no TCP answer from ${ip}:${port} within ${timeoutMs} ms`)), timeoutMs)
    socket.once('connect', () => finish(null))
    socket.once('error', (err: NodeJS.ErrnoException) => {
      switch (err.code) {
        case 'ECONNREFUSED':
          return finish(new ConnectError('refused', `${ip}:${port} refused the connection`))
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
        case 'EHOSTDOWN':
          return finish(new ConnectError('unreachable', `${ip} is unreachable (${err.code})`))
        default:
          return finish(new ConnectError('error', `connecting to ${ip}:${port}: ${err.code ?? err.message}`))
      }
    })
    socket.connect({host: ip, port, noDelay: true})
  })
}
