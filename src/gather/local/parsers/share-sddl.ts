/**
 * The anyone-entries of a Windows share's security descriptor (`Get-SmbShare`'s `SecurityDescriptor`,
 * SDDL as in MS-DTYP 2.5.1, e.g. `O:SYG:SYD:(A;;0x1200a9;;;WD)`). Unlike `Get-SmbShareAccess`'s
 * `AccountName`, which Windows translates ("Todos" for Everyone on Spanish Windows), the SID
 * tokens are the same in every language. Pure function; garbage gives [] and never throws.
 */
import type {ShareRight} from './types.js'

const MAX_SDDL = 64 * 1024
const MAX_ACES = 256

/**
 * Trustees meaning "anyone", as SDDL SID tokens (Microsoft Learn, "SID strings": WD = Everyone,
 * AN = Anonymous logon, BG = Built-in guests) or their SIDs (Well-known SIDs).
 */
const ANYONE: Record<string, string> = {
  WD: 'Everyone (S-1-1-0)',
  'S-1-1-0': 'Everyone (S-1-1-0)',
  AN: 'ANONYMOUS LOGON (S-1-5-7)',
  'S-1-5-7': 'ANONYMOUS LOGON (S-1-5-7)',
  BG: 'Guests (S-1-5-32-546)',
  'S-1-5-32-546': 'Guests (S-1-5-32-546)',
}

// ACCESS_MASK bits (MS-DTYP 2.4.3) and the file rights a share grants (MS-SMB2 2.2.13.1.1)
const WRITE_BITS = 0x2 | 0x4 | 0x10 | 0x40 | 0x100 | 0x10000 // write/append data, write EA, delete child, write attributes, DELETE
const OWNER_BITS = 0x40000 | 0x80000 | 0x10000000 // WRITE_DAC, WRITE_OWNER, GENERIC_ALL
const GENERIC_WRITE = 0x40000000

/** Share rights from an ACE's rights field: a number (`0x1f01ff`) or two-letter codes (`FA`, `GR`, `CCDC…`). */
function rightFromAceRights(field: string): ShareRight {
  const f = field.trim().toUpperCase()
  if (/^0X[0-9A-F]{1,8}$/.test(f) || /^\d{1,10}$/.test(f)) {
    const mask = Number(f) >>> 0
    if (mask & OWNER_BITS) return 'full'
    if (mask & (WRITE_BITS | GENERIC_WRITE)) return 'change'
    return mask === 0 ? 'unknown' : 'read'
  }
  if (!/^([A-Z]{2})+$/.test(f)) return 'unknown'
  const codes = f.match(/../g) ?? []
  if (codes.some((c) => ['GA', 'FA', 'KA', 'WD', 'WO'].includes(c))) return 'full'
  if (codes.some((c) => ['GW', 'FW', 'KW', 'SD', 'WP', 'CC', 'DC', 'DT'].includes(c))) return 'change'
  return 'read'
}

/** The allow entries of the DACL whose trustee is anyone (Everyone, anonymous, guests). */
export function anyoneEntriesOfSddl(sddl: unknown): Array<{principal: string; right: ShareRight}> {
  if (typeof sddl !== 'string' || sddl.length > MAX_SDDL) return []
  const dacl = /(?:^|[)A-Z0-9-])D:([A-Z]*)((?:\([^()]*\))*)/.exec(sddl)
  if (!dacl) return []
  const result: Array<{principal: string; right: ShareRight}> = []
  const aces = (dacl[2] ?? '').match(/\([^()]*\)/g) ?? []
  for (const ace of aces.slice(0, MAX_ACES)) {
    const fields = ace.slice(1, -1).split(';')
    if (fields.length !== 6 || fields[0] !== 'A') continue // access-allowed entries only (deny and object ACEs left out)
    const principal = ANYONE[(fields[5] ?? '').trim().toUpperCase()]
    if (principal) result.push({principal, right: rightFromAceRights(fields[2] ?? '')})
  }
  return result
}
