import dgram from 'node:dgram'
import type {ScanScope} from '../../scope/scope-guard.js'

/**
 * A `dgram`-compatible module whose sockets refuse to send outside the scan scope. Libraries
 * that accept a `dgramModule` (net-snmp) get this one, so the scope guard stays at the socket.
 */
export function guardedDgram(scope: ScanScope): Pick<typeof dgram, 'createSocket'> {
  return {
    createSocket: ((...args: Parameters<typeof dgram.createSocket>) => {
      const socket = dgram.createSocket(...args)
      const send = socket.send.bind(socket) as (...a: unknown[]) => void
      socket.send = ((...a: unknown[]) => {
        // send(msg, [offset, length,] port, address, callback)
        const address = a.find((v, i) => i > 0 && typeof v === 'string') as string | undefined
        if (address === undefined || !scope.allows(address)) {
          const callback = a.findLast((v) => typeof v === 'function') as ((e: Error) => void) | undefined
          const error = new Error(`address ${address ?? '(none)'} is outside the scan scope ${scope.toString()}`)
          if (callback) queueMicrotask(() => callback(error))
          else socket.emit('error', error)
          return
        }
        send(...a)
      }) as typeof socket.send
      return socket
    }) as typeof dgram.createSocket,
  }
}
