/**
 * The PC's own shares: Windows `Get-SmbShare` / `Get-SmbShareAccess` JSON and `net share` (English
 * and Japanese), macOS `sharing -l`, Linux `net usershare info --long`, smb.conf and /etc/exports.
 * Pure functions: text in, typed data out; garbage gives [] and never throws.
 */
import {anyoneEntriesOfSddl} from './share-sddl.js'
import {jsonObjects, MAX_LINE_LENGTH, num, splitLines, str} from './text.js'
import type {LocalShare, ShareRight} from './types.js'

/**
 * Principals that mean "anyone": Everyone, anonymous, guests. Japanese Windows keeps "Everyone";
 * some languages translate it ("Todos" in a real Spanish `Get-SmbShareAccess`, see
 * test/fixtures/local/SOURCES.md), which is why Get-SmbShare's security descriptor (SIDs) is read too.
 */
export function isEveryoneOrGuestPrincipal(principal: string): boolean {
  const p = principal.normalize('NFKC').trim().toLowerCase()
  const bare = p.includes('\\') ? p.slice(p.lastIndexOf('\\') + 1) : p
  return (
    bare === 'everyone' ||
    bare === 'todos' ||
    bare === 'anonymous logon' ||
    bare === 'guests' ||
    bare === 'guest' ||
    bare === 'ゲスト' ||
    bare === 'nobody'
  )
}

/** Windows default / administrative shares. */
function isWindowsSpecialName(name: string): boolean {
  return /^([A-Z]\$|ADMIN\$|IPC\$|PRINT\$)$/i.test(name)
}

function rightFromWindows(value: unknown): ShareRight {
  // Get-SmbShareAccess: AccessRight enum Full = 0, Change = 1, Read = 2, Custom = 3; strings when formatted.
  const n = num(value)
  if (n !== null) return n === 0 ? 'full' : n === 1 ? 'change' : n === 2 ? 'read' : 'unknown'
  if (typeof value !== 'string') return 'unknown'
  const v = value.trim().toLowerCase()
  if (v === 'full' || v === 'フル コントロール' || v === 'フルコントロール') return 'full'
  if (v === 'change' || v === '変更') return 'change'
  if (v === 'read' || v === '読み取り') return 'read'
  return 'unknown'
}

function isDeny(value: unknown): boolean {
  // AccessControlType: Allow = 0, Deny = 1
  const n = num(value)
  if (n !== null) return n === 1
  return typeof value === 'string' && value.trim().toLowerCase() === 'deny'
}

/**
 * `Get-SmbShare | ConvertTo-Json` plus, optionally, `Get-SmbShareAccess -Name * | ConvertTo-Json`
 * (or `Get-SmbShare | Get-SmbShareAccess | ConvertTo-Json`). Deny entries are left out of `access`.
 * Access entries whose share is not in the first list still produce a share (path unknown).
 */
export function parseGetSmbShareJson(sharesJson: string, accessJson?: string): LocalShare[] {
  const shares = new Map<string, LocalShare>()
  const fromDescriptor = new Map<string, LocalShare['access']>()
  for (const s of jsonObjects(sharesJson)) {
    const name = str(s['Name'])
    if (name === null) continue
    const special = s['Special'] === true || isWindowsSpecialName(name)
    shares.set(name.toLowerCase(), {
      name,
      path: str(s['Path']),
      special,
      access: [],
      everyoneOrGuest: false,
      source: 'get-smbshare',
    })
    fromDescriptor.set(name.toLowerCase(), anyoneEntriesOfSddl(s['SecurityDescriptor']))
  }
  if (accessJson !== undefined) {
    for (const a of jsonObjects(accessJson)) {
      const shareName = str(a['Name']) ?? str(a['ShareName'])
      const principal = str(a['AccountName'])
      if (shareName === null || principal === null) continue
      if (isDeny(a['AccessControlType'])) continue
      let share = shares.get(shareName.toLowerCase())
      if (!share) {
        share = {name: shareName, path: null, special: isWindowsSpecialName(shareName), access: [], everyoneOrGuest: false, source: 'get-smbshare'}
        shares.set(shareName.toLowerCase(), share)
      }
      share.access.push({principal, right: rightFromWindows(a['AccessRight'])})
    }
  }
  for (const [key, share] of shares) {
    // The descriptor's SIDs count even where the account names are translated or missing; its
    // entries are anyone-entries by construction.
    const named = share.access.some((a) => isEveryoneOrGuestPrincipal(a.principal))
    const bySid = named ? [] : (fromDescriptor.get(key) ?? [])
    share.access.push(...bySid)
    share.everyoneOrGuest = named || bySid.length > 0
  }
  return [...shares.values()]
}

