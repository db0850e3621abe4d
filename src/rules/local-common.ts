import type {EvidenceItem} from '../evidence/schema.js'
import type {CommandEvidence, LocalPosture} from '../evidence/local-schema.js'
import type {Message} from '../i18n/messages.js'
import type {Verdict} from './rule.js'

type Section = {status: 'read' | 'unreadable' | 'not-applicable'; reason: string | null; commands: CommandEvidence[]}

export function commandEvidence(section: Section): EvidenceItem[] {
  return section.commands.map((c) => ({source: 'local', text: `${c.command}: ${c.ok ? 'read' : c.error ?? 'failed'}`}))
}

/** The verdict when a part of the PC could not be read: unknown, with the reason and a manual step. */
export function unreadable(title: Message, section: Section | null | undefined, manual: {ja: string[]; en: string[]}): Verdict {
  return {
    status: 'unknown',
    title,
    evidence: section
      ? [...commandEvidence(section), {source: 'local', text: `not readable: ${section.reason ?? 'no usable output'}`}]
      : [{source: 'local', text: 'the PC posture was not read (--no-local)'}],
    remediation: manual,
  }
}

export const noSteps = {ja: [] as string[], en: [] as string[]}

/** The local posture, or null when it was not read. */
export function postureOf(evidence: {local: LocalPosture | null}): LocalPosture | null {
  return evidence.local
}

export function wifiLabel(local: LocalPosture): string {
  const c = local.wifi.current
  if (!c) return 'no Wi-Fi connection'
  return `SSID "${c.ssid ?? '(hidden)'}" ${c.auth}/${c.cipher}${c.interface ? ` on ${c.interface}` : ''}`
}
