/**
 * Mapping of the many spellings of Wi-Fi security modes to `WifiAuth` / `WifiCipher`.
 *
 * Rule used throughout for mixed modes: when an access point offers several personal modes the
 * client negotiates the strongest both support, so the strongest is reported — except WPA2+WPA3
 * transition, which has its own value because WPA2 clients (and downgrade attacks) remain possible.
 */
import type {WifiAuth, WifiCipher} from './types.js'

function squash(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '')
}

/**
 * Windows `netsh wlan` Authentication values, English and Japanese:
 * Open / オープン, Shared / 共有, WPA-Personal / WPA-パーソナル, WPA2-Personal / WPA2-パーソナル,
 * WPA3-Personal / WPA3-パーソナル, WPA*-Enterprise / WPA*-エンタープライズ, OWE.
 * `Open` with cipher `WEP` (static WEP, open-system authentication) is reported as `wep` by the caller.
 */
export function authFromNetsh(value: string | null): WifiAuth {
  if (value === null) return 'unknown'
  const v = squash(value)
  if (v === '') return 'unknown'
  if (v.includes('enterprise') || v.includes('エンタープライズ') || v.includes('802.1x')) return 'enterprise'
  if (v.includes('owe') || v.includes('opportunistic')) return 'owe'
  const personal = v.includes('personal') || v.includes('パーソナル') || v.includes('psk') || v.includes('sae')
  const hasWpa3 = v.includes('wpa3')
  const hasWpa2 = v.includes('wpa2')
  if (hasWpa3 && hasWpa2) return 'wpa2-wpa3-personal'
  if (hasWpa3 && personal) return 'wpa3-personal'
  if (hasWpa2 && personal) return 'wpa2-personal'
  if (/^wpa(-|personal|パーソナル)/.test(v) && personal) return 'wpa-personal'
  if (v === 'open' || v === 'オープン' || v === 'オープンシステム' || v === 'none' || v === 'なし') return 'open'
  if (v === 'shared' || v === '共有' || v === 'wep') return 'wep'
  return 'unknown'
}

/** Windows `netsh wlan` Cipher / Encryption values: None / なし, WEP, TKIP, CCMP, GCMP(-256), AES. */
export function cipherFromText(value: string | null): WifiCipher {
  if (value === null) return 'unknown'
  const v = squash(value)
  if (v === 'none' || v === 'なし' || v === 'no' || v === 'off') return 'none'
  if (v.startsWith('wep')) return 'wep'
  if (v.startsWith('tkip')) return 'tkip'
  if (v.startsWith('ccmp') || v === 'aes') return 'ccmp'
  if (v.startsWith('gcmp')) return 'gcmp'
  return 'unknown'
}

/** Cipher implied by an auth mode when the command gives none: only open and WEP are certain. */
export function impliedCipher(auth: WifiAuth): WifiCipher {
  if (auth === 'open') return 'none'
  if (auth === 'wep') return 'wep'
  return 'unknown'
}

/**
 * Pairwise cipher from NetworkManager's `WPA-FLAGS` and `RSN-FLAGS` words (`pair_ccmp group_ccmp
 * psk`, `pair_tkip group_tkip psk`, `(none)`), the access point's offer. A network that offers CCMP
 * is used with CCMP (a client never picks TKIP over it); TKIP only when nothing better is offered.
 * Null when the flags name no pairwise cipher (open, WEP, or the columns absent).
 */
export function cipherFromNmcliFlags(...flagColumns: Array<string | null>): WifiCipher | null {
  const words = flagColumns.flatMap((c) => (typeof c === 'string' ? c.toLowerCase().split(/\s+/) : []))
  if (words.includes('pair_ccmp')) return 'ccmp'
  if (words.includes('pair_tkip')) return 'tkip'
  if (words.includes('pair_wep40') || words.includes('pair_wep104')) return 'wep'
  return null
}

/**
 * macOS `system_profiler SPAirPortDataType` security modes. The prefix is `spairport_security_mode_`,
 * except that some macOS releases spell the WPA3-transition value `pairport_security_mode_wpa3_transition`
 * (leading `s` missing), so both prefixes are stripped.
 */
export function authFromSystemProfiler(value: unknown): WifiAuth {
  if (typeof value !== 'string') return 'unknown'
  const mode = value.trim().toLowerCase().replace(/^s?pairport_security_mode_/, '')
  if (mode === '') return 'unknown'
  if (mode === 'none' || mode === 'open') return 'open'
  if (mode.startsWith('wep') || mode.startsWith('dynamic_wep')) return mode.startsWith('dynamic') ? 'enterprise' : 'wep'
  if (mode.includes('enterprise')) return 'enterprise'
  if (mode.startsWith('owe')) return 'owe'
  if (mode === 'wpa3_transition' || mode.includes('wpa2_wpa3') || mode.includes('wpa3_wpa2')) return 'wpa2-wpa3-personal'
  if (mode.startsWith('wpa3')) return 'wpa3-personal'
  if (mode.startsWith('wpa2') || mode === 'wpa_wpa2_personal' || mode.startsWith('wpa_personal_mixed')) return 'wpa2-personal'
  if (mode.startsWith('wpa')) return 'wpa-personal'
  return 'unknown'
}

