import assert from 'node:assert/strict'
import {diskEncryptionRule} from '../../../src/rules/disk-encryption.js'
import {macOnlyAuthRule} from '../../../src/rules/mac-only-auth.js'
import {ownSharesRule} from '../../../src/rules/own-shares.js'
import {freePublicWlanRule, publicWifiRule} from '../../../src/rules/public-wifi.js'
import {removableMediaRule} from '../../../src/rules/removable-media.js'
import {screenLockRule} from '../../../src/rules/screen-lock.js'
import {securitySoftwareRule} from '../../../src/rules/security-software.js'
import {vpnBeforeHomeNetworkRule} from '../../../src/rules/vpn-before-home-network.js'
import {wifiEvilTwinRule} from '../../../src/rules/wifi-evil-twin.js'
import {wifiSecurityRule} from '../../../src/rules/wifi-security.js'
import {parseNmcliWifiList} from '../../../src/gather/local/parsers/linux-wifi.js'
import {fixture} from '../local/helpers.js'
import {wiredConnectionRule} from '../../../src/rules/wired-connection.js'
import {evidenceWith, host} from '../../helpers/evidence.js'
import {posture, wifi} from '../../helpers/local.js'

const on = (local: ReturnType<typeof posture> | null, others = [host('192.168.1.21')]) => evidenceWith(others, {local})
const wireless = (auth: string, cipher: string, ssid?: string, extra = {}) =>
  posture({connection: {type: 'wireless', interface: 'wlan0'}, wifi: {current: wifi(auth, cipher, ssid), ...extra}})

