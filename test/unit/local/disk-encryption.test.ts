import assert from 'node:assert/strict'
import {
  parseFdesetupStatus,
  parseGetBitLockerVolumeJson,
  parseLsblkEncryption,
  parseManageBdeStatus,
} from '../../../src/gather/local/parsers/disk-encryption.js'
import {fixture, hostileInputs} from './helpers.js'

describe('disk encryption: manage-bde -status', () => {
  it('reads an encrypted, protected OS volume and an unencrypted data volume (Azure VM, tool 10.0.26100)', () => {
    assert.deepEqual(parseManageBdeStatus(fixture('windows/manage-bde-status-en-on-azure-vm.txt')), {
      volumes: [
        {id: 'C:', mount: 'C:', encrypted: true, method: 'XTS-AES 256', protection: 'on'},
        {id: '\\\\?\\Volume{e2af13ec-0000-0000-0000-100000000000}\\', mount: null, encrypted: false, method: null, protection: null},
      ],
      systemVolumeEncrypted: true,
    })
  })

  it('reads the Microsoft documentation example (Used Space Only Encrypted, XTS-AES 128)', () => {
    assert.deepEqual(parseManageBdeStatus(fixture('windows/manage-bde-status-en-on-msdocs.txt')), {
      volumes: [{id: 'C:', mount: 'C:', encrypted: true, method: 'XTS-AES 128', protection: 'on'}],
      systemVolumeEncrypted: true,
    })
  })

  it('reads a fully decrypted volume with protection off (excerpt without the volume header)', () => {
    assert.deepEqual(parseManageBdeStatus(fixture('windows/manage-bde-status-c-en-off-excerpt.txt')), {
      volumes: [{id: '', mount: null, encrypted: false, method: null, protection: 'off'}],
      systemVolumeEncrypted: null,
    })
  })

  it('reads a real Japanese capture: Windows 11 C: fully decrypted, protection off (暗号化は完全に解除されています)', () => {
    assert.deepEqual(parseManageBdeStatus(fixture('windows/manage-bde-status-c-ja-decrypted-win11-26100.txt')), {
      volumes: [{id: 'C:', mount: 'C:', encrypted: false, method: null, protection: 'off'}],
      systemVolumeEncrypted: false,
    })
  })

  it('reads a second real Japanese excerpt (field lines only, the author elided the rest)', () => {
    assert.deepEqual(parseManageBdeStatus(fixture('windows/manage-bde-status-c-ja-decrypted-excerpt-memo.txt')), {
      volumes: [{id: '', mount: null, encrypted: false, method: null, protection: 'off'}],
      systemVolumeEncrypted: null,
    })
  })

  it('reads an English capture with a comma decimal (100,0%): used space encrypted but protection off', () => {
    assert.deepEqual(parseManageBdeStatus(fixture('windows/manage-bde-status-en-used-space-protection-off-issue.txt')), {
      volumes: [{id: '', mount: null, encrypted: true, method: 'XTS-AES 128', protection: 'off'}],
      systemVolumeEncrypted: null,
    })
    const asOs = `Volume C: [OS]\n[OS Volume]\n${fixture('windows/manage-bde-status-en-used-space-protection-off-issue.txt')}`
    assert.equal(parseManageBdeStatus(asOs).systemVolumeEncrypted, false, 'encrypted but unprotected is not protected')
  })

  it('falls back to the percentage when the conversion wording is not known (the Japanese encrypted wording was never captured)', () => {
    // Values built here: the Japanese labels are those of the real capture above; the conversion text is
    // deliberately unknown, so only the percentage can decide.
    const on = 'ボリューム C: [Windows]\r\n[OS ボリューム]\r\n    変換状態:               (未知の表記)\r\n    暗号化された割合:       100.0%\r\n    暗号化の方法:           XTS-AES 128\r\n    保護状態:               保護はオンです\r\n'
    assert.deepEqual(parseManageBdeStatus(on), {
      volumes: [{id: 'C:', mount: 'C:', encrypted: true, method: 'XTS-AES 128', protection: 'on'}],
      systemVolumeEncrypted: true,
    })
    assert.equal(parseManageBdeStatus(on.replace('100.0%', '42.5%')).volumes[0]?.encrypted, false)
    assert.equal(parseManageBdeStatus(on.replace('100.0%', '???')).volumes[0]?.encrypted, null)
    // A recognised conversion status wins over the percentage.
    assert.equal(parseManageBdeStatus(on.replace('(未知の表記)', '暗号化は完全に解除されています')).volumes[0]?.encrypted, false)
  })

  it('treats an encrypted OS volume with suspended protection, or encryption in progress, as not protected', () => {
    const suspended = 'Volume C: [OS]\n[OS Volume]\n    Conversion Status:    Fully Encrypted\n    Protection Status:    Protection Off\n'
    assert.equal(parseManageBdeStatus(suspended).systemVolumeEncrypted, false)
    const progress = 'Volume C: [OS]\n[OS Volume]\n    Conversion Status:    Encryption in Progress\n    Protection Status:    Protection Off\n'
    assert.equal(parseManageBdeStatus(progress).volumes[0]?.encrypted, false)
  })
})

