import {randomBytes} from 'node:crypto'
import type {ScanScope} from '../../../scope/scope-guard.js'
import {hex32} from './bytes.js'
import {type ShareCheck, newShareCheck, recordListing, recordMaximalAccess} from './access-decision.js'
import {type AuditClient, auditShares, errorText} from './audit.js'
import {type ClientOptions, Smb2Client, type SmbSession, remaining} from './client.js'
import {MAX_SHARES} from './dcerpc.js'
import {GENERIC_SERVER_NAME, isValidNetbiosName} from './nbss.js'
import {parseSmb1NegotiateResponse, smb1NegotiateRequest} from './smb1.js'
import {smb1Audit} from './smb1-probe.js'
import {Status, statusName} from './smb2.js'
import {type Connector, NetbiosSessionError, SmbError, type Transport, openTransport, scopedConnector} from './transport.js'
import type {SmbHostResult, SmbProbeOptions} from './types.js'

export const DEFAULT_STEP_TIMEOUT_MS = 3000
export const DEFAULT_DEADLINE_MS = 30000
export const MAX_ENTRIES = 50

/**
 * The called names to try over TCP 139, in order: the host's own NetBIOS name when it is known
 * and valid, then *SMBSERVER (MS-CIFS 2.1.1.2).
 */
export function calledNamesFor(netbiosName: string | null | undefined): string[] {
  const name = netbiosName?.trim().toUpperCase()
  return name && isValidNetbiosName(name) && name !== GENERIC_SERVER_NAME ? [name, GENERIC_SERVER_NAME] : [GENERIC_SERVER_NAME]
}

export interface Smb1Detection {
  smb1: boolean | null
  detail: string
  /** No TCP connection at all (refused, unreachable, timeout). */
  connectFailure?: SmbError
  /** TCP worked, but no NetBIOS session could be set up (TCP 139). */
  sessionFailure?: SmbError
  /** The called name the server accepted (TCP 139). */
  calledName?: string | null
}

/**
 * SMB1 detection on a fresh connection: one NEGOTIATE offering only "NT LM 0.12".
 * true: the server selected it; false: it refused (index 0xFFFF, an error, an SMB2 answer, or
 * closing the connection); null: it could not be told (no connection, timeout, garbage).
 */
export async function detectSmb1(connect: Connector, ip: string, port: number, options: ClientOptions): Promise<Smb1Detection> {
  let transport: Transport | null = null
  let calledName: string | null = null
  try {
    try {
      const opened = await openTransport(connect, ip, port, {remaining: () => remaining(options), onMessage: options.onMessage, maxBytes: 64 * 1024, calledNames: options.calledNames})
      transport = opened.transport
      calledName = opened.calledName
    } catch (error) {
      if (error instanceof NetbiosSessionError) return {smb1: null, detail: errorText(error), sessionFailure: error}
      if (error instanceof SmbError) return {smb1: null, detail: errorText(error), connectFailure: error}
      throw error
    }
    transport.send(smb1NegotiateRequest())
    let frame: Buffer
    try {
      frame = await transport.next(remaining(options))
    } catch (error) {
      if (error instanceof SmbError && error.kind === 'closed') return {smb1: false, detail: 'the server closed the connection on an SMB1 NEGOTIATE', calledName}
      throw error
    }
    const answer = parseSmb1NegotiateResponse(frame)
    if (!answer.ok) return {smb1: null, detail: answer.error, calledName}
    const a = answer.value
    if (a.outcome === 'smb1') return {smb1: true, detail: `the server selected NT LM 0.12${a.signingRequired ? ' (SMB1 signing required)' : ''}`, calledName}
    if (a.outcome === 'smb2') return {smb1: false, detail: 'the server answered the SMB1 NEGOTIATE in SMB2', calledName}
    return {smb1: false, detail: a.dialectIndex === 0xffff ? 'the server refused NT LM 0.12 (dialect index 0xFFFF)' : `the server answered ${statusName(a.status)}`, calledName}
  } catch (error) {
    return {smb1: null, detail: errorText(error), calledName}
  } finally {
    transport?.close()
  }
}

function hexOrNull(n: number | null | undefined): string | null {
  return n === null || n === undefined ? null : hex32(n)
}

/**
 * Tree connect, open the root read-only, list up to `max` names, close, disconnect. Writes
 * nothing. On a share that requires encryption, a session with keys encrypts every request
 * after the tree connect; one without (null, guest) is marked unable to use it.
 */
async function checkShare(client: Smb2Client, session: SmbSession, name: string, max: number): Promise<ShareCheck> {
  const check = newShareCheck(session.kind)
  const evidence = check.evidence
  const tc = await client.treeConnect(session, name)
  evidence.treeConnect = statusName(tc.status)
  if (tc.status !== Status.SUCCESS || !tc.response) return check
  recordMaximalAccess(check, tc.response.maximalAccess)
  evidence.encryptionRequired = tc.encryptionRequired
  check.encryptionUnusable = tc.encryptionRequired && !tc.canEncrypt
  try {
    const root = await client.openRootDirectory(session, tc.treeId)
    evidence.rootOpen = statusName(root.status)
    if (root.response) {
      check.rootMaximalAccess = root.response.maximalAccess
      evidence.rootMaximalAccess = hexOrNull(root.response.maximalAccess)
      try {
        recordListing(check, await client.listDirectory(session, tc.treeId, root.response.fileId, max))
      } finally {
        if (!client.broken) await client.closeFile(session, tc.treeId, root.response.fileId)
      }
    }
  } finally {
    if (!client.broken) await client.treeDisconnect(session, tc.treeId)
  }
  return check
}

