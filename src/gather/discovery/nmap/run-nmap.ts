import {type ChildProcess, spawn} from 'node:child_process'
import {StringDecoder} from 'node:string_decoder'
import type {Host} from '../../../evidence/schema.js'
import {cidrWithin, formatCidr, formatIpv4, parseCidr, parseIpv4} from '../../../scope/ipv4.js'
import {type ScanScope, ScopeError} from '../../../scope/scope-guard.js'
import {MAX_NMAP_XML_BYTES, type NmapRunInfo, type NmapTaskProgress, parseNmapXml, parseTaskProgress} from './parse-nmap-xml.js'

/**
 * Our own nmap runner (node-nmap is unfit: see README). nmap is started without a shell, from
 * an argument array, with `--` before targets that the scan scope has approved; its XML comes
 * on stdout (`-oX -`) and its progress with it (`--stats-every 1s`). Cancelling (AbortSignal,
 * timeout, Ctrl-C) really ends nmap: SIGTERM to its process group, SIGKILL after a grace period.
 */

export const DEFAULT_NMAP_TIMEOUT_MS = 10 * 60_000
export const DEFAULT_KILL_GRACE_MS = 2000
const MAX_STDERR_BYTES = 256 * 1024
const MAX_WARNINGS = 50
const MAX_WARNING_LENGTH = 300
const MAX_PENDING_LINE = 64 * 1024

/** nmap is not installed (or not on PATH). The scan command turns it into exit code 2. */
export class NmapNotFoundError extends Error {
  override name = 'NmapNotFoundError'
  constructor(readonly command: string) {
    super(`nmap was not found (${command}): the nmap engine needs it. ${nmapInstallHint()} Or use the built-in engine (--engine builtin), which needs no nmap.`)
  }
}

/** How to install nmap, the running OS first, in one line. */
export function nmapInstallHint(platform: NodeJS.Platform = process.platform): string {
  const hints: Array<[NodeJS.Platform[], string]> = [
    [['linux'], 'Debian/Ubuntu: sudo apt-get install nmap; Fedora: sudo dnf install nmap'],
    [['darwin'], 'macOS: brew install nmap'],
    [['win32'], 'Windows: the installer from https://nmap.org/download.html (it installs Npcap too), or winget install Insecure.Nmap'],
  ]
  const ordered = [...hints.filter(([p]) => p.includes(platform)), ...hints.filter(([p]) => !p.includes(platform))]
  return `Install nmap — ${ordered.map(([, text]) => text).join('; ')}.`
}

/** Root on POSIX: nmap can send raw packets (SYN scan, ARP ping, MAC addresses). */
export function isPrivileged(): boolean {
  return process.getuid?.() === 0
}

export interface NmapProgressEvent extends NmapTaskProgress {
  /** Complete `<host>` blocks received so far. */
  hostsDone: number
}

export interface RunNmapOptions {
  scope: ScanScope
  /** Addresses or CIDRs, each inside the scope; default: the whole scope. */
  targets?: readonly string[]
  /** Addresses to leave out (`--exclude`), e.g. this PC. */
  exclude?: readonly string[]
  /** 'discovery': `-sn`, hosts only. 'ports': `-sS` (root) or `-sT`, on `ports`. */
  mode: 'discovery' | 'ports'
  /** TCP ports for mode 'ports'; nmap's default top 1000 when absent. */
  ports?: readonly number[]
  /** Skip host discovery (`-Pn`): scan the ports of every target. */
  skipHostDiscovery?: boolean
  /** Default: root on POSIX (see isPrivileged). */
  privileged?: boolean
  /** nmap's `--max-rtt-timeout`, in milliseconds. */
  probeTimeoutMs?: number
  /** The whole run; nmap is stopped when it expires. Default 10 minutes. */
  timeoutMs?: number
  killGraceMs?: number
  signal?: AbortSignal
  maxOutputBytes?: number
  /**
   * The command that runs nmap, as an argument array: ['nmap'] by default. The tests use
   * ['ip', 'netns', 'exec', 'halab-pc', 'nmap'] to run it inside the lab (ip execs nmap in place).
   */
  command?: readonly string[]
  env?: NodeJS.ProcessEnv
  /** End nmap when this process gets SIGINT/SIGTERM/SIGHUP, then let the signal take its course. Default true. */
  handleParentSignals?: boolean
  onProgress?: (event: NmapProgressEvent) => void
  onSpawn?: (pid: number) => void
}

