import {arch, platform, release} from 'node:os'
import {type Evidence, type Network, SCHEMA_VERSION} from '../evidence/schema.js'
import type {Lang} from '../i18n/locale.js'
import {TOOL_VERSION} from '../version.js'

/**
 * Evidence for commands that gather one part only (`router`, `local`, `wifi`): the parts they
 * did not gather are empty or null, and only the rules about their part are evaluated.
 */
export function partialEvidence(network: Network, lang: Lang, parts: Partial<Pick<Evidence, 'router' | 'local' | 'hosts'>>): Evidence {
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
    hosts: parts.hosts ?? [],
    shares: [],
    fileServices: [],
    local: parts.local ?? null,
    router: parts.router ?? null,
    probes: [],
    warnings: [],
  }
}