/** The SMB2/3 client as the audit uses it. */
function smb2AuditClient(client: Smb2Client): AuditClient<SmbSession> {
  return {
    get broken() {
      return client.broken
    },
    sessionSetup: (kind, creds) => client.sessionSetup(kind, creds),
    async listShares(session, maxShares) {
      const ipc = await client.treeConnect(session, 'IPC$')
      if (ipc.status !== Status.SUCCESS) return {result: null, reason: `IPC$ ${statusName(ipc.status)}`}
      try {
        const e = await client.enumShares(session, ipc.treeId, maxShares)
        return {result: e.result, reason: e.reason}
      } finally {
        if (!client.broken) await client.treeDisconnect(session, ipc.treeId)
      }
    },
    checkShare: (session, name, max) => checkShare(client, session, name, max),
    logoff: (session) => client.logoff(session),
  }
}

function newResult(ip: string, port: number): SmbHostResult {
  return {
    ip,
    port,
    reachable: false,
    calledName: null,
    protocol: null,
    smb2Error: null,
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
 * write to it (decided from MaximalAccess, never by writing). A server that speaks only SMB1
 * gets the same audit in SMB1 (smb1-probe.ts). Over TCP 139 a NetBIOS session comes first.
 * Never throws; never hangs beyond the deadline; every socket goes through the scope guard.
 */
export function probeSmbHost(scope: ScanScope, ip: string, options: SmbProbeOptions = {}): Promise<SmbHostResult> {
  return probeSmbHostWith(scope, scopedConnector(scope), ip, options)
}

/** probeSmbHost over a given connector (the tests' in-memory servers); the scope is still checked first. */
export async function probeSmbHostWith(scope: ScanScope, connect: Connector, ip: string, options: SmbProbeOptions = {}): Promise<SmbHostResult> {
  const started = Date.now()
  const port = options.port ?? 445
  const result = newResult(ip, port)
  const random = options.random ?? randomBytes
  const clientOptions: ClientOptions = {
    stepTimeoutMs: options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    deadline: started + (options.deadlineMs ?? DEFAULT_DEADLINE_MS),
    onMessage: options.onMessage,
    calledNames: port === 139 ? calledNamesFor(options.netbiosName) : undefined,
    random,
    ciphers: options.ciphers,
  }
  const audit = {
    credentials: options.credentials,
    guestUser: `homeaudit-${random(4).toString('hex')}`,
    maxShares: Math.min(options.maxShares ?? MAX_SHARES, MAX_SHARES),
    maxEntries: Math.min(options.maxEntries ?? MAX_ENTRIES, MAX_ENTRIES),
  }
  try {
    scope.assertAllows(ip)
  } catch (error) {
    result.error = errorText(error)
    return result
  }
  const finish = () => {
    result.durationMs = Date.now() - started
    return result
  }
  if (options.checkSmb1 !== false) {
    // First, on its own connection: does the server still accept SMB1?
    const smb1 = await detectSmb1(connect, ip, port, clientOptions)
    result.smb1 = smb1.smb1
    result.smb1Detail = smb1.detail
    if (smb1.connectFailure) {
      result.error = errorText(smb1.connectFailure)
      return finish()
    }
    result.reachable = true
    if (smb1.sessionFailure) {
      result.error = errorText(smb1.sessionFailure)
      return finish()
    }
    if (smb1.calledName) {
      result.calledName = smb1.calledName
      clientOptions.calledNames = [smb1.calledName]
    }
  }
  let client: Smb2Client | null = null
  try {
    client = await Smb2Client.openWith(connect, ip, port, clientOptions)
    result.reachable = true
    result.calledName = client.calledName
    const neg = await client.negotiate()
    result.protocol = 'smb2'
    result.dialect = neg.dialectName
    result.signingRequired = neg.signingRequired
    await auditShares(smb2AuditClient(client), result, audit)
  } catch (error) {
    result.error = errorText(error)
  } finally {
    client?.close()
  }
  if (result.dialect === null && result.smb1 === true) {
    // A server that accepts SMB1 and not SMB2: audit it in SMB1, on a new connection.
    result.smb2Error = result.error
    result.error = null
    await smb1Audit(connect, ip, port, clientOptions, result, audit)
  }
  if (result.dialect === null && result.smb1 === false && result.smb1Detail?.includes('closed the connection')) {
    // It closed on SMB1 and SMB2 did not work either: not evidence of a server without SMB1.
    result.smb1 = null
    result.smb1Detail = `${result.smb1Detail}, and SMB2 did not work either (not an SMB server?)`
  }
  return finish()
}
