import {createHash, randomBytes} from 'node:crypto'
import {closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import envPaths from 'env-paths'
import {type ScanReport, ScanReportSchema} from '../evidence/schema.js'
import {safeJson} from '../report/sanitize.js'

/** Where scans are kept: HOMEAUDIT_HISTORY_DIR, or the user data directory (env-paths). */
export function historyDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOMEAUDIT_HISTORY_DIR || join(envPaths('homeaudit', {suffix: ''}).data, 'scans')
}

/** A file name from the scan's time and content hash only: nothing a device said. */
export function scanId(report: ScanReport): string {
  const time = report.startedAt.replace(/[-:]/g, '').replace(/\.\d+/, '')
  const hash = createHash('sha256').update(JSON.stringify(report)).digest('hex').slice(0, 8)
  return `${time}-${hash}`
}

/**
 * Save a scan atomically: write a temporary file with mode 0600 in the same directory, flush
 * it to disk, then rename it into place. A crash at any point leaves either no file or a
 * complete one, never a torn one.
 */
export function saveScan(report: ScanReport, dir: string = historyDir()): {id: string; path: string} {
  mkdirSync(dir, {recursive: true, mode: 0o700})
  const id = scanId(report)
  const path = join(dir, `${id}.json`)
  const tmp = join(dir, `.${id}.${randomBytes(4).toString('hex')}.tmp`)
  const fd = openSync(tmp, 'wx', 0o600)
  try {
    writeSync(fd, safeJson(report) + '\n')
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameSync(tmp, path)
  } catch (error) {
    rmSync(tmp, {force: true})
    throw error
  }
  return {id, path}
}

export interface StoredScan {
  id: string
  path: string
  report: ScanReport
}

export interface HistoryListing {
  scans: StoredScan[]
  /** Files that are not valid scans (corrupt, foreign, from a newer schema): reported and skipped. */
  skipped: Array<{file: string; reason: string}>
}

/** Every stored scan, oldest first. Leftover temporary files are ignored; bad files are listed, not fatal. */
export function listScans(dir: string = historyDir()): HistoryListing {
  const listing: HistoryListing = {scans: [], skipped: []}
  let files: string[]
  try {
    files = readdirSync(dir)
  } catch {
    return listing
  }
  for (const file of files.filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort()) {
    const path = join(dir, file)
    try {
      const parsed = ScanReportSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
      if (!parsed.success) {
        listing.skipped.push({file, reason: `not a homeaudit scan: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`})
        continue
      }
      listing.scans.push({id: file.replace(/\.json$/, ''), path, report: parsed.data})
    } catch (error) {
      listing.skipped.push({file, reason: `unreadable: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`})
    }
  }
  listing.scans.sort((a, b) => a.report.startedAt.localeCompare(b.report.startedAt))
  return listing
}

/** A scan by history id (or unique id prefix), or by file path. */
export function loadScan(ref: string, dir: string = historyDir()): StoredScan {
  const byId = listScans(dir).scans.filter((s) => s.id === ref || s.id.startsWith(ref))
  if (byId.length === 1) return byId[0]!
  if (byId.length > 1) throw new Error(`"${ref}" matches ${byId.length} scans; give more of the id`)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(ref, 'utf8'))
  } catch (error) {
    throw new Error(`no scan "${ref}" in the history (${dir}) and no readable file by that name`)
  }
  const parsed = ScanReportSchema.safeParse(json)
  if (!parsed.success) throw new Error(`${ref} is not a homeaudit scan report (schema ${String((json as {schemaVersion?: unknown})?.schemaVersion ?? '?')})`)
  return {id: ref, path: ref, report: parsed.data}
}
