import assert from 'node:assert/strict'
import {
  isEveryoneOrGuestPrincipal,
  parseExports,
  parseGetSmbShareJson,
  parseMacSharingList,
  parseNetShare,
  parseNetShareDetail,
  parseNetUsershareInfo,
  parseSmbConf,
} from '../../../src/gather/local/parsers/shares.js'
import {anyoneEntriesOfSddl} from '../../../src/gather/local/parsers/share-sddl.js'
import {fixture, hostileInputs} from './helpers.js'

describe('shares: Linux Samba', () => {
  it('reads `testparm -s` with guest shares, skipping [global] and `available = No` shares', () => {
    assert.deepEqual(parseSmbConf(fixture('linux/testparm-s-guest-shares-ubuntuforums.txt')), [
      {name: 'printers', path: '/var/spool/samba', special: true, access: [{principal: 'authenticated users', right: 'read'}], everyoneOrGuest: false, source: 'smb.conf'},
      {name: 'print$', path: '/var/lib/samba/printers', special: true, access: [{principal: 'authenticated users', right: 'read'}], everyoneOrGuest: false, source: 'smb.conf'},
      {
        name: 'bill',
        path: '/home/bill',
        special: false,
        access: [
          {principal: 'authenticated users', right: 'change'},
          {principal: 'guest', right: 'change'},
        ],
        everyoneOrGuest: true,
        source: 'smb.conf',
      },
      {
        name: 'Big_U',
        path: '/media/bill/Big_U',
        special: false,
        access: [
          {principal: 'authenticated users', right: 'change'},
          {principal: 'guest', right: 'change'},
        ],
        everyoneOrGuest: true,
        source: 'smb.conf',
      },
    ])
  })

  it('reads the Debian 12 default smb.conf (comments, [homes] with valid users = %S)', () => {
    const shares = parseSmbConf(fixture('linux/smb.conf-debian12-default.conf'))
    assert.deepEqual(
      shares.map((s) => [s.name, s.special, s.everyoneOrGuest, s.access]),
      [
        ['homes', true, false, [{principal: '%S', right: 'read'}]],
        ['printers', true, false, [{principal: 'authenticated users', right: 'read'}]],
        ['print$', true, false, [{principal: 'authenticated users', right: 'read'}]],
      ],
    )
  })

  it('reads `net usershare info --long`, ignoring error lines', () => {
    assert.deepEqual(parseNetUsershareInfo(fixture('linux/net-usershare-info-long-ubuntuforums.txt')), [
      {name: 'Big_U', path: '/media/bill/Big_U', special: false, access: [{principal: 'Everyone', right: 'full'}], everyoneOrGuest: true, source: 'usershare'},
      {name: 'Public', path: '/home/bill/Public', special: false, access: [{principal: 'Everyone', right: 'full'}], everyoneOrGuest: true, source: 'usershare'},
      {name: 'Desktop Pics 2', path: '/media/bill/Big_U/Desktop Pics 2', special: false, access: [{principal: 'Everyone', right: 'full'}], everyoneOrGuest: true, source: 'usershare'},
      {name: 'Desktop Pics', path: '/media/bill/Big_U/Desktop Pics', special: false, access: [{principal: 'Everyone', right: 'full'}], everyoneOrGuest: true, source: 'usershare'},
    ])
  })

  it('reads a usershare ACL with several principals and a guest share (RHEL docs)', () => {
    assert.deepEqual(parseNetUsershareInfo(fixture('linux/net-usershare-info-l-rhel-docs.txt')), [
      {
        name: 'share_1',
        path: '/srv/samba/',
        special: false,
        access: [
          {principal: 'Everyone', right: 'read'},
          {principal: 'host_name\\user', right: 'full'},
        ],
        everyoneOrGuest: true,
        source: 'usershare',
      },
    ])
    assert.deepEqual(parseNetUsershareInfo('[x]\npath=/x\nusershare_acl=alice:F,Everyone:D,\nguest_ok=n\n')[0]?.everyoneOrGuest, false)
  })

  it('gives [] for an empty usershare list', () => {
    assert.deepEqual(parseNetUsershareInfo(''), [])
  })
})

