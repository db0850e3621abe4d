import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {diffIsEmpty, diffScans, exposureUrl} from '../../../src/history/diff.js'
import {diffLines} from '../../../src/report/diff-text.js'
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

  it('writes device text with its control and bidi characters as \\u escapes, and loads it back exactly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hist-'))
    const hostile = '\u001b]0;pwned\u0007\u001b[31mEVIL\u202e\u009b<script>'
    const scan = report([host('192.168.1.21', {mac: '10:65:30:00:00:21', names: [{name: hostile, source: 'mdns'}]})])
    const {id, path} = saveScan(scan, dir)
    const raw = readFileSync(path, 'utf8')
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(raw, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u, 'cat-ing the file is safe')
    assert.ok(raw.includes('\\u001b]0;pwned'), 'the escape is written as \\u001b')
    assert.equal(loadScan(id, dir).report.hosts.find((h) => h.ip === '192.168.1.21')?.names[0]?.name, hostile)
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

  it('diffs exposed services: a WebDAV that now asks for credentials, a media server gone, a printer that appeared', () => {
    const exposure = (kind: 'dlna' | 'ipp' | 'webdav', host: string, port: number, anonymous: boolean) => ({host, kind, port, anonymous, summary: kind, details: {}, error: null})
    const before = {...report(), exposures: [exposure('webdav', '192.168.1.30', 5005, true), exposure('dlna', '192.168.1.50', 8200, true)]}
    const after = {...report(), exposures: [exposure('webdav', '192.168.1.30', 5005, false), exposure('ipp', '192.168.1.60', 631, true)]}
    const d = diffScans(before, after)
    assert.deepEqual(d.exposures.appeared.map(exposureUrl), ['ipp://192.168.1.60:631'])
    assert.deepEqual(d.exposures.gone.map(exposureUrl), ['dlna://192.168.1.50:8200'])
    assert.deepEqual(d.exposures.changed.map((c) => [exposureUrl(c.after), c.before.anonymous, c.after.anonymous]), [['webdav://192.168.1.30:5005', true, false]])
    assert.equal(diffIsEmpty(d), false)
    const text = diffLines(d, 'en').join('\n')
    assert.match(text, /~ service webdav:\/\/192\.168\.1\.30:5005: open → authenticated/)
    assert.match(text, /- service dlna:\/\/192\.168\.1\.50:8200 is gone/)
    assert.ok(diffIsEmpty(diffScans(after, after)))
  })
})
