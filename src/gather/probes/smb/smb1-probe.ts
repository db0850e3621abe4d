import {type ShareCheck, newShareCheck, recordListing, recordMaximalAccess} from './access-decision.js'
import {type AuditClient, type AuditOptions, auditShares, errorText} from './audit.js'
import type {ClientOptions} from './client.js'
import {Smb1Client, type Smb1Session} from './smb1-client.js'
import {Status, statusName} from './smb2.js'
import type {Connector} from './transport.js'
import type {SmbHostResult} from './types.js'

/**
 * The share audit of a server that speaks SMB1 only (NT LM 0.12), with the same sessions and
 * the same verdicts as over SMB2 (audit.ts): TREE_CONNECT_ANDX's extended response gives the
 * share's maximal access (MS-SMB 2.2.4.7.2), a names-only FIND_FIRST2 of the root confirms
 * reading. The root itself is not opened, so there is no root maximal access to refine a write
 * verdict: write access rests on the share's MaximalShareAccessRights alone.
 */

async function checkShare(client: Smb1Client, session: Smb1Session, name: string, max: number): Promise<ShareCheck> {
  const check = newShareCheck(session.kind)
  const evidence = check.evidence
  const tc = await client.treeConnect(session, name)
  evidence.treeConnect = statusName(tc.status)
  if (tc.status !== Status.SUCCESS || !tc.answer) return check
  check.connected = true
  // Without the extended response there is no maximal access: only a listing counts then.
  if (tc.answer.maximalAccess !== null) recordMaximalAccess(check, tc.answer.maximalAccess)
  try {
    recordListing(check, await client.listRoot(session, tc.answer.tid, max))
  } finally {
    if (!client.broken) await client.treeDisconnect(session, tc.answer.tid)
  }
  return check
}

function smb1AuditClient(client: Smb1Client): AuditClient<Smb1Session> {
  return {
    get broken() {
      return client.broken
    },
    sessionSetup: (kind, creds) => client.sessionSetup(kind, creds),
    async listShares(session, maxShares) {
      const ipc = await client.treeConnect(session, 'IPC$')
      if (ipc.status !== Status.SUCCESS || !ipc.answer) return {result: null, reason: `IPC$ ${statusName(ipc.status)}`}
      try {
        const e = await client.enumShares(session, ipc.answer.tid, maxShares)
        return {result: e.result, reason: e.reason}
      } finally {
        if (!client.broken) await client.treeDisconnect(session, ipc.answer.tid)
      }
    },
    checkShare: (session, name, max) => checkShare(client, session, name, max),
    logoff: (session) => client.logoff(session),
  }
}

/** Audit `result.ip` in SMB1 on a new connection, filling `result`; never throws. */
export async function smb1Audit(connect: Connector, ip: string, port: number, options: ClientOptions, result: SmbHostResult, audit: AuditOptions): Promise<void> {
  let client: Smb1Client | null = null
  try {
    client = await Smb1Client.openWith(connect, ip, port, options)
    result.calledName = client.calledName ?? result.calledName
    const n = await client.negotiate()
    result.protocol = 'smb1'
    result.dialect = 'NT LM 0.12'
    result.signingRequired = n.signingRequired
    await auditShares(smb1AuditClient(client), result, audit)
  } catch (error) {
    result.error = errorText(error)
  } finally {
    client?.close()
  }
}