describe('disk encryption: Get-BitLockerVolume', () => {
  it('reads the default list output (Microsoft documentation example)', () => {
    assert.deepEqual(parseGetBitLockerVolumeJson(fixture('windows/get-bitlockervolume-fl-on-msdocs.txt')), {
      volumes: [{id: 'C:', mount: 'C:', encrypted: true, method: 'XTS-AES 128', protection: 'on'}],
      systemVolumeEncrypted: true,
    })
  })

  it('reads ConvertTo-Json output with numeric enums (PowerShell 5.1) or strings', () => {
    // ConvertTo-Json shapes; values built here (no captured JSON was found).
    const numeric = JSON.stringify([
      {MountPoint: 'C:', VolumeType: 0, VolumeStatus: 1, ProtectionStatus: 1, EncryptionMethod: 6, EncryptionPercentage: 100},
      {MountPoint: 'D:', VolumeType: 1, VolumeStatus: 0, ProtectionStatus: 0, EncryptionMethod: 0, EncryptionPercentage: 0},
    ])
    assert.deepEqual(parseGetBitLockerVolumeJson(numeric), {
      volumes: [
        {id: 'C:', mount: 'C:', encrypted: true, method: 'XTS-AES 128', protection: 'on'},
        {id: 'D:', mount: 'D:', encrypted: false, method: null, protection: 'off'},
      ],
      systemVolumeEncrypted: true,
    })
    const strings = JSON.stringify({MountPoint: 'C:', VolumeType: 'OperatingSystem', VolumeStatus: 'EncryptionInProgress', ProtectionStatus: 'Off', EncryptionMethod: 'XtsAes256', EncryptionPercentage: 42})
    assert.deepEqual(parseGetBitLockerVolumeJson(strings), {
      volumes: [{id: 'C:', mount: 'C:', encrypted: false, method: 'XTS-AES 256', protection: 'off'}],
      systemVolumeEncrypted: false,
    })
  })
})

describe('disk encryption: macOS fdesetup status', () => {
  it('reads On / Off / in progress', () => {
    // The exact status lines quoted in public guides (see SOURCES.md); single-line outputs.
    assert.deepEqual(parseFdesetupStatus('FileVault is On.\n'), {
      volumes: [{id: '/', mount: '/', encrypted: true, method: 'FileVault', protection: null}],
      systemVolumeEncrypted: true,
    })
    assert.equal(parseFdesetupStatus('FileVault is Off.\n').systemVolumeEncrypted, false)
    assert.equal(parseFdesetupStatus('Encryption in progress: Percent completed = 12.3\n').systemVolumeEncrypted, false)
    assert.equal(parseFdesetupStatus('FileVault is Off, but will be enabled after the next restart.\n').systemVolumeEncrypted, false)
    assert.deepEqual(parseFdesetupStatus('fdesetup: command not found'), {volumes: [], systemVolumeEncrypted: null})
  })

  it('reads real captures: FileVault on, FileVault off', () => {
    assert.equal(parseFdesetupStatus(fixture('macos/fdesetup-status-on-daemon-notes.txt')).systemVolumeEncrypted, true)
    assert.equal(parseFdesetupStatus(fixture('macos/fdesetup-status-off-secure-erase-notes.txt')).systemVolumeEncrypted, false)
  })

  it('does not report a volume still converting as encrypted, whichever line comes first', () => {
    // Line order "FileVault is On." then the progress line is what several public parsers describe
    // (SOURCES.md); built here, not captured.
    assert.equal(parseFdesetupStatus('FileVault is On.\nEncryption in progress: Percent completed = 34.2\n').systemVolumeEncrypted, false)
    assert.equal(parseFdesetupStatus('FileVault is On.\nDecryption in progress: Percent completed = 7\n').systemVolumeEncrypted, false)
  })
})

