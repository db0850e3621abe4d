import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {summarise, summaryCsv} from '../../../src/report/fleet-summary.js'
import {evaluateRules} from '../../../src/rules/index.js'
import {evidenceWith, host} from '../../helpers/evidence.js'
import {routerReport, support} from '../../helpers/router.js'

function stored(others: ReturnType<typeof host>[], router: ReturnType<typeof routerReport> | null) {
  const evidence = evidenceWith(others, {router})
  return {...evidence, findings: evaluateRules(evidence, 'en')}
}

describe('summary over many employees’ reports', () => {
  const eol = routerReport({support: support({status: 'eol', eolDate: '2021-04-27'})})
  const current = routerReport({model: 'WSR-3200AX4S', support: support({latestFirmware: '1.05', firmwareCurrent: true})})
  const reports = [
    {file: 'alice.json', report: stored([host('192.168.1.21')], eol)},
    {file: 'bob.json', report: stored([], current)},
  ]

  it('counts each rule’s statuses and lists the routers that need action', () => {
    const s = summarise(reports)
    assert.equal(s.reports, 2)
    const segment = s.rules.find((r) => r.ruleId === 'segment-shared-with-other-hosts')!
    assert.deepEqual([segment.violation, segment.pass], [1, 1])
    assert.deepEqual(s.routers.map((r) => [r.file, r.problem]), [['alice.json', 'eol']])
    assert.deepEqual(s.verdicts, {'not-allowed': 1, conditional: 1, allowed: 0})
  })

  it('CSV quotes every cell and neutralises formulas', () => {
    const csv = summaryCsv(summarise(reports))
    assert.match(csv, /^"ruleId","clause","violation"/)
    assert.ok(csv.split('\r\n').every((line) => line === '' || /^"/.test(line)))
  })

  it('the command reads stored report files and writes terminal, CSV and Markdown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'))
    const files = reports.map((r) => {
      const f = join(dir, r.file)
      writeFileSync(f, JSON.stringify(r.report))
      return f
    })
    writeFileSync(join(dir, 'junk.json'), '{"not": "a report"}')
    const bin = new URL('../../../bin/run.js', import.meta.url).pathname
    for (const format of ['text', 'csv', 'md']) {
      const run = spawnSync(process.execPath, [bin, 'summary', ...files, join(dir, 'junk.json'), '--format', format], {encoding: 'utf8'})
      assert.equal(run.status, 0, run.stderr)
      assert.match(run.stdout, /segment-shared-with-other-hosts/)
      assert.match(run.stdout, /eol/)
      assert.match(run.stderr, /skipped .*junk\.json/)
    }
  })
})
