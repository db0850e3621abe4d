import semver from 'semver'

/**
 * Router firmware versions are not semver: `1.05`, `Ver.2.53`, `V1.0.9.88_10.2.88`,
 * `3.0.0.4.386_51665`, `154.07.57`, `Rev.14.01.42`, `7.16rc1`, `1.02B05`,
 * `1.1.0 Build 20230105 rel.61580`. This comparator reads them vendor by vendor.
 */
export type VersionScheme = 'dotted' | 'aterm' | 'buffalo' | 'asus' | 'netgear' | 'tplink' | 'fritz' | 'mikrotik' | 'dlink' | 'semver'

export const VERSION_SCHEMES: readonly VersionScheme[] = ['dotted', 'aterm', 'buffalo', 'asus', 'netgear', 'tplink', 'fritz', 'mikrotik', 'dlink', 'semver']

/** A parsed version: release numbers, then a pre-release rank (release = highest), then build numbers. */
export interface ParsedVersion {
  release: number[]
  /** 3 = release; 2 = rc; 1 = beta; 0 = alpha. */
  stage: number
  stageNumber: number
  build: number[]
}

const PREFIX = /^(?:firmware|version|ver|rev|fw|v|r)[\s.:_-]*/i
const STAGES: Array<[RegExp, number]> = [
  [/^(?:rc|pre)$/i, 2],
  [/^(?:beta|b)$/i, 1],
  [/^(?:alpha|a)$/i, 0],
]

function numbers(text: string): number[] | null {
  if (!/^\d+(?:[._]\d+)*$/.test(text)) return null
  return text.split(/[._]/).map(Number)
}

function parseStage(word: string | undefined, digits: string | undefined): {stage: number; stageNumber: number} | null {
  if (!word) return {stage: 3, stageNumber: 0}
  const match = STAGES.find(([re]) => re.test(word))
  return match ? {stage: match[1], stageNumber: Number(digits ?? 0)} : null
}

/** Parse a version string under a scheme; null when it cannot be read (never a guess). */
export function parseFirmwareVersion(raw: string, scheme: VersionScheme = 'dotted'): ParsedVersion | null {
  let text = raw
    .trim()
    .replace(PREFIX, '')
    .replace(/\s*\((?:long-term|stable|testing|bugfix|development|lts)\)\s*$/i, '') // MikroTik channel notes
    .replace(/-g[0-9a-f]{6,40}$/i, '') // a git hash after a build number (Asuswrt)
    .trim()
  if (text.length === 0 || text.length > 64) return null
  let build: number[] = []

  if (scheme === 'semver') {
    const v = semver.valid(text)
    if (!v) return null
    const parsed = semver.parse(v)!
    const pre = parsed.prerelease
    const stage = pre.length === 0 ? {stage: 3, stageNumber: 0} : parseStage(String(pre[0]).replace(/\d+$/, ''), String(pre[1] ?? /\d+$/.exec(String(pre[0]))?.[0] ?? 0))
    return stage ? {release: [parsed.major, parsed.minor, parsed.patch], ...stage, build} : null
  }

  if (scheme === 'tplink') {
    // "1.1.0 Build 20230105 rel.61580(5553)" → release 1.1.0, build [20230105, 61580]
    const m = /^(\d+(?:\.\d+)*)(?:\s+Build\s+(\d+))?(?:\s+[Rr]el\.?\s*(\d+))?/.exec(text)
    if (!m) return null
    build = [Number(m[2] ?? 0), Number(m[3] ?? 0)]
    return {release: m[1]!.split('.').map(Number), stage: 3, stageNumber: 0, build}
  }

  if (scheme === 'netgear') {
    // "V1.0.9.88_10.2.88": firmware, then the GUI language-pack version
    const [main, gui] = text.split('_', 2)
    const release = numbers(main ?? '')
    if (!release) return null
    return {release, stage: 3, stageNumber: 0, build: gui ? numbers(gui) ?? [] : []}
  }

  if (scheme === 'fritz') {
    // "154.07.57" = hardware 154, FRITZ!OS 7.57; "7.57" alone is the same release
    const parts = numbers(text)
    if (!parts) return null
    return {release: parts.length === 3 && parts[0]! >= 100 ? parts.slice(1) : parts, stage: 3, stageNumber: 0, build: []}
  }

  if (scheme === 'dlink') {
    // "1.02B05" / "1.10b01 Beta": release 1.02, build 5; "Beta" marks a pre-release
    const m = /^(\d+(?:\.\d+)*)(?:\s*[Bb](\d+))?(?:\s*(beta|rc))?$/i.exec(text)
    if (!m) return null
    const stage = parseStage(m[3], undefined)!
    return {release: m[1]!.split('.').map(Number), ...stage, build: [Number(m[2] ?? 0)]}
  }

  // dotted, aterm, buffalo, asus, mikrotik: numbers separated by . or _, then an optional stage
  // ("7.16rc1", "7.16beta3", "2.00 beta")
  const m = /^(\d+(?:[._]\d+)*)\s*(?:[-~]?\s*([a-z]+)\s*(\d+)?)?$/i.exec(text)
  if (!m) return null
  const stage = parseStage(m[2], m[3])
  if (!stage) return null
  return {release: numbers(m[1]!)!, ...stage, build}
}

function compareLists(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  return 0
}

/**
 * Compare two firmware versions of the same vendor: -1, 0 or 1; null when either cannot be
 * read, so that callers answer "unknown" rather than guess.
 */
export function compareFirmware(a: string, b: string, scheme: VersionScheme = 'dotted'): -1 | 0 | 1 | null {
  const pa = parseFirmwareVersion(a, scheme)
  const pb = parseFirmwareVersion(b, scheme)
  if (!pa || !pb) return null
  const order =
    compareLists(pa.release, pb.release) ||
    Math.sign(pa.stage - pb.stage) ||
    Math.sign(pa.stageNumber - pb.stageNumber) ||
    compareLists(pa.build, pb.build)
  return order as -1 | 0 | 1
}
