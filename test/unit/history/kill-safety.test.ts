import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {listScans} from '../../../src/history/store.js'
import {evaluateRules} from '../../../src/rules/index.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

// The built module (npm test builds first): a plain node start keeps 100 trials fast.
const STORE = fileURLToPath(new URL('../../../dist/history/store.js', import.meta.url))

describe('history survives SIGKILL at any moment', function () {
  this.timeout(120_000)

  it('100 writers killed at random points leave only complete scans (and at most stray temp files)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hist-kill-'))
    const evidence = evidenceWith(Array.from({length: 200}, (_, i) => host(`192.168.1.${i + 20}`, {names: [{name: 'x'.repeat(200), source: 'mdns'}]})))
    const reportFile = join(dir, '..', `${dir.split('/').pop()}-report.json`)
    writeFileSync(reportFile, JSON.stringify({...evidence, findings: evaluateRules(evidence, 'en')}))
    const script = `
      import {readFileSync} from 'node:fs'
      const {saveScan} = await import(${JSON.stringify(STORE)})
      const report = JSON.parse(readFileSync(${JSON.stringify(reportFile)}, 'utf8'))
      for (let i = 0; ; i++) {
        report.startedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i % 86400)).toISOString()
        saveScan(report, ${JSON.stringify(dir)})
        if (i === 0) process.stdout.write('ready\\n')
      }
    `
    for (let trial = 0; trial < 100; trial++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {stdio: ['ignore', 'pipe', 'ignore']})
      await new Promise((r) => child.stdout.once('data', r))
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 40)))
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))
    }
    const listing = listScans(dir)
    assert.deepEqual(listing.skipped, [], 'no torn or corrupt scan file')
    assert.ok(listing.scans.length > 0, 'the writers did write')
    const stray = readdirSync(dir).filter((f) => f.endsWith('.tmp'))
    assert.ok(stray.every((f) => f.startsWith('.')), 'temporary files are hidden and ignored')
  })
})
