import {readFile} from 'node:fs/promises'
import type {ProbeResult} from '../../evidence/schema.js'
import {runCommand} from '../../util/run-command.js'
import {parseIpNeighJson, parseProcNetArp} from './parsers/linux.js'
import {parseArpAn} from './parsers/macos.js'
import {parseArpA} from './parsers/windows.js'
import type {NeighbourEntry} from './types.js'

export interface NeighbourTable {
  entries: NeighbourEntry[]
  probe: ProbeResult
}

/** Read the OS neighbour (ARP) table. Reading it sends no packet. */
export async function readNeighbourTable(platform: NodeJS.Platform = process.platform): Promise<NeighbourTable> {
  const started = Date.now()
  let entries: NeighbourEntry[] = []
  let detail: string
  let ok = true
  if (platform === 'win32') {
    const r = await runCommand('arp', ['-a'])
    entries = parseArpA(r.stdout)
    detail = r.error ? `arp -a: ${r.error}` : 'arp -a'
    ok = r.ok
  } else if (platform === 'darwin') {
    const r = await runCommand('arp', ['-an'])
    entries = parseArpAn(r.stdout)
    detail = r.error ? `arp -an: ${r.error}` : 'arp -an'
    ok = r.ok
  } else {
    const r = await runCommand('ip', ['-j', 'neigh', 'show'])
    if (r.ok) {
      entries = parseIpNeighJson(r.stdout)
      detail = 'ip -j neigh show'
    } else {
      const text = await readFile('/proc/net/arp', 'utf8').catch(() => '')
      entries = parseProcNetArp(text)
      detail = `ip -j neigh: ${r.error}; read /proc/net/arp instead`
      ok = text !== ''
    }
  }
  return {entries, probe: {probe: 'neighbour-table', target: null, ok, durationMs: Date.now() - started, detail: `${detail} (${entries.length} entries)`}}
}