describe('disk encryption: Linux lsblk -J', () => {
  it('reads the dev machine (no dm-crypt): root not encrypted', () => {
    assert.deepEqual(parseLsblkEncryption(fixture('linux/lsblk-J-devmachine-no-crypt.json')), {
      volumes: [{id: '/dev/vda', mount: '/', encrypted: false, method: null, protection: null}],
      systemVolumeEncrypted: false,
    })
  })

  it('reads a real Fedora capture: btrfs root (and /home) inside a LUKS2 partition (lsblk -f -J, MOUNTPOINTS form)', () => {
    assert.deepEqual(parseLsblkEncryption(fixture('linux/lsblk-f-J-luks-btrfs-fedora-magazine.json')), {
      volumes: [
        {id: '/dev/nvme0n1p1', mount: '/boot/efi', encrypted: false, method: null, protection: null},
        {id: '/dev/nvme0n1p2', mount: '/boot', encrypted: false, method: null, protection: null},
        {id: '/dev/luks-[...]', mount: '/home', encrypted: true, method: 'crypto_LUKS', protection: null},
        {id: '/dev/luks-[...]', mount: '/', encrypted: true, method: 'crypto_LUKS', protection: null},
      ],
      systemVolumeEncrypted: true,
    })
  })

  it('finds a root filesystem inside a LUKS container (tree and MOUNTPOINTS forms)', () => {
    // lsblk -J tree shape for a typical Ubuntu full-disk-encryption layout; built here.
    const tree = JSON.stringify({
      blockdevices: [
        {
          name: 'nvme0n1',
          type: 'disk',
          fstype: null,
          mountpoint: null,
          children: [
            {name: 'nvme0n1p1', type: 'part', fstype: 'vfat', mountpoint: '/boot/efi'},
            {name: 'nvme0n1p2', type: 'part', fstype: 'ext4', mountpoint: '/boot'},
            {
              name: 'nvme0n1p3',
              type: 'part',
              fstype: 'crypto_LUKS',
              mountpoint: null,
              children: [
                {
                  name: 'nvme0n1p3_crypt',
                  type: 'crypt',
                  fstype: 'LVM2_member',
                  mountpoint: null,
                  children: [
                    {name: 'vgubuntu-root', type: 'lvm', fstype: 'ext4', mountpoints: ['/']},
                    {name: 'vgubuntu-swap_1', type: 'lvm', fstype: 'swap', mountpoints: ['[SWAP]']},
                  ],
                },
              ],
            },
          ],
        },
      ],
    })
    assert.deepEqual(parseLsblkEncryption(tree), {
      volumes: [
        {id: '/dev/nvme0n1p1', mount: '/boot/efi', encrypted: false, method: null, protection: null},
        {id: '/dev/nvme0n1p2', mount: '/boot', encrypted: false, method: null, protection: null},
        {id: '/dev/vgubuntu-root', mount: '/', encrypted: true, method: 'crypto_LUKS', protection: null},
        {id: '/dev/vgubuntu-swap_1', mount: '[SWAP]', encrypted: true, method: 'crypto_LUKS', protection: null},
      ],
      systemVolumeEncrypted: true,
    })
  })
})

describe('disk encryption parsers on hostile input', () => {
  it('never throw', () => {
    const samples = [fixture('windows/manage-bde-status-en-on-azure-vm.txt'), fixture('linux/lsblk-J-devmachine-no-crypt.json')]
    for (const sample of samples) {
      for (const input of hostileInputs(sample)) {
        assert.ok(Array.isArray(parseManageBdeStatus(input).volumes))
        assert.ok(Array.isArray(parseGetBitLockerVolumeJson(input).volumes))
        assert.ok(Array.isArray(parseFdesetupStatus(input).volumes))
        assert.ok(Array.isArray(parseLsblkEncryption(input).volumes))
      }
    }
    assert.deepEqual(parseManageBdeStatus(''), {volumes: [], systemVolumeEncrypted: null})
    assert.deepEqual(parseLsblkEncryption('{"blockdevices":[{"name":"x","children":"nope"}]}'), {volumes: [], systemVolumeEncrypted: null})
  })
})
