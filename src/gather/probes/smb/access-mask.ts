import {Access} from './smb2.js'

/**
 * Reading an SMB access mask (MS-DTYP 2.4.3) for the audit.
 *
 * "Write" means the holder can put content on the share: FILE_WRITE_DATA (= FILE_ADD_FILE on a
 * directory), FILE_APPEND_DATA (= FILE_ADD_SUBDIRECTORY) or FILE_DELETE_CHILD, or a generic
 * right that implies them (GENERIC_WRITE, GENERIC_ALL, MAXIMUM_ALLOWED). DELETE, WRITE_DAC and
 * WRITE_OWNER on the share root alone are not counted: Samba leaves them in the maximal access
 * of a `read only = yes` share, whose files nobody can change, and counting them would report
 * every read-only guest share as writable. They are listed in `rights` for the evidence.
 */

export const WRITE_BITS =
  Access.FILE_WRITE_DATA | Access.FILE_APPEND_DATA | Access.FILE_DELETE_CHILD | Access.GENERIC_WRITE | Access.GENERIC_ALL | Access.MAXIMUM_ALLOWED

export const READ_BITS = Access.FILE_READ_DATA | Access.GENERIC_READ | Access.GENERIC_ALL | Access.MAXIMUM_ALLOWED

export function canWrite(mask: number): boolean {
  return ((mask >>> 0) & WRITE_BITS) !== 0
}

export function canRead(mask: number): boolean {
  return ((mask >>> 0) & READ_BITS) !== 0
}

const NAMES: Array<[number, string]> = [
  [Access.FILE_READ_DATA, 'read-data'],
  [Access.FILE_WRITE_DATA, 'write-data'],
  [Access.FILE_APPEND_DATA, 'append-data'],
  [Access.FILE_READ_EA, 'read-ea'],
  [Access.FILE_WRITE_EA, 'write-ea'],
  [Access.FILE_EXECUTE, 'execute'],
  [Access.FILE_DELETE_CHILD, 'delete-child'],
  [Access.FILE_READ_ATTRIBUTES, 'read-attributes'],
  [Access.FILE_WRITE_ATTRIBUTES, 'write-attributes'],
  [Access.DELETE, 'delete'],
  [Access.READ_CONTROL, 'read-control'],
  [Access.WRITE_DAC, 'write-dac'],
  [Access.WRITE_OWNER, 'write-owner'],
  [Access.SYNCHRONIZE, 'synchronize'],
  [Access.MAXIMUM_ALLOWED, 'maximum-allowed'],
  [Access.GENERIC_ALL, 'generic-all'],
  [Access.GENERIC_EXECUTE, 'generic-execute'],
  [Access.GENERIC_WRITE, 'generic-write'],
  [Access.GENERIC_READ, 'generic-read'],
]

/** The names of the rights in a mask, for the evidence. */
export function accessRights(mask: number): string[] {
  return NAMES.filter(([bit]) => ((mask >>> 0) & bit) !== 0).map(([, name]) => name)
}
