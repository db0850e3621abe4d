import assert from 'node:assert/strict'
import {redactReport} from '../../../src/report/redact.js'
import {evaluateRules} from '../../../src/rules/index.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

describe('--redact and the exposure probes', () => {
  it("hashes a media server's name and folder titles and a printer's name and location everywhere", () => {
    const evidence = evidenceWith([host('192.168.1.50')], {
      exposures: [
        {host: '192.168.1.50', kind: 'dlna', port: 8200, anonymous: true, summary: 'DLNA media server "Taro no BRAVIA": 1 entries (Hanako recordings)', details: {friendlyName: 'Taro no BRAVIA', titles: ['Hanako recordings']}, error: null},
        {host: '192.168.1.60', kind: 'ipp', port: 631, anonymous: true, summary: 'IPP printer "Suzuki-family printer"', details: {printerName: 'Suzuki-family printer', location: 'Kenji room', jobsWithoutAuthentication: true}, error: null},
      ],
    })
    const text = JSON.stringify(redactReport({...evidence, findings: evaluateRules(evidence, 'en')}))
    for (const secret of ['Taro no BRAVIA', 'Hanako recordings', 'Suzuki-family printer', 'Kenji room']) assert.ok(!text.includes(secret), secret)
    assert.match(text, /name:[0-9a-f]{12}/)
  })
})