const NET_SHARE_END = /^(The command completed|コマンドは正常に終了しました|There are no entries|一覧にエントリはありません)/i
const RULE = /^-{10,}\s*$/
/** `net share` row by column: 12-character name, a space, then the resource (drive or UNC path). */
const FIXED_COLUMN = /^(\S.{11}) (\S.*)$/

/** Split ` C:\path with spaces      Remark` into resource and remark (two or more spaces separate). */
function resourceAndRemark(rest: string): {path: string | null; remark: string} {
  const trimmed = rest.trim()
  if (trimmed.length === 0) return {path: null, remark: ''}
  const cells = trimmed.split(/\s{2,}/)
  const first = cells[0] ?? ''
  // A drive path (C:\...), a UNC path (\\server\...) or a device (LPT1:, USB001:, ...)
  if (/^[A-Za-z]:\\/.test(first) || first.startsWith('\\\\') || /^[A-Za-z]+\d*:/.test(first)) {
    return {path: first.trim() || null, remark: cells.slice(1).join('  ').trim()}
  }
  return {path: null, remark: trimmed}
}

/**
 * `net share` (the list). Access rights are not part of this output (see {@link parseNetShareDetail}),
 * so `access` is empty and `everyoneOrGuest` false. Long share names that push the resource to the
 * next line are handled.
 */
export function parseNetShare(text: string): LocalShare[] {
  const result: LocalShare[] = []
  let inTable = false
  let pending: string | null = null
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const line = raw.trimEnd()
    if (!inTable) {
      if (RULE.test(line)) inTable = true
      continue
    }
    if (line.length === 0) continue
    if (NET_SHARE_END.test(line.trim())) break
    if (pending !== null && /^\s/.test(line)) {
      const {path} = resourceAndRemark(line)
      result.push(shareFromNet(pending, path))
      pending = null
      continue
    }
    if (pending !== null) {
      result.push(shareFromNet(pending, null))
      pending = null
    }
    if (/^\s/.test(line)) continue
    // The name column is 12 characters wide and the resource starts at column 13: a name of exactly
    // 12 characters is followed by a single space (real capture: "Company Data C:\Users\...").
    const fixed = FIXED_COLUMN.exec(line)
    if (fixed && !/\s{2,}/.test((fixed[1] ?? '').trimEnd())) {
      const path = resourceAndRemark(fixed[2] ?? '').path
      if (path !== null) {
        result.push(shareFromNet((fixed[1] ?? '').trimEnd(), path))
        continue
      }
    }
    const cells = line.split(/\s{2,}/)
    const name = cells[0] ?? ''
    if (name.length === 0) continue
    const rest = cells.length > 1 ? cells.slice(1).join('  ') : undefined
    if (rest === undefined) {
      // Either a long name (resource on the next line) or a share without resource (IPC$ has a remark).
      const single = /^(\S+)\s+(.*)$/.exec(name)
      if (single && /\$$/.test(single[1] ?? '')) {
        result.push(shareFromNet(single[1] ?? name, null))
      } else {
        pending = name
      }
      continue
    }
    result.push(shareFromNet(name, resourceAndRemark(rest).path))
  }
  if (pending !== null) result.push(shareFromNet(pending, null))
  return result
}

function shareFromNet(name: string, path: string | null): LocalShare {
  return {name, path, special: isWindowsSpecialName(name), access: [], everyoneOrGuest: false, source: 'net-share'}
}

/**
 * `net share <name>` (one share in detail): `Share name`/`共有名`, `Path`/`パス`, and
 * `Permission`/`アクセス許可` lines such as `Everyone, FULL` (continuation lines list more principals).
 */
export function parseNetShareDetail(text: string): LocalShare | null {
  let name: string | null = null
  let path: string | null = null
  const access: LocalShare['access'] = []
  let inPermissions = false
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const line = raw.trimEnd()
    const cells = line.trim().split(/\s{2,}/)
    const label = (cells[0] ?? '').trim().toLowerCase()
    const value = cells.slice(1).join('  ').trim()
    if (/^\s/.test(line) && inPermissions) {
      const entry = permissionEntry(line.trim())
      if (entry) access.push(entry)
      continue
    }
    inPermissions = false
    if (label === 'share name' || label === '共有名') name = value || null
    else if (label === 'path' || label === 'パス') path = value || null
    else if (label === 'permission' || label === 'permissions' || label === 'アクセス許可') {
      inPermissions = true
      const entry = permissionEntry(value)
      if (entry) access.push(entry)
    }
  }
  if (name === null) return null
  return {
    name,
    path,
    special: isWindowsSpecialName(name),
    access,
    everyoneOrGuest: access.some((a) => isEveryoneOrGuestPrincipal(a.principal)),
    source: 'net-share',
  }
}

