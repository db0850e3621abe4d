/** The part of net-snmp (no published types) that homeaudit uses. */
declare module 'net-snmp' {
  export const Version1: 0
  export const Version2c: 1
  export interface Varbind {
    oid: string
    type: number
    value: unknown
  }
  export interface SessionOptions {
    port?: number
    retries?: number
    timeout?: number
    transport?: 'udp4' | 'udp6'
    version?: 0 | 1
    dgramModule?: unknown
    idBitsSize?: 16 | 32
  }
  export interface Session {
    get(oids: string[], callback: (error: Error | null, varbinds?: Varbind[]) => void): void
    close(): void
    on(event: 'error', listener: (error: Error) => void): void
  }
  export function createSession(target: string, community: string, options?: SessionOptions): Session
  export function isVarbindError(varbind: Varbind): boolean
  const snmp: {
    Version1: 0
    Version2c: 1
    createSession(target: string, community: string, options?: SessionOptions): Session
    isVarbindError(varbind: Varbind): boolean
  }
  export default snmp
}
