import snmp, {type Session} from 'net-snmp'
import type {ScanScope} from '../../scope/scope-guard.js'
import {guardedDgram} from '../net/guarded-dgram.js'

/** The system group (RFC 1213) read from a device. */
export const SYSTEM_OIDS = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
} as const

export type SnmpSystem = Partial<Record<keyof typeof SYSTEM_OIDS, string>>

export interface SnmpAnswer {
  version: 'v2c' | 'v1'
  community: 'public' | 'private'
  system: SnmpSystem
}

export interface SnmpProbeResult {
  target: string
  answer: SnmpAnswer | null
  /** Each attempt, for the evidence: which version and community, and what happened. */
  attempts: Array<{version: 'v2c' | 'v1'; community: string; outcome: string}>
}

const MAX_VALUE = 1024

function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value)
  return text.slice(0, MAX_VALUE)
}

function getSystem(scope: ScanScope, ip: string, community: string, version: 0 | 1, timeoutMs: number): Promise<SnmpSystem | string> {
  scope.assertAllows(ip)
  return new Promise((resolve) => {
    let session: Session
    let settled = false
    const done = (result: SnmpSystem | string) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      try {
        session.close()
      } catch {
        // already closed
      }
      resolve(result)
    }
    const deadline = setTimeout(() => done('timed out'), timeoutMs + 500)
    try {
      session = snmp.createSession(ip, community, {version, timeout: timeoutMs, retries: 0, dgramModule: guardedDgram(scope)})
      session.on('error', (error) => done(`error: ${error.message}`))
      session.get(Object.values(SYSTEM_OIDS), (error, varbinds) => {
        if (error || !varbinds) return done(error?.name === 'RequestTimedOutError' ? 'no answer' : `error: ${error?.message ?? 'no varbinds'}`)
        const system: SnmpSystem = {}
        const keys = Object.keys(SYSTEM_OIDS) as Array<keyof typeof SYSTEM_OIDS>
        varbinds.forEach((vb, i) => {
          if (!snmp.isVarbindError(vb) && keys[i]) {
            const text = valueText(vb.value)
            if (text !== null) system[keys[i]] = text
          }
        })
        done(system)
      })
    } catch (error) {
      done(`error: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
}

/**
 * Ask a device's SNMP agent for its system group with the two default communities only:
 * v2c then v1, `public` then `private`. Stops at the first answer; an answer is itself a
 * finding (a default community is open).
 */
export async function probeSnmp(scope: ScanScope, ip: string, timeoutMs = 1500, only?: {version: 'v2c'; community: 'public'}): Promise<SnmpProbeResult> {
  const attempts: SnmpProbeResult['attempts'] = []
  const versions = only ? ([[1, 'v2c']] as const) : ([[1, 'v2c'], [0, 'v1']] as const)
  const communities = only ? (['public'] as const) : (['public', 'private'] as const)
  for (const [version, label] of versions) {
    for (const community of communities) {
      const result = await getSystem(scope, ip, community, version, timeoutMs)
      if (typeof result === 'string') {
        attempts.push({version: label, community, outcome: result})
        continue
      }
      attempts.push({version: label, community, outcome: 'answered'})
      return {target: ip, answer: {version: label, community, system: result}, attempts}
    }
  }
  return {target: ip, answer: null, attempts}
}