describe('shares: NFS /etc/exports', () => {
  it('reads a subnet export with rw', () => {
    assert.deepEqual(parseExports(fixture('linux/exports-ubuntuforums.txt')), [
      {name: '/home', path: '/home', special: false, access: [{principal: '192.168.100.0/24', right: 'change'}], everyoneOrGuest: false, source: 'exports'},
    ])
  })

  it('treats *, 0.0.0.0/0 and a missing client as everyone', () => {
    const text = '# comment\n/srv *(rw,no_root_squash)\n/pub\n"/with space" host1(ro) 0.0.0.0/0(rw)\nrelative host(rw)\n'
    assert.deepEqual(
      parseExports(text).map((s) => [s.path, s.everyoneOrGuest, s.access]),
      [
        ['/srv', true, [{principal: '*', right: 'change'}]],
        ['/pub', true, [{principal: '*', right: 'read'}]],
        ['/with space', true, [{principal: 'host1', right: 'read'}, {principal: '0.0.0.0/0', right: 'change'}]],
      ],
    )
  })
})

describe('shares: macOS sharing -l', () => {
  it('reads share points and their SMB guest access', () => {
    assert.deepEqual(parseMacSharingList(fixture('macos/sharing-l-recorded-go-test.txt')), [
      {name: 'Backups', path: '/Users/kknott/Backups', special: false, access: [{principal: 'users (smb)', right: 'unknown'}], everyoneOrGuest: false, source: 'sharing'},
      {name: 'Media', path: '/Volumes/Media', special: false, access: [{principal: 'users (smb)', right: 'unknown'}], everyoneOrGuest: false, source: 'sharing'},
    ])
    const guest = parseMacSharingList('List of Share Points\nname:\t\tPublic Folder\npath:\t\t/Users/me/Public\n\tsmb:\t{\n\t\tname:\tPublic Folder\n\t\tshared:\t1\n\t\tguest access:\t1\n\t}\n')
    assert.equal(guest[0]?.everyoneOrGuest, true)
  })
})