function permissionEntry(text: string): {principal: string; right: ShareRight} | null {
  const m = /^(.*),\s*(\S+)\s*$/.exec(text)
  if (!m) return null
  const principal = (m[1] ?? '').trim()
  if (principal.length === 0) return null
  return {principal, right: rightFromWindows(m[2] ?? '')}
}

/**
 * macOS `sharing -l`: share points with `name:` / `path:` and per-protocol blocks `smb: { shared: 1
 * guest access: 1 ... }`. A share counts as guest-accessible when any shared protocol allows guests.
 */
export function parseMacSharingList(text: string): LocalShare[] {
  const result: LocalShare[] = []
  let share: LocalShare | null = null
  let block: string | null = null
  let blockShared = false
  let blockGuest = false
  const endBlock = () => {
    if (share && block !== null && blockShared) {
      share.access.push({principal: blockGuest ? `guest (${block})` : `users (${block})`, right: 'unknown'})
      if (blockGuest) share.everyoneOrGuest = true
    }
    block = null
    blockShared = false
    blockGuest = false
  }
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const line = raw.trim()
    if (line === '}') {
      endBlock()
      continue
    }
    const open = /^(\w+):\s*\{\s*$/.exec(line)
    if (open) {
      endBlock()
      block = (open[1] ?? '').toLowerCase()
      continue
    }
    const kv = /^([^:]+):\s*(.*)$/.exec(line)
    if (!kv) continue
    const key = (kv[1] ?? '').trim().toLowerCase()
    const value = (kv[2] ?? '').trim()
    if (block === null) {
      if (key === 'name') {
        share = {name: value, path: null, special: false, access: [], everyoneOrGuest: false, source: 'sharing'}
        result.push(share)
      } else if (key === 'path' && share) {
        share.path = value || null
      }
      continue
    }
    if (key === 'shared') blockShared = value === '1'
    else if (key === 'guest access') blockGuest = value === '1'
  }
  endBlock()
  return result.filter((s) => s.name.length > 0)
}

function rightFromSambaAcl(letter: string): ShareRight | 'deny' {
  const l = letter.trim().toUpperCase()
  if (l === 'F') return 'full'
  if (l === 'R') return 'read'
  if (l === 'D') return 'deny'
  return 'unknown'
}

/**
 * `net usershare info --long` (ini-like: `[name]`, `path=`, `comment=`, `usershare_acl=Everyone:R,`,
 * `guest_ok=y`). Deny (`:D`) entries are left out of `access`.
 */
export function parseNetUsershareInfo(text: string): LocalShare[] {
  const result: LocalShare[] = []
  let share: LocalShare | null = null
  let guest = false
  const finish = () => {
    if (!share) return
    share.everyoneOrGuest = guest || share.access.some((a) => isEveryoneOrGuestPrincipal(a.principal))
    result.push(share)
  }
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const line = raw.trim()
    const section = /^\[(.+)\]$/.exec(line)
    if (section) {
      finish()
      share = {name: section[1] ?? '', path: null, special: false, access: [], everyoneOrGuest: false, source: 'usershare'}
      guest = false
      continue
    }
    if (!share) continue
    const eq = line.indexOf('=')
    if (eq <= 0) continue
    const key = line.slice(0, eq).trim().toLowerCase()
    const value = line.slice(eq + 1).trim()
    if (key === 'path') share.path = value || null
    else if (key === 'guest_ok') guest = /^(y|yes|true|1)$/i.test(value)
    else if (key === 'usershare_acl') {
      for (const entry of value.split(',')) {
        const colon = entry.lastIndexOf(':')
        if (colon <= 0) continue
        const principal = entry.slice(0, colon).trim()
        const right = rightFromSambaAcl(entry.slice(colon + 1))
        if (right === 'deny' || principal.length === 0) continue
        share.access.push({principal, right})
      }
    }
  }
  finish()
  return result
}

function sambaBool(value: string | undefined): boolean | null {
  if (value === undefined) return null
  const v = value.trim().toLowerCase()
  if (['yes', 'true', '1', 'on'].includes(v)) return true
  if (['no', 'false', '0', 'off'].includes(v)) return false
  return null
}

/**
 * Share sections of an smb.conf (or `testparm -s` output). `[global]` is skipped; `[homes]`,
 * `[printers]` and `[print$]` are marked special. Guest access = `guest ok`/`public` = yes;
 * writable = `read only = no` or `writable`/`writeable`/`write ok` = yes. Access lists the
 * `valid users`, or "authenticated users" when none are given, plus "guest" when guests are allowed.
 */
