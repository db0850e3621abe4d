import assert from 'node:assert/strict'
import type {Evidence} from '../../../src/evidence/schema.js'
import {diskEncryptionRule} from '../../../src/rules/disk-encryption.js'
import {macOnlyAuthRule} from '../../../src/rules/mac-only-auth.js'
import {openSharesRule} from '../../../src/rules/open-shares.js'
import {pcOs} from '../../../src/rules/os-steps.js'
import {ownSharesRule} from '../../../src/rules/own-shares.js'
import {publicWifiRule} from '../../../src/rules/public-wifi.js'
import {removableMediaRule} from '../../../src/rules/removable-media.js'
import type {Rule} from '../../../src/rules/rule.js'
import {routerFirmwareRule} from '../../../src/rules/router-firmware.js'
import {routerKevRule} from '../../../src/rules/router-kev.js'
import {screenLockRule} from '../../../src/rules/screen-lock.js'
import {securitySoftwareRule} from '../../../src/rules/security-software.js'
import {vpnBeforeHomeNetworkRule} from '../../../src/rules/vpn-before-home-network.js'
import {wifiSecurityRule} from '../../../src/rules/wifi-security.js'
import {wiredConnectionRule} from '../../../src/rules/wired-connection.js'
import {judgeSupport} from '../../../src/vendordb/judge-support.js'
import {loadVendorDb} from '../../../src/vendordb/load.js'
import {evidenceWith, host} from '../../helpers/evidence.js'
import {posture, wifi} from '../../helpers/local.js'
import {routerReport} from '../../helpers/router.js'

type Os = 'win32' | 'darwin' | 'linux'
type Overrides = Parameters<typeof posture>[0]

/** Evidence of a PC running `os` whose posture breaks the rule (`bad`), with another host on the segment. */
function on(os: string, bad: Overrides): Evidence {
  const local = posture({...bad, os})
  return evidenceWith([host('192.168.1.21')], {local, platform: {os, release: 'test', arch: 'x64', node: 'v20'}})
}

const wireless = (auth: string, cipher: string, ssid?: string, extra = {}) => ({connection: {type: 'wireless' as const, interface: 'wlan0'}, wifi: {current: wifi(auth, cipher, ssid), ...extra}})

/**
 * For each OS-dependent rule: the posture that makes it fail, and a phrase of each OS's steps in
 * English and Japanese. The steps of the scanned PC's OS must appear, the others' must not.
 */