describe('shares: Windows', () => {
  it('joins Get-SmbShare and Get-SmbShareAccess JSON (enums as numbers or strings, Deny entries dropped)', () => {
    // ConvertTo-Json shapes of the two cmdlets; values built here (no captured output was found).
    const shares = JSON.stringify([
      {Name: 'ADMIN$', Path: 'C:\\WINDOWS', Description: 'Remote Admin', Special: true, ShareType: 0},
      {Name: 'C$', Path: 'C:\\', Description: 'Default share', Special: true},
      {Name: 'IPC$', Path: '', Description: 'Remote IPC', Special: true},
      {Name: 'Users', Path: 'C:\\Users', Description: '', Special: false},
      {Name: 'Scans', Path: 'D:\\Scans', Special: false},
    ])
    const access = JSON.stringify([
      {Name: 'Users', ScopeName: '*', AccountName: 'Everyone', AccessControlType: 0, AccessRight: 0},
      {Name: 'Scans', ScopeName: '*', AccountName: 'BUILTIN\\Administrators', AccessControlType: 'Allow', AccessRight: 'Full'},
      {Name: 'Scans', ScopeName: '*', AccountName: 'NT AUTHORITY\\ANONYMOUS LOGON', AccessControlType: 1, AccessRight: 2},
      {Name: 'Scans', ScopeName: '*', AccountName: 'PC\\taro', AccessControlType: 0, AccessRight: 1},
    ])
    assert.deepEqual(parseGetSmbShareJson(shares, access), [
      {name: 'ADMIN$', path: 'C:\\WINDOWS', special: true, access: [], everyoneOrGuest: false, source: 'get-smbshare'},
      {name: 'C$', path: 'C:\\', special: true, access: [], everyoneOrGuest: false, source: 'get-smbshare'},
      {name: 'IPC$', path: null, special: true, access: [], everyoneOrGuest: false, source: 'get-smbshare'},
      {name: 'Users', path: 'C:\\Users', special: false, access: [{principal: 'Everyone', right: 'full'}], everyoneOrGuest: true, source: 'get-smbshare'},
      {
        name: 'Scans',
        path: 'D:\\Scans',
        special: false,
        access: [
          {principal: 'BUILTIN\\Administrators', right: 'full'},
          {principal: 'PC\\taro', right: 'change'},
        ],
        everyoneOrGuest: false,
        source: 'get-smbshare',
      },
    ])
    assert.equal(parseGetSmbShareJson('{"Name":"print$","Path":"C:\\\\WINDOWS\\\\system32\\\\spool\\\\drivers"}')[0]?.special, true)
  })

  it('marks a share open from its security descriptor where Windows translates "Everyone" (real Spanish Windows values)', () => {
    // `Get-SmbShare -Name DADES_COMP | fl *` and `Get-SmbShareAccess` on a Spanish Windows (real
    // captures, SOURCES.md): Everyone is listed as "Todos", the descriptor says WD (Everyone) with
    // 0x1200a9 (read). The collector asks for JSON; the values are taken from the list outputs.
    const listValues = (text: string) => Object.fromEntries(text.split('\n').map((l) => /^(\w+)\s*: ?(.*)$/.exec(l)).filter((m) => m !== null).map((m) => [m![1], m![2]!.trimEnd()]))
    const share = listValues(fixture('windows/get-smbshare-fl-star-es-dades-comp-notes.txt'))
    const access = listValues(fixture('windows/get-smbshareaccess-list-es-todos-notes.txt'))
    assert.deepEqual([share['Name'], share['SecurityDescriptor'], access['AccountName'], access['AccessRight']], ['DADES_COMP', 'O:SYG:SYD:(A;;0x1200a9;;;WD)', 'Todos', 'Read'])
    const shareJson = JSON.stringify({Name: share['Name'], Path: share['Path'], Special: false, SecurityDescriptor: share['SecurityDescriptor']})
    // the descriptor alone (no access list), and the translated account name alone, each suffice
    assert.deepEqual(parseGetSmbShareJson(shareJson)[0], {
      name: 'DADES_COMP',
      path: 'C:\\DADES',
      special: false,
      access: [{principal: 'Everyone (S-1-1-0)', right: 'read'}],
      everyoneOrGuest: true,
      source: 'get-smbshare',
    })
    const withoutDescriptor = JSON.stringify({Name: share['Name'], Path: share['Path'], Special: false})
    const accessJson = JSON.stringify({Name: access['Name'], ScopeName: access['ScopeName'], AccountName: access['AccountName'], AccessControlType: access['AccessControlType'], AccessRight: access['AccessRight']})
    assert.deepEqual(parseGetSmbShareJson(withoutDescriptor, accessJson)[0]?.access, [{principal: 'Todos', right: 'read'}])
    assert.equal(parseGetSmbShareJson(withoutDescriptor, accessJson)[0]?.everyoneOrGuest, true)
    // both: the account list is kept, the descriptor adds nothing twice
    assert.deepEqual(parseGetSmbShareJson(shareJson, accessJson)[0]?.access, [{principal: 'Todos', right: 'read'}])
  })

  it('reads anyone-entries of share descriptors (SDDL): SID tokens and SIDs, rights from masks and letters, deny and others ignored', () => {
    // SDDL grammar per MS-DTYP 2.5.1; descriptors built here except the first (real, above).
    assert.deepEqual(anyoneEntriesOfSddl('O:SYG:SYD:(A;;0x1200a9;;;WD)'), [{principal: 'Everyone (S-1-1-0)', right: 'read'}])
    assert.deepEqual(anyoneEntriesOfSddl('D:(A;;0x1f01ff;;;S-1-1-0)(A;;0x1301bf;;;AN)(A;;FA;;;BA)(D;;0x1f01ff;;;BG)(A;;GR;;;BG)(A;;0x1301bf;;;S-1-5-21-1-2-3-1001)'), [
      {principal: 'Everyone (S-1-1-0)', right: 'full'},
      {principal: 'ANONYMOUS LOGON (S-1-5-7)', right: 'change'},
      {principal: 'Guests (S-1-5-32-546)', right: 'read'},
    ])
    assert.deepEqual(anyoneEntriesOfSddl('O:BAG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)'), [])
    assert.deepEqual(anyoneEntriesOfSddl('S:(AU;SA;FA;;;WD)'), []) // an audit entry in the SACL grants nothing
    for (const input of [...hostileInputs('O:SYG:SYD:(A;;0x1200a9;;;WD)'), 'D:' + '(A;;FA;;;WD)'.repeat(100_000), null, 42]) {
      assert.ok(Array.isArray(anyoneEntriesOfSddl(input)))
    }
  })

  it('reads `net share` lists in English and Japanese layouts', () => {
    // Column layout of `net share`; rows built here (no captured output was found).
    const en = 'Share name   Resource                        Remark\r\n\r\n-------------------------------------------------------------------------------\r\nC$           C:\\                             Default share\r\nIPC$                                         Remote IPC\r\nADMIN$       C:\\WINDOWS                      Remote Admin\r\nShared Docs  C:\\Users\\Public\\Documents\r\nAVeryLongShareNameThatWraps\r\n             D:\\Data                         \r\nThe command completed successfully.\r\n'
    assert.deepEqual(
      parseNetShare(en).map((s) => [s.name, s.path, s.special]),
      [
        ['C$', 'C:\\', true],
        ['IPC$', null, true],
        ['ADMIN$', 'C:\\WINDOWS', true],
        ['Shared Docs', 'C:\\Users\\Public\\Documents', false],
        ['AVeryLongShareNameThatWraps', 'D:\\Data', false],
      ],
    )
    const ja = '共有名       リソース                        注釈\r\n\r\n-------------------------------------------------------------------------------\r\nC$           C:\\                             既定の共有\r\nIPC$                                         リモート IPC\r\n共有         C:\\共有\r\nコマンドは正常に終了しました。\r\n'
    assert.deepEqual(parseNetShare(ja).map((s) => [s.name, s.path]), [['C$', 'C:\\'], ['IPC$', null], ['共有', 'C:\\共有']])
  })

  it('reads a real English `net share` with a 12-character share name followed by a single space', () => {
    assert.deepEqual(
      parseNetShare(fixture('windows/net-share-en-company-data-htb-notes.txt')).map((s) => [s.name, s.path, s.special]),
      [
        ['C$', 'C:\\', true],
        ['IPC$', null, true],
        ['ADMIN$', 'C:\\WINDOWS', true],
        ['Company Data', 'C:\\Users\\htb-student\\Desktop\\Company Data', false],
      ],
    )
  })

  it('reads a real Japanese `net share` (Windows Server 2012 R2) with a remark wrapped to the next line', () => {
    assert.deepEqual(
      parseNetShare(fixture('windows/net-share-ja-server2012r2-sysvol.txt')).map((s) => [s.name, s.path, s.special]),
      [
        ['C$', 'C:\\', true],
        ['IPC$', null, true],
        ['ADMIN$', 'C:\\Windows', true],
        ['NETLOGON', 'C:\\Windows\\SYSVOL\\sysvol\\frslab.example.test\\SCRIPTS', false],
        ['SYSVOL', 'C:\\Windows\\SYSVOL\\sysvol', false],
      ],
    )
  })

  it('reads `net share <name>` permissions', () => {
    const en = 'Share name        Users\r\nPath              C:\\Users\r\nRemark\r\nMaximum users     No limit\r\nUsers\r\nCaching           Manual caching of documents\r\nPermission        Everyone, FULL\r\n                  PC\\taro, READ\r\n\r\nThe command completed successfully.\r\n'
    assert.deepEqual(parseNetShareDetail(en), {
      name: 'Users',
      path: 'C:\\Users',
      special: false,
      access: [
        {principal: 'Everyone', right: 'full'},
        {principal: 'PC\\taro', right: 'read'},
      ],
      everyoneOrGuest: true,
      source: 'net-share',
    })
    const ja = '共有名            共有\r\nパス              C:\\共有\r\nアクセス許可      BUILTIN\\Guests, CHANGE\r\n'
    assert.deepEqual(parseNetShareDetail(ja)?.access, [{principal: 'BUILTIN\\Guests', right: 'change'}])
    assert.equal(parseNetShareDetail(ja)?.everyoneOrGuest, true)
  })

  it('recognises everyone / guest principals', () => {
    for (const p of ['Everyone', 'everyone', 'NT AUTHORITY\\ANONYMOUS LOGON', 'BUILTIN\\Guests', 'Guest', 'ゲスト']) assert.ok(isEveryoneOrGuestPrincipal(p), p)
    for (const p of ['BUILTIN\\Administrators', 'NT AUTHORITY\\Authenticated Users', 'PC\\taro']) assert.equal(isEveryoneOrGuestPrincipal(p), false, p)
  })
})

describe('share parsers on hostile input', () => {
  it('never throw', () => {
    const samples = [fixture('linux/testparm-s-guest-shares-ubuntuforums.txt'), fixture('macos/sharing-l-recorded-go-test.txt')]
    for (const sample of samples) {
      for (const input of hostileInputs(sample)) {
        assert.ok(Array.isArray(parseSmbConf(input)))
        assert.ok(Array.isArray(parseNetUsershareInfo(input)))
        assert.ok(Array.isArray(parseExports(input)))
        assert.ok(Array.isArray(parseMacSharingList(input)))
        assert.ok(Array.isArray(parseNetShare(input)))
        assert.ok(Array.isArray(parseGetSmbShareJson(input, input)))
        parseNetShareDetail(input)
      }
    }
  })
})
