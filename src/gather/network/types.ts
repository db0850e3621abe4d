/** Facts read from the operating system about the PC's own network attachment. */

/** One default route as the OS reports it. */
export interface DefaultRoute {
  /** Interface name (Linux/macOS: `eth0`, `en0`); on Windows the interface's IPv4 address, as `route print` shows it. */
  interface: string | null
  /** Next hop (the router), or null for an on-link default route. */
  gateway: string | null
  /** Preferred source address, when the OS says so. */
  source: string | null
  /** Route metric, lower wins; null when unknown. */
  metric: number | null
}

/** One IPv4 address configured on an interface. */
export interface InterfaceAddress {
  interface: string
  address: string
  prefixLength: number
  /** Lower-case colon form `aa:bb:cc:dd:ee:ff`, or null when the OS gave none. */
  mac: string | null
  /** Default gateway listed with this adapter (Windows `ipconfig` gives it per adapter); null elsewhere. */
  gateway?: string | null
}

/** One entry of the OS neighbour (ARP) table that has a resolved MAC address. */
export interface NeighbourEntry {
  ip: string
  /** Lower-case colon form `aa:bb:cc:dd:ee:ff`. */
  mac: string
  /** Interface name, or on Windows the interface's IPv4 address; null when unknown. */
  interface: string | null
  /** The OS's own word for the entry's state (REACHABLE, STALE, dynamic, 動的, ...). */
  state: string
}