describe('local posture rules', () => {
  it('N-3.3.4: open and WEP are violations, WPA/TKIP and OWE warnings, WPA2+ passes, wired passes', () => {
    assert.equal(wifiSecurityRule.evaluate(on(wireless('open', 'none'))).status, 'violation')
    assert.equal(wifiSecurityRule.evaluate(on(wireless('wep', 'wep'))).status, 'violation')
    assert.equal(wifiSecurityRule.evaluate(on(wireless('open', 'wep'))).status, 'violation') // static WEP as netsh shows it
    assert.equal(wifiSecurityRule.evaluate(on(wireless('wpa-personal', 'tkip'))).status, 'warning')
    assert.equal(wifiSecurityRule.evaluate(on(wireless('wpa2-personal', 'tkip'))).status, 'warning')
    assert.equal(wifiSecurityRule.evaluate(on(wireless('owe', 'ccmp'))).status, 'warning')
    assert.equal(wifiSecurityRule.evaluate(on(wireless('wpa2-personal', 'ccmp'))).status, 'pass')
    assert.equal(wifiSecurityRule.evaluate(on(wireless('enterprise', 'ccmp'))).status, 'pass')
    assert.equal(wifiSecurityRule.evaluate(on(posture())).status, 'pass')
  })

  it('N-3.3.4 / N-3.3.5: unreadable Wi-Fi or an unknown auth is unknown, never pass', () => {
    const unreadable = posture({connection: {type: 'wireless'}, wifi: {status: 'unreadable', reason: 'nmcli: command not found'}})
    for (const rule of [wifiSecurityRule, macOnlyAuthRule]) {
      assert.equal(rule.evaluate(on(unreadable)).status, 'unknown')
      assert.equal(rule.evaluate(on(wireless('unknown', 'unknown'))).status, 'unknown')
      assert.equal(rule.evaluate(on(null)).status, 'unknown')
    }
    const v = wifiSecurityRule.evaluate(on(unreadable))
    assert.ok(v.evidence.some((e) => e.text.includes('nmcli: command not found')), 'the reason is shown')
  })

  it('N-3.3.4 evil twin: an open network under the connected WPA2 network\'s name warns (the real nmcli\'s answer); none, or not on Wi-Fi, passes', () => {
    const fromNmcli = (scenario: string) => {
      const {current, nearby} = parseNmcliWifiList(fixture(`linux/nmcli-dbusmock/${scenario}.wifi-list.txt`))
      return on(posture({connection: {type: 'wireless', interface: 'wlp2s0'}, wifi: {current: current[0] ?? null, nearby}}))
    }
    const twin = wifiEvilTwinRule.evaluate(fromNmcli('eviltwin'))
    assert.deepEqual([twin.status, twin.title.en], ['warning', 'An open network nearby uses the name of the connected "aterm-home-g"'])
    assert.ok(twin.evidence.some((e) => e.text === 'nearby "aterm-home-g" open/none (a0:b1:c2:00:00:0b)'), JSON.stringify(twin.evidence))
    assert.equal(wifiEvilTwinRule.evaluate(fromNmcli('wpa2')).status, 'pass', 'the same air without the twin')
    assert.equal(wifiEvilTwinRule.evaluate(fromNmcli('open')).status, 'pass', 'an open connection is the encryption rule\'s violation')
    assert.equal(wifiEvilTwinRule.evaluate(on(posture())).status, 'pass', 'wired')
    assert.equal(wifiEvilTwinRule.evaluate(on(wireless('wpa2-personal', 'ccmp', null as unknown as string))).status, 'unknown', 'macOS redacted the SSID')
    assert.equal(wifiEvilTwinRule.evaluate(on(posture({connection: {type: 'wireless'}, wifi: {status: 'unreadable', reason: 'x'}}))).status, 'unknown')
    assert.equal(wifiEvilTwinRule.evaluate(on(null)).status, 'unknown')
  })

  it('N-3.3.5: open or WEP means nothing but a MAC address protects the network', () => {
    assert.equal(macOnlyAuthRule.evaluate(on(wireless('wep', 'wep'))).status, 'violation')
    assert.equal(macOnlyAuthRule.evaluate(on(wireless('open', 'none'))).status, 'violation')
    assert.equal(macOnlyAuthRule.evaluate(on(wireless('wpa3-personal', 'ccmp'))).status, 'pass')
  })

  it('P-2.2 / N-3.3.2: a known public hotspot is a violation; a pocket router passes; an open unknown SSID warns', () => {
    const hotspot = wireless('open', 'none', '0000docomo', {publicHotspot: {id: 'docomo', operator: 'NTT DOCOMO', source: 'https://example.invalid'}})
    for (const rule of [publicWifiRule, freePublicWlanRule]) {
      assert.equal(rule.evaluate(on(hotspot)).status, 'violation')
      assert.equal(rule.evaluate(on(posture({connection: {type: 'wireless', mobileRouter: true}, wifi: {current: wifi('wpa2-personal', 'ccmp', 'aterm-72e649-g')}}))).status, 'pass')
      assert.equal(rule.evaluate(on(wireless('open', 'none', 'CafeGuest'))).status, 'warning')
      assert.equal(rule.evaluate(on(wireless('wpa2-personal', 'ccmp'))).status, 'pass')
    }
    assert.equal(publicWifiRule.clause, 'P-2.2')
    assert.equal(freePublicWlanRule.clause, 'N-3.3.2')
  })

  it('N-3.3.3: wireless is a warning, wired passes, unknown stays unknown', () => {
    assert.equal(wiredConnectionRule.evaluate(on(wireless('wpa2-personal', 'ccmp'))).status, 'warning')
    assert.equal(wiredConnectionRule.evaluate(on(posture())).status, 'pass')
    assert.equal(wiredConnectionRule.evaluate(on(posture({connection: {type: 'unknown', status: 'unreadable', reason: 'x'}}))).status, 'unknown')
  })

  it('N-3.3.7: other hosts and no VPN up is a violation; VPN up passes; alone passes', () => {
    const down = posture({vpn: {up: false, interfaces: []}})
    assert.equal(vpnBeforeHomeNetworkRule.evaluate(on(down)).status, 'violation')
    assert.equal(vpnBeforeHomeNetworkRule.evaluate(on(posture())).status, 'pass')
    assert.equal(vpnBeforeHomeNetworkRule.evaluate(on(down, [])).status, 'pass')
    assert.equal(vpnBeforeHomeNetworkRule.evaluate(on(posture({vpn: {status: 'unreadable', reason: 'ip: not found', up: null}}))).status, 'unknown')
  })

  it('N-3.3.8: a non-default share open to Everyone is a violation; default shares are not', () => {
    const share = (name: string, special: boolean, everyoneOrGuest: boolean) => ({name, path: null, special, access: [{principal: 'Everyone', right: 'full' as const}], everyoneOrGuest, source: 'get-smbshare'})
    assert.equal(ownSharesRule.evaluate(on(posture({shares: {shares: [share('Projects', false, true)]}}))).status, 'violation')
    assert.equal(ownSharesRule.evaluate(on(posture({shares: {shares: [share('IPC$', true, true)]}}))).status, 'pass')
    assert.equal(ownSharesRule.evaluate(on(posture({shares: {status: 'unreadable', reason: 'x'}}))).status, 'unknown')
  })

  it('D-3.2.2, D-3.2.3, D-3.2.4, E-3.4.3', () => {
    assert.equal(diskEncryptionRule.evaluate(on(posture({disk: {systemVolumeEncrypted: false}}))).status, 'violation')
    assert.equal(diskEncryptionRule.evaluate(on(posture({disk: {systemVolumeEncrypted: null}}))).status, 'unknown')
    assert.equal(diskEncryptionRule.evaluate(on(posture())).status, 'pass')
    const defender = {name: 'Windows Defender', vendor: 'microsoft' as const, enabled: true, upToDate: true, source: 'securitycenter2'}
    assert.equal(securitySoftwareRule.evaluate(on(posture({security: {products: [defender]}}))).status, 'violation')
    assert.equal(securitySoftwareRule.evaluate(on(posture({security: {products: [{...defender, name: 'ESET', vendor: 'eset', enabled: false}]}}))).status, 'violation')
    assert.equal(securitySoftwareRule.evaluate(on(posture())).status, 'pass')
    assert.equal(securitySoftwareRule.evaluate(on(posture({security: {status: 'unreadable', reason: 'x'}}))).status, 'unknown')
    assert.equal(removableMediaRule.evaluate(on(posture({removable: {media: [{name: 'sdb', mounts: ['/media/usb'], transport: 'usb'}]}}))).status, 'warning')
    assert.equal(removableMediaRule.evaluate(on(posture())).status, 'pass')
    assert.equal(screenLockRule.evaluate(on(posture({screenLock: {idleSeconds: 0}}))).status, 'warning')
    assert.equal(screenLockRule.evaluate(on(posture({screenLock: {idleSeconds: 3600}}))).status, 'warning')
    assert.equal(screenLockRule.evaluate(on(posture())).status, 'pass')
  })
})
