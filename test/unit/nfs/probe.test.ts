import assert from 'node:assert/strict'
import {probeNfsHost} from '../../../src/gather/probes/nfs/probe.js'
import {XdrWriter} from '../../../src/gather/probes/nfs/xdr.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
import {records} from './fixtures.js'
import {replayConnector} from './replay.js'

const scope = ScanScope.fromCidr('192.168.77.0/24')
const NAS = '192.168.77.30'

describe('NFS probe: the sequence of calls, on replayed lab replies', () => {
  it('portmapper (GETPORT, DUMP), then EXPORT on the MOUNT port: the exports with their groups', async () => {
    const connects: number[] = []
    const r = await probeNfsHost(scope, NAS, {connect: replayConnector({111: records('pc-portmap-1'), 20048: records('pc-mount-1')}, connects)})
    assert.deepEqual(connects, [111, 20048])
    assert.equal(r.error, null)
    assert.deepEqual(r.nfsVersions, [3, 4])
    assert.equal(r.nfsPort, 2049)
    assert.deepEqual(r.mount, {port: 20048, version: 3, auth: 'none'})
    assert.deepEqual(r.exports?.map((e) => [e.path, e.groups]), [
      ['/volume1/public', ['*']],
      ['/volume1/media', ['192.168.77.0/24']],
    ])
  })

  it('no portmapper, 2049 open: a NULL call finds NFS v4, and the export list is unknown, not empty', async () => {
    const connects: number[] = []
    const r = await probeNfsHost(scope, NAS, {portmapperOpen: false, nfsPortOpen: true, connect: replayConnector({2049: records('pc-nfs-1')}, connects)})
    assert.deepEqual(connects, [2049])
    assert.deepEqual([r.reachable, r.nfsVersions, r.exports, r.mount], [true, [4], null, null])
    assert.match(r.error!, /export list unknown: no portmapper.*NFSv4-only/)
  })

  it('a NULL call answered PROG_MISMATCH gives the versions the server names', async () => {
    const r = await probeNfsHost(scope, NAS, {portmapperOpen: false, nfsPortOpen: true, connect: replayConnector({2049: records('pc-nfs-2')})})
    assert.deepEqual(r.nfsVersions, [3, 4])
  })

  it('MOUNT not registered over TCP (GETPORT 0 for v3 and v1): unknown, with the reason', async () => {
    const zero = records('pc-portmap-2')[0]!
    const r = await probeNfsHost(scope, NAS, {connect: replayConnector({111: [zero, zero, records('pc-portmap-1')[1]!]})})
    assert.equal(r.exports, null)
    assert.match(r.error!, /no MOUNT service over TCP/)
  })

  it('AUTH_ERROR on AUTH_NONE: asked again with AUTH_SYS as nobody', async () => {
    const authError = new XdrWriter().u32(0).u32(1).u32(1).u32(1).u32(5).toBuffer() // RFC 5531: AUTH_TOOWEAK
    const r = await probeNfsHost(scope, NAS, {connect: replayConnector({111: records('pc-portmap-1'), 20048: [authError, ...records('pc-mount-1')]})})
    assert.deepEqual(r.mount, {port: 20048, version: 3, auth: 'sys'})
    assert.equal(r.exports?.length, 2)
  })

  it('a silent MOUNT service: a step timeout, within the deadline, and a result instead of an exception', async () => {
    const started = Date.now()
    const r = await probeNfsHost(scope, NAS, {stepTimeoutMs: 200, deadlineMs: 5000, connect: replayConnector({111: records('pc-portmap-1'), 20048: 'silent'})})
    assert.ok(Date.now() - started < 4000)
    assert.equal(r.exports, null)
    assert.match(r.error!, /export list not read: timeout/)
  })

  it('an address outside the scope gets no socket', async () => {
    const r = await probeNfsHost(ScanScope.fromCidr('192.168.77.0/28'), NAS, {nfsPortOpen: true})
    assert.equal(r.reachable, false)
    assert.match(r.portmapper!.error!, /outside the scan scope/)
  })
})
