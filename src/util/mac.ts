/** MAC address helpers. */

const HEX_GROUPS = /^([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})[:-]([0-9a-f]{1,2})$/i
const DOTTED = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i

/**
 * Normalise a MAC address written as `0:11:2:aa:bb:cc` (macOS drops leading zeros),
 * `00-11-22-AA-BB-CC` (Windows) or `0011.22aa.bbcc` to `00:11:02:aa:bb:cc`.
 * Returns null for anything else, and for the all-zero and broadcast addresses.
 */
export function normaliseMac(raw: string | null | undefined): string | null {
  if (!raw) return null
  const text = raw.trim()
  let groups: string[] | null = null
  const hex = HEX_GROUPS.exec(text)
  if (hex) groups = hex.slice(1, 7).map((g) => g.padStart(2, '0'))
  const dotted = DOTTED.exec(text)
  if (dotted) groups = dotted.slice(1, 4).flatMap((g) => [g.slice(0, 2), g.slice(2, 4)])
  if (!groups) return null
  const mac = groups.join(':').toLowerCase()
  if (mac === '00:00:00:00:00:00' || mac === 'ff:ff:ff:ff:ff:ff') return null
  return mac
}

/** True when the locally-administered bit is set: the MAC was made up (randomised) rather than assigned by a vendor. */
export function isLocallyAdministered(mac: string): boolean {
  return (Number.parseInt(mac.slice(0, 2), 16) & 0x02) !== 0
}

/** True for group (multicast) addresses, which never identify one host. */
export function isMulticastMac(mac: string): boolean {
  return (Number.parseInt(mac.slice(0, 2), 16) & 0x01) !== 0
}
