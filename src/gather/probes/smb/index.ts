/**
 * The SMB share audit: a small, strict SMB2/3 client (plus SMB1 detection) written for this
 * job only. See probe.ts for what it does on the network and what it never does.
 *
 * Files: bytes.ts (bounded reading), netbios.ts (framing), smb2.ts (header and commands),
 * smb1.ts (SMB1 NEGOTIATE only), spnego.ts, ntlm.ts (NTLMSSP, NTLMv2), md4.ts, crypto.ts
 * (HMAC-MD5, AES-CMAC, SMB3 KDF), dcerpc.ts (srvsvc NetShareEnumAll), transport.ts (the
 * scope-guarded socket), client.ts, access-mask.ts, probe.ts, types.ts.
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
