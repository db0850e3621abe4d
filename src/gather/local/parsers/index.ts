/**
 * Pure parsers for the work PC's own security posture (Wi-Fi link, connection type, VPN, shares,
 * disk encryption, security software, removable media, screen lock). Text in, typed data out;
 * they never throw. Fixtures and their sources: test/fixtures/local/SOURCES.md.
 */
export type * from './types.js'
export * from './windows-netsh.js'
export * from './macos-wifi.js'
export * from './linux-wifi.js'
export * from './connection-type.js'
export * from './vpn.js'
export * from './shares.js'
export * from './disk-encryption.js'
export * from './security-software.js'
export * from './removable-media.js'
export * from './screen-lock.js'
export {authFromNetsh, authFromSystemProfiler, authFromNmcliSecurity, authFromWpaKeyMgmt, cipherFromText} from './wifi-security.js'
