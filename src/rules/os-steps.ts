import type {Evidence} from '../evidence/schema.js'

/** The operating systems the company lends PCs with. */
export type PcOs = 'windows' | 'macos' | 'linux'

export interface Steps {
  ja: string[]
  en: string[]
}

/** The same step, written for each OS. */
export type PerOs = Record<PcOs, Steps>

const LABEL: Record<PcOs, string> = {windows: 'Windows', macos: 'Mac', linux: 'Linux'}
const ORDER: readonly PcOs[] = ['windows', 'macos', 'linux']

/**
 * The scanned PC's OS: the posture's own `os`, else the platform the scan ran on (the same PC);
 * null for anything else (a report from an unknown system).
 */
export function pcOs(evidence: Pick<Evidence, 'local'> & Partial<Pick<Evidence, 'platform'>>): PcOs | null {
  const os = evidence.local?.os ?? evidence.platform?.os ?? null
  if (os === 'win32') return 'windows'
  if (os === 'darwin') return 'macos'
  if (os === 'linux') return 'linux'
  return null
}

/**
 * Remediation for the scanned PC: the common steps, then the steps of its OS. When the OS is not
 * known every OS's steps are given, each starting with the OS's name, so the reader picks theirs.
 */
export function osSteps(os: PcOs | null, perOs: PerOs, common: Steps = {ja: [], en: []}): Steps {
  if (os !== null) return {ja: [...common.ja, ...perOs[os].ja], en: [...common.en, ...perOs[os].en]}
  const ja = [...common.ja]
  const en = [...common.en]
  for (const key of ORDER) {
    for (const line of perOs[key].ja) ja.push(`${LABEL[key]}: ${line}`)
    for (const line of perOs[key].en) en.push(`${LABEL[key]}: ${line}`)
  }
  return {ja, en}
}

/** Shorthand for a one-line step in each language. */
export function step(ja: string, en: string): Steps {
  return {ja: [ja], en: [en]}
}