export interface NmapRunResult {
  hosts: Host[]
  /** nmap's stderr lines: warnings, not failures. */
  warnings: string[]
  /** Why the result may be partial or wrong (timeout, cancelled, exit code, truncated XML), or null. */
  error: string | null
  ok: boolean
  exitCode: number | null
  signal: NodeJS.Signals | null
  pid: number | null
  /** The arguments given to nmap (after the `command` prefix). */
  args: string[]
  durationMs: number
  aborted: boolean
  timedOut: boolean
  /** nmap's XML ended with </nmaprun>. */
  complete: boolean
  info: NmapRunInfo
  outputBytes: number
}

/**
 * Check targets against the scope and return them in canonical form. Anything the scope does
 * not allow (an address outside it, a CIDR not equal to or inside it, a name, a range, an
 * option) is refused with a ScopeError before nmap is ever started.
 */
export function scopedTargets(scope: ScanScope, targets: readonly string[]): string[] {
  if (targets.length === 0) throw new ScopeError('no nmap target given')
  return targets.map((raw) => {
    const text = String(raw).trim()
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
      const value = parseIpv4(text)
      if (value === null) throw new ScopeError(`not a valid IPv4 address: ${text}`)
      const ip = formatIpv4(value)
      scope.assertAllows(ip)
      return ip
    }
    if (/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
      const cidr = parseCidr(text)
      if (!cidr) throw new ScopeError(`not a valid IPv4 CIDR: ${text}`)
      if (!cidrWithin(cidr, scope.cidr)) throw new ScopeError(`${formatCidr(cidr)} is not inside the scan scope ${scope.toString()}`)
      return formatCidr(cidr)
    }
    throw new ScopeError(`refusing nmap target ${JSON.stringify(text.slice(0, 80))}: only IPv4 addresses and CIDRs inside the scan scope ${scope.toString()}`)
  })
}

/** `-p` value: sorted, deduplicated, consecutive ports as ranges (`21-23,80,443`). */
export function portList(ports: readonly number[]): string {
  const valid = [...new Set(ports)].filter((p) => Number.isInteger(p) && p >= 1 && p <= 65535).sort((a, b) => a - b)
  if (valid.length === 0) throw new RangeError('no valid TCP port to scan')
  const parts: string[] = []
  for (let i = 0; i < valid.length; ) {
    let j = i
    while (j + 1 < valid.length && valid[j + 1] === valid[j]! + 1) j++
    parts.push(j - i >= 2 ? `${valid[i]}-${valid[j]}` : valid.slice(i, j + 1).join(','))
    i = j + 1
  }
  return parts.join(',')
}

/**
 * The nmap arguments for these options. The targets (default: the whole scope) go through
 * scopedTargets, so no argument list with a target outside the scope can be built.
 */
export function buildNmapArgs(options: RunNmapOptions): string[] {
  const targets = scopedTargets(options.scope, options.targets ?? [options.scope.toString()])
  const exclude = (options.exclude ?? []).map((ip) => {
    const value = /^\d{1,3}(\.\d{1,3}){3}$/.test(String(ip).trim()) ? parseIpv4(String(ip)) : null
    if (value === null) throw new ScopeError(`not a valid IPv4 address to exclude: ${ip}`)
    return formatIpv4(value)
  })
  const privileged = options.privileged ?? isPrivileged()
  // No --noninteractive: nmap 7.93 then stops writing --stats-every lines. stdin is /dev/null
  // (not a terminal), so nmap reads no keys anyway. -n: no reverse DNS (it would ask the
  // system resolver, which may be outside the scope, and it is slow).
  const args = ['-oX', '-', '--stats-every', '1s', '-n']
  if (options.mode === 'discovery') args.push('-sn')
  else {
    args.push(privileged ? '-sS' : '-sT')
    if (options.ports) args.push('-p', portList(options.ports))
  }
  if (options.skipHostDiscovery) args.push('-Pn')
  if (options.probeTimeoutMs !== undefined) {
    const ms = Math.max(50, Math.min(30_000, Math.round(options.probeTimeoutMs)))
    args.push('--max-rtt-timeout', `${ms}ms`, '--initial-rtt-timeout', `${Math.min(ms, 1000)}ms`)
  }
  if (exclude.length > 0) args.push('--exclude', exclude.join(','))
  args.push('--', ...targets)
  return args
}

function stderrLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (l.length > MAX_WARNING_LENGTH ? `${l.slice(0, MAX_WARNING_LENGTH)}…` : l))
}

/**
 * Run nmap and parse its XML. Resolves with what was parsed (also when nmap failed, timed out
 * or was cancelled: `error` says so); rejects only when nmap cannot be started at all
 * (NmapNotFoundError) or when a target is outside the scope (ScopeError, before spawning).
 */
export async function runNmap(options: RunNmapOptions): Promise<NmapRunResult> {
  const args = buildNmapArgs(options)
  const [file, ...prefix] = options.command ?? ['nmap']
  if (!file) throw new RangeError('empty nmap command')
  const timeoutMs = options.timeoutMs ?? DEFAULT_NMAP_TIMEOUT_MS
  const graceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS
  const maxOutput = options.maxOutputBytes ?? MAX_NMAP_XML_BYTES
  const posix = process.platform !== 'win32'
  const started = Date.now()

  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted before nmap started'))
      return
    }
    let child: ChildProcess
    try {
      child = spawn(file, [...prefix, ...args], {
        shell: false,
        windowsHide: true,
        // Its own process group on POSIX: a terminal's Ctrl-C reaches us, and we end the whole group.
        detached: posix,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {...process.env, ...options.env},
      })
    } catch (error) {
      reject(error)
      return
    }
    const stdout: Buffer[] = []
    let stdoutBytes = 0
    const stderr: Buffer[] = []
    let stderrBytes = 0
    const decoder = new StringDecoder('utf8')
    let pending = ''
    let hostsDone = 0
    let reason: string | null = null
    let aborted = false
    let timedOut = false
    let parentSignal: NodeJS.Signals | null = null
    let killTimer: NodeJS.Timeout | undefined
    let settled = false
    let spawned = false

    const signalGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
      try {
        if (posix) process.kill(-child.pid, sig)
        else child.kill(sig)
      } catch {
        try {
          child.kill(sig)
        } catch {
          /* already gone */
        }
      }
    }
    const terminate = (why: string) => {
      if (reason !== null) return
      reason = why
      signalGroup('SIGTERM')
      killTimer = setTimeout(() => signalGroup('SIGKILL'), graceMs)
      killTimer.unref?.()
    }

    const timer = setTimeout(() => {
      timedOut = true
      terminate(`nmap timed out after ${timeoutMs} ms and was stopped`)
    }, timeoutMs)
    const onAbort = () => {
      aborted = true
      terminate('nmap was cancelled')
    }
    options.signal?.addEventListener('abort', onAbort, {once: true})
    const onParentSignal = (sig: NodeJS.Signals) => {
      parentSignal = sig
      aborted = true
      terminate(`nmap was stopped (${sig})`)
    }
    const parentSignals: NodeJS.Signals[] = posix ? ['SIGINT', 'SIGTERM', 'SIGHUP'] : ['SIGINT']
    const handleSignals = options.handleParentSignals !== false
    if (handleSignals) for (const sig of parentSignals) process.on(sig, onParentSignal)
    // If this process exits while nmap runs, take nmap (and its group) with it.
    const onExit = () => signalGroup('SIGKILL')
    process.on('exit', onExit)

    const cleanup = () => {
      clearTimeout(timer)
      if (killTimer) clearTimeout(killTimer)
      options.signal?.removeEventListener('abort', onAbort)
      if (handleSignals) for (const sig of parentSignals) process.off(sig, onParentSignal)
      process.off('exit', onExit)
    }

    const scanLines = (text: string) => {
      pending += text
      let newline = pending.indexOf('\n')
      while (newline !== -1) {
        const line = pending.slice(0, newline)
        pending = pending.slice(newline + 1)
        if (line.includes('</host>')) hostsDone += line.split('</host>').length - 1
        if (line.startsWith('<taskprogress')) {
          const progress = parseTaskProgress(line)
          if (progress) {
            try {
              options.onProgress?.({...progress, hostsDone})
            } catch {
              /* a failing listener must not break the run */
            }
          }
        }
        newline = pending.indexOf('\n')
      }
      if (pending.length > MAX_PENDING_LINE) pending = ''
    }

    child.stdout!.on('data', (chunk: Buffer) => {
      if (stdoutBytes >= maxOutput) return
      const room = maxOutput - stdoutBytes
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk
      stdout.push(kept)
      stdoutBytes += kept.length
      scanLines(decoder.write(kept))
      if (chunk.length > room) terminate(`nmap output larger than ${maxOutput} bytes; nmap was stopped`)
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderrBytes >= MAX_STDERR_BYTES) return
      const kept = chunk.subarray(0, MAX_STDERR_BYTES - stderrBytes)
      stderr.push(kept)
      stderrBytes += kept.length
    })
    child.once('spawn', () => {
      spawned = true
      if (child.pid !== undefined) options.onSpawn?.(child.pid)
    })

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return
      settled = true
      cleanup()
      const parsed = parseNmapXml(Buffer.concat(stdout), {maxBytes: maxOutput})
      const lines = stderrLines(Buffer.concat(stderr).toString('utf8'))
      const warnings = lines.slice(0, MAX_WARNINGS)
      if (lines.length > MAX_WARNINGS) warnings.push(`(${lines.length - MAX_WARNINGS} more lines on nmap's stderr)`)
      const errors: string[] = []
      if (reason) errors.push(reason)
      else if (signal) errors.push(`nmap was killed by ${signal}`)
      else if (exitCode !== 0) {
        const last = lines.filter((l) => !/^QUITTING!?$/i.test(l)).pop()
        errors.push(`nmap exited with code ${exitCode}${last ? `: ${last}` : ''}`)
      }
      // A truncated document says nothing new when we stopped nmap ourselves, but keep the count.
      if (parsed.error) errors.push(parsed.error)
      const error = errors.length > 0 ? errors.join('; ') : null
      resolve({
        hosts: parsed.hosts,
        warnings,
        error,
        ok: error === null,
        exitCode,
        signal,
        pid: child.pid ?? null,
        args,
        durationMs: Date.now() - started,
        aborted,
        timedOut,
        complete: parsed.complete,
        info: parsed.info,
        outputBytes: stdoutBytes,
      })
      if (parentSignal) reraise(parentSignal)
    }

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (spawned || settled) return // e.g. a failed kill: 'close' still follows
      settled = true
      cleanup()
      if (error.code === 'ENOENT') reject(new NmapNotFoundError([file, ...prefix].join(' ')))
      else reject(new Error(`nmap could not be started: ${error.message}`))
    })
    child.once('close', (code, signal) => {
      if (!spawned) return
      // Anything nmap started in its group goes with it.
      if (posix && child.pid !== undefined && reason !== null) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          /* group already empty */
        }
      }
      finish(code, signal)
    })
  })
}

/**
 * After nmap is gone, let a Ctrl-C (or SIGTERM/SIGHUP) do what it would have done without our
 * handler: if no one else listens, the default action ends this process.
 */
function reraise(sig: NodeJS.Signals): void {
  if (process.listenerCount(sig) > 0) return
  if (process.platform === 'win32') process.exit(130)
  else process.kill(process.pid, sig)
}
