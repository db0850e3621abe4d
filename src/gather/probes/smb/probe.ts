import {randomBytes} from 'node:crypto'
import type {ScanScope} from '../../../scope/scope-guard.js'
import {hex32} from './bytes.js'
import {accessRights, canRead, canWrite} from './access-mask.js'
import {type ClientOptions, type SessionAttempt, Smb2Client, type SmbSession, remaining} from './client.js'
import {MAX_SHARES} from './dcerpc.js'
import {parseSmb1NegotiateResponse, smb1NegotiateRequest} from './smb1.js'
import {Status, statusName} from './smb2.js'
import {type Connector, SmbError, Transport, scopedConnector} from './transport.js'
import type {SessionSummary, ShareCheckEvidence, ShareResult, SmbHostResult, SmbProbeOptions} from './types.js'

export const DEFAULT_STEP_TIMEOUT_MS = 3000
export const DEFAULT_DEADLINE_MS = 30000
export const MAX_ENTRIES = 50
const EVIDENCE_NAMES = 10

function errorText(error: unknown): string {
  if (error instanceof SmbError) return `${error.kind}: ${error.message}`
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

/**
 * SMB1 detection on a fresh connection: one NEGOTIATE offering only "NT LM 0.12".
 * true: the server selected it; false: it refused (index 0xFFFF, an error, an SMB2 answer, or
 * closing the connection); null: it could not be told (no connection, timeout, garbage).
 */
export async function detectSmb1(
  connect: Connector,
  ip: string,
  port: number,
  options: ClientOptions,
): Promise<{smb1: boolean | null; detail: string; connectFailure?: SmbError}> {
  let transport: Transport | null = null
  try {
    let socket
    try {
      socket = await connect(ip, port, remaining(options))
    } catch (error) {
      if (error instanceof SmbError) return {smb1: null, detail: errorText(error), connectFailure: error}
      throw error
    }
    transport = new Transport(socket, options.onMessage, 64 * 1024)
    transport.send(smb1NegotiateRequest())
    let frame: Buffer
    try {
      frame = await transport.next(remaining(options))
    } catch (error) {
      if (error instanceof SmbError && error.kind === 'closed') return {smb1: false, detail: 'the server closed the connection on an SMB1 NEGOTIATE'}
      throw error
    }
    const answer = parseSmb1NegotiateResponse(frame)
    if (!answer.ok) return {smb1: null, detail: answer.error}
    const a = answer.value
    if (a.outcome === 'smb1') return {smb1: true, detail: `the server selected NT LM 0.12${a.signingRequired ? ' (SMB1 signing required)' : ''}`}
    if (a.outcome === 'smb2') return {smb1: false, detail: 'the server answered the SMB1 NEGOTIATE in SMB2'}
    return {smb1: false, detail: a.dialectIndex === 0xffff ? 'the server refused NT LM 0.12 (dialect index 0xFFFF)' : `the server answered ${statusName(a.status)}`}
  } catch (error) {
    return {smb1: null, detail: errorText(error)}
  } finally {
    transport?.close()
  }
}

function summary(a: SessionAttempt): SessionSummary {
  return {kind: a.kind, outcome: a.outcome, status: a.status, isGuest: a.isGuest, isNull: a.isNull, reason: a.reason}
}

function hexOrNull(n: number | null | undefined): string | null {
  return n === null || n === undefined ? null : hex32(n)
}

interface ShareCheck {
  evidence: ShareCheckEvidence
  connected: boolean
  maximalAccess: number | null
  rootMaximalAccess: number | null
  listed: boolean
  listStatus: string | null
}

/** Tree connect, open the root read-only, list up to `max` names, close, disconnect. Writes nothing. */
async function checkShare(client: Smb2Client, session: SmbSession, name: string, max: number): Promise<ShareCheck> {
  const evidence: ShareCheckEvidence = {
    session: session.kind,
    treeConnect: '',
    maximalAccess: null,
    maximalAccessRights: [],
    rootOpen: null,
    rootMaximalAccess: null,
    listedEntries: null,
  }
  const check: ShareCheck = {evidence, connected: false, maximalAccess: null, rootMaximalAccess: null, listed: false, listStatus: null}
  const tc = await client.treeConnect(session, name)
  evidence.treeConnect = statusName(tc.status)
  if (tc.status !== Status.SUCCESS || !tc.response) return check
  check.connected = true
  check.maximalAccess = tc.response.maximalAccess
  evidence.maximalAccess = hex32(tc.response.maximalAccess)
  evidence.maximalAccessRights = accessRights(tc.response.maximalAccess)
  try {
    const root = await client.openRootDirectory(session, tc.treeId)
    evidence.rootOpen = statusName(root.status)
    if (root.response) {
      check.rootMaximalAccess = root.response.maximalAccess
      evidence.rootMaximalAccess = hexOrNull(root.response.maximalAccess)
      try {
        const list = await client.listDirectory(session, tc.treeId, root.response.fileId, max)
        check.listStatus = statusName(list.status)
        if (list.status === Status.SUCCESS) {
          check.listed = true
          evidence.listedEntries = {count: list.names.length, names: list.names.slice(0, EVIDENCE_NAMES), truncated: list.truncated}
        }
      } finally {
        if (!client.broken) await client.closeFile(session, tc.treeId, root.response.fileId)
      }
    }
  } finally {
    if (!client.broken) await client.treeDisconnect(session, tc.treeId)
  }
  return check
}

type Level = 0 | 1 | 2

function level(c: ShareCheck): Level {
  if (!c.connected) return 0
  const write = c.maximalAccess !== null && canWrite(c.maximalAccess) && (c.rootMaximalAccess === null || canWrite(c.rootMaximalAccess))
  if (write && (c.listed || canRead(c.maximalAccess!))) return 2
  if (c.listed || (c.maximalAccess !== null && canRead(c.maximalAccess))) return 1
  return 0
}

function decide(result: ShareResult, checks: ShareCheck[]): void {
  let best: ShareCheck | null = null
  for (const c of checks) if (!best || level(c) > level(best)) best = c
  const chosen = best && level(best) > 0 ? best : null
  if (!chosen) {
    result.access = 'auth-required'
    const why = checks.map((c) => `${c.evidence.session}: ${c.connected ? `connected, no read access (root ${c.evidence.rootOpen ?? '-'}, listing ${c.listStatus ?? '-'})` : c.evidence.treeConnect}`)
    result.reason = `refused without credentials (${why.join('; ')})`
    return
  }
  result.evidence.session = chosen.evidence.session === 'user' ? null : chosen.evidence.session
  result.evidence.maximalAccess = chosen.evidence.maximalAccess
  result.evidence.listedEntries = chosen.evidence.listedEntries
  result.access = level(chosen) === 2 ? 'anonymous-write' : 'anonymous-read'
  if (!chosen.listed) result.reason = `the tree connect grants read access, but listing the share root failed (${chosen.evidence.rootOpen ?? '-'} / ${chosen.listStatus ?? '-'})`
}

function newResult(ip: string, port: number): SmbHostResult {
  return {
    ip,
    port,
    reachable: false,
    smb1: null,
    smb1Detail: null,
    dialect: null,
    signingRequired: null,
    session: null,
    sessions: [],
    server: null,
    shareListing: {via: null, outcome: 'not-tried', reason: null, totalEntries: null, truncated: false},
    shares: [],
    error: null,
    durationMs: 0,
  }
}

/**
 * Audit the SMB service of one host without changing anything on it: SMB1 or not, the SMB2/3
 * dialect and signing, whether null and guest sessions are accepted, the shares (srvsvc
 * NetShareEnumAll), and for each disk share whether a null or guest session can read it or
 * write to it (decided from MaximalAccess, never by writing). Never throws; never hangs beyond
 * the deadline; every socket goes through the scope guard.
 */
export function probeSmbHost(scope: ScanScope, ip: string, options: SmbProbeOptions = {}): Promise<SmbHostResult> {
  return probeSmbHostWith(scope, scopedConnector(scope), ip, options)
}

/** probeSmbHost over a given connector (the tests' in-memory servers); the scope is still checked first. */
export async function probeSmbHostWith(scope: ScanScope, connect: Connector, ip: string, options: SmbProbeOptions = {}): Promise<SmbHostResult> {
  const started = Date.now()
  const port = options.port ?? 445
  const result = newResult(ip, port)
  const clientOptions: ClientOptions = {
    stepTimeoutMs: options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    deadline: started + (options.deadlineMs ?? DEFAULT_DEADLINE_MS),
    onMessage: options.onMessage,
  }
  const maxShares = Math.min(options.maxShares ?? MAX_SHARES, MAX_SHARES)
  const maxEntries = Math.min(options.maxEntries ?? MAX_ENTRIES, MAX_ENTRIES)
  try {
    scope.assertAllows(ip)
  } catch (error) {
    result.error = errorText(error)
    return result
  }
  if (options.checkSmb1 !== false) {
    // First, on its own connection: does the server still accept SMB1?
    const smb1 = await detectSmb1(connect, ip, port, clientOptions)
    result.smb1 = smb1.smb1
    result.smb1Detail = smb1.detail
    if (smb1.connectFailure) {
      result.error = errorText(smb1.connectFailure)
      result.durationMs = Date.now() - started
      return result
    }
    result.reachable = true
  }
  let client: Smb2Client | null = null
  try {
    client = await Smb2Client.openWith(connect, ip, port, clientOptions)
    result.reachable = true
    const neg = await client.negotiate()
    result.dialect = neg.dialectName
    result.signingRequired = neg.signingRequired

    const anonymous = await client.sessionSetup('anonymous')
    result.sessions.push(summary(anonymous))
    const c = anonymous.challenge?.info
    if (c) result.server = {netbiosName: c.nbComputerName ?? null, netbiosDomain: c.nbDomainName ?? null, dnsName: c.dnsComputerName ?? null, dnsDomain: c.dnsDomainName ?? null}
    const guestUser = `homeaudit-${randomBytes(4).toString('hex')}`
    const guest = await client.sessionSetup('guest', {user: guestUser, password: ''})
    result.sessions.push(summary(guest))
    let user: SessionAttempt | null = null
    if (options.credentials) {
      user = await client.sessionSetup('user', {user: options.credentials.user, password: options.credentials.password, domain: options.credentials.domain})
      result.sessions.push(summary(user))
    }
    const unauthenticated = [anonymous, guest].filter((a) => a.session).map((a) => a.session!)
    result.session = anonymous.session ? 'anonymous' : guest.session ? 'guest' : 'refused'

    // The share list: with a null session, then guest, then the user's.
    const listers = [...unauthenticated, ...(user?.session ? [user.session] : [])]
    const reasons: string[] = []
    let shares: Array<{name: string; type: ShareResult['type']; special: boolean; comment: string}> | null = null
    for (const s of listers) {
      const ipc = await client.treeConnect(s, 'IPC$')
      if (ipc.status !== Status.SUCCESS) {
        reasons.push(`${s.kind}: IPC$ ${statusName(ipc.status)}`)
        continue
      }
      try {
        const e = await client.enumShares(s, ipc.treeId, maxShares)
        if (e.result && !e.reason) {
          shares = e.result.shares
          result.shareListing = {via: s.kind, outcome: 'listed', reason: null, totalEntries: e.result.totalEntries, truncated: e.result.truncated}
          break
        }
        reasons.push(`${s.kind}: ${e.reason ?? 'no answer'}`)
      } finally {
        if (!client.broken) await client.treeDisconnect(s, ipc.treeId)
      }
    }
    if (!shares) {
      result.shareListing = {via: null, outcome: listers.length ? 'refused' : 'not-tried', reason: reasons.join('; ') || 'no session to list shares with', totalEntries: null, truncated: false}
    }

    result.shares = (shares ?? []).map((share) => ({
      host: ip,
      protocol: 'smb' as const,
      name: share.name,
      type: share.type,
      special: share.special,
      comment: share.comment,
      access: 'not-checked' as const,
      evidence: {dialect: result.dialect, signingRequired: result.signingRequired, session: null, maximalAccess: null, listedEntries: null, checks: []},
    }))
    for (const r of result.shares) {
      if (client.broken) {
        r.access = 'error'
        r.reason = `not checked: ${errorText(client.broken)}`
        continue
      }
      if (r.type !== 'disk') {
        r.reason = `${r.type === 'ipc' ? 'the IPC' : `a ${r.type}`} share: only disk shares are opened`
        continue
      }
      try {
        const checks: ShareCheck[] = []
        for (const s of unauthenticated) {
          const check = await checkShare(client, s, r.name, maxEntries)
          checks.push(check)
          r.evidence.checks.push(check.evidence)
          if (level(check) === 2) break
        }
        if (checks.length) decide(r, checks)
        else {
          r.access = 'auth-required'
          r.reason = 'the server accepts neither a null nor a guest session'
        }
      } catch (error) {
        r.access = 'error'
        r.reason = errorText(error)
        continue
      }
      if (!user?.session || client.broken) continue
      try {
        r.evidence.authenticated = (await checkShare(client, user.session, r.name, maxEntries)).evidence
      } catch (error) {
        r.reason = `${r.reason ? `${r.reason}; ` : ''}the check with the credentials failed: ${errorText(error)}`
      }
    }
    for (const s of [...unauthenticated, ...(user?.session ? [user.session] : [])]) {
      if (client.broken) break
      await client.logoff(s).catch(() => undefined)
    }
  } catch (error) {
    result.error = errorText(error)
  } finally {
    client?.close()
  }
  if (result.dialect === null && result.smb1 === false && result.smb1Detail?.includes('closed the connection')) {
    // It closed on SMB1 and SMB2 did not work either: not evidence of a server without SMB1.
    result.smb1 = null
    result.smb1Detail = `${result.smb1Detail}, and SMB2 did not work either (not an SMB server?)`
  }
  result.durationMs = Date.now() - started
  return result
}
