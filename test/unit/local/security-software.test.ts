import assert from 'node:assert/strict'
import {
  decodeProductState,
  parseGetServiceJson,
  parsePsComm,
  parseScQuery,
  parseSecurityCenterAntivirus,
  parseTasklistCsv,
  vendorFromName,
} from '../../../src/gather/local/parsers/security-software.js'
import {fixture, hostileInputs} from './helpers.js'

describe('security software: SecurityCenter2 AntiVirusProduct', () => {
  it('reads the default list output (Windows Defender, productState 397568 = on, up to date)', () => {
    assert.deepEqual(parseSecurityCenterAntivirus(fixture('windows/securitycenter2-antivirusproduct-list-defender-cloudflare-docs.txt')), [
      {name: 'Windows Defender', vendor: 'microsoft', enabled: true, upToDate: true, source: 'securitycenter2'},
    ])
  })

  it('reads Get-CimInstance output, the cmdlet the collector runs (real capture with the PowerShell prompt lines)', () => {
    assert.deepEqual(parseSecurityCenterAntivirus(fixture('windows/securitycenter2-get-ciminstance-defender-pnpt.txt')), [
      {name: 'Windows Defender', vendor: 'microsoft', enabled: true, upToDate: true, source: 'securitycenter2'},
    ])
  })

  it('decodes productState as the community tables do', () => {
    // State → (real-time on, definitions up to date), from a public PowerShell inventory script's table (SOURCES.md).
    const table: Array<[number, boolean, boolean]> = [
      [266256, true, false],
      [393216, false, true],
      [393232, false, false],
      [393488, false, false],
      [397312, true, true],
      [397328, true, false],
      [397584, true, false],
      [397568, true, true],
      [393472, false, true],
    ]
    for (const [state, enabled, upToDate] of table) assert.deepEqual(decodeProductState(state), {enabled, upToDate}, String(state))
    assert.deepEqual(decodeProductState(null), {enabled: null, upToDate: null})
    assert.deepEqual(decodeProductState(-1), {enabled: null, upToDate: null})
  })

  it('reads ConvertTo-Json output with several products and names the vendors', () => {
    // ConvertTo-Json shape of AntiVirusProduct; product names as the vendors register them, states built here.
    const json = JSON.stringify([
      {displayName: 'ESET Security', productState: 266240},
      {displayName: 'Windows Defender', productState: 393472},
      {displayName: 'ESET Endpoint Antivirus', productState: 266256},
    ])
    assert.deepEqual(parseSecurityCenterAntivirus(json), [
      {name: 'ESET Security', vendor: 'eset', enabled: true, upToDate: true, source: 'securitycenter2'},
      {name: 'Windows Defender', vendor: 'microsoft', enabled: false, upToDate: true, source: 'securitycenter2'},
      {name: 'ESET Endpoint Antivirus', vendor: 'eset', enabled: true, upToDate: false, source: 'securitycenter2'},
    ])
    assert.equal(parseSecurityCenterAntivirus('{"displayName":"AppGuard","productState":"266240"}')[0]?.vendor, 'appguard')
  })

  it('names vendors', () => {
    assert.deepEqual(
      ['ESET NOD32 Antivirus', 'ESET Endpoint Security', 'AppGuard Enterprise', 'Blue Planet-works AppGuard', 'Microsoft Defender Antivirus', 'Norton 360'].map(vendorFromName),
      ['eset', 'eset', 'appguard', 'appguard', 'microsoft', 'other'],
    )
  })
})

describe('security software: services', () => {
  it('reads Get-Service JSON (Status as ServiceControllerStatus number or name)', () => {
    // ConvertTo-Json of Get-Service | Select Name,DisplayName,Status; values built here.
    const json = JSON.stringify([
      {Name: 'ekrn', DisplayName: 'ESET Service', Status: 4},
      {Name: 'WinDefend', DisplayName: 'Microsoft Defender Antivirus Service', Status: 1},
      {Name: 'Spooler', DisplayName: 'Print Spooler', Status: 4},
      {Name: 'AppGuardSvc', DisplayName: 'AppGuard Service', Status: 'Running'},
    ])
    assert.deepEqual(parseGetServiceJson(json), [
      {name: 'ESET Service', vendor: 'eset', enabled: true, upToDate: null, source: 'service'},
      {name: 'Microsoft Defender Antivirus Service', vendor: 'microsoft', enabled: false, upToDate: null, source: 'service'},
      {name: 'AppGuard Service', vendor: 'appguard', enabled: true, upToDate: null, source: 'service'},
    ])
  })

  it('reads `sc query` blocks', () => {
    // sc.exe block layout; values built here.
    const text = '\r\nSERVICE_NAME: ekrn\r\nDISPLAY_NAME: ESET Service\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n        STATE              : 4  RUNNING\r\n                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)\r\n        WIN32_EXIT_CODE    : 0  (0x0)\r\n\r\nSERVICE_NAME: WinDefend\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n        STATE              : 1  STOPPED\r\n'
    assert.deepEqual(parseScQuery(text), [
      {name: 'ESET Service', vendor: 'eset', enabled: true, upToDate: null, source: 'service'},
      {name: 'Microsoft Defender Antivirus Service', vendor: 'microsoft', enabled: false, upToDate: null, source: 'service'},
    ])
  })
})

