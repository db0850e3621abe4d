import assert from 'node:assert/strict'
import {FindingSchema} from '../../../src/evidence/schema.js'
import {CLAUSES} from '../../../src/rules/clauses.js'
import {evaluateRules, RULES} from '../../../src/rules/index.js'
import type {Rule} from '../../../src/rules/rule.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

describe('rule registry', () => {
  it('every rule has a unique id and cites a clause of the guideline', () => {
    const ids = RULES.map((r) => r.id)
    assert.equal(new Set(ids).size, ids.length)
    const clauseIds = new Set(CLAUSES.map((c) => c.id))
    for (const rule of RULES) assert.ok(clauseIds.has(rule.clause), `${rule.id} cites ${rule.clause}`)
  })

  it('the clause list matches shared/guideline/clauses.md', async function () {
    const {readFileSync, existsSync} = await import('node:fs')
    const path = new URL('../../../../shared/guideline/clauses.md', import.meta.url)
    if (!existsSync(path)) this.skip() // shared/ lies beside the clone in development and CI
    const ids = [...readFileSync(path, 'utf8').matchAll(/^\| ([A-Z]-[\d.]+) \|/gm)].map((m) => m[1])
    assert.deepEqual(CLAUSES.map((c) => c.id), ids)
  })

  it('produces schema-valid findings in the requested language', () => {
    const findings = evaluateRules(evidenceWith([host('192.168.1.21')]), 'ja')
    assert.equal(findings.length, RULES.length)
    for (const f of findings) FindingSchema.parse(f)
    const segment = findings.find((f) => f.clause === 'N-3.3.7')!
    assert.equal(segment.status, 'violation')
    assert.equal(segment.clauseTitleJa, '3. ■ テレワーク場所（自宅）のネットワーク')
    assert.match(segment.title, /他の機器が 1 台/)
  })

  it('a rule that throws becomes unknown instead of ending the scan', () => {
    const broken: Rule = {...RULES[0]!, evaluate: () => { throw new Error('boom') }}
    const [finding] = evaluateRules(evidenceWith([]), 'en', [broken])
    assert.equal(finding!.status, 'unknown')
    assert.match(finding!.title, /boom/)
  })
})