const CASES: Array<{rule: Rule; status: string; bad: Overrides; marks: Record<Os, [string, string]>}> = [
  {
    rule: wifiSecurityRule,
    status: 'violation',
    bad: wireless('wep', 'wep'),
    marks: {win32: ['Security type', 'セキュリティの種類'], darwin: ['Option-click the Wi-Fi icon', 'option キー'], linux: ['nmcli -f IN-USE,SSID,SECURITY', 'nmcli -f IN-USE,SSID,SECURITY']},
  },
  {
    rule: publicWifiRule,
    status: 'violation',
    bad: wireless('open', 'none', '0000docomo', {publicHotspot: {id: 'docomo', operator: 'NTT DOCOMO', source: 'https://example.invalid'}}),
    marks: {win32: ['Manage known networks', '既知のネットワークの管理'], darwin: ['Forget This Network', 'このネットワーク設定を削除'], linux: ['nmcli connection delete', 'nmcli connection delete']},
  },
  {
    rule: wiredConnectionRule,
    status: 'warning',
    bad: wireless('wpa2-personal', 'ccmp'),
    marks: {win32: ['Quick Settings', 'クイック設定'], darwin: ['USB Ethernet adapter', 'USB-LAN アダプタ'], linux: ['nmcli radio wifi off', 'nmcli radio wifi off']},
  },
  {
    rule: vpnBeforeHomeNetworkRule,
    status: 'violation',
    bad: {vpn: {up: false, interfaces: []}},
    marks: {win32: ['Network & internet → VPN', 'ネットワークとインターネット」→「VPN'], darwin: ['System Settings → VPN', '「システム設定」→「VPN」'], linux: ['nmcli connection up', 'nmcli connection up']},
  },
  {
    rule: ownSharesRule,
    status: 'violation',
    bad: {shares: {shares: [{name: 'Projects', path: null, special: false, access: [{principal: 'Everyone', right: 'full'}], everyoneOrGuest: true, source: 'get-smbshare'}]}},
    marks: {win32: ['Advanced Sharing', '詳細な共有'], darwin: ['turn "File Sharing" off', '「ファイル共有」をオフ'], linux: ['net usershare delete', 'net usershare delete']},
  },
  {
    rule: diskEncryptionRule,
    status: 'violation',
    bad: {disk: {systemVolumeEncrypted: false, volumes: []}},
    marks: {win32: ['Turn on BitLocker', 'BitLocker を有効にする'], darwin: ['FileVault → "Turn On"', '「FileVault」で「オンにする」'], linux: ['LUKS encryption cannot be switched on afterwards', 'LUKS 暗号化は後から有効にできません']},
  },
  {
    rule: securitySoftwareRule,
    status: 'violation',
    bad: {security: {products: []}},
    marks: {win32: ['Virus & threat protection', 'ウイルスと脅威の防止'], darwin: ['ESET icon in the menu bar', 'メニューバーの ESET アイコン'], linux: ['systemctl status eea', 'systemctl status eea']},
  },
  {
    rule: removableMediaRule,
    status: 'warning',
    bad: {removable: {media: [{name: 'E:', mounts: ['E:'], transport: 'usb'}]}},
    marks: {win32: ['File Explorer, right-click the drive', 'エクスプローラーでドライブを右クリック'], darwin: ['diskutil eject', 'diskutil eject'], linux: ['udisksctl power-off', 'udisksctl power-off']},
  },
  {
    rule: screenLockRule,
    status: 'warning',
    bad: {screenLock: {idleSeconds: 3600, lockEnabled: true, lockDelaySeconds: 0}},
    marks: {win32: ['On resume, display logon screen', '再開時にログオン画面に戻る'], darwin: ['Require password after screen saver begins', 'スクリーンセーバの開始後またはディスプレイがオフになったあとにパスワードを要求'], linux: ['org.gnome.desktop.screensaver lock-enabled true', '「自動画面ロック」']},
  },
]

const OSES: readonly Os[] = ['win32', 'darwin', 'linux']

describe('remediation follows the scanned PC\'s OS', () => {
  for (const c of CASES) {
    it(`${c.rule.id}: Windows, Mac and Linux steps for their own OS only, all three when the OS is unknown`, () => {
      for (const os of OSES) {
        const v = c.rule.evaluate(on(os, c.bad))
        assert.equal(v.status, c.status, `${os}: ${v.title.en}`)
        const en = v.remediation.en.join('\n')
        const ja = v.remediation.ja.join('\n')
        for (const other of OSES) {
          const [markEn, markJa] = c.marks[other]
          assert.equal(en.includes(markEn), other === os, `${os} report, ${other} step "${markEn}" in: ${en}`)
          assert.equal(ja.includes(markJa), other === os, `${os} report, ${other} step "${markJa}" in: ${ja}`)
        }
        assert.ok(!/^(Windows|Mac|Linux): /m.test(en), 'no OS labels when the OS is known')
      }
      const unknown = c.rule.evaluate(on('freebsd', c.bad))
      const en = unknown.remediation.en.join('\n')
      const ja = unknown.remediation.ja.join('\n')
      for (const os of OSES) {
        assert.ok(en.includes(c.marks[os][0]) && ja.includes(c.marks[os][1]), `unknown OS shows the ${os} steps`)
      }
      for (const label of ['Windows: ', 'Mac: ', 'Linux: ']) {
        assert.ok(unknown.remediation.en.some((l) => l.startsWith(label)) && unknown.remediation.ja.some((l) => l.startsWith(label)), `labelled ${label}`)
      }
    })
  }

  it('unknown verdicts give the manual check of the PC\'s own OS (disk encryption, MAC-only auth)', () => {
    const disk = diskEncryptionRule.evaluate(on('darwin', {disk: {status: 'unreadable', reason: 'fdesetup: not found', systemVolumeEncrypted: null}}))
    assert.equal(disk.status, 'unknown')
    assert.match(disk.remediation.en.join(' '), /fdesetup status/)
    assert.doesNotMatch(disk.remediation.en.join(' '), /manage-bde/)
    const mac = macOnlyAuthRule.evaluate(on('win32', wireless('unknown', 'unknown')))
    assert.equal(mac.status, 'unknown')
    assert.match(mac.remediation.ja.join(' '), /セキュリティの種類/)
  })

  it('the OS comes from the posture, else from the platform the scan ran on, else it is unknown', () => {
    const base = evidenceWith([], {platform: {os: 'darwin', release: 'x', arch: 'x64', node: 'v20'}})
    assert.equal(pcOs({...base, local: posture({os: 'win32'})}), 'windows')
    assert.equal(pcOs(base), 'macos')
    assert.equal(pcOs({...base, platform: {...base.platform, os: 'aix'}}), null)
  })

  it('shares on other devices list every OS, whatever the scanned PC runs', () => {
    const evidence = evidenceWith([], {
      local: posture({os: 'win32'}),
      shares: [{host: '192.168.1.30', protocol: 'smb', name: 'public', access: 'anonymous-read', comment: null, reason: null, evidence: {}}],
    })
    const v = openSharesRule.evaluate(evidence)
    assert.equal(v.status, 'violation')
    for (const label of ['Windows: ', 'Mac: ', 'Linux: ']) assert.ok(v.remediation.en.some((l) => l.startsWith(label)), label)
  })
})

