import type dgram from 'node:dgram'
import snmp, {type Session} from 'net-snmp'
import type {ScanScope} from '../../scope/scope-guard.js'
import {guardedDgram} from '../net/guarded-dgram.js'
import {berProblem} from './snmp-ber.js'

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
/** An OID value is never cut (a shorter OID is another OID): 128 sub-identifiers of up to 10 digits (RFC 2578 3.5). */
const MAX_OID_TEXT = 128 * 11
const OID_TYPE = 6

function valueText(value: unknown, type: number): string | null {
  if (value === null || value === undefined) return null
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value)
  return text.slice(0, type === OID_TYPE ? MAX_OID_TEXT : MAX_VALUE)
}

/**
 * The guarded dgram module, with a filter in front of net-snmp's decoder: datagrams from any
 * other address or port than the agent's are dropped, and a datagram that is not well-formed
 * BER (snmp-ber.ts) is reported through `malformed` instead of being decoded.
 */
function filteredDgram(scope: ScanScope, ip: string, port: number, malformed: (reason: string) => void): Pick<typeof dgram, 'createSocket'> {
  const guarded = guardedDgram(scope)
  return {
    createSocket: ((...args: Parameters<typeof dgram.createSocket>) => {
      const socket = guarded.createSocket(...args)
      const on = socket.on.bind(socket) as (event: string, listener: (...a: unknown[]) => void) => dgram.Socket
      socket.on = ((event: string, listener: (...a: unknown[]) => void) => {
        if (event !== 'message') return on(event, listener)
        return on('message', (...a: unknown[]) => {
          const [message, rinfo] = a as [Buffer, dgram.RemoteInfo]
          if (rinfo.address !== ip || rinfo.port !== port) return
          const problem = berProblem(message)
          if (problem) malformed(`${problem} (${message.length}-byte datagram)`)
          else listener(message, rinfo)
        })
      }) as typeof socket.on
      return socket
    }) as typeof dgram.createSocket,
  }
}

/** The evidence text of a failed GET: net-snmp's error classes named as what they mean. */
function failureText(error: Error | null): string {
  if (!error) return 'error: no varbinds'
  // net-snmp sometimes puts a number in `message` (RequestFailedError of an unknown status).
  const message = String(error.message).slice(0, 200)
  if (error.name === 'RequestTimedOutError') return 'no answer'
  if (error.name === 'ResponseInvalidError') return `invalid answer: ${message}`
  if (error.name === 'RequestFailedError') return `error status: ${message}`
  return `error: ${message}`
}

function getSystem(scope: ScanScope, ip: string, community: string, version: 0 | 1, timeoutMs: number, port: number): Promise<SnmpSystem | string> {
  scope.assertAllows(ip)
  return new Promise((resolve) => {
    let session: Session | undefined
    let settled = false
    const done = (result: SnmpSystem | string) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      try {
        session?.close()
      } catch {
        // already closed
      }
      resolve(result)
    }
    const deadline = setTimeout(() => done('timed out'), timeoutMs + 500)
    try {
      const dgramModule = filteredDgram(scope, ip, port, (reason) => done(`malformed answer: ${reason}`))
      session = snmp.createSession(ip, community, {version, port, timeout: timeoutMs, retries: 0, dgramModule})
      // net-snmp emits 'error' only when it cannot decode a datagram.
      session.on('error', (error) => done(`malformed answer: ${String(error?.message).slice(0, 200)}`))
      // This callback runs inside net-snmp's socket handler: whatever it throws would be uncaught.
      session.get(Object.values(SYSTEM_OIDS), (error, varbinds) => {
        try {
          if (error || !Array.isArray(varbinds)) return done(failureText(error))
          const system: SnmpSystem = {}
          const keys = Object.keys(SYSTEM_OIDS) as Array<keyof typeof SYSTEM_OIDS>
          varbinds.forEach((vb, i) => {
            if (!snmp.isVarbindError(vb) && keys[i]) {
              const text = valueText(vb.value, vb.type)
              if (text !== null) system[keys[i]] = text
            }
          })
          done(system)
        } catch (thrown) {
          done(`invalid answer: ${thrown instanceof Error ? thrown.message.slice(0, 200) : 'unreadable'}`)
        }
      })
    } catch (error) {
      done(`error: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`)
    }
  })
}

/**
 * Ask a device's SNMP agent for its system group with the two default communities only:
 * v2c then v1, `public` then `private`. Stops at the first answer; an answer is itself a
 * finding (a default community is open).
 */
export async function probeSnmp(scope: ScanScope, ip: string, timeoutMs = 1500, only?: {version: 'v2c'; community: 'public'}, port = 161): Promise<SnmpProbeResult> {
  const attempts: SnmpProbeResult['attempts'] = []
  const versions = only ? ([[1, 'v2c']] as const) : ([[1, 'v2c'], [0, 'v1']] as const)
  const communities = only ? (['public'] as const) : (['public', 'private'] as const)
  for (const [version, label] of versions) {
    for (const community of communities) {
      const result = await getSystem(scope, ip, community, version, timeoutMs, port)
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
