/**
 * Screen lock / idle timeout: GNOME `gsettings`, macOS `sysadminctl -screenLock status` and
 * `defaults -currentHost read com.apple.screensaver idleTime`, Windows `powercfg /query` (English
 * and Japanese) and `reg query` of the screen-saver / inactivity-limit values.
 * Pure functions: text in, typed data out; unreadable input gives nulls and never throws.
 */
import {MAX_LINE_LENGTH, splitLines} from './text.js'
import type {ScreenLock} from './types.js'

const UNKNOWN: ScreenLock = {idleSeconds: null, lockEnabled: null, lockDelaySeconds: null}

/** `gsettings get` of a uint32 / int value: `uint32 300` → 300, `300` → 300. */
export function parseGsettingsNumber(text: string): number | null {
  if (typeof text !== 'string') return null
  const m = /^\s*(?:u?int(?:32|64)\s+)?(-?\d{1,10})\s*$/.exec(text.trim().split(/\r?\n/)[0] ?? '')
  if (!m) return null
  const n = Number(m[1])
  return Number.isSafeInteger(n) && n >= 0 ? n : null
}

/** `gsettings get` of a boolean: `true` / `false`. */
export function parseGsettingsBool(text: string): boolean | null {
  if (typeof text !== 'string') return null
  const v = text.trim().split(/\r?\n/)[0]?.trim()
  return v === 'true' ? true : v === 'false' ? false : null
}

/**
 * GNOME: `gsettings get org.gnome.desktop.session idle-delay` (seconds, 0 = never),
 * `gsettings get org.gnome.desktop.screensaver lock-enabled` and, optionally, `... lock-delay`
 * (seconds between blanking and locking).
 */
export function parseGnomeScreenLock(idleDelayText: string, lockEnabledText: string, lockDelayText?: string): ScreenLock {
  return {
    idleSeconds: parseGsettingsNumber(idleDelayText),
    lockEnabled: parseGsettingsBool(lockEnabledText),
    lockDelaySeconds: lockDelayText === undefined ? null : parseGsettingsNumber(lockDelayText),
  }
}

/**
 * macOS `sysadminctl -screenLock status` (printed on stderr, usually with a timestamp prefix):
 * `screenLock delay is immediate`, `screenLock delay is 300 seconds`, `screenLock is off`,
 * and `screenLock delay is -1(.000000) seconds` (disabled).
 * `idleTimeText` is `defaults -currentHost read com.apple.screensaver idleTime` (seconds, 0 = never).
 */
export function parseMacScreenLock(sysadminctlText: string, idleTimeText?: string): ScreenLock {
  let lockEnabled: boolean | null = null
  let lockDelaySeconds: number | null = null
  for (const raw of splitLines(sysadminctlText)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    if (/screenLock is off/i.test(raw)) {
      lockEnabled = false
      break
    }
    const m = /screenLock delay is\s+(immediate|-?\d+(?:\.\d+)?)/i.exec(raw)
    if (m) {
      const value = (m[1] ?? '').toLowerCase()
      if (value === 'immediate') {
        lockEnabled = true
        lockDelaySeconds = 0
      } else {
        const n = Number(value)
        if (n < 0) lockEnabled = false
        else {
          lockEnabled = true
          lockDelaySeconds = Math.round(n)
        }
      }
      break
    }
  }
  let idleSeconds: number | null = null
  if (idleTimeText !== undefined) {
    const m = /^\s*(\d{1,10})\s*$/.exec((idleTimeText.split(/\r?\n/).find((l) => l.trim().length > 0) ?? '').trim())
    if (m) idleSeconds = Number(m[1])
  }
  return {idleSeconds, lockEnabled, lockDelaySeconds}
}

/**
 * `powercfg /query SCHEME_CURRENT SUB_VIDEO VIDEOIDLE` (display turn-off timeout), English or
 * Japanese: `Current AC Power Setting Index: 0x0000012c` / `現在の AC 電源設定のインデックス: 0x0000012c`.
 * Returns seconds on AC and on battery (DC); 0 = never.
 */
export function parsePowercfgQuery(text: string): {acSeconds: number | null; dcSeconds: number | null} {
  let acSeconds: number | null = null
  let dcSeconds: number | null = null
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const m = /\b(AC|DC)\b.*?:\s*0x([0-9a-fA-F]{1,8})\s*$/.exec(raw)
    if (!m) continue
    if (!/index|インデックス/i.test(raw)) continue
    const n = Number.parseInt(m[2] ?? '', 16)
    if (m[1] === 'AC' && acSeconds === null) acSeconds = n
    if (m[1] === 'DC' && dcSeconds === null) dcSeconds = n
  }
  return {acSeconds, dcSeconds}
}

/** `reg query <key> [/v name]` value lines: `    ScreenSaveTimeOut    REG_SZ    600` → Map name → value text. */
export function parseRegQuery(text: string): Map<string, string> {
  const values = new Map<string, string>()
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    if (!/^\s/.test(raw)) continue
    const cells = raw.trim().split(/\s{2,}|\t+/)
    const typeAt = cells.findIndex((c) => /^REG_[A-Z_]+$/.test(c))
    if (typeAt <= 0) continue
    const name = cells.slice(0, typeAt).join('  ').toLowerCase()
    if (!values.has(name)) values.set(name, cells.slice(typeAt + 1).join('  ').trim())
  }
  return values
}

function regNumber(value: string | undefined): number | null {
  if (value === undefined) return null
  const v = value.trim()
  if (/^0x[0-9a-f]{1,8}$/i.test(v)) return Number.parseInt(v.slice(2), 16)
  if (/^\d{1,10}$/.test(v)) return Number(v)
  return null
}

/**
 * Windows screen lock from `reg query "HKCU\Control Panel\Desktop"` (ScreenSaveActive,
 * ScreenSaverIsSecure, ScreenSaveTimeOut) and, optionally, `reg query
 * "HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System" /v InactivityTimeoutSecs`
 * (the machine inactivity limit, which locks regardless of the screen saver). The stricter
 * (shorter, non-zero) of the two timeouts is reported.
 */
export function parseWindowsScreenLock(desktopRegText: string, policyRegText?: string): ScreenLock {
  const desktop = parseRegQuery(desktopRegText)
  const policy = policyRegText === undefined ? new Map<string, string>() : parseRegQuery(policyRegText)
  const active = regNumber(desktop.get('screensaveactive'))
  const secure = regNumber(desktop.get('screensaverissecure'))
  const timeout = regNumber(desktop.get('screensavetimeout'))
  const inactivity = regNumber(policy.get('inactivitytimeoutsecs'))
  if (active === null && secure === null && timeout === null && inactivity === null) return UNKNOWN
  const saverLocks = active !== 0 && secure === 1 && timeout !== null && timeout > 0
  const candidates: number[] = []
  if (saverLocks && timeout !== null) candidates.push(timeout)
  if (inactivity !== null && inactivity > 0) candidates.push(inactivity)
  const lockEnabled = candidates.length > 0 ? true : secure === 0 || active === 0 || inactivity === 0 ? false : null
  return {
    idleSeconds: candidates.length > 0 ? Math.min(...candidates) : active === 0 ? 0 : timeout,
    lockEnabled,
    lockDelaySeconds: candidates.length > 0 ? 0 : null,
  }
}
