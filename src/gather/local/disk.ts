import type {LocalPosture} from '../../evidence/local-schema.js'
import {parseFdesetupStatus, parseGetBitLockerVolumeJson, parseLsblkEncryption, parseManageBdeStatus} from './parsers/disk-encryption.js'
import type {DiskEncryption} from './parsers/types.js'
import {type CommandOutput, readCommand, readPowerShellJson, whyUnreadable} from './read-command.js'

export type DiskSection = LocalPosture['disk']

function section(outputs: CommandOutput[], result: DiskEncryption | null): DiskSection {
  const read = result !== null && (result.volumes.length > 0 || result.systemVolumeEncrypted !== null)
  return {
    status: read ? 'read' : 'unreadable',
    reason: read ? null : whyUnreadable(outputs),
    commands: outputs.map((o) => o.evidence),
    systemVolumeEncrypted: result?.systemVolumeEncrypted ?? null,
    volumes: result?.volumes ?? [],
  }
}

/** Disk encryption of the system volume: BitLocker, FileVault, LUKS/dm-crypt. */
export async function readDisk(platform: NodeJS.Platform): Promise<DiskSection> {
  if (platform === 'win32') {
    const bde = await readCommand('manage-bde', ['-status'], 15_000)
    if (bde.stdout) return section([bde], parseManageBdeStatus(bde.stdout))
    const ps = await readPowerShellJson('Get-BitLockerVolume')
    return section([bde, ps], ps.stdout ? parseGetBitLockerVolumeJson(ps.stdout) : null)
  }
  if (platform === 'darwin') {
    const fde = await readCommand('fdesetup', ['status'])
    return section([fde], fde.stdout ? parseFdesetupStatus(fde.stdout) : null)
  }
  const lsblk = await readCommand('lsblk', ['-J', '-o', 'NAME,TYPE,FSTYPE,MOUNTPOINT'])
  return section([lsblk], lsblk.stdout ? parseLsblkEncryption(lsblk.stdout) : null)
}
