import {spawn} from 'node:child_process'

export interface CommandResult {
  command: string
  ok: boolean
  exitCode: number | null
  stdout: string
  stderr: string
  /** Why the command did not give a usable answer: not found, timed out, output too large, exit code. */
  error: string | null
  durationMs: number
}

export interface RunOptions {
  timeoutMs?: number
  maxBytes?: number
  env?: NodeJS.ProcessEnv
}

/**
 * Run an OS command without a shell, with a timeout and an output cap, and never throw.
 * The C locale is forced where the OS honours it (POSIX), so parsers see English output; on
 * Windows the output is decoded as UTF-8, or as the Japanese code page (Shift_JIS / CP932)
 * when it is not valid UTF-8.
 */
export function runCommand(file: string, args: string[], options: RunOptions = {}): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 5000
  const maxBytes = options.maxBytes ?? 1024 * 1024
  const command = [file, ...args].join(' ')
  const started = Date.now()
  return new Promise((resolve) => {
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    let size = 0
    let error: string | null = null
    let settled = false
    const env = {...process.env, ...options.env, LC_ALL: 'C', LANG: 'C'}
    const child = spawn(file, args, {env, shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe']})
    const timer = setTimeout(() => {
      error ??= `timed out after ${timeoutMs} ms`
      child.kill('SIGKILL')
    }, timeoutMs)
    const collect = (sink: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        error ??= `output larger than ${maxBytes} bytes`
        child.kill('SIGKILL')
        return
      }
      sink.push(chunk)
    }
    child.stdout.on('data', collect(stdout))
    child.stderr.on('data', collect(stderr))
    const finish = (exitCode: number | null) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (!error && exitCode !== 0) error = `exited with code ${exitCode}`
      resolve({
        command,
        ok: error === null,
        exitCode,
        stdout: decodeOutput(Buffer.concat(stdout)),
        stderr: decodeOutput(Buffer.concat(stderr)),
        error,
        durationMs: Date.now() - started,
      })
    }
    child.on('error', (err: NodeJS.ErrnoException) => {
      error ??= err.code === 'ENOENT' ? `${file}: command not found` : err.message
      finish(null)
    })
    child.on('close', (code) => finish(code))
  })
}

/** UTF-8 when valid, else Shift_JIS (the code page of Japanese-locale Windows consoles). */
export function decodeOutput(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    try {
      return new TextDecoder('shift_jis').decode(bytes)
    } catch {
      return bytes.toString('latin1')
    }
  }
}
