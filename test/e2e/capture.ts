import {spawn} from 'node:child_process'
import {closeSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/**
 * Capture what the work PC sends while `fn` runs: tcpdump on its own interface inside the lab
 * (eth0, or `iface`), outgoing packets only. `tcpdumpArgs` adds options (`-v`) and a filter expression. Returns the
 * output lines. tcpdump writes to a file, not a pipe: while a synchronous `fn` blocks this
 * process nobody would read a pipe, tcpdump would stall on it and the kernel would drop
 * packets. A capture with dropped packets proves nothing, so it throws.
 */
export async function captureSent(namespace: string, fn: () => void | Promise<void>, tcpdumpArgs: string[] = [], iface = 'eth0'): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'homeaudit-capture-'))
  const file = join(dir, 'sent.txt')
  const fd = openSync(file, 'w')
  try {
    const tcpdump = spawn('ip', ['netns', 'exec', namespace, 'tcpdump', '-i', iface, '-n', '-l', '-Q', 'out', '-U', ...tcpdumpArgs], {stdio: ['ignore', fd, 'pipe']})
    let err = ''
    tcpdump.stderr.on('data', (d: Buffer) => (err += d))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tcpdump did not start: ${err}`)), 10_000)
      tcpdump.stderr.on('data', () => {
        if (err.includes('listening on')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    await fn()
    await new Promise((r) => setTimeout(r, 500))
    tcpdump.kill('SIGINT')
    await new Promise((r) => tcpdump.once('close', r))
    const dropped = Number(/(\d+) packets? dropped by kernel/.exec(err)?.[1] ?? 0)
    if (dropped > 0) throw new Error(`tcpdump: ${dropped} packets dropped by kernel; the capture is incomplete`)
    return readFileSync(file, 'utf8').split('\n').filter(Boolean)
  } finally {
    closeSync(fd)
    rmSync(dir, {recursive: true, force: true})
  }
}

/** Destination of an IPv4 packet line (`IP a.b.c.d.p > e.f.g.h.q: …`) or the target of an ARP request. */
export function destinations(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const ip = /\bIP6? \S+ > (\d+\.\d+\.\d+\.\d+)/.exec(line)
    if (ip) return [ip[1]!]
    const arp = /ARP, Request who-has (\d+\.\d+\.\d+\.\d+)/.exec(line)
    if (arp) return [arp[1]!]
    // The PC's kernel answering another host's ARP request is not scan traffic.
    if (/ARP, Reply \S+ is-at/.test(line)) return []
    return [`unclassified: ${line}`]
  })
}
