import assert from 'node:assert/strict'
import {parseDiskutilList, parseGetVolumeJson, parseLsblkRemovable} from '../../../src/gather/local/parsers/removable-media.js'
import {
  parseGnomeScreenLock,
  parseGsettingsBool,
  parseGsettingsNumber,
  parseMacScreenLock,
  parsePowercfgQuery,
  parseRegQuery,
  parseWindowsScreenLock,
} from '../../../src/gather/local/parsers/screen-lock.js'
import {fixture, hostileInputs} from './helpers.js'

describe('removable media: lsblk -J', () => {
  it('finds nothing removable on the dev machine (virtio disk, zram)', () => {
    assert.deepEqual(parseLsblkRemovable(fixture('linux/lsblk-J-removable-devmachine.json')), [])
  })

  it('finds a USB stick with its mounted partition (booleans or the older "1"/"0" strings)', () => {
    // lsblk -J -o NAME,RM,HOTPLUG,TRAN,MOUNTPOINT,TYPE shapes; values built here.
    const modern = JSON.stringify({
      blockdevices: [
        {name: 'nvme0n1', rm: false, hotplug: false, tran: 'nvme', mountpoint: null, type: 'disk', children: [{name: 'nvme0n1p2', rm: false, hotplug: false, tran: null, mountpoint: '/', type: 'part'}]},
        {name: 'sda', rm: true, hotplug: true, tran: 'usb', mountpoint: null, type: 'disk', children: [{name: 'sda1', rm: true, hotplug: true, tran: null, mountpoint: '/media/taro/USB', type: 'part'}]},
        {name: 'sr0', rm: true, hotplug: false, tran: 'sata', mountpoint: null, type: 'rom'},
        {name: 'loop0', rm: false, hotplug: false, tran: null, mountpoint: '/snap/core/1', type: 'loop'},
      ],
    })
    assert.deepEqual(parseLsblkRemovable(modern), [
      {name: 'sda', mounts: ['/media/taro/USB'], transport: 'usb'},
      {name: 'sr0', mounts: [], transport: 'sata'},
    ])
    const old = '{"blockdevices": [{"name": "sdb", "rm": "1", "hotplug": "1", "tran": "usb", "mountpoint": null, "type": "disk"}]}'
    assert.deepEqual(parseLsblkRemovable(old), [{name: 'sdb', mounts: [], transport: 'usb'}])
  })
})

describe('removable media: Get-Volume JSON', () => {
  it('keeps Removable and CD-ROM volumes (enum numbers or names; drive letter as string or char code)', () => {
    // ConvertTo-Json shape of Get-Volume; values built here.
    const json = JSON.stringify([
      {DriveLetter: 'C', FileSystemLabel: 'Windows', DriveType: 3},
      {DriveLetter: 69, FileSystemLabel: 'USBSTICK', DriveType: 2},
      {DriveLetter: 'F', FileSystemLabel: 'DVD', DriveType: 'CD-ROM'},
      {DriveLetter: null, FileSystemLabel: 'SD', DriveType: 'Removable'},
    ])
    assert.deepEqual(parseGetVolumeJson(json), [
      {name: 'E:', mounts: ['E:'], transport: null},
      {name: 'F:', mounts: ['F:'], transport: 'optical'},
      {name: 'SD', mounts: [], transport: null},
    ])
  })
})

describe('removable media: macOS diskutil list', () => {
  it('reports the external physical disk of a real listing, not the internal disk or the APFS container', () => {
    assert.deepEqual(parseDiskutilList(fixture('macos/diskutil-list-usb-ntfs-blog.txt')), [{name: 'disk2 (UBUNTUINSTA)', mounts: [], transport: null}])
  })

  it('reports two external disks and skips disk images and the CoreStorage volume (real listing, 2-space indent)', () => {
    assert.deepEqual(
      parseDiskutilList(fixture('macos/diskutil-list-two-external-disk-images-blog.txt')).map((m) => m.name),
      ['disk3 (My Passport)', 'disk5 (NESO_xHDD_by_HITACHI)'],
    )
  })

  it('gives [] for no external disk (what `diskutil list external physical` prints then) and for garbage', () => {
    assert.deepEqual(parseDiskutilList(''), [])
    assert.deepEqual(parseDiskutilList(fixture('macos/diskutil-list-usb-ntfs-blog.txt').split('/dev/disk2')[0] ?? ''), [])
    for (const input of hostileInputs(fixture('macos/diskutil-list-two-external-disk-images-blog.txt'))) assert.ok(Array.isArray(parseDiskutilList(input)))
  })
})

