import type {LocalPosture} from '../../evidence/local-schema.js'
import type {LocalShare} from './parsers/types.js'
import {parseExports, parseGetSmbShareJson, parseMacSharingList, parseNetShare, parseNetUsershareInfo, parseSmbConf} from './parsers/shares.js'
import {type CommandOutput, readCommand, readPowerShellJson, readTextFile, whyUnreadable} from './read-command.js'

export type SharesSection = LocalPosture['shares']

function section(outputs: CommandOutput[], shares: LocalShare[], read: boolean): SharesSection {
  return {status: read ? 'read' : 'unreadable', reason: read ? null : whyUnreadable(outputs), commands: outputs.map((o) => o.evidence), shares}
}

/** The folders this PC shares to the network, with who may use them. */
export async function readShares(platform: NodeJS.Platform): Promise<SharesSection> {
  if (platform === 'win32') {
    const shares = await readPowerShellJson('Get-SmbShare | Select-Object Name,Path,Description,Special,ShareType,SecurityDescriptor')
    const access = await readPowerShellJson('Get-SmbShare | Get-SmbShareAccess | Select-Object Name,AccountName,AccessControlType,AccessRight')
    if (shares.stdout !== null) return section([shares, access], parseGetSmbShareJson(shares.stdout, access.stdout ?? undefined), true)
    const net = await readCommand('net', ['share'])
    return section([shares, access, net], net.stdout ? parseNetShare(net.stdout) : [], net.stdout !== null)
  }
  if (platform === 'darwin') {
    const sharing = await readCommand('sharing', ['-l'])
    return section([sharing], sharing.stdout ? parseMacSharingList(sharing.stdout) : [], sharing.stdout !== null)
  }
  // Linux: Samba user shares, the Samba configuration and NFS exports. Missing files mean no
  // such service, which is an answer (nothing shared that way), not an unknown.
  const usershare = await readCommand('net', ['usershare', 'info', '--long'])
  const smbConf = await readTextFile('/etc/samba/smb.conf')
  const exportsFile = await readTextFile('/etc/exports')
  const found = [
    ...(usershare.stdout ? parseNetUsershareInfo(usershare.stdout) : []),
    ...(smbConf.stdout ? parseSmbConf(smbConf.stdout) : []),
    ...(exportsFile.stdout ? parseExports(exportsFile.stdout) : []),
  ]
  const missing = (o: CommandOutput) => o.evidence.error === 'ENOENT' || /command not found/.test(o.evidence.error ?? '')
  const read = [usershare, smbConf, exportsFile].every((o) => o.stdout !== null || missing(o))
  return section([usershare, smbConf, exportsFile], found, read)
}
