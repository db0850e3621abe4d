import {Flags} from '@oclif/core'
import {detectLang, type Lang} from '../i18n/locale.js'

/** Flags several commands share. */
export const vendorDbFlag = Flags.string({description: 'vendor-db directory to use instead of the shipped one (vendor-db/vendors)', helpGroup: 'DATA'})

export const checkDefaultCredentialsFlag = Flags.boolean({
  description: "try the router's documented factory login (at most 3 attempts, HTTP Basic auth only; passwords are never stored or printed)",
  default: false,
})

export const langFlag = Flags.string({options: ['ja', 'en'], description: 'language (default: from the OS locale)'})

/** The language a command speaks: --lang, or the OS locale. */
export function langOf(flag: string | undefined): Lang {
  return (flag as Lang | undefined) ?? detectLang()
}

export const formatFlag = Flags.string({
  description: 'output format: text (terminal), json (the versioned schema), md (Markdown for a ticket), html (self-contained page; use with --out)',
  options: ['text', 'json', 'md', 'html'],
})

export const outFlag = Flags.string({description: 'write the report to this file instead of stdout (mode 0600)'})

export const failOnFlag = Flags.string({
  description: 'exit code 1 when a finding at least this bad exists: violation (default), warning, or never',
  options: ['violation', 'warning', 'never'],
  default: 'violation',
})

export const redactFlag = Flags.boolean({description: 'hash MAC addresses, SSIDs and host names, for sharing the report'})

/** Exit code 1 or 0 under --fail-on. */
export function exitCodeFor(findings: ReadonlyArray<{status: string}>, failOn: string): 0 | 1 {
  if (failOn === 'never') return 0
  const bad = failOn === 'warning' ? ['violation', 'warning'] : ['violation']
  return findings.some((f) => bad.includes(f.status)) ? 1 : 0
}

export const smbUserFlag = Flags.string({description: 'your own SMB user, to check your own NAS (the password is asked for, or taken from HOMEAUDIT_SMB_PASSWORD; never stored)'})
export const smbPasswordFlag = Flags.string({description: 'the password for --smb-user (prefer the prompt or HOMEAUDIT_SMB_PASSWORD: command lines are visible to other users)'})

export const portsFlag = Flags.string({description: 'TCP ports to check on each host, e.g. 22,80,8000-8100 (default: nmap\'s top 100 plus home-network ports)'})
export const topPortsFlag = Flags.integer({description: "check nmap's N most frequently open TCP ports", min: 1, max: 1000})

/** The port list from --ports / --top-ports, or undefined for the default; throws on a bad list. */
export async function portsFromFlags(ports: string | undefined, top: number | undefined): Promise<number[] | undefined> {
  const {parsePortSpec, topTcpPorts} = await import('../gather/discovery/common-ports.js')
  if (ports !== undefined) {
    const list = parsePortSpec(ports)
    if (!list) throw new Error(`--ports: not a port list (e.g. 22,80,8000-8100; at most 4096 ports): ${ports}`)
    return list
  }
  return top === undefined ? undefined : topTcpPorts(top)
}
