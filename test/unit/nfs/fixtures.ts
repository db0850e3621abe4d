import {readFileSync} from 'node:fs'
import {RecordDecoder} from '../../../src/gather/probes/nfs/rpc.js'

/** The captures of test/fixtures/nfs/ (see SOURCES.md there): server-to-client TCP streams. */
export const STREAMS = ['pc-portmap-1', 'pc-mount-1', 'pc-nfs-1', 'pc-portmap-2', 'pc-mount-2', 'pc-nfs-2', 'family-portmap-1', 'family-mount-1'] as const
export type StreamName = (typeof STREAMS)[number]

export function stream(name: StreamName): Buffer {
  return readFileSync(new URL(`../../fixtures/nfs/${name}.bin`, import.meta.url))
}

/** The RPC messages of a capture, record marks removed. */
export function records(name: StreamName): Buffer[] {
  const result = new RecordDecoder().push(stream(name))
  if (!result.ok) throw new Error(`${name}: ${result.error}`)
  return result.value
}

export function allRecords(): Buffer[] {
  return STREAMS.flatMap((name) => records(name))
}
