import {Socket} from 'node:net'
import type {ScanScope} from '../../scope/scope-guard.js'

/**
 * Open a TCP connection for a protocol probe, through the scope guard (an address outside
 * the scope never gets a socket), with a connect timeout. Resolves with the connected socket
 * or rejects with a short reason.
 */
export function guardedConnect(scope: ScanScope, ip: string, port: number, timeoutMs: number): Promise<Socket> {
  scope.assertAllows(ip)
  return new Promise((resolve, reject) => {
    const socket = new Socket()
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`connect to ${ip}:${port} timed out`))
    }, timeoutMs)
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      socket.destroy()
      reject(new Error(`connect to ${ip}:${port}: ${error.code ?? error.message}`))
    })
    socket.connect({host: ip, port, noDelay: true}, () => {
      clearTimeout(timer)
      socket.removeAllListeners('error')
      resolve(socket)
    })
  })
}