/**
 * macOS `wdutil info` / CoreWLAN security names: `WPA2 Personal`, `WPA3 Personal`, `WPA/WPA2 Personal`,
 * `WPA2/WPA3 Personal`, `WPA2 Enterprise`, `WEP`, `Open`, `None`, `OWE`.
 * `None` is ambiguous (it is also what a disconnected adapter shows), so the caller decides.
 */
export function authFromCoreWlanName(value: string | null): WifiAuth {
  if (value === null) return 'unknown'
  const v = value.toLowerCase()
  if (v.includes('enterprise') || v.includes('802.1x')) return 'enterprise'
  if (v.includes('owe')) return 'owe'
  if (v.includes('wpa3') && v.includes('wpa2')) return 'wpa2-wpa3-personal'
  if (v.includes('wpa3')) return 'wpa3-personal'
  if (v.includes('wpa2')) return 'wpa2-personal'
  if (v.includes('wpa')) return 'wpa-personal'
  if (v.includes('wep')) return 'wep'
  if (v.trim() === 'open' || v.trim() === 'none') return 'open'
  return 'unknown'
}

/** Legacy macOS `airport -I` `link auth` values: none, wep, wpa-psk, wpa2-psk, wpa3-sae, wpa2 (802.1X), ... */
export function authFromAirportLinkAuth(value: string | null): WifiAuth {
  if (value === null) return 'unknown'
  const v = value.trim().toLowerCase()
  if (v === 'none' || v === 'open') return 'open'
  if (v === 'wep' || v === 'shared') return 'wep'
  if (v.includes('owe')) return 'owe'
  if (v.includes('sae') && v.includes('psk')) return 'wpa2-wpa3-personal'
  if (v.includes('sae')) return 'wpa3-personal'
  if (v === 'wpa2-psk' || v === 'wpa2-psk-sha256' || v === 'ft-psk') return 'wpa2-personal'
  if (v === 'wpa-psk') return 'wpa-personal'
  if (v === 'wpa' || v === 'wpa2' || v === 'wpa3' || v.includes('802.1x') || v.includes('eap') || v.includes('leap')) return 'enterprise'
  return 'unknown'
}

/**
 * NetworkManager `SECURITY` column (space-separated flags): empty or `--` = open, `WEP`, `WPA1`,
 * `WPA2`, `WPA3`, `OWE`, `OWE-TM`, and `802.1X` for enterprise.
 */
export function authFromNmcliSecurity(value: string | null): WifiAuth {
  if (value === null) return 'open'
  const flags = value
    .toUpperCase()
    .split(/\s+/)
    .filter((f) => f.length > 0 && f !== '--')
  if (flags.length === 0) return 'open'
  if (flags.includes('802.1X')) return 'enterprise'
  if (flags.some((f) => f.startsWith('OWE'))) return 'owe'
  const wpa3 = flags.includes('WPA3')
  const wpa2 = flags.includes('WPA2')
  if (wpa3 && wpa2) return 'wpa2-wpa3-personal'
  if (wpa3) return 'wpa3-personal'
  if (wpa2) return 'wpa2-personal'
  if (flags.includes('WPA1') || flags.includes('WPA')) return 'wpa-personal'
  if (flags.includes('WEP')) return 'wep'
  return 'unknown'
}

/**
 * wpa_supplicant `key_mgmt` (from `wpa_cli status`): NONE, WPA-PSK, WPA2-PSK, SAE, FT-SAE, FT-PSK,
 * WPA2/IEEE 802.1X/EAP, OWE, ... With key_mgmt NONE the pairwise cipher separates open from WEP.
 */
export function authFromWpaKeyMgmt(keyMgmt: string | null, pairwise: string | null): WifiAuth {
  if (keyMgmt === null) return 'unknown'
  const v = keyMgmt.trim().toUpperCase()
  if (v === 'NONE') return cipherFromText(pairwise) === 'wep' ? 'wep' : 'open'
  if (v.includes('802.1X') || v.includes('EAP') || v.includes('SUITE-B')) return 'enterprise'
  if (v.includes('OWE')) return 'owe'
  if (v.includes('SAE') && v.includes('PSK')) return 'wpa2-wpa3-personal'
  if (v.includes('SAE')) return 'wpa3-personal'
  if (v === 'WPA-PSK') return 'wpa-personal'
  if (v.includes('PSK')) return 'wpa2-personal'
  return 'unknown'
}
