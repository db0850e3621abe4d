import type {LocalPosture} from '../evidence/local-schema.js'
import type {Lang} from '../i18n/locale.js'
import {sanitizeText} from './sanitize.js'

const yes = (v: boolean | null, lang: Lang) => (v === null ? (lang === 'ja' ? '不明' : 'unknown') : v ? (lang === 'ja' ? 'はい' : 'yes') : lang === 'ja' ? 'いいえ' : 'no')

/** The posture in a few lines; SSIDs and names come from outside and are sanitised. */
export function localLines(local: LocalPosture, lang: Lang, wifiOnly = false): string[] {
  const ja = lang === 'ja'
  const c = local.wifi.current
  const lines = [
    `${ja ? '接続' : 'Connection'}: ${local.connection.type} (${local.connection.interface ?? '-'})`,
    c
      ? `Wi-Fi: "${sanitizeText(c.ssid ?? '(hidden)', 64)}" ${c.auth}/${c.cipher}${c.band ? ` ${c.band}` : ''}${c.channel ? ` ch${c.channel}` : ''}`
      : `Wi-Fi: ${local.wifi.status === 'read' ? (ja ? '未接続' : 'not connected') : `${ja ? '読み取れません' : 'unreadable'} (${sanitizeText(local.wifi.reason ?? '', 160)})`}`,
  ]
  const openNearby = local.wifi.nearby.filter((n) => n.auth === 'open' || n.auth === 'wep')
  if (openNearby.length > 0) lines.push(`${ja ? '近くの暗号化なし/WEP' : 'Open/WEP nearby'}: ${openNearby.map((n) => sanitizeText(n.ssid ?? '(hidden)', 40)).join(', ')}`)
  if (wifiOnly) return lines
  lines.push(
    `VPN: ${yes(local.vpn.up, lang)}${local.vpn.interfaces.length ? ` (${local.vpn.interfaces.map((v) => `${sanitizeText(v.name, 40)} ${v.up ? 'up' : 'down'}`).join(', ')})` : ''}`,
    `${ja ? '共有フォルダー' : 'Shares'}: ${local.shares.status === 'read' ? local.shares.shares.map((s) => sanitizeText(s.name, 40) + (s.everyoneOrGuest ? '*' : '')).join(', ') || '-' : ja ? '不明' : 'unknown'}`,
    `${ja ? 'ディスク暗号化' : 'Disk encrypted'}: ${yes(local.disk.systemVolumeEncrypted, lang)}`,
    `${ja ? 'セキュリティソフト' : 'Security software'}: ${local.security.status === 'read' ? local.security.products.map((p) => sanitizeText(p.name, 40)).join(', ') || '-' : ja ? '不明' : 'unknown'}`,
  )
  return lines
}
