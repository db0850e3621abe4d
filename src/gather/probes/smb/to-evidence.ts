import type {FileService, Share} from '../../../evidence/shares-schema.js'
import type {SmbHostResult} from './types.js'

/**
 * The probe's result in the report's shapes (src/evidence/shares-schema.ts): one FileService
 * for the host, and one Share per disk share (IPC$ and printers are not shares one reads).
 * Evidence is flattened to the scalars and string lists the schema allows.
 */
export function smbToEvidence(r: SmbHostResult): {fileService: FileService; shares: Share[]} {
  const fileService: FileService = {
    host: r.ip,
    protocol: 'smb',
    port: r.port,
    reachable: r.reachable,
    anonymousLogin: r.session === null ? null : r.session !== 'refused',
    plaintext: false,
    smb1: r.smb1,
    dialect: r.dialect,
    signingRequired: r.signingRequired,
    banner: r.server?.netbiosName ?? null,
    error: r.error ?? (r.shareListing.outcome === 'refused' ? `share listing refused: ${r.shareListing.reason}` : null),
  }
  const shares: Share[] = r.shares
    .filter((s) => s.type === 'disk')
    .map((s) => {
      const check = s.evidence.checks.find((c) => c.session === s.evidence.session) ?? s.evidence.checks[0]
      const user = s.evidence.authenticated
      const tried = [...s.evidence.checks, ...(user ? [user] : [])].filter((c) => c.treeConnect === 'STATUS_SUCCESS')
      return {
        host: s.host,
        protocol: 'smb' as const,
        name: s.name,
        access: s.access === 'not-checked' ? ('error' as const) : s.access,
        comment: s.comment || null,
        reason: s.reason ?? null,
        evidence: {
          dialect: s.evidence.dialect,
          signingRequired: s.evidence.signingRequired,
          session: s.evidence.session,
          special: s.special,
          treeConnect: check?.treeConnect ?? null,
          maximalAccess: s.evidence.maximalAccess,
          maximalAccessRights: check?.maximalAccessRights ?? [],
          rootMaximalAccess: check?.rootMaximalAccess ?? null,
          listedCount: s.evidence.listedEntries?.count ?? null,
          listedNames: s.evidence.listedEntries?.names ?? [],
          listedTruncated: s.evidence.listedEntries?.truncated ?? false,
          // SMB2_SHAREFLAG_ENCRYPT_DATA as a tree connect that got in saw it; null when none got in.
          encryptionRequired: tried.length ? tried.some((c) => c.encryptionRequired) : null,
          // The same check with the user's own login (--smb-user), when one was given.
          userTreeConnect: user?.treeConnect ?? null,
          userMaximalAccess: user?.maximalAccess ?? null,
          userListedCount: user?.listedEntries?.count ?? null,
        },
      }
    })
  return {fileService, shares}
}
