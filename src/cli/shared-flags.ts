import {Flags} from '@oclif/core'

/** Flags several commands share. */
export const vendorDbFlag = Flags.string({description: 'vendor-db directory to use instead of the shipped one (vendor-db/vendors)', helpGroup: 'DATA'})

export const checkDefaultCredentialsFlag = Flags.boolean({
  description: "try the router's documented factory login (at most 3 attempts, HTTP Basic auth only; passwords are never stored or printed)",
  default: false,
})

export const langFlag = Flags.string({options: ['ja', 'en'], description: 'language (default: from the OS locale)'})
