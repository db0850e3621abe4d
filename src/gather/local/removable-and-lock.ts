import type {LocalPosture} from '../../evidence/local-schema.js'
import {parseDiskutilList, parseGetVolumeJson, parseLsblkRemovable} from './parsers/removable-media.js'
import {parseGnomeScreenLock, parseMacScreenLock, parseWindowsScreenLock} from './parsers/screen-lock.js'
import {type CommandOutput, readCommand, readPowerShellJson, whyUnreadable} from './read-command.js'

export type RemovableSection = LocalPosture['removable']
export type ScreenLockSection = LocalPosture['screenLock']

/** Removable storage that is connected (D-3.2.4). */
export async function readRemovable(platform: NodeJS.Platform): Promise<RemovableSection> {
  let outputs: CommandOutput[]
  let media: RemovableSection['media'] = []
  if (platform === 'win32') {
    const volumes = await readPowerShellJson('Get-Volume | Select-Object DriveLetter,FileSystemLabel,DriveType')
    outputs = [volumes]
    media = volumes.stdout ? parseGetVolumeJson(volumes.stdout) : []
  } else if (platform === 'linux') {
    const lsblk = await readCommand('lsblk', ['-J', '-o', 'NAME,RM,HOTPLUG,TRAN,MOUNTPOINT,TYPE'])
    outputs = [lsblk]
    media = lsblk.stdout ? parseLsblkRemovable(lsblk.stdout) : []
  } else if (platform === 'darwin') {
    const diskutil = await readCommand('diskutil', ['list', 'external', 'physical'], 10_000)
    outputs = [diskutil]
    media = diskutil.stdout ? parseDiskutilList(diskutil.stdout) : []
  } else {
    return {status: 'unreadable', reason: `not read on ${platform}`, commands: [], media: []}
  }
  const read = outputs[0]!.stdout !== null
  return {status: read ? 'read' : 'unreadable', reason: read ? null : whyUnreadable(outputs), commands: outputs.map((o) => o.evidence), media}
}

/** Idle screen-lock settings (E-3.4.3). */
export async function readScreenLock(platform: NodeJS.Platform): Promise<ScreenLockSection> {
  let outputs: CommandOutput[]
  let lock: {idleSeconds: number | null; lockEnabled: boolean | null; lockDelaySeconds: number | null} | null = null
  if (platform === 'win32') {
    const desktop = await readCommand('reg', ['query', 'HKCU\\Control Panel\\Desktop'])
    const policy = await readCommand('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', '/v', 'InactivityTimeoutSecs'])
    outputs = [desktop, policy]
    if (desktop.stdout) lock = parseWindowsScreenLock(desktop.stdout, policy.stdout ?? undefined)
  } else if (platform === 'darwin') {
    const status = await readCommand('sysadminctl', ['-screenLock', 'status'], 5000, true)
    const idle = await readCommand('defaults', ['-currentHost', 'read', 'com.apple.screensaver', 'idleTime'])
    outputs = [status, idle]
    if (status.stdout) lock = parseMacScreenLock(status.stdout, idle.stdout ?? undefined)
  } else {
    const idle = await readCommand('gsettings', ['get', 'org.gnome.desktop.session', 'idle-delay'])
    const enabled = await readCommand('gsettings', ['get', 'org.gnome.desktop.screensaver', 'lock-enabled'])
    const delay = await readCommand('gsettings', ['get', 'org.gnome.desktop.screensaver', 'lock-delay'])
    outputs = [idle, enabled, delay]
    if (idle.stdout && enabled.stdout) lock = parseGnomeScreenLock(idle.stdout, enabled.stdout, delay.stdout ?? undefined)
  }
  const read = lock !== null && (lock.idleSeconds !== null || lock.lockEnabled !== null)
  return {
    status: read ? 'read' : 'unreadable',
    reason: read ? null : whyUnreadable(outputs),
    commands: outputs.map((o) => o.evidence),
    idleSeconds: lock?.idleSeconds ?? null,
    lockEnabled: lock?.lockEnabled ?? null,
    lockDelaySeconds: lock?.lockDelaySeconds ?? null,
  }
}
