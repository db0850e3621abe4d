import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {ScanReportSchema, SCHEMA_VERSION, scanReportJsonSchema} from '../../../src/evidence/schema.js'
import {evaluateRules} from '../../../src/rules/index.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

describe('evidence schema', () => {
  it('the published JSON Schema file is the one the code generates (run `npm run schema` after a change)', () => {
    const published = JSON.parse(readFileSync(new URL('../../../schema/scan-report.schema.json', import.meta.url), 'utf8'))
    assert.deepEqual(published, scanReportJsonSchema())
  })

  it('requires the fields scan --json promises', () => {
    const schema = scanReportJsonSchema() as {required: string[]; properties: Record<string, {items?: {required?: string[]}}>}
    for (const key of ['schemaVersion', 'startedAt', 'finishedAt', 'tool', 'network', 'hosts', 'findings']) assert.ok(schema.required.includes(key), key)
    assert.deepEqual(
      [...schema.properties.hosts!.items!.required!].sort(),
      ['discoveredBy', 'ip', 'isGateway', 'isSelf', 'mac', 'macRandomized', 'names', 'ports', 'vendor'],
    )
    for (const key of ['ruleId', 'clause', 'status', 'severity', 'title', 'evidence']) assert.ok(schema.properties.findings!.items!.required!.includes(key), key)
  })

  it('accepts a complete report and rejects a wrong version or status', () => {
    const evidence = evidenceWith([host('192.168.1.21')])
    const report = {...evidence, findings: evaluateRules(evidence, 'en')}
    assert.equal(ScanReportSchema.parse(report).schemaVersion, SCHEMA_VERSION)
    assert.throws(() => ScanReportSchema.parse({...report, schemaVersion: '0.9.0'}))
    assert.throws(() => ScanReportSchema.parse({...report, findings: [{...report.findings[0], status: 'ok'}]}))
  })
})
