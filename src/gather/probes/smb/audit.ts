import {type ShareCheck, decide, level, noteEncryption} from './access-decision.js'
import type {SessionAttempt, SessionKind, SmbSession} from './client.js'
import type {ShareEnumResult} from './dcerpc.js'
import type {Credentials} from './ntlm.js'
import {SmbError} from './transport.js'
import type {SessionSummary, ShareResult, SmbCredentials, SmbHostResult} from './types.js'

/**
 * The audit itself, the same over SMB2/3 (client.ts) and SMB1 (smb1-client.ts): a null session,
 * a guest session (a random user, empty password), the user's own session when credentials were
 * given; the share list with the first session that may read it; then for each disk share the
 * check of the null and guest sessions (and the user's, for the evidence). Nothing is written.
 */

/** What the audit needs of a client, whatever the SMB version. */
export interface AuditClient<S extends SmbSession> {
  readonly broken: SmbError | null
  sessionSetup(kind: SessionKind, creds?: Credentials): Promise<SessionAttempt & {session: S | null}>
  /** Tree connect IPC$, NetShareEnumAll, disconnect. `refused` when IPC$ itself was refused. */
  listShares(session: S, maxShares: number): Promise<{result: ShareEnumResult | null; reason: string | null}>
  /** Tree connect, read-only checks, disconnect (see checkShare in probe.ts and smb1-probe.ts). */
  checkShare(session: S, name: string, maxEntries: number): Promise<ShareCheck>
  logoff(session: S): Promise<void>
}

export function errorText(error: unknown): string {
  if (error instanceof SmbError) return `${error.kind}: ${error.message}`
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

function summary(a: SessionAttempt): SessionSummary {
  return {kind: a.kind, outcome: a.outcome, status: a.status, isGuest: a.isGuest, isNull: a.isNull, reason: a.reason}
}

export interface AuditOptions {
  credentials?: SmbCredentials
  guestUser: string
  maxShares: number
  maxEntries: number
}

/** Fill `result` (sessions, share listing, shares) from an open, negotiated client. Throws on a broken connection. */
export async function auditShares<S extends SmbSession>(client: AuditClient<S>, result: SmbHostResult, options: AuditOptions): Promise<void> {
  const anonymous = await client.sessionSetup('anonymous')
  result.sessions.push(summary(anonymous))
  const c = anonymous.challenge?.info
  if (c) result.server = {netbiosName: c.nbComputerName ?? null, netbiosDomain: c.nbDomainName ?? null, dnsName: c.dnsComputerName ?? null, dnsDomain: c.dnsDomainName ?? null}
  const guest = await client.sessionSetup('guest', {user: options.guestUser, password: ''})
  result.sessions.push(summary(guest))
  let user: (SessionAttempt & {session: S | null}) | null = null
  if (options.credentials) {
    const cr = options.credentials
    user = await client.sessionSetup('user', {user: cr.user, password: cr.password, domain: cr.domain})
    result.sessions.push(summary(user))
  }
  const unauthenticated = [anonymous, guest].filter((a) => a.session).map((a) => a.session!)
  result.session = anonymous.session ? 'anonymous' : guest.session ? 'guest' : 'refused'

  // The share list: with a null session, then guest, then the user's.
  const listers = [...unauthenticated, ...(user?.session ? [user.session] : [])]
  const reasons: string[] = []
  let shares: ShareEnumResult['shares'] | null = null
  for (const s of listers) {
    let e: {result: ShareEnumResult | null; reason: string | null}
    try {
      e = await client.listShares(s, options.maxShares)
    } catch (error) {
      // A failed step (a bad signature, a malformed answer) on a connection that still works:
      // that session's listing failed, the next one may still list.
      if (client.broken) throw error
      reasons.push(`${s.kind}: ${errorText(error)}`)
      continue
    }
    if (e.result && !e.reason) {
      shares = e.result.shares
      result.shareListing = {via: s.kind, outcome: 'listed', reason: null, totalEntries: e.result.totalEntries, truncated: e.result.truncated}
      break
    }
    reasons.push(`${s.kind}: ${e.reason ?? 'no answer'}`)
  }
  if (!shares) {
    result.shareListing = {via: null, outcome: listers.length ? 'refused' : 'not-tried', reason: reasons.join('; ') || 'no session to list shares with', totalEntries: null, truncated: false}
  }

  result.shares = (shares ?? []).map((share) => ({
    host: result.ip,
    protocol: 'smb' as const,
    name: share.name,
    type: share.type,
    special: share.special,
    comment: share.comment,
    access: 'not-checked' as const,
    evidence: {dialect: result.dialect, signingRequired: result.signingRequired, session: null, maximalAccess: null, listedEntries: null, checks: []},
  }))
  for (const r of result.shares) await checkOne(client, r, unauthenticated, user?.session ?? null, options.maxEntries)
  for (const s of listers) {
    if (client.broken) break
    await client.logoff(s).catch(() => undefined)
  }
}

async function checkOne<S extends SmbSession>(client: AuditClient<S>, r: ShareResult, unauthenticated: S[], user: S | null, maxEntries: number): Promise<void> {
  if (client.broken) {
    r.access = 'error'
    r.reason = `not checked: ${errorText(client.broken)}`
    return
  }
  if (r.type !== 'disk') {
    r.reason = `${r.type === 'ipc' ? 'the IPC' : `a ${r.type}`} share: only disk shares are opened`
    return
  }
  try {
    const checks: ShareCheck[] = []
    for (const s of unauthenticated) {
      const check = await client.checkShare(s, r.name, maxEntries)
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
    return
  }
  if (!user || client.broken) return
  try {
    r.evidence.authenticated = (await client.checkShare(user, r.name, maxEntries)).evidence
    noteEncryption(r)
  } catch (error) {
    r.reason = `${r.reason ? `${r.reason}; ` : ''}the check with the credentials failed: ${errorText(error)}`
  }
}
