/**
 * The SMB share audit: a small, strict SMB2/3 client, and an SMB1 one for servers that speak
 * nothing newer, written for this job only. See probe.ts for what it does on the network and
 * what it never does.
 *
 * Files: bytes.ts (bounded reading), netbios.ts (framing), nbss.ts (the NetBIOS session service
 * for TCP 139), smb2.ts (header and commands), transform.ts (SMB 3.x encryption), smb1.ts and
 * smb1-commands.ts (SMB1 messages), spnego.ts, ntlm.ts (NTLMSSP, NTLMv2), md4.ts, crypto.ts
 * (HMAC-MD5, AES-CMAC, SMB3 KDF, AES-CCM/GCM), dcerpc.ts and share-enum.ts (srvsvc
 * NetShareEnumAll), transport.ts (the scope-guarded socket), client.ts (SMB2/3), smb1-client.ts,
 * audit.ts (the audit, whatever the version), access-decision.ts, access-mask.ts, probe.ts,
 * smb1-probe.ts, to-evidence.ts, types.ts.
 */
export {probeSmbHost, detectSmb1, DEFAULT_DEADLINE_MS, DEFAULT_STEP_TIMEOUT_MS, MAX_ENTRIES} from './probe.js'
export {MAX_SHARES} from './dcerpc.js'
export {smbToEvidence} from './to-evidence.js'
export type {
  ListedEntries,
  SessionSummary,
  ShareAccess,
  ShareCheckEvidence,
  ShareKind,
  ShareResult,
  SmbCredentials,
  SmbHostResult,
  SmbProbeOptions,
  SmbSessionState,
} from './types.js'
