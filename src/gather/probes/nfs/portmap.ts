import {type Parsed, XdrReader, XdrWriter, fail, safeParse} from './xdr.js'

/**
 * Port mapper version 2 (RFC 1833 §3): PMAPPROC_GETPORT asks which port a program listens on;
 * PMAPPROC_DUMP lists every registration. Both only read the server's table (SET and UNSET,
 * which change it, are never sent).
 */

export const PMAP_PROGRAM = 100000
export const PMAP_VERSION = 2
export const PMAPPROC_GETPORT = 3
export const PMAPPROC_DUMP = 4
export const IPPROTO_TCP = 6
export const IPPROTO_UDP = 17

export const NFS_PROGRAM = 100003
export const MOUNT_PROGRAM = 100005

/** At most this many registrations are read from a DUMP reply. */
export const MAX_MAPPINGS = 256

export interface PortMapping {
  program: number
  version: number
  protocol: number
  port: number
}

export function getPortArgs(program: number, version: number, protocol: number): Buffer {
  return new XdrWriter().u32(program).u32(version).u32(protocol).u32(0).toBuffer()
}

/** GETPORT results: the port, 0 when the program is not registered. */
export function parseGetPortResult(results: Buffer): Parsed<number> {
  return safeParse('GETPORT reply', () => {
    const port = new XdrReader(results).u32('port')
    if (port > 65535) fail(`port ${port} is out of range`)
    return port
  })
}

/** DUMP results: the registrations (pmaplist, an XDR optional-data chain), capped. */
export function parseDumpResult(results: Buffer): Parsed<{mappings: PortMapping[]; truncated: boolean}> {
  return safeParse('DUMP reply', () => {
    const r = new XdrReader(results)
    const mappings: PortMapping[] = []
    while (r.bool('value follows')) {
      if (mappings.length === MAX_MAPPINGS) return {mappings, truncated: true}
      const m = {program: r.u32('program'), version: r.u32('version'), protocol: r.u32('protocol'), port: r.u32('port')}
      if (m.port > 65535) fail(`port ${m.port} is out of range`)
      mappings.push(m)
    }
    return {mappings, truncated: false}
  })
}

export function protocolName(protocol: number): string {
  return protocol === IPPROTO_TCP ? 'tcp' : protocol === IPPROTO_UDP ? 'udp' : `proto ${protocol}`
}
