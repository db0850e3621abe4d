import {hex32} from './bytes.js'
import {accessRights, canRead, canWrite} from './access-mask.js'
import {Status, statusName} from './smb2.js'
import type {ShareCheckEvidence, ShareResult} from './types.js'

/** How many names of a share's root listing a check keeps as evidence. */
const EVIDENCE_NAMES = 10

/**
 * What one session could do on one share (SMB2 or SMB1 alike), and the verdict drawn from the
 * checks of the null and guest sessions. Write access rests on MaximalAccess only (never on a
 * write); read access on a listing or on read rights in MaximalAccess.
 */
export interface ShareCheck {
  evidence: ShareCheckEvidence
  connected: boolean
  maximalAccess: number | null
  rootMaximalAccess: number | null
  listed: boolean
  listStatus: string | null
  /**
   * The tree connect said the share requires SMB3 encryption (SMB2_SHAREFLAG_ENCRYPT_DATA) and
   * the session has no keys to encrypt with (a null or guest session): only a listing that
   * really worked unencrypted counts as access.
   */
  encryptionUnusable: boolean
}

export function newShareCheck(session: ShareCheckEvidence['session']): ShareCheck {
  return {
    evidence: {
      session,
      treeConnect: '',
      maximalAccess: null,
      maximalAccessRights: [],
      rootOpen: null,
      rootMaximalAccess: null,
      listedEntries: null,
      encryptionRequired: false,
    },
    connected: false,
    maximalAccess: null,
    rootMaximalAccess: null,
    listed: false,
    listStatus: null,
    encryptionUnusable: false,
  }
}

/** The tree connect succeeded and gave the share's MaximalAccess (SMB2, or SMB1's extended response). */
export function recordMaximalAccess(check: ShareCheck, mask: number): void {
  check.connected = true
  check.maximalAccess = mask
  check.evidence.maximalAccess = hex32(mask)
  check.evidence.maximalAccessRights = accessRights(mask)
}

/** A names-only listing of the share root: its status and, when it worked, the first names. */
export function recordListing(check: ShareCheck, list: {status: number; names: string[]; truncated: boolean}): void {
  check.listStatus = statusName(list.status)
  if (list.status !== Status.SUCCESS) return
  check.listed = true
  check.evidence.listedEntries = {count: list.names.length, names: list.names.slice(0, EVIDENCE_NAMES), truncated: list.truncated}
}

export type Level = 0 | 1 | 2

export function level(c: ShareCheck): Level {
  if (!c.connected) return 0
  if (c.encryptionUnusable && !c.listed) return 0
  const write = c.maximalAccess !== null && canWrite(c.maximalAccess) && (c.rootMaximalAccess === null || canWrite(c.rootMaximalAccess))
  if (write && (c.listed || canRead(c.maximalAccess!))) return 2
  if (c.listed || (c.maximalAccess !== null && canRead(c.maximalAccess))) return 1
  return 0
}

const ENCRYPTION_NOTE = 'the share requires SMB3 encryption (SMB2_SHAREFLAG_ENCRYPT_DATA), which a null or guest session cannot provide'

/** The share's access from the unauthenticated checks: the best level any session reached. */
export function decide(result: ShareResult, checks: ShareCheck[]): void {
  let best: ShareCheck | null = null
  for (const c of checks) if (!best || level(c) > level(best)) best = c
  const chosen = best && level(best) > 0 ? best : null
  if (!chosen) {
    result.access = 'auth-required'
    const why = checks.map((c) => `${c.evidence.session}: ${c.connected ? `connected, no read access (root ${c.evidence.rootOpen ?? '-'}, listing ${c.listStatus ?? '-'})` : c.evidence.treeConnect}`)
    result.reason = `refused without credentials (${why.join('; ')})${checks.some((c) => c.encryptionUnusable) ? `; ${ENCRYPTION_NOTE}` : ''}`
    return
  }
  result.evidence.session = chosen.evidence.session === 'user' ? null : chosen.evidence.session
  result.evidence.maximalAccess = chosen.evidence.maximalAccess
  result.evidence.listedEntries = chosen.evidence.listedEntries
  result.access = level(chosen) === 2 ? 'anonymous-write' : 'anonymous-read'
  if (!chosen.listed) result.reason = `the tree connect grants read access, but listing the share root failed (${chosen.evidence.rootOpen ?? '-'} / ${chosen.listStatus ?? '-'})`
}

/**
 * After the user's own check: a share refused to null and guest sessions that the user's tree
 * connect shows to require encryption gets that said in its reason (the server's refusal to a
 * guest does not say why; the user's tree connect does).
 */
export function noteEncryption(result: ShareResult): void {
  const auth = result.evidence.authenticated
  if (result.access !== 'auth-required' || !auth?.encryptionRequired || result.reason?.includes(ENCRYPTION_NOTE)) return
  result.reason = `${result.reason ? `${result.reason}; ` : ''}${ENCRYPTION_NOTE}`
}
