import {arch, platform, release} from 'node:os'
import {type Evidence, type Finding, type Network, SCHEMA_VERSION, type ScanReport} from '../evidence/schema.js'
import {verdictOf} from '../report/verdict.js'
import type {Lang} from '../i18n/locale.js'
import {TOOL_VERSION} from '../version.js'

/**
 * Evidence with the tool's own facts filled in. Commands that gather one part only (`router`,
 * `local`, `wifi`, `shares`) leave the other parts empty or null, and evaluate only the rules
 * about their part; `scan` gives every part.
 */
export function partialEvidence(network: Network, lang: Lang, parts: Partial<Omit<Evidence, 'schemaVersion' | 'tool' | 'platform' | 'network' | 'lang'>>): Evidence {
  const now = new Date().toISOString()
  return {
    schemaVersion: SCHEMA_VERSION,
    startedAt: now,
    finishedAt: now,
    tool: {name: 'homeaudit', version: TOOL_VERSION},
    platform: {os: platform(), release: release(), arch: arch(), node: process.version},
    lang,
    network,
    scope: {target: network.cidr ?? 'none', origin: 'interface', addresses: 0},
    hosts: [],
    shares: [],
    fileServices: [],
    exposures: [],
    local: null,
    router: null,
    probes: [],
    warnings: [],
    ...parts,
  }
}

/** The finished report: the evidence, its findings and the verdict they give. */
export function completeReport(evidence: Evidence, findings: Finding[]): ScanReport {
  const {level, ja, en} = verdictOf(findings)
  return {...evidence, findings, verdict: {level, ja, en}}
}
