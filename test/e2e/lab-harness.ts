import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

/** The lab as test/lab/topology.json describes it. */
export interface LabTopology {
  prefix: string
  bridgeNamespace: string
  subnet: string
  gateway: string
  hosts: Array<{
    name: string
    namespace: string
    ip: string
    mac: string
    vendor: string
    role: string
    services: Array<{protocol: 'tcp' | 'udp'; port: number; service: string}>
  }>
}

export const REPO = fileURLToPath(new URL('../../', import.meta.url))
const LAB_SCRIPT = `${REPO}test/lab/lab.sh`

/** The standard lab, or the one HALAB_TOPOLOGY names (a lab under another prefix can run alongside). */
export const TOPOLOGY_FILE = process.env.HALAB_TOPOLOGY || `${REPO}test/lab/topology.json`
export const topology: LabTopology = JSON.parse(readFileSync(TOPOLOGY_FILE, 'utf8'))

export function labHost(name: string) {
  const host = topology.hosts.find((h) => h.name === name)
  if (!host) throw new Error(`no lab host ${name}`)
  return host
}

/** Why the lab cannot run here, or null when it can. */
export function labUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'the lab needs Linux network namespaces'
  const check = spawnSync('bash', [LAB_SCRIPT, 'check'], {encoding: 'utf8'})
  if (check.status !== 0) return (check.stdout + check.stderr).trim().split('\n').pop() || 'lab check failed'
  return null
}

/**
 * Skip with the reason, or fail when LAB_REQUIRED=1 (as in CI): a lab, or a tool of it, that is
 * missing must never pass silently.
 */
export function skipOrFail(suite: Mocha.Context | Mocha.Suite, reason: string): void {
  if (process.env.LAB_REQUIRED === '1') throw new Error(`LAB_REQUIRED=1 but ${reason}`)
  console.log(`    (skipped: ${reason}; run as root with the lab packages, see test/lab/README.md)`)
  ;(suite as Mocha.Context).skip?.()
}

/** Skip a lab suite (or fail it under LAB_REQUIRED=1) when the lab cannot start here. */
export function requireLab(suite: Mocha.Context | Mocha.Suite): void {
  const reason = labUnavailableReason()
  if (reason) skipOrFail(suite, `the lab cannot run: ${reason}`)
}

const prefixOf = (topologyFile?: string) => (JSON.parse(readFileSync(topologyFile ?? TOPOLOGY_FILE, 'utf8')) as LabTopology).prefix
const labEnv = (topologyFile?: string) => (topologyFile ? {...process.env, HALAB_TOPOLOGY: topologyFile} : process.env)

/** Labs this run brought up (prefix → topology file). */
const upLabs = new Map<string, string | undefined>()

function takeDown(topologyFile?: string): void {
  spawnSync('bash', [LAB_SCRIPT, 'down'], {encoding: 'utf8', timeout: 60_000, env: labEnv(topologyFile)})
}

/**
 * Bring the lab up; with `topologyFile`, a variant of the lab (lab.sh restarts it when the
 * topology differs and does nothing when the same one is up, so suites in one run share a
 * bring-up). A lab of another prefix that an earlier suite left up goes down first: one lab at a time.
 */
export function labUp(topologyFile?: string): void {
  const prefix = prefixOf(topologyFile)
  for (const [other, file] of upLabs) {
    if (other === prefix) continue
    takeDown(file)
    upLabs.delete(other)
  }
  upLabs.set(prefix, topologyFile)
  const up = spawnSync('bash', [LAB_SCRIPT, 'up'], {encoding: 'utf8', timeout: 120_000, env: labEnv(topologyFile)})
  if (up.status !== 0) throw new Error(`lab up failed:\n${up.stdout}\n${up.stderr}`)
}

/**
 * A suite is done with the lab. It stays up for the next suite that uses it; it goes down when a
 * suite brings up a lab of another prefix, or after the last suite of the run (the root hook
 * below), unless LAB_KEEP=1.
 */
export function labDown(topologyFile?: string): void {
  if (process.env.LAB_KEEP !== '1' && !upLabs.has(prefixOf(topologyFile))) takeDown(topologyFile) // a lab this run did not bring up
}

// A root-level hook (this module is loaded by the suites, outside any describe): after the last
// suite, take down the labs this run brought up.
if (typeof after === 'function') {
  after(() => {
    if (process.env.LAB_KEEP === '1') return
    for (const file of upLabs.values()) takeDown(file)
    upLabs.clear()
  })
}

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

/** Scans made by the tests go here, never into the user's own history. */
export const TEST_HISTORY_DIR = mkdtempSync(join(tmpdir(), 'homeaudit-test-history-'))

/** Run the built CLI inside a lab namespace: `ip netns exec <ns> node bin/run.js …`. */
export function runCliIn(namespace: string, args: string[], env: NodeJS.ProcessEnv = {}, options: {wrapper?: string[]; timeoutMs?: number} = {}): CliRun {
  // HOMEAUDIT_TEST_CLI=dev runs the TypeScript sources (bin/dev.js) instead of dist/: for
  // development while someone else rebuilds dist/. CI always runs the build.
  const cli = process.env.HOMEAUDIT_TEST_CLI === 'dev' ? ['--import', 'tsx', `${REPO}bin/dev.js`] : [`${REPO}bin/run.js`]
  // `wrapper` runs the CLI under another command, e.g. ['/usr/bin/time', '-f', '%M'] for its peak RSS.
  const result = spawnSync('ip', ['netns', 'exec', namespace, ...(options.wrapper ?? []), process.execPath, ...cli, ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: {...process.env, NO_COLOR: '1', HOMEAUDIT_HISTORY_DIR: TEST_HISTORY_DIR, ...env},
  })
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** runCliIn without blocking the test process (a capture can be read meanwhile); killed after `timeoutMs`. */
export function runCliInAsync(namespace: string, args: string[], env: NodeJS.ProcessEnv = {}, options: {wrapper?: string[]; timeoutMs?: number} = {}): Promise<CliRun> {
  const cli = process.env.HOMEAUDIT_TEST_CLI === 'dev' ? ['--import', 'tsx', `${REPO}bin/dev.js`] : [`${REPO}bin/run.js`]
  const child = spawn('ip', ['netns', 'exec', namespace, ...(options.wrapper ?? []), process.execPath, ...cli, ...args], {
    env: {...process.env, NO_COLOR: '1', HOMEAUDIT_HISTORY_DIR: TEST_HISTORY_DIR, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
  return new Promise((resolve) =>
    child.once('close', (status) => {
      clearTimeout(timer)
      resolve({status, stdout, stderr})
    }),
  )
}