describe('security software: process lists', () => {
  it('reads `tasklist /fo csv` (any header language)', () => {
    // tasklist CSV layout (English header, then a Japanese one); rows built here.
    const en = '"Image Name","PID","Session Name","Session#","Mem Usage"\r\n"System Idle Process","0","Services","0","8 K"\r\n"ekrn.exe","3120","Services","0","120,452 K"\r\n"egui.exe","7788","Console","1","30,112 K"\r\n"MsMpEng.exe","4100","Services","0","210,000 K"\r\n'
    assert.deepEqual(parseTasklistCsv(en).map((p) => [p.name, p.vendor, p.enabled]), [
      ['ESET (ekrn)', 'eset', true],
      ['ESET (egui)', 'eset', true],
      ['Microsoft Defender (MsMpEng)', 'microsoft', true],
    ])
    const ja = '"イメージ名","PID","セッション名","セッション#","メモリ使用量"\r\n"explorer.exe","5000","Console","1","90,000 K"\r\n'
    assert.deepEqual(parseTasklistCsv(ja), [])
  })

  it('reads `ps -axo comm` with full paths (macOS) and bare names (Linux)', () => {
    const mac = 'COMM\n/sbin/launchd\n/Library/Application Support/ESET/esets/sbin/esets_daemon\n/Applications/ESET Endpoint Antivirus.app/Contents/MacOS/esets_gui\n'
    assert.deepEqual(parsePsComm(mac).map((p) => p.name), ['ESET (esets)'])
    assert.deepEqual(parsePsComm('systemd\nwdavdaemon\nbash\n').map((p) => p.vendor), ['microsoft'])
  })

  it('recognises ESET Endpoint Antivirus for Linux 8+ and ESET\'s background GUI proxy on Windows', () => {
    // Process names and paths from real reports (lynis issue #1285 / PR #1302, get_AV issue #1; SOURCES.md),
    // arranged here one per line as `ps -axo comm` prints them (full paths on macOS, names on Linux).
    const paths = '/opt/eset/eea/sbin/startd\n/opt/eset/eea/lib/scand\n/usr/sbin/cron\n'
    assert.deepEqual(parsePsComm(paths).map((p) => [p.name, p.vendor]), [['ESET (/opt/eset)', 'eset']])
    const names = 'startd\nlogd\nscand\nupdated\noaeventd\n'
    assert.deepEqual(parsePsComm(names).map((p) => [p.name, p.vendor]), [['ESET (oaeventd)', 'eset']]) // generic names alone are not ESET
    assert.deepEqual(parsePsComm('startd\nscand\n'), [])
    assert.deepEqual(parseTasklistCsv('"ekrn.exe","3120","Services","0","120,452 K"\r\n"eguiProxy.exe","8120","Console","1","9,000 K"\r\n').map((p) => p.name), [
      'ESET (ekrn)',
      'ESET (eguiProxy)',
    ])
  })
})

describe('security software parsers on hostile input', () => {
  it('never throw', () => {
    const sample = fixture('windows/securitycenter2-antivirusproduct-list-defender-cloudflare-docs.txt')
    for (const input of hostileInputs(sample)) {
      assert.ok(Array.isArray(parseSecurityCenterAntivirus(input)))
      assert.ok(Array.isArray(parseGetServiceJson(input)))
      assert.ok(Array.isArray(parseScQuery(input)))
      assert.ok(Array.isArray(parseTasklistCsv(input)))
      assert.ok(Array.isArray(parsePsComm(input)))
    }
  })
})
