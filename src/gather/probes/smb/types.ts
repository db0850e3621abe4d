import type {ShareKind} from './dcerpc.js'
import type {MessageHook} from './transport.js'

export type {ShareKind}

/** The best session homeaudit got without credentials. */
export type SmbSessionState = 'anonymous' | 'guest' | 'refused'

/**
 * What a share allows without credentials:
 * - anonymous-read: a null or guest session lists the share root;
 * - anonymous-write: ...and the share's MaximalAccess (and its root directory's, when the
 *   server reports it) lets that session add files;
 * - auth-required: the tree connect (or the root) is refused to null and guest sessions;
 * - not-checked: not a disk share (IPC$, printers) — only disk shares are opened;
 * - error: the check could not be completed (see `reason`).
 */
export type ShareAccess = 'anonymous-read' | 'anonymous-write' | 'auth-required' | 'not-checked' | 'error'

export interface ListedEntries {
  /** Names seen in the share root, "." and ".." excluded, counted up to the cap (50). */
  count: number
  /** The first few names (at most 10). */
  names: string[]
  /** More entries exist than were read. */
  truncated: boolean
}

export interface ShareCheckEvidence {
  session: 'anonymous' | 'guest' | 'user'
  treeConnect: string
  /** MaximalAccess of the TREE_CONNECT response, as 0x-hex, and its rights by name. */
  maximalAccess: string | null
  maximalAccessRights: string[]
  /** Opening the share root (FILE_OPEN, read-only access): its status and MxAc maximal access. */
  rootOpen: string | null
  rootMaximalAccess: string | null
  listedEntries: ListedEntries | null
  /** The tree connect said SMB2_SHAREFLAG_ENCRYPT_DATA (the share requires SMB3 encryption). */
  encryptionRequired: boolean
}

export interface ShareResult {
  host: string
  protocol: 'smb'
  name: string
  type: ShareKind
  /** STYPE_SPECIAL: an administrative share (C$, ADMIN$, IPC$). */
  special: boolean
  comment: string
  access: ShareAccess
  reason?: string
  evidence: {
    dialect: string | null
    signingRequired: boolean | null
    /** The session the access was decided with (null when none got in). */
    session: 'anonymous' | 'guest' | null
    maximalAccess: string | null
    listedEntries: ListedEntries | null
    /** Each unauthenticated attempt, in order. */
    checks: ShareCheckEvidence[]
    /** The same check with the user's credentials, when credentials were given. */
    authenticated?: ShareCheckEvidence
  }
}

export interface SessionSummary {
  kind: 'anonymous' | 'guest' | 'user'
  outcome: 'established' | 'refused' | 'error' | 'not-tried'
  status: string | null
  isGuest: boolean
  isNull: boolean
  reason: string | null
}

export interface SmbHostResult {
  ip: string
  port: number
  /** A TCP connection to the SMB port was accepted. */
  reachable: boolean
  /** Over TCP 139: the NetBIOS called name the server accepted (null on 445 or when none was). */
  calledName: string | null
  /** What the audit spoke: SMB2/3, or SMB1 with a server that speaks nothing newer. */
  protocol: 'smb2' | 'smb1' | null
  /** Why SMB2 did not work, when the audit fell back to SMB1. */
  smb2Error: string | null
  /** SMB1 (NT LM 0.12) accepted; null when it could not be told. */
  smb1: boolean | null
  smb1Detail: string | null
  /** The dialect spoken: "2.0.2" … "3.1.1", or "NT LM 0.12" (SMB1); null when negotiation failed. */
  dialect: string | null
  signingRequired: boolean | null
  session: SmbSessionState | null
  sessions: SessionSummary[]
  /** What the server says about itself in its NTLM challenge (no credentials needed). */
  server: {netbiosName: string | null; netbiosDomain: string | null; dnsName: string | null; dnsDomain: string | null} | null
  shareListing: {
    via: 'anonymous' | 'guest' | 'user' | null
    outcome: 'listed' | 'refused' | 'error' | 'not-tried'
    reason: string | null
    totalEntries: number | null
    truncated: boolean
  }
  shares: ShareResult[]
  error: string | null
  durationMs: number
}

export interface SmbCredentials {
  user: string
  password: string
  domain?: string
}

export interface SmbProbeOptions {
  /** 445 (direct-hosted SMB, the default) or 139 (SMB over the NetBIOS session service). */
  port?: number
  /**
   * Over TCP 139: the host's NetBIOS name (from its node status), tried as the called name
   * before *SMBSERVER; a name that is not a valid NetBIOS name is not used.
   */
  netbiosName?: string | null
  /** Time allowed for each step (connect, each request). Default 3000 ms. */
  stepTimeoutMs?: number
  /** Time allowed for the whole probe of one host. Default 30000 ms. */
  deadlineMs?: number
  /** Check one's own NAS with a user's NTLMv2 login; the password is never logged or returned. */
  credentials?: SmbCredentials
  /** Try the separate SMB1 negotiate (default true). */
  checkSmb1?: boolean
  maxShares?: number
  maxEntries?: number
  /** Debugging and fixture capture only: sees every SMB message sent and received. */
  onMessage?: MessageHook
  /** Tests only: the source of random values (see ClientOptions.random), so that a replay matches its capture. */
  random?: (n: number) => Buffer
  /** Tests only: the ciphers offered in a 3.1.1 NEGOTIATE. */
  ciphers?: readonly number[]
}
