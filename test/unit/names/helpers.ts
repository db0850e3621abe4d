import type dgram from 'node:dgram'
import {EventEmitter} from 'node:events'
import {readdirSync, readFileSync} from 'node:fs'
import makeMdns from 'multicast-dns'
import type {MdnsChannel} from '../../../src/gather/names/mdns.js'
import type {SsdpChannel} from '../../../src/gather/names/ssdp-multicast.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'

export const LAB_DIR = new URL('../../fixtures/names/lab/', import.meta.url)

export function fixture(name: string): Buffer {
  return readFileSync(new URL(name, LAB_DIR))
}

export function fixtures(prefix: string): Buffer[] {
  return readdirSync(LAB_DIR)
    .filter((f) => f.startsWith(prefix))
    .sort((a, b) => a.localeCompare(b, 'en', {numeric: true}))
    .map((f) => fixture(f))
}

/** The lab's subnet as a scan from the work PC sees it: the scope knows its interface. */
export function labScope(): ScanScope {
  return ScanScope.fromCidr('192.168.77.0/24').withInterface('192.168.77.10', '192.168.77.0/24')
}

export const LAB = {router: '192.168.77.1', pc: '192.168.77.10', family: '192.168.77.21', nas: '192.168.77.30', phone: '192.168.77.42'}

export interface Sent {
  message: Buffer
  port: number
  address: string
}

type Deliver = (datagram: Buffer, from: string, port?: number) => void

/**
 * A stand-in for the mDNS socket: records what multicast-dns sends and lets a test answer
 * with datagrams "from" any address; nothing touches the network.
 */
export class FakeMdnsChannel implements MdnsChannel {
  readonly sent: Sent[] = []
  dropped = 0
  closed = false
  private deliverTo: Deliver = () => undefined

  constructor(private readonly onSend: (sent: Sent, deliver: Deliver, count: number) => void = () => undefined) {}

  deliver(datagram: Buffer, from: string, port = 5353): void {
    this.deliverTo(datagram, from, port)
  }

  facade(accept: (message: Buffer, rinfo: dgram.RemoteInfo) => boolean): dgram.Socket {
    const facade = new EventEmitter() as EventEmitter & Record<string, unknown>
    this.deliverTo = (datagram, from, port = 5353) => {
      if (this.closed) return
      const rinfo = {address: from, port, family: 'IPv4', size: datagram.length} as dgram.RemoteInfo
      if (accept(datagram, rinfo)) facade.emit('message', datagram, rinfo)
    }
    facade.send = (message: Buffer, offset: number, length: number, port: number, address: string, callback?: (e: Error | null) => void) => {
      const sent = {message: Buffer.from(message.subarray(offset, offset + length)), port, address}
      this.sent.push(sent)
      queueMicrotask(() => callback?.(null))
      this.onSend(sent, (d, f, p) => this.deliverTo(d, f, p), this.sent.length)
    }
    facade.close = (callback?: () => void) => {
      this.closed = true
      if (callback) queueMicrotask(callback)
    }
    return facade as unknown as dgram.Socket
  }

  close(): void {
    this.closed = true
  }
}

/** A stand-in for the SSDP socket. */
export class FakeSsdpChannel extends EventEmitter implements SsdpChannel {
  readonly sent: Sent[] = []
  dropped = 0
  closed = false

  constructor(private readonly onSend: (sent: Sent, channel: FakeSsdpChannel) => void = () => undefined) {
    super()
  }

  deliver(datagram: Buffer | string, from: string, port = 1900): void {
    if (!this.closed) this.emit('message', Buffer.from(datagram), {address: from, port, family: 'IPv4', size: datagram.length})
  }

  async send(message: Buffer, port: number, address: string): Promise<void> {
    const sent = {message, port, address}
    this.sent.push(sent)
    this.onSend(sent, this)
  }

  close(): void {
    this.closed = true
  }
}

/** Encode a DNS response with multicast-dns itself (its encoder, no socket). */
export async function encodeResponse(packet: {answers: unknown[]; additionals?: unknown[]; id?: number}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = new EventEmitter() as EventEmitter & Record<string, unknown>
    socket.send = (message: Buffer, offset: number, length: number) => resolve(Buffer.from(message.subarray(offset, offset + length)))
    socket.close = () => undefined
    const mdns = makeMdns({socket: socket as unknown as dgram.Socket, bind: false, multicast: false})
    try {
      mdns.respond(packet as never, {port: 5353, address: '192.0.2.1'})
    } catch (error) {
      reject(error)
    }
  })
}

/** Decode a DNS message with multicast-dns (through a stand-in socket), to read what was sent. */
export async function decodeMessage(message: Buffer): Promise<{questions?: Array<{name: string; type: string}>}> {
  return new Promise((resolve) => {
    const socket = new EventEmitter() as EventEmitter & Record<string, unknown>
    socket.send = () => undefined
    socket.close = () => undefined
    const mdns = makeMdns({socket: socket as unknown as dgram.Socket, bind: false, multicast: false})
    mdns.on('packet', (packet: unknown) => resolve(packet as {questions?: Array<{name: string; type: string}>}))
    socket.emit('message', message, {address: '192.0.2.1', port: 5353})
  })
}
