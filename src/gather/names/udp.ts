import dgram from 'node:dgram'
import {EventEmitter} from 'node:events'
import {parseIpv4} from '../../scope/ipv4.js'
import type {ScanScope} from '../../scope/scope-guard.js'

/** 224.0.0.0/4 */
export function isMulticast(address: string): boolean {
  const value = parseIpv4(address)
  return value !== null && value >>> 28 === 0xe
}

/**
 * A UDP socket for the name probes whose every send asks the scope first: unicast only to
 * addresses inside it, multicast only under the scope guard's multicast rule (allowed group,
 * TTL 1, socket bound to the scanned interface's address). Incoming datagrams from outside the
 * scope are dropped before anyone parses them.
 */
export class GuardedUdp extends EventEmitter {
  readonly socket: dgram.Socket
  /** The multicast TTL this socket set; -1 until it sets one (then every multicast is refused). */
  private ttl = -1
  private closed = false
  /** Datagrams dropped because they came from outside the scope or were too large. */
  dropped = 0

  private constructor(
    private readonly scope: ScanScope,
    readonly maxDatagram: number,
  ) {
    super()
    this.socket = dgram.createSocket({type: 'udp4', reuseAddr: false})
    this.socket.on('error', (error) => this.emit('warning', error))
    this.socket.on('message', (message, rinfo) => {
      if (this.closed) return
      if (!this.scope.allows(rinfo.address) || message.length > this.maxDatagram) {
        this.dropped++
        return
      }
      this.emit('message', message, rinfo)
    })
  }

  /**
   * Open and bind a socket. With `multicast`, it is bound to the scope's interface address
   * (which must exist) with multicast TTL 1, loopback off; otherwise to that address when the
   * scope has one, else to any address. Port 0: an ephemeral port, never 5353/1900/137.
   */
  static async open(scope: ScanScope, options: {multicast?: boolean; maxDatagram?: number} = {}): Promise<GuardedUdp> {
    const udp = new GuardedUdp(scope, options.maxDatagram ?? 9000)
    const address = scope.interfaceAddress
    if (options.multicast && !address) throw new Error(`no multicast: the scope ${scope.toString()} does not cover the whole subnet of the interface it is scanned from`)
    await new Promise<void>((resolve, reject) => {
      udp.socket.once('error', reject)
      udp.socket.bind(0, address ?? undefined, () => {
        udp.socket.removeListener('error', reject)
        resolve()
      })
    })
    if (options.multicast) {
      udp.socket.setMulticastTTL(1)
      udp.socket.setMulticastLoopback(false)
      udp.socket.setMulticastInterface(address!)
      udp.ttl = 1
    }
    return udp
  }

  get boundAddress(): string | null {
    try {
      return this.socket.address().address
    } catch {
      return null
    }
  }

  /** Throws ScopeError (synchronously) when the destination is not allowed. */
  check(port: number, address: string): void {
    if (isMulticast(address)) this.scope.assertMulticast(address, port, {boundAddress: this.boundAddress, ttl: this.ttl})
    else this.scope.assertAllows(address)
  }

  send(message: Buffer, port: number, address: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve()
      try {
        this.check(port, address)
      } catch (error) {
        return reject(error)
      }
      this.socket.send(message, port, address, (error) => (error ? reject(error) : resolve()))
    })
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    try {
      this.socket.close()
    } catch {
      // already closed
    }
  }

  /**
   * A stand-in for a dgram socket, for libraries that take one (multicast-dns `socket`
   * option): its `send` goes through the scope check, its `message` events are the filtered
   * ones of this socket, and `accept` may veto a datagram before the library decodes it.
   */
  facade(accept: (message: Buffer, rinfo: dgram.RemoteInfo) => boolean = () => true): dgram.Socket {
    const facade = new EventEmitter() as EventEmitter & Record<string, unknown>
    this.on('message', (message: Buffer, rinfo: dgram.RemoteInfo) => {
      if (accept(message, rinfo)) facade.emit('message', message, rinfo)
    })
    this.on('warning', (error: Error) => facade.emit('error', error))
    facade.send = (message: Buffer, ...rest: unknown[]) => {
      // send(msg, [offset, length,] port, address, [callback])
      const callback = rest.findLast((v) => typeof v === 'function') as ((e: Error | null) => void) | undefined
      const numbers = rest.filter((v) => typeof v === 'number') as number[]
      const port = numbers.length >= 3 ? numbers[2]! : numbers[0]!
      const address = rest.find((v) => typeof v === 'string') as string | undefined
      if (address === undefined) {
        queueMicrotask(() => callback?.(new Error('no destination address')))
        return
      }
      const payload = numbers.length >= 3 ? message.subarray(numbers[0]!, numbers[0]! + numbers[1]!) : message
      this.send(payload, port, address).then(
        () => callback?.(null),
        (error: Error) => callback?.(error),
      )
    }
    facade.close = (callback?: () => void) => {
      this.close()
      if (callback) queueMicrotask(callback)
    }
    facade.address = () => this.socket.address()
    return facade as unknown as dgram.Socket
  }
}
