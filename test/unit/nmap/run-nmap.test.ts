import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {
  buildNmapArgs,
  nmapInstallHint,
  NmapNotFoundError,
  type NmapProgressEvent,
  portList,
  runNmap,
  type RunNmapOptions,
  scopedTargets,
} from '../../../src/gather/discovery/nmap/run-nmap.js'
import {ScanScope, ScopeError} from '../../../src/scope/scope-guard.js'
import {labUp, requireLab, REPO, topology} from '../../e2e/lab-harness.js'

const FAKE = fileURLToPath(new URL('./fake-nmap.mjs', import.meta.url))
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/nmap/${name}`, import.meta.url))
const scope = ScanScope.fromCidr('192.168.77.0/24')

/** Is a process (or, with a negative id, a process group) still there? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function gone(pid: number, withinMs = 3000): Promise<boolean> {
  const until = Date.now() + withinMs
  while (alive(pid)) {
    if (Date.now() > until) return false
    await new Promise((r) => setTimeout(r, 50))
  }
  return true
}

describe('nmap runner: arguments, scope, errors (fake nmap replaying lab output)', function () {
  this.timeout(30_000)
  let dir: string
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'homeaudit-nmap-'))))
  afterEach(() => rmSync(dir, {recursive: true, force: true}))

  const fake = (env: Record<string, string>, extra: Partial<RunNmapOptions> = {}) =>
    runNmap({scope, mode: 'ports', ports: [80, 445], command: [process.execPath, FAKE], env: {FAKE_NMAP_ARGV: join(dir, 'argv.json'), ...env}, ...extra})

  it('builds an argument array: XML on stdout, progress, no DNS, SYN scan as root, connect scan otherwise, -- before the targets', () => {
    assert.deepEqual(buildNmapArgs({scope, mode: 'ports', ports: [445, 80, 80, 21, 22, 23], privileged: true, exclude: ['192.168.77.10']}), [
      '-oX', '-', '--stats-every', '1s', '-n', '-sS', '-p', '21-23,80,445', '--exclude', '192.168.77.10', '--', '192.168.77.0/24',
    ])
    const unprivileged = buildNmapArgs({scope, mode: 'ports', privileged: false, skipHostDiscovery: true, probeTimeoutMs: 300, targets: ['192.168.77.1']})
    assert.deepEqual(unprivileged, ['-oX', '-', '--stats-every', '1s', '-n', '-sT', '-Pn', '--max-rtt-timeout', '300ms', '--initial-rtt-timeout', '300ms', '--', '192.168.77.1'])
    assert.deepEqual(buildNmapArgs({scope, mode: 'discovery', privileged: true}).slice(5), ['-sn', '--', '192.168.77.0/24'])
    assert.equal(portList([1, 2, 3, 5, 7, 8, 65535, 0, 70000, 1.5]), '1-3,5,7,8,65535')
    assert.throws(() => portList([0, 70000]), RangeError)
    assert.throws(() => buildNmapArgs({scope, mode: 'discovery', targets: ['10.0.0.1']}), ScopeError)
    assert.throws(() => buildNmapArgs({scope, mode: 'discovery', exclude: ['-iL']}), ScopeError)
  })

  it('accepts only addresses and CIDRs equal to or inside the scope, in canonical form', () => {
    assert.deepEqual(scopedTargets(scope, ['192.168.77.5', ' 192.168.77.16/28 ', '192.168.77.0/24', '192.168.77.77/24']), [
      '192.168.77.5',
      '192.168.77.16/28',
      '192.168.77.0/24',
      '192.168.77.0/24',
    ])
    for (const bad of ['192.168.78.1', '10.0.0.1', '8.8.8.8', '192.168.76.0/23', '192.168.0.0/16', '0.0.0.0/0', 'example.com', 'localhost', '-iL', '--script=x', '192.168.77.1-5', '192.168.77.*', '192.168.077.1', '192.168.77.1/33', '::1', '']) {
      assert.throws(() => scopedTargets(scope, [bad]), ScopeError, JSON.stringify(bad))
    }
    assert.throws(() => scopedTargets(scope, []), ScopeError)
  })

  it('refuses a target outside the scope before spawning anything', async () => {
    let spawned = false
    for (const targets of [['192.168.78.1'], ['192.168.77.1', '10.0.0.0/8'], ['192.168.0.0/16']]) {
      await assert.rejects(fake({}, {targets, onSpawn: () => (spawned = true)}), ScopeError)
    }
    await assert.rejects(fake({}, {exclude: ['not-an-ip']}), ScopeError)
    assert.equal(spawned, false)
    assert.equal(existsSync(join(dir, 'argv.json')), false, 'the fake nmap never ran')
  })

  it('passes exactly the built arguments, without a shell', async () => {
    const r = await fake({FAKE_NMAP_STDOUT: fixture('ss-common.xml')}, {targets: ['192.168.77.0/24'], privileged: false})
    const argv = JSON.parse(readFileSync(join(dir, 'argv.json'), 'utf8')) as string[]
    assert.deepEqual(argv, r.args)
    assert.deepEqual(argv.slice(-2), ['--', '192.168.77.0/24'])
    assert.ok(r.ok, r.error ?? '')
    assert.equal(r.hosts.length, 5)
  })

  it('reports a missing nmap with a dedicated error saying how to install it on each OS', async () => {
    const missing = runNmap({scope, mode: 'discovery', command: [join(dir, 'no-such-nmap')]})
    await assert.rejects(missing, (error: unknown) => {
      assert.ok(error instanceof NmapNotFoundError)
      for (const hint of ['sudo apt-get install nmap', 'sudo dnf install nmap', 'brew install nmap', 'nmap.org', 'Npcap', 'winget install Insecure.Nmap', '--engine builtin']) {
        assert.ok(error.message.includes(hint), hint)
      }
      assert.ok(!error.message.includes('\n'), 'one line')
      return true
    })
    assert.match(nmapInstallHint('darwin'), /^Install nmap — macOS: brew install nmap;/)
    assert.match(nmapInstallHint('win32'), /^Install nmap — Windows: .*winget install Insecure\.Nmap/)
  })

  it('keeps stderr warnings as warnings, not failures (real lab stderr)', async () => {
    const r = await fake({FAKE_NMAP_STDOUT: fixture('stderr-warning.xml'), FAKE_NMAP_STDERR: fixture('stderr-warning.stderr')})
    assert.equal(r.ok, true)
    assert.equal(r.error, null)
    assert.deepEqual(r.warnings, ['WARNING: Duplicate port number(s) specified.  Are you alert enough to be using Nmap?  Have some coffee or Jolt(tm).'])
    assert.equal(r.hosts[0]!.ip, '192.168.77.1')
  })

  it('a non-zero exit with partial XML still gives what was parsed, plus the error', async () => {
    const stderr = join(dir, 'stderr')
    writeFileSync(stderr, 'Failed to send packet\nQUITTING!\n')
    const r = await fake({FAKE_NMAP_STDOUT: fixture('killed-sigkill.xml'), FAKE_NMAP_STDERR: stderr, FAKE_NMAP_EXIT: '1'})
    assert.equal(r.ok, false)
    assert.equal(r.exitCode, 1)
    assert.equal(r.hosts.length, 3)
    assert.match(r.error!, /^nmap exited with code 1: Failed to send packet; nmap's XML output is incomplete/)
    assert.deepEqual(r.warnings, ['Failed to send packet', 'QUITTING!'])
  })

  it('emits progress events from <taskprogress> lines as they stream', async () => {
    const events: NmapProgressEvent[] = []
    const r = await fake({FAKE_NMAP_STDOUT: fixture('sn-root.xml'), FAKE_NMAP_LINE_DELAY: '2'}, {onProgress: (e) => events.push(e)})
    assert.equal(events.length, 27)
    assert.deepEqual(events[0], {task: 'ARP Ping Scan', percent: 50.78, remainingSeconds: 1, etc: 1795655927, hostsDone: 0})
    assert.equal(events.at(-1)!.hostsDone, 4, 'four hosts came before the last progress line')
    assert.equal(r.hosts.length, 5)
  })

  it('stops nmap when its output passes the cap', async () => {
    const r = await fake({FAKE_NMAP_STDOUT: fixture('ss-common.xml'), FAKE_NMAP_HANG: '1'}, {maxOutputBytes: 8000})
    assert.match(r.error!, /output larger than 8000 bytes; nmap was stopped/)
    assert.ok(r.outputBytes <= 8000)
    assert.ok(r.hosts.length >= 1 && r.hosts.length < 5, `${r.hosts.length} complete hosts within the cap`)
    assert.ok(await gone(r.pid!))
  })

  it('escalates to SIGKILL when nmap ignores SIGTERM, and ends its whole process group', async () => {
    const grandchildFile = join(dir, 'grandchild')
    const r = await fake(
      {FAKE_NMAP_STDOUT: fixture('killed-sigterm.xml'), FAKE_NMAP_HANG: '1', FAKE_NMAP_IGNORE_TERM: '1', FAKE_NMAP_GRANDCHILD: grandchildFile},
      {timeoutMs: 700, killGraceMs: 300},
    )
    assert.equal(r.timedOut, true)
    assert.equal(r.signal, 'SIGKILL')
    assert.match(r.error!, /timed out after 700 ms/)
    assert.equal(r.hosts.length, 1, 'the complete host written before the hang')
    assert.ok(await gone(r.pid!), 'nmap is gone')
    assert.ok(await gone(Number(readFileSync(grandchildFile, 'utf8'))), 'what it started in its group is gone')
    assert.ok(await gone(-r.pid!), 'the process group is empty')
  })

  it('rejects at once when the signal is already aborted, without spawning', async () => {
    let spawned = false
    await assert.rejects(fake({}, {signal: AbortSignal.abort(), onSpawn: () => (spawned = true)}))
    assert.equal(spawned, false)
  })
})

/** IPv4 addresses in numeric order (topology.json lists hosts in no particular order). */
const byAddress = (a: string, b: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0) - b.split('.').reduce((n, o) => n * 256 + Number(o), 0)

describe('nmap runner in the lab (real nmap in the lab\'s work PC)', function () {
  this.timeout(120_000)
  const LAB_NMAP = ['ip', 'netns', 'exec', `${topology.prefix}-pc`, 'nmap'] as const
  const allPorts = Array.from({length: 65535}, (_, i) => i + 1)
  // A SYN scan of every port of the lab hosts: several seconds, with progress every second.
  const longScan = (extra: Partial<RunNmapOptions> = {}) =>
    runNmap({scope, mode: 'ports', ports: allPorts, exclude: ['192.168.77.10'], command: LAB_NMAP, killGraceMs: 1000, ...extra})

  before(function () {
    requireLab(this)
    labUp()
  })

  it('finds the lab hosts with -sn, with their MACs', async () => {
    const r = await runNmap({scope, mode: 'discovery', command: LAB_NMAP})
    assert.equal(r.error, null)
    assert.deepEqual(r.hosts.map((h) => h.ip), topology.hosts.map((h) => h.ip).sort(byAddress), 'nmap lists hosts in address order')
    for (const h of topology.hosts.filter((x) => x.name !== 'pc')) assert.equal(r.hosts.find((x) => x.ip === h.ip)!.mac, h.mac)
  })

  it('scans the common ports with a connect scan when asked to run unprivileged', async () => {
    const r = await runNmap({scope, mode: 'ports', ports: [21, 80, 139, 443, 445, 8080], privileged: false, exclude: ['192.168.77.10'], command: LAB_NMAP})
    assert.ok(r.args.includes('-sT'))
    assert.equal(r.error, null)
    const open = (ip: string) => r.hosts.find((h) => h.ip === ip)!.ports.filter((p) => p.state === 'open').map((p) => p.port)
    assert.deepEqual(open('192.168.77.1'), [80, 443, 8080])
    assert.deepEqual(open('192.168.77.30'), [21, 139, 445])
  })

  it('emits progress events while nmap runs', async () => {
    const events: NmapProgressEvent[] = []
    const r = await longScan({onProgress: (e) => events.push(e)})
    assert.equal(r.error, null)
    assert.ok(events.length >= 1, 'at least one <taskprogress>')
    assert.ok(events.some((e) => e.task === 'SYN Stealth Scan' && e.percent !== null))
    assert.deepEqual(r.hosts.map((h) => h.ip), topology.hosts.filter((h) => h.name !== 'pc').map((h) => h.ip).sort(byAddress))
  })

  it('cancels with an AbortSignal: nmap and its process group are gone, the partial result kept', async () => {
    const controller = new AbortController()
    let pid = 0
    const started = Date.now()
    const r = await longScan({signal: controller.signal, onSpawn: (p) => (pid = p), onProgress: () => controller.abort()})
    assert.ok(pid > 0)
    assert.equal(r.pid, pid)
    assert.equal(r.aborted, true)
    assert.match(r.error!, /^nmap was cancelled/)
    assert.equal(alive(pid), false, 'nmap is gone when runNmap resolves')
    assert.equal(alive(-pid), false, 'so is its process group')
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`)
  })

  it('times out: nmap is stopped and gone', async () => {
    let pid = 0
    const r = await longScan({timeoutMs: 1200, onSpawn: (p) => (pid = p)})
    assert.equal(r.timedOut, true)
    assert.match(r.error!, /^nmap timed out after 1200 ms/)
    assert.ok(r.durationMs < 1200 + 1000 + 1000, `${r.durationMs} ms`)
    assert.equal(alive(pid), false)
  })

  it('refuses a target outside the scope before spawning, even in the lab', async () => {
    let spawned = false
    await assert.rejects(runNmap({scope, mode: 'discovery', targets: ['192.168.78.0/24'], command: LAB_NMAP, onSpawn: () => (spawned = true)}), ScopeError)
    assert.equal(spawned, false)
  })

  it('Ctrl-C (SIGINT to our process) ends nmap before our process ends', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sigint-child.ts', import.meta.url))], {cwd: REPO, stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d))
    let nmapPid = 0
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no progress from the child: ${out} ${err}`)), 30_000)
      child.stdout.on('data', (d: Buffer) => {
        out += d
        const m = /pid (\d+)/.exec(out)
        if (m) nmapPid = Number(m[1])
        if (nmapPid && out.includes('progress ')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    assert.ok(alive(nmapPid), 'nmap runs')
    child.kill('SIGINT')
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.once('exit', (c, s) => r([c, s])))
    assert.equal(signal, 'SIGINT', `the child ends as Ctrl-C would end it (code ${code}; ${out} ${err})`)
    assert.ok(!out.includes('finished'), 'it did not carry on after Ctrl-C')
    assert.equal(alive(nmapPid), false, 'nmap is gone')
    assert.equal(alive(-nmapPid), false, 'its process group is gone')
  })
})
