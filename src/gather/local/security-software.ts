import type {LocalPosture} from '../../evidence/local-schema.js'
import {parseGetServiceJson, parsePsComm, parseSecurityCenterAntivirus, parseTasklistCsv} from './parsers/security-software.js'
import type {SecurityProduct} from './parsers/types.js'
import {type CommandOutput, readCommand, readPowerShellJson, whyUnreadable} from './read-command.js'

export type SecuritySection = LocalPosture['security']

function section(outputs: CommandOutput[], products: SecurityProduct[], read: boolean): SecuritySection {
  return {status: read ? 'read' : 'unreadable', reason: read ? null : whyUnreadable(outputs), commands: outputs.map((o) => o.evidence), products}
}

function unique(products: SecurityProduct[]): SecurityProduct[] {
  const seen = new Set<string>()
  return products.filter((p) => (seen.has(`${p.name}|${p.source}`) ? false : (seen.add(`${p.name}|${p.source}`), true)))
}

/** Security software: Windows Security Center and services; elsewhere, known products' processes. */
export async function readSecuritySoftware(platform: NodeJS.Platform): Promise<SecuritySection> {
  if (platform === 'win32') {
    const center = await readPowerShellJson('Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct')
    // By display name too: AppGuard's service shows as "AppGuard Agent Service (x86)" (Blue Planet-works
    // support, ag-support.blueplanet-works.com/?p=491); its short service name was not found.
    const services = await readPowerShellJson(
      "Get-Service -ErrorAction SilentlyContinue | Where-Object { $_.Name -eq 'ekrn' -or $_.Name -like 'AppGuard*' -or $_.Name -like 'AGService*' -or $_.DisplayName -like '*AppGuard*' -or $_.DisplayName -like 'ESET*' } | Select-Object Name,DisplayName,Status",
    )
    const tasks = await readCommand('tasklist', ['/fo', 'csv', '/nh'])
    const found = [
      ...(center.stdout ? parseSecurityCenterAntivirus(center.stdout) : []),
      ...(services.stdout ? parseGetServiceJson(services.stdout) : []),
      ...(tasks.stdout ? parseTasklistCsv(tasks.stdout) : []),
    ]
    return section([center, services, tasks], unique(found), center.stdout !== null || tasks.stdout !== null)
  }
  const ps = await readCommand('ps', ['-axo', 'comm'])
  return section([ps], unique(ps.stdout ? parsePsComm(ps.stdout) : []), ps.stdout !== null)
}
