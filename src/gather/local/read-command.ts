import {readFile} from 'node:fs/promises'
import type {CommandEvidence} from '../../evidence/local-schema.js'
import {runCommand} from '../../util/run-command.js'

const RAW_CAP = 8 * 1024

export interface CommandOutput {
  evidence: CommandEvidence
  /** Full output (up to the runner's cap) for the parser; null when the command failed. */
  stdout: string | null
}

/**
 * Run one OS command for the posture (5 s, 1 MiB, no shell) and keep it as evidence.
 * `withStderr` is for commands that answer on stderr (macOS sysadminctl).
 */
export async function readCommand(file: string, args: string[], timeoutMs = 5000, withStderr = false): Promise<CommandOutput> {
  const r = await runCommand(file, args, {timeoutMs})
  const out = withStderr ? `${r.stdout}${r.stderr}` : r.stdout
  return {
    evidence: {command: r.command, ok: r.ok, error: r.error, durationMs: r.durationMs, raw: out.slice(0, RAW_CAP)},
    stdout: r.ok ? out : null,
  }
}

/** PowerShell, non-interactive, with the result as JSON. */
export function readPowerShellJson(expression: string, timeoutMs = 8000): Promise<CommandOutput> {
  return readCommand('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `${expression} | ConvertTo-Json -Depth 4`], timeoutMs)
}

/** Read a small text file as if it were a command's output. */
export async function readTextFile(path: string): Promise<CommandOutput> {
  const started = Date.now()
  try {
    const text = (await readFile(path, 'utf8')).slice(0, 1024 * 1024)
    return {evidence: {command: `read ${path}`, ok: true, error: null, durationMs: Date.now() - started, raw: text.slice(0, RAW_CAP)}, stdout: text}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    return {evidence: {command: `read ${path}`, ok: false, error: code, durationMs: Date.now() - started, raw: ''}, stdout: null}
  }
}

/** Why none of the commands gave an answer, in one line. */
export function whyUnreadable(outputs: readonly CommandOutput[]): string {
  return outputs.map((o) => `${o.evidence.command}: ${o.evidence.error ?? 'no usable output'}`).join('; ')
}
