/**
 * Facts about the work PC's own security posture, as read from OS command output by the pure
 * parsers in this folder. Every field that the command did not state is null ("not known"),
 * never a guessed default: the rules decide what an unknown means.
 */

/** How the link is authenticated. Personal = pre-shared key / SAE; any 802.1X flavour is `enterprise`. */
export type WifiAuth =
  | 'open'
  | 'wep'
  | 'wpa-personal'
  | 'wpa2-personal'
  | 'wpa3-personal'
  | 'wpa2-wpa3-personal'
  | 'enterprise'
  | 'owe'
  | 'unknown'

/** Pairwise cipher of the link. `unknown` when the command does not say (macOS, nmcli). */
export type WifiCipher = 'none' | 'wep' | 'tkip' | 'ccmp' | 'gcmp' | 'unknown'

export type WifiBand = '2.4 GHz' | '5 GHz' | '6 GHz'

/** The state of one Wi-Fi adapter and, when it is associated, its current network. */
export interface WifiConnection {
  /** Adapter name as the OS shows it (`Wi-Fi`, `en0`, `wlp1s0`), or null when the command does not say. */
  interface: string | null
  /** Network name; null when not connected, hidden, or redacted by the OS (macOS 14.4+ without Location permission). */
  ssid: string | null
  /** Access point MAC, lower-case colon form; null when not given or redacted. */
  bssid: string | null
  auth: WifiAuth
  cipher: WifiCipher
  band: WifiBand | null
  channel: number | null
  /** Signal strength as the command gives it: see `signalUnit`. */
  signal: number | null
  /** `percent` (Windows netsh, nmcli: 0–100) or `dbm` (macOS, iw: negative dBm). */
  signalUnit: 'percent' | 'dbm' | null
  state: 'connected' | 'disconnected' | 'unknown'
}

/** Alias used where a command reports several adapters. */
export type WifiInterfaceState = WifiConnection

/** A network seen nearby (a scan result), with the BSSIDs heard for it. */
export interface NearbyNetwork {
  /** Null for hidden or OS-redacted names. */
  ssid: string | null
  auth: WifiAuth
  cipher: WifiCipher
  /** Lower-case colon MACs; empty when the OS does not list them (macOS system_profiler). */
  bssids: string[]
  /** Strongest signal heard for this network, in `signalUnit`. */
  signal: number | null
  signalUnit: 'percent' | 'dbm' | null
  /** Channel and band of the strongest BSS. */
  channel: number | null
  band: WifiBand | null
}

export type ConnectionKind = 'wired' | 'wireless' | 'cellular' | 'vpn' | 'other'

/** One network interface and what kind of link it is. */
export interface ConnectionInterface {
  interface: string
  type: ConnectionKind
  state: 'connected' | 'disconnected' | 'unavailable' | 'unknown'
}

export type VpnKind =
  | 'wireguard'
  | 'openvpn'
  | 'ipsec'
  | 'ppp'
  | 'anyconnect'
  | 'forticlient'
  | 'globalprotect'
  | 'pulse'
  | 'utun'
  | 'other'

/** A VPN / tunnel adapter seen on the PC. */
export interface VpnInterface {
  /** Interface or connection name (`wg0`, `utun3`, `Ethernet 2`, the VPN profile name). */
  name: string
  kind: VpnKind
  /** Link up / connected. For passive adapters (TAP, miniports) that are present but idle this is false. */
  up: boolean
  /** True when the OS's default route goes through it; false when it says otherwise; null when unknown from this source. */
  carriesDefaultRoute: boolean | null
}

export type ShareRight = 'full' | 'change' | 'read' | 'unknown'

/** A folder (or printer) this PC shares to the network. */
export interface LocalShare {
  name: string
  /** Local path, or null when the source does not say. */
  path: string | null
  /** Administrative / default share (ADMIN$, C$, IPC$, print$) or a Samba meta-section ([homes], [printers]). */
  special: boolean
  access: Array<{principal: string; right: ShareRight}>
  /** Anyone, guests or anonymous users can reach it (Everyone, Guests, ANONYMOUS LOGON, `guest ok = yes`, NFS `*`). */
  everyoneOrGuest: boolean
  /** Which command or file it came from. */
  source: 'get-smbshare' | 'net-share' | 'sharing' | 'usershare' | 'smb.conf' | 'exports'
}

export interface EncryptedVolume {
  /** Volume id as the OS names it: `C:`, `\\?\Volume{...}\`, `/dev/nvme0n1p3`, `disk1s1`. */
  id: string
  /** Mount point / drive letter, or null. */
  mount: string | null
  /** Whether its data is encrypted at rest; true only once encryption is complete (in progress = false), null = unknown. */
  encrypted: boolean | null
  /** `XTS-AES 128`, `crypto_LUKS`, ... or null. */
  method: string | null
  /** BitLocker protection state (off = suspended or keys in the clear); null where the notion does not apply. */
  protection: 'on' | 'off' | null
}

export interface DiskEncryption {
  volumes: EncryptedVolume[]
  /** The OS / system volume is encrypted with protection on; null when the source cannot tell. */
  systemVolumeEncrypted: boolean | null
}

export type SecurityVendor = 'eset' | 'appguard' | 'microsoft' | 'other'

/** One anti-malware / endpoint-protection product seen on the PC. */
export interface SecurityProduct {
  name: string
  vendor: SecurityVendor
  /** Real-time protection on; null when the source cannot tell (a running process only shows presence). */
  enabled: boolean | null
  /** Signatures up to date; null when unknown. */
  upToDate: boolean | null
  source: 'securitycenter2' | 'service' | 'process'
}

/** A removable storage device or volume seen on the PC. */
export interface RemovableMedia {
  /** Device or volume name (`sdb`, `E:`, `disk4`). */
  name: string
  /** Mount points / drive letters in use, possibly empty. */
  mounts: string[]
  /** `usb`, `sd`, ... when known. */
  transport: string | null
}

/** Screen lock / idle lock settings. */
export interface ScreenLock {
  /** Seconds of idle time before the screen locks or blanks; 0 = never; null = unknown. */
  idleSeconds: number | null
  /** Whether idle actually locks (asks for a password); null = unknown. */
  lockEnabled: boolean | null
  /** Seconds between the screen saver starting and the lock taking effect, when the OS reports it. */
  lockDelaySeconds: number | null
}
