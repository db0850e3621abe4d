// Device-supplied text that must never act on a terminal or a page: shared by the hostile
// behaviours (which serve it) and the hostile e2e suite (which looks for it in the output).
export const SCRIPT = '<script>alert(1)</script>'
/** Clear screen, set the terminal title (OSC 0, BEL-terminated), red. */
export const ESCAPES = '\x1b[2J\x1b]0;pwned\x07\x1b[31m'
/** RIGHT-TO-LEFT OVERRIDE: "evil\u202Egnp.exe" shows as "evilexe.png". */
export const RTL = '\u202E'

export const EVIL_NAMES = {
  friendlyName: `${SCRIPT}${ESCAPES}Living Room TV${RTL}gnp.exe`,
  manufacturer: `${ESCAPES}Evil${SCRIPT} Corp`,
  modelName: `Model${RTL}X${SCRIPT}`,
}

/** Public and off-subnet addresses that hostile devices point at; nothing may ever be sent there. */
export const PUBLIC_TARGETS = ['8.8.8.8', '1.1.1.1', '203.0.113.9']
/** A name a device gives instead of an address: resolving it would be a DNS query for it. */
export const EVIL_HOSTNAME = 'router.evil.example'
/** A port on another lab host that only appears in hostile LOCATIONs: a packet to it means one was followed. */
export const FOREIGN_PORT = 39999
/** The title of the hostile web device's page (served raw: escapes and all). */
export const EVIL_TITLE = `${ESCAPES}Camera${RTL}gpj.exe ${SCRIPT}`
