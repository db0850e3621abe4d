import assert from 'node:assert/strict'
import {probeSnmp} from '../../src/gather/probes/snmp.js'
import {ScanScope} from '../../src/scope/scope-guard.js'
import {readMessage, snmpFixtures, startResponder, withRequestId} from '../helpers/snmp.js'
import {mutate, rng} from './mutate.js'

const CASES = Number(process.env.FUZZ_CASES ?? 10_000)
/** Probes running at once, each against its own loopback agent. */
const WORKERS = 64
const TIMEOUT_MS = 150
/** What an attempt may end with; anything else (a library error, a crash) fails the suite. */
const OUTCOMES = /^(answered|no answer|timed out|malformed answer: |invalid answer: |error status: )/

/**
 * The real answers of the lab's snmpd (test/fixtures/snmp/), each given the request's ID and then
 * mutated, answer homeaudit's SNMP probe (net-snmp behind the guarded, BER-checking socket) over
 * loopback UDP. Case i always gets mutation i, so a failure names the case that reproduces it.
 */
describe(`fuzz: SNMP answers through the probe (${CASES} cases)`, function () {
  this.timeout(120_000)

  it('every probe ends in time with an outcome; no crash, no uncaught exception or rejection', async () => {
    const seeds = snmpFixtures(/-v2c\.bin$/).map((f) => f.bytes)
    assert.ok(seeds.length >= 4)
    const scope = ScanScope.fromCidr('127.0.0.0/24')
    const uncaught: unknown[] = []
    const onUncaught = (error: unknown) => uncaught.push(error)
    process.on('uncaughtException', onUncaught)
    process.on('unhandledRejection', onUncaught)
    const counts = new Map<string, number>()
    const failures: Array<{case: number; outcome: string}> = []
    let next = 0
    let done = 0
    let slowest = 0
    try {
      await Promise.all(
        Array.from({length: WORKERS}, async () => {
          let current = -1
          const agent = await startResponder((request) => mutate(withRequestId(seeds[current % seeds.length]!, readMessage(request).requestId), rng(current + 1)))
          try {
            while (next < CASES) {
              current = next++
              const started = Date.now()
              const result = await probeSnmp(scope, '127.0.0.1', TIMEOUT_MS, {version: 'v2c', community: 'public'}, agent.port)
              slowest = Math.max(slowest, Date.now() - started)
              done++
              const outcome = result.attempts[0]?.outcome ?? '(none)'
              const kind = OUTCOMES.exec(outcome)?.[1] ?? 'other'
              counts.set(kind, (counts.get(kind) ?? 0) + 1)
              if (kind === 'other' && failures.length < 5) failures.push({case: current, outcome})
            }
          } finally {
            agent.close()
          }
        }),
      )
    } finally {
      process.off('uncaughtException', onUncaught)
      process.off('unhandledRejection', onUncaught)
    }
    console.log(`      ${done} cases: ${[...counts].map(([k, v]) => `${k.replace(/: $/, '')} ${v}`).join(', ')}; slowest ${slowest} ms`)
    assert.equal(done, CASES)
    assert.deepEqual(failures, [])
    assert.deepEqual(uncaught, [])
    assert.ok(slowest < TIMEOUT_MS + 500 + 1000, `a probe took ${slowest} ms`)
    // The mutations reach every branch: intact answers, malformed ones, and ignored ones.
    for (const kind of ['answered', 'malformed answer: ', 'no answer']) assert.ok((counts.get(kind) ?? 0) > 0, `no case ended "${kind}"`)
  })
})
