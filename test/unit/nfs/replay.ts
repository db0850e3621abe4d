import {EventEmitter} from 'node:events'
import {RecordDecoder, recordMark} from '../../../src/gather/probes/nfs/rpc.js'
import {type Connector, RpcError, type SocketLike} from '../../../src/gather/probes/nfs/rpc-client.js'

/** What the fake server does on a port: answer each call with the next reply, or stay silent. */
export type Script = Buffer[] | 'silent' | 'refused'

/**
 * A connector whose sockets answer each CALL with the next scripted reply (real captured RPC
 * messages), its xid rewritten to the call's, as the real server would. For the probe's logic
 * offline; the real servers are met in the lab e2e suite.
 */
export function replayConnector(scripts: Record<number, Script>, connects: number[] = []): Connector {
  return async (_ip, port) => {
    connects.push(port)
    const script = scripts[port] ?? 'refused'
    if (script === 'refused') throw new RpcError('refused', `port ${port} refused`)
    const replies = script === 'silent' ? [] : [...script]
    const emitter = new EventEmitter()
    const decoder = new RecordDecoder()
    let destroyed = false
    const socket: SocketLike = {
      on: (event: string, listener: (...args: never[]) => void) => emitter.on(event, listener as (...args: unknown[]) => void),
      write(data: Buffer) {
        const calls = decoder.push(data)
        if (!calls.ok) return
        for (const call of calls.value) {
          const reply = replies.shift()
          if (!reply) continue
          const answer = Buffer.from(reply)
          call.copy(answer, 0, 0, 4)
          setImmediate(() => !destroyed && emitter.emit('data', recordMark(answer)))
        }
      },
      destroy() {
        if (destroyed) return
        destroyed = true
        setImmediate(() => emitter.emit('close'))
      },
    }
    return socket
  }
}
