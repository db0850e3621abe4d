import {spawn} from 'node:child_process'

/**
 * Capture what the work PC sends while `fn` runs: tcpdump on its own interface inside the lab,
 * outgoing packets only. `tcpdumpArgs` adds options (`-v`) and a filter expression. Returns the
 * output lines.
 */
export async function captureSent(namespace: string, fn: () => void, tcpdumpArgs: string[] = []): Promise<string[]> {
  const tcpdump = spawn('ip', ['netns', 'exec', namespace, 'tcpdump', '-i', 'eth0', '-n', '-l', '-Q', 'out', '-U', ...tcpdumpArgs], {stdio: ['ignore', 'pipe', 'pipe']})
  let out = ''
  tcpdump.stdout.on('data', (d: Buffer) => (out += d))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tcpdump did not start')), 10_000)
    tcpdump.stderr.on('data', (d: Buffer) => {
      if (d.toString().includes('listening on')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  fn()
  await new Promise((r) => setTimeout(r, 500))
  tcpdump.kill('SIGINT')
  await new Promise((r) => tcpdump.once('close', r))
  return out.split('\n').filter(Boolean)
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
