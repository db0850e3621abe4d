import {Command, Flags, ux} from '@oclif/core'
import type {Lang} from '../i18n/locale.js'
import {format, ui} from '../i18n/messages.js'
import {type ProgressEvent, runScan, ScanSetupError} from '../pipeline/run-scan.js'
import {redactReport} from '../report/redact.js'
import {type ReportFormat, writeReport} from '../report/write-report.js'
import {saveScan} from '../history/store.js'
import {ScopeError} from '../scope/scope-guard.js'
import {DISCOVERY_ENGINES, type DiscoveryEngine} from '../gather/discovery/discover-hosts.js'
import {NmapNotFoundError} from '../gather/discovery/nmap/run-nmap.js'
import {smbCredentials} from '../cli/smb-credentials.js'
import {checkDefaultCredentialsFlag, exitCodeFor, portsFlag, portsFromFlags, smbPasswordFlag, smbUserFlag, topPortsFlag, failOnFlag, formatFlag, outFlag, redactFlag, vendorDbFlag, langFlag, langOf} from '../cli/shared-flags.js'

export default class Scan extends Command {
  static override summary = 'Audit the home network this PC is on against the telework guideline'
  static override description = `Discovers the other hosts on the local subnet (no root, no nmap needed), checks common TCP ports and evaluates the guideline rules.
Only the subnet of the active interface is scanned, or the private --target you give.
Exit code: 0 no violation, 1 violations found, 2 usage or runtime error.`

  static override examples = ['<%= config.bin %> scan', '<%= config.bin %> scan --json', '<%= config.bin %> scan --target 192.168.1.0/24 --lang en']

  static override flags = {
    target: Flags.string({description: 'CIDR to scan instead of the active subnet (private, CGNAT, link-local or loopback only)'}),
    'max-hosts': Flags.integer({description: 'allow a target with up to this many addresses (default 1024, a /22)', min: 1, max: 65536}),
    timeout: Flags.integer({description: 'per-connection timeout in milliseconds', default: 1000, min: 50, max: 30000}),
    concurrency: Flags.integer({description: 'hosts probed at once (each with up to two connections)', default: 256, min: 1, max: 512}),
    engine: Flags.string({
      description: 'host discovery engine: builtin (no root, no nmap), nmap (needs nmap; SYN scan as root, connect scan otherwise), auto (= builtin)',
      options: [...DISCOVERY_ENGINES],
      default: 'auto',
    }),
    json: Flags.boolean({description: 'print the report as JSON (schema/scan-report.schema.json) on stdout; same as --format json'}),
    format: formatFlag,
    out: outFlag,
    save: Flags.boolean({description: 'keep the scan in the history (--no-save to skip)', default: true, allowNo: true}),
    'fail-on': failOnFlag,
    redact: redactFlag,
    lang: langFlag,
    'check-default-credentials': checkDefaultCredentialsFlag,
    'vendor-db': vendorDbFlag,
    'smb-user': smbUserFlag,
    'smb-password': smbPasswordFlag,
    ports: portsFlag,
    'top-ports': topPortsFlag,
    deadline: Flags.integer({description: 'give up, with exit code 2, when the whole scan takes longer than this many seconds', default: 300, min: 5, max: 3600}),
  }

  public async run(): Promise<void> {
    const {flags} = await this.parse(Scan)
    const lang = langOf(flags.lang)
    const outputFormat = (flags.json ? 'json' : flags.format ?? 'text') as ReportFormat
    const showProgress = outputFormat !== 'json' && Boolean(process.stderr.isTTY)
    const onProgress = showProgress ? progressReporter(lang) : undefined
    let ports: number[] | undefined
    try {
      ports = await portsFromFlags(flags.ports, flags['top-ports'])
    } catch (error) {
      this.error(error instanceof Error ? error.message : String(error), {exit: 2})
    }
    const smbLogin = await smbCredentials(flags['smb-user'], flags['smb-password'])
    let report
    let deadlineTimer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      deadlineTimer = setTimeout(() => reject(new ScanSetupError(`the scan did not finish within ${flags.deadline} s (--deadline); nothing was saved`)), flags.deadline * 1000)
    })
    try {
      report = await Promise.race([deadline, runScan({
        target: flags.target,
        maxHosts: flags['max-hosts'],
        timeoutMs: flags.timeout,
        concurrency: flags.concurrency,
        engine: flags.engine as DiscoveryEngine,
        lang,
        vendorDbDir: flags['vendor-db'],
        checkDefaultCredentials: flags['check-default-credentials'],
        smbCredentials: smbLogin,
        ports,
        onProgress,
      })])
    } catch (error) {
      if (showProgress) ux.action.stop('failed')
      if (error instanceof ScopeError || error instanceof ScanSetupError || error instanceof NmapNotFoundError) this.error(error.message, {exit: 2})
      throw error
    } finally {
      clearTimeout(deadlineTimer)
    }
    if (flags.save) {
      try {
        const saved = saveScan(report)
        if (showProgress) process.stderr.write(`${saved.id} → ${saved.path}\n`)
      } catch (error) {
        process.stderr.write(`warning: the scan was not saved to the history: ${error instanceof Error ? error.message : error}\n`)
      }
    }
    writeReport(flags.redact ? redactReport(report) : report, {format: outputFormat, lang, out: flags.out})
    const code = exitCodeFor(report.findings, flags['fail-on'])
    if (code !== 0) this.exit(code)
  }
}

function progressReporter(lang: Lang): (event: ProgressEvent) => void {
  return (event) => {
    switch (event.phase) {
      case 'interface':
        ux.action.start(ui.progress.interface[lang], undefined, {stdout: false})
        break
      case 'sweep':
        if (event.done === undefined) ux.action.start(format(ui.progress.sweep, lang, {target: event.target}), undefined, {stdout: false})
        else ux.action.status = `${event.done}/${event.total}`
        break
      case 'ports':
        ux.action.start(format(ui.progress.ports, lang, {count: event.hosts}), undefined, {stdout: false})
        break
      case 'router':
        ux.action.start(format(ui.progress.router, lang, {ip: event.ip}), undefined, {stdout: false})
        break
      case 'done':
        ux.action.stop()
        break
    }
  }
}
