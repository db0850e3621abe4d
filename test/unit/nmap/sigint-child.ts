// Run by run-nmap.test.ts as a separate process: starts nmap inside the lab through runNmap,
// prints "pid <nmap pid>" and then "progress" lines, so the test can press Ctrl-C (SIGINT) on
// this process and check that nmap died with it. Only lab addresses are scanned.
import {runNmap} from '../../../src/gather/discovery/nmap/run-nmap.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'

const ports = Array.from({length: 65535}, (_, i) => i + 1)
const result = await runNmap({
  scope: ScanScope.fromCidr('192.168.77.0/24'),
  mode: 'ports',
  ports,
  exclude: ['192.168.77.10'],
  command: ['ip', 'netns', 'exec', 'halab-pc', 'nmap'],
  killGraceMs: 1000,
  onSpawn: (pid) => console.log(`pid ${pid}`),
  onProgress: (p) => console.log(`progress ${p.task} ${p.percent}`),
})
// Reached only if SIGINT did not end this process.
console.log(`finished ${result.error}`)