export function parseSmbConf(text: string): LocalShare[] {
  const sections: Array<{name: string; params: Map<string, string>}> = []
  let current: {name: string; params: Map<string, string>} | null = null
  let carry = ''
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    let line = carry + raw.trim()
    carry = ''
    if (line.endsWith('\\')) {
      carry = line.slice(0, -1) + ' '
      continue
    }
    if (line.length === 0 || line.startsWith('#') || line.startsWith(';')) continue
    const section = /^\[([^\]]+)\]/.exec(line)
    if (section) {
      current = {name: (section[1] ?? '').trim(), params: new Map()}
      sections.push(current)
      continue
    }
    if (!current) continue
    const eq = line.indexOf('=')
    if (eq <= 0) continue
    const key = line.slice(0, eq).toLowerCase().replace(/\s+/g, '')
    line = line.slice(eq + 1).trim()
    current.params.set(key, line)
  }
  const result: LocalShare[] = []
  for (const {name, params} of sections) {
    const lower = name.toLowerCase()
    if (lower === 'global') continue
    if (sambaBool(params.get('available')) === false) continue
    const guest = sambaBool(params.get('guestok')) === true || sambaBool(params.get('public')) === true || sambaBool(params.get('guestonly')) === true
    const readOnly = sambaBool(params.get('readonly'))
    const writable = sambaBool(params.get('writable')) ?? sambaBool(params.get('writeable')) ?? sambaBool(params.get('writeok'))
    const canWrite = writable === true || readOnly === false
    const right: ShareRight = canWrite ? 'change' : 'read'
    const validUsers = (params.get('validusers') ?? '')
      .split(/[\s,]+/)
      .map((u) => u.trim())
      .filter((u) => u.length > 0)
    const access: LocalShare['access'] = validUsers.length > 0 ? validUsers.map((u) => ({principal: u, right})) : [{principal: 'authenticated users', right}]
    if (guest) access.push({principal: 'guest', right})
    result.push({
      name,
      path: str(params.get('path')),
      special: lower === 'homes' || lower === 'printers' || lower === 'print$',
      access,
      everyoneOrGuest: guest,
      source: 'smb.conf',
    })
  }
  return result
}

/**
 * /etc/exports (NFS): `/srv *(rw,no_root_squash)`, `/home 192.168.1.0/24(rw) host(ro)`.
 * A client of `*`, `0.0.0.0/0` or none at all exports to everyone. `rw` = change, otherwise read.
 */
export function parseExports(text: string): LocalShare[] {
  const result: LocalShare[] = []
  let carry = ''
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    let line = carry + raw
    carry = ''
    if (line.trimEnd().endsWith('\\')) {
      carry = line.trimEnd().slice(0, -1) + ' '
      continue
    }
    const hash = line.indexOf('#')
    if (hash >= 0) line = line.slice(0, hash)
    line = line.trim()
    if (line.length === 0) continue
    let path: string
    let rest: string
    const quoted = /^"([^"]+)"\s*(.*)$/.exec(line)
    if (quoted) {
      path = quoted[1] ?? ''
      rest = quoted[2] ?? ''
    } else {
      const m = /^(\S+)\s*(.*)$/.exec(line)
      if (!m) continue
      path = m[1] ?? ''
      rest = m[2] ?? ''
    }
    if (!path.startsWith('/')) continue
    const access: LocalShare['access'] = []
    let world = false
    const clients = rest.length > 0 ? rest.split(/\s+/) : []
    let defaultOptions = ''
    for (const c of clients) {
      const m = /^([^(\s]*)(?:\(([^)]*)\))?$/.exec(c)
      if (!m) continue
      const host = m[1] ?? ''
      const options = m[2] ?? ''
      if (host === '') {
        // "-option" defaults or a bare "(rw)" = everyone with those options
        if (c.startsWith('-')) defaultOptions = c.slice(1)
        else {
          world = true
          access.push({principal: '*', right: /(^|,)rw(,|$)/.test(options) ? 'change' : 'read'})
        }
        continue
      }
      if (host.startsWith('-')) {
        defaultOptions = host.slice(1)
        continue
      }
      const opts = options || defaultOptions
      if (host === '*' || host === '0.0.0.0/0' || host === '::/0') world = true
      access.push({principal: host, right: /(^|,)rw(,|$)/.test(opts) ? 'change' : 'read'})
    }
    if (access.length === 0) {
      world = true
      access.push({principal: '*', right: /(^|,)rw(,|$)/.test(defaultOptions) ? 'change' : 'read'})
    }
    result.push({name: path, path, special: false, access, everyoneOrGuest: world, source: 'exports'})
  }
  return result
}