describe("router firmware remediation names the vendor's own procedure", () => {
  const db = loadVendorDb()
  const buffalo = db.models.find((m) => m.vendor === 'Buffalo' && m.latestFirmware && m.kev.length === 0)!

  it('a Buffalo AirStation with old firmware: Buffalo\'s menu path and its FAQ page', () => {
    const support = judgeSupport(db, buffalo.id, '0.01')!
    const router = routerReport({vendor: 'Buffalo', model: buffalo.model, modelId: buffalo.id, firmware: '0.01', support})
    const v = routerFirmwareRule.evaluate(evidenceWith([], {router}))
    assert.equal(v.status, 'violation')
    assert.ok(v.remediation.ja.some((l) => l.includes('[詳細設定]→[管理]→[ファームウェア更新]')), v.remediation.ja.join('\n'))
    assert.ok(v.remediation.ja.includes('Buffalo公式の更新手順: https://buffalo.jp/support/faq/detail/128.html'), v.remediation.ja.join('\n'))
    assert.ok(v.remediation.en.includes("Buffalo's own update instructions: https://buffalo.jp/support/faq/detail/128.html"), v.remediation.en.join('\n'))
  })

  it('other vendors get their own page; a router without vendor data gets the generic step only', () => {
    const asus = db.models.find((m) => m.vendor === 'ASUS' && m.latestFirmware)!
    const support = judgeSupport(db, asus.id, '0.0.0.1')!
    const v = routerFirmwareRule.evaluate(evidenceWith([], {router: routerReport({vendor: 'ASUS', model: asus.model, modelId: asus.id, firmware: '0.0.0.1', support})}))
    assert.equal(v.status, 'violation')
    assert.match(v.remediation.en.join('\n'), /ASUS's own update instructions: https:\/\/www\.asus\.com\/support\/faq\/1008000\//)
    const bare = routerReport({support: {...support, updateHowTo: null, updateGuide: null}})
    const generic = routerKevRule.evaluate(evidenceWith([], {router: {...bare, support: {...bare.support!, kev: [{cve: 'CVE-2024-0001', title: null, affected: null, fixedIn: '9.9', affectsThisVersion: true, source: null}]}}}))
    assert.equal(generic.status, 'violation')
    assert.deepEqual(generic.remediation.en, ["Update the firmware to the latest version from the router's admin page (and turn on automatic updates where available)."])
  })
})