describe('screen lock: GNOME gsettings', () => {
  it('reads idle-delay and lock-enabled as captured on the dev machine', () => {
    assert.deepEqual(parseGnomeScreenLock(fixture('linux/gsettings-idle-delay.txt'), fixture('linux/gsettings-lock-enabled.txt')), {
      idleSeconds: 300,
      lockEnabled: true,
      lockDelaySeconds: null,
    })
  })

  it('reads gsettings value forms', () => {
    assert.equal(parseGsettingsNumber('uint32 0\n'), 0)
    assert.equal(parseGsettingsNumber('600'), 600)
    assert.equal(parseGsettingsNumber('No such schema “org.gnome.desktop.session”'), null)
    assert.equal(parseGsettingsBool('false\n'), false)
    assert.equal(parseGsettingsBool('maybe'), null)
    assert.deepEqual(parseGnomeScreenLock('uint32 900', 'false', 'uint32 30'), {idleSeconds: 900, lockEnabled: false, lockDelaySeconds: 30})
  })
})

describe('screen lock: macOS', () => {
  it('reads sysadminctl -screenLock status', () => {
    assert.deepEqual(parseMacScreenLock(fixture('macos/sysadminctl-screenlock-status-immediate-readme.txt'), '1200\n'), {
      idleSeconds: 1200,
      lockEnabled: true,
      lockDelaySeconds: 0,
    })
    // The other documented status lines, with sysadminctl's timestamp prefix.
    assert.deepEqual(parseMacScreenLock('2026-09-26 10:00:00.000 sysadminctl[123:4567] screenLock delay is 300 seconds\n'), {
      idleSeconds: null,
      lockEnabled: true,
      lockDelaySeconds: 300,
    })
    assert.equal(parseMacScreenLock('2026-09-26 sysadminctl[1:2] screenLock is off\n').lockEnabled, false)
    assert.equal(parseMacScreenLock('screenLock delay is -1.000000 seconds\n').lockEnabled, false)
    assert.deepEqual(parseMacScreenLock('', '0'), {idleSeconds: 0, lockEnabled: null, lockDelaySeconds: null})
  })
})

describe('screen lock: Windows', () => {
  it('reads powercfg /query AC and DC indexes, English and Japanese', () => {
    assert.deepEqual(parsePowercfgQuery(fixture('windows/powercfg-query-usb-en-code-comment.txt')), {acSeconds: 1, dcSeconds: 1})
    assert.deepEqual(parsePowercfgQuery(fixture('windows/powercfg-query-hibernateidle-ja-memo.txt')), {acSeconds: 0, dcSeconds: 0x7fffffff})
    assert.deepEqual(parsePowercfgQuery('Access denied'), {acSeconds: null, dcSeconds: null})
  })

  it('reads the screen-saver registry values and the inactivity limit', () => {
    // reg query output layout; values built here.
    const desktop = '\r\nHKEY_CURRENT_USER\\Control Panel\\Desktop\r\n    ScreenSaveActive    REG_SZ    1\r\n    ScreenSaverIsSecure    REG_SZ    1\r\n    ScreenSaveTimeOut    REG_SZ    600\r\n'
    assert.equal(parseRegQuery(desktop).get('screensavetimeout'), '600')
    assert.deepEqual(parseWindowsScreenLock(desktop), {idleSeconds: 600, lockEnabled: true, lockDelaySeconds: 0})
    const policy = '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\r\n    InactivityTimeoutSecs    REG_DWORD    0x384\r\n'
    assert.deepEqual(parseWindowsScreenLock(desktop, policy), {idleSeconds: 600, lockEnabled: true, lockDelaySeconds: 0})
    const insecure = desktop.replace('ScreenSaverIsSecure    REG_SZ    1', 'ScreenSaverIsSecure    REG_SZ    0')
    assert.deepEqual(parseWindowsScreenLock(insecure), {idleSeconds: 600, lockEnabled: false, lockDelaySeconds: null})
    assert.deepEqual(parseWindowsScreenLock(insecure, policy), {idleSeconds: 900, lockEnabled: true, lockDelaySeconds: 0})
    assert.deepEqual(parseWindowsScreenLock('ERROR: The system was unable to find the specified registry key or value.'), {idleSeconds: null, lockEnabled: null, lockDelaySeconds: null})
  })
})

describe('removable-media and screen-lock parsers on hostile input', () => {
  it('never throw', () => {
    for (const input of hostileInputs(fixture('linux/lsblk-J-removable-devmachine.json'))) {
      assert.ok(Array.isArray(parseLsblkRemovable(input)))
      assert.ok(Array.isArray(parseGetVolumeJson(input)))
      parseGnomeScreenLock(input, input, input)
      parseMacScreenLock(input, input)
      parsePowercfgQuery(input)
      parseWindowsScreenLock(input, input)
    }
  })
})
