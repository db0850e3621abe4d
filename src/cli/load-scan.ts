import {Errors} from '@oclif/core'
import {loadScan, type StoredScan} from '../history/store.js'

/** A stored scan by history id or file, or a one-line usage error with exit code 2. */
export function loadScanOrExit(ref: string): StoredScan {
  try {
    return loadScan(ref)
  } catch (error) {
    throw new Errors.CLIError(error instanceof Error ? error.message : String(error), {exit: 2})
  }
}
