/**
 * Discovery benchmark, run inside the lab (root): our discovery against nmap on the same
 * subnet, several rounds each, side by side. Prints medians, the ratios ours/nmap and our peak
 * RSS. Never run against a real network: it only ever targets the lab's own namespaces.
 *
 *   npm run bench            (or: node --import tsx bench/discovery.ts [rounds])
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const REPO = fileURLToPath(new URL('../', import.meta.url))
const LAB = `${REPO}test/lab/lab.sh`
const rounds = Number(process.argv[2] ?? 5)
const topology = JSON.parse(readFileSync(process.env.HALAB_TOPOLOGY || `${REPO}test/lab/topology.json`, 'utf8'))
const pcNs: string = topology.hosts.find((h: {name: string}) => h.name === 'pc').namespace

function sh(cmd: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd[0]!, cmd.slice(1), {encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024})
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`)
  return r
}

function timed(cmd: string[]): {ms: number; rssKiB: number | null} {
  const started = process.hrtime.bigint()
  const r = sh(['ip', 'netns', 'exec', pcNs, ...cmd])
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const rss = /homeaudit-bench-maxrss-kib=(\d+)/.exec(r.stderr)
  return {ms, rssKiB: rss ? Number(rss[1]) : null}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ours = (target: string, extra: string[]) => [process.execPath, '--require', `${REPO}bench/rss-preload.cjs`, `${REPO}bin/run.js`, 'discover', '--json', '--no-names', '--target', target, '--max-hosts', '1024', ...extra]
const nmap = (target: string, extra: string[]) => ['nmap', '-n', '-oX', '-', ...extra, '--', target]

interface Row {
  name: string
  oursMs: number
  nmapMs: number
  rssKiB: number
}

function compare(name: string, a: string[], b: string[]): Row {
  const oursRuns: number[] = []
  const nmapRuns: number[] = []
  const rss: number[] = []
  for (let i = 0; i < rounds; i++) {
    // alternate, so both see the same neighbour-cache state on average
    const x = timed(a)
    const y = timed(b)
    oursRuns.push(x.ms)
    nmapRuns.push(y.ms)
    if (x.rssKiB) rss.push(x.rssKiB)
  }
  return {name, oursMs: median(oursRuns), nmapMs: median(nmapRuns), rssKiB: Math.max(...rss)}
}

function variant22(): string {
  const t = structuredClone(topology)
  t.subnet = '192.168.76.0/22'
  t.prefixLength = 22
  const file = join(mkdtempSync(join(tmpdir(), 'halab-bench-')), 'topology.json')
  writeFileSync(file, JSON.stringify(t, null, 2))
  return file
}

const rows: Row[] = []
sh(['bash', LAB, 'up'])
const subnet24: string = topology.subnet
rows.push(compare(`(a) discovery of ${subnet24} vs nmap -sn`, ours(subnet24, []), nmap(subnet24, ['-sn'])))
rows.push(compare(`(b) discovery + top-100 TCP vs nmap -sT --top-ports 100`, ours(subnet24, ['--top-ports', '100']), nmap(subnet24, ['-sT', '--top-ports', '100'])))
const file22 = variant22()
sh(['bash', LAB, 'up'], {...process.env, HALAB_TOPOLOGY: file22})
rows.push(compare('(c) discovery of 192.168.76.0/22 vs nmap -sn', ours('192.168.76.0/22', []), nmap('192.168.76.0/22', ['-sn'])))
sh(['bash', LAB, 'up'])

console.log(`homeaudit discovery benchmark — ${new Date().toISOString()} — ${rounds} rounds, medians, in the lab (${pcNs})`)
for (const r of rows) {
  console.log(`${r.name}\n  ours ${(r.oursMs / 1000).toFixed(2)} s, nmap ${(r.nmapMs / 1000).toFixed(2)} s, ratio ours/nmap ${(r.oursMs / r.nmapMs).toFixed(2)}, our peak RSS ${(r.rssKiB / 1024).toFixed(0)} MiB`)
}
console.log(`(c)/(a) growth from /24 to /22: ${(rows[2]!.oursMs / rows[0]!.oursMs).toFixed(2)}x`)
