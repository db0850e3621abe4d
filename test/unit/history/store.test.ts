import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {diffScans} from '../../../src/history/diff.js'
import {listScans, loadScan, saveScan} from '../../../src/history/store.js'
import {evaluateRules} from '../../../src/rules/index.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

function report(others = [host('192.168.1.21', {mac: '10:65:30:00:00:21'})], startedAt = '2026-11-26T00:00:00.000Z') {
  const evidence = evidenceWith(others, {startedAt})
  return {...evidence, findings: evaluateRules(evidence, 'en')}
}

describe('scan history', () => {
  it('saves with mode 0600 under a name made of time and hash, and loads by id prefix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hist-'))
    const {id, path} = saveScan(report(), dir)
    assert.match(id, /^20261126T000000Z-[0-9a-f]{8}$/)
    assert.equal(statSync(path).mode & 0o777, 0o600)
    assert.equal(loadScan(id.slice(0, 18), dir).id, id)
    assert.deepEqual(readdirSync(dir), [`${id}.json`], 'no temporary file left behind')
  })

  it('reports and skips corrupt, foreign and half-written files instead of failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hist-'))
    saveScan(report(), dir)
    writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": "1.0.0", "hosts": [')
    writeFileSync(join(dir, 'foreign.json'), JSON.stringify({hello: 'world'}))
    writeFileSync(join(dir, '.20261126T000001Z-deadbeef.1234.tmp'), '{')
    const listing = listScans(dir)
    assert.equal(listing.scans.length, 1)
    assert.deepEqual(listing.skipped.map((s) => s.file).sort(), ['broken.json', 'foreign.json'])
  })

  it('diffs findings and hosts', () => {
    const before = report()
    const after = report([], '2026-11-27T00:00:00.000Z')
    const d = diffScans(before, after)
    assert.deepEqual(d.findings.resolved.map((r) => r.before.ruleId), ['segment-shared-with-other-hosts'])
    assert.deepEqual(d.hosts.gone.map((h) => h.ip), ['192.168.1.21'])
    assert.equal(d.firmware, null)
  })
})
