import type {FileService, Share} from '../../../evidence/shares-schema.js'
import {sanitizeText} from '../../../report/sanitize.js'
import {type LanContext, classifyExport} from './classify.js'
import type {NfsHostResult} from './types.js'

/** Caps on the device text kept as evidence. */
const MAX_EVIDENCE_GROUPS = 32
const MAX_GROUP_CHARS = 64
const MAX_PATH_CHARS = 256

const clean = (text: string, max: number) => sanitizeText(text, max)

function reasonFor(reach: 'everyone' | 'lan' | 'restricted', notes: string[]): string {
  const groups = notes.slice(0, 4).join('; ') + (notes.length > 4 ? `; … (${notes.length} groups)` : '')
  if (reach === 'restricted') return `exported only to listed clients: ${groups}. NFS checks nothing but the client's address and the user ID it claims`
  return (
    `exported to ${reach === 'everyone' ? 'everyone' : 'the whole LAN'}: ${groups}. Any device there can mount it over NFS with AUTH_SYS, ` +
    'which needs no password (the server believes the user ID the client claims); the export list does not say whether it is read-only or read-write'
  )
}

/** NFS or MOUNT answered or is registered: this host serves NFS (not merely rpcbind). */
export function nfsSeen(r: NfsHostResult): boolean {
  return r.exports !== null || r.mount !== null || !!r.nfsVersions?.length || !!r.registrations?.some((m) => m.program === 'nfs' || m.program === 'mountd')
}

/** A summary of the services found, made only of numbers and fixed words. */
function banner(r: NfsHostResult): string | null {
  const parts: string[] = []
  if (r.nfsVersions?.length) parts.push(`NFS v${r.nfsVersions.join(', v')}${r.nfsPort ? ` on ${r.nfsPort}` : ''}`)
  if (r.mount) parts.push(`MOUNT v${r.mount.version} on ${r.mount.port} (${r.mount.auth === 'none' ? 'AUTH_NONE' : 'AUTH_SYS as nobody'})`)
  return parts.length ? parts.join('; ') : null
}

/**
 * The probe's result in the report's shapes (src/evidence/shares-schema.ts): one FileService
 * per host, one Share per export. An export open to everyone or the whole LAN is
 * `anonymous-read` (read at least; write is not known from the list); one limited to listed
 * clients is `auth-required` (NFS has no password: "required" here means the server limits it
 * to those clients). Paths and groups are sanitised and capped.
 */
export function nfsToEvidence(r: NfsHostResult, lan: LanContext): {fileService: FileService; shares: Share[]} {
  const shares: Share[] = (r.exports ?? []).map((e) => {
    const {reach, notes} = classifyExport(e.groups, lan)
    return {
      host: r.host,
      protocol: 'nfs' as const,
      name: clean(e.path, MAX_PATH_CHARS),
      access: reach === 'restricted' ? ('auth-required' as const) : ('anonymous-read' as const),
      comment: null,
      reason: clean(reasonFor(reach, notes), 1024),
      evidence: {
        reach,
        groups: e.groups.slice(0, MAX_EVIDENCE_GROUPS).map((g) => clean(g, MAX_GROUP_CHARS)),
        groupsTruncated: e.groupsTruncated || e.groups.length > MAX_EVIDENCE_GROUPS,
        mountPort: r.mount?.port ?? null,
        mountVersion: r.mount?.version ?? null,
        auth: r.mount?.auth ?? null,
      },
    }
  })
  const fileService: FileService = {
    host: r.host,
    protocol: 'nfs',
    port: r.nfsPort ?? (r.portmapper?.reachable ? r.portmapper.port : 2049),
    reachable: r.reachable,
    anonymousLogin: r.exports === null ? null : shares.some((s) => s.access === 'anonymous-read'),
    // ONC RPC with AUTH_NONE/AUTH_SYS is not encrypted (only RPCSEC_GSS krb5p is); the export
    // list and its answer crossed the network in clear.
    plaintext: true,
    banner: banner(r),
    error: r.error === null ? (r.exportsTruncated ? 'export list truncated' : null) : clean(r.error, 300),
  }
  return {fileService, shares}
}
