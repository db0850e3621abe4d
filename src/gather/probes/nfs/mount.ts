import {type Parsed, XdrReader, safeParse} from './xdr.js'

/**
 * MOUNT protocol EXPORT (RFC 1813 appendix I, MOUNTPROC3_EXPORT = 5; the same procedure in
 * MOUNT v1, RFC 1094 appendix A): the server's list of exported directories, each with the
 * groups (hosts, networks, netgroups, patterns) allowed to mount it. MNT itself, which would
 * mount, is never sent.
 */

export const MOUNTPROC_EXPORT = 5
export const MNTPATHLEN = 1024
export const MNTNAMLEN = 255

/** Caps on what is read from one reply. */
export const MAX_EXPORTS = 256
export const MAX_GROUPS = 64

export interface ExportEntry {
  path: string
  /** Empty: no group listed, which by convention means everyone (nfs-utils lists `*` so). */
  groups: string[]
  groupsTruncated: boolean
}

export interface ExportList {
  exports: ExportEntry[]
  truncated: boolean
}

/**
 * Parse EXPORT results: `exports` is an optional-data chain of exportnode {dirpath ex_dir;
 * groups ex_groups; exports ex_next}, and groups a chain of groupnode {name gr_name; groups
 * gr_next}. Groups beyond MAX_GROUPS are skipped (still bounds-checked); exports beyond
 * MAX_EXPORTS end the list. Never throws.
 */
export function parseExportResult(results: Buffer): Parsed<ExportList> {
  return safeParse('EXPORT reply', () => {
    const r = new XdrReader(results)
    const exports: ExportEntry[] = []
    while (r.bool('export follows')) {
      if (exports.length === MAX_EXPORTS) return {exports, truncated: true}
      const path = r.string(MNTPATHLEN, 'export path')
      const groups: string[] = []
      let groupsTruncated = false
      // The loop is bounded by the record cap (1 MiB): every group takes at least 8 bytes.
      while (r.bool('group follows')) {
        const name = r.string(MNTNAMLEN, 'group name')
        if (groups.length < MAX_GROUPS) groups.push(name)
        else groupsTruncated = true
      }
      exports.push({path, groups, groupsTruncated})
    }
    return {exports, truncated: false}
  })
}
