import assert from 'node:assert/strict'
import {MAX_EXPORTS, MAX_GROUPS, parseExportResult} from '../../../src/gather/probes/nfs/mount.js'
import {MAX_MAPPINGS, MOUNT_PROGRAM, NFS_PROGRAM, parseDumpResult, parseGetPortResult} from '../../../src/gather/probes/nfs/portmap.js'
import {parseRpcReply} from '../../../src/gather/probes/nfs/rpc.js'
import {XdrWriter} from '../../../src/gather/probes/nfs/xdr.js'
import {type StreamName, records} from './fixtures.js'

/** The procedure results of the n-th reply of a capture. */
function results(name: StreamName, n = 0): Buffer {
  const reply = parseRpcReply(records(name)[n]!)
  if (!reply.ok || reply.value.kind !== 'success') throw new Error(`${name}[${n}] is not a success`)
  return reply.value.results
}

describe('NFS probe: portmapper and MOUNT replies of the lab (rpcbind 1.2.6, nfs-ganesha 4.3)', () => {
  it('GETPORT: MOUNT v3 over TCP on 20048; over UDP not registered (0)', () => {
    assert.deepEqual(parseGetPortResult(results('pc-portmap-1', 0)), {ok: true, value: 20048})
    assert.deepEqual(parseGetPortResult(results('pc-portmap-2', 0)), {ok: true, value: 0})
    assert.equal(parseGetPortResult(Buffer.from('00010000', 'hex')).ok, false, 'a port over 65535')
  })

  it('DUMP: the ten registrations, NFS v3/v4 on 2049 and MOUNT v1/v3 on 20048, TCP only', () => {
    for (const name of ['pc-portmap-1', 'family-portmap-1'] as const) {
      const dump = parseDumpResult(results(name, 1))
      assert.ok(dump.ok)
      assert.equal(dump.value.mappings.length, 10)
      assert.equal(dump.value.truncated, false)
      const nfs = dump.value.mappings.filter((m) => m.program === NFS_PROGRAM).map((m) => [m.version, m.protocol, m.port])
      assert.deepEqual(nfs, [
        [3, 6, 2049],
        [4, 6, 2049],
      ])
      const mount = dump.value.mappings.filter((m) => m.program === MOUNT_PROGRAM).map((m) => [m.version, m.protocol, m.port])
      assert.deepEqual(mount, [
        [1, 6, 20048],
        [3, 6, 20048],
      ])
    }
  })

  it('DUMP caps: a table longer than MAX_MAPPINGS is cut and says so', () => {
    const w = new XdrWriter()
    for (let i = 0; i < MAX_MAPPINGS + 5; i++) w.u32(1).u32(100000 + i).u32(1).u32(6).u32(1000)
    const dump = parseDumpResult(w.u32(0).toBuffer())
    assert.ok(dump.ok && dump.value.mappings.length === MAX_MAPPINGS && dump.value.truncated)
  })

  it('EXPORT as the work PC sees it: the exports to * and to the LAN (ganesha hides the one to the family PC)', () => {
    assert.deepEqual(parseExportResult(results('pc-mount-1')), {
      ok: true,
      value: {
        exports: [
          {path: '/volume1/public', groups: ['*'], groupsTruncated: false},
          {path: '/volume1/media', groups: ['192.168.77.0/24'], groupsTruncated: false},
        ],
        truncated: false,
      },
    })
  })

  it('EXPORT as the family PC sees it: also /volume1/backup for 192.168.77.21/32', () => {
    const list = parseExportResult(results('family-mount-1'))
    assert.ok(list.ok)
    assert.deepEqual(
      list.value.exports.map((e) => [e.path, e.groups]),
      [
        ['/volume1/public', ['*']],
        ['/volume1/media', ['192.168.77.0/24']],
        ['/volume1/backup', ['192.168.77.21/32']],
      ],
    )
  })

  it('EXPORT caps: too many exports or groups are cut, a path over MNTPATHLEN or a truncated reply is an error', () => {
    const many = new XdrWriter()
    for (let i = 0; i < MAX_EXPORTS + 3; i++) many.u32(1).string(`/e${i}`).u32(0)
    const cut = parseExportResult(many.u32(0).toBuffer())
    assert.ok(cut.ok && cut.value.exports.length === MAX_EXPORTS && cut.value.truncated)
    const groups = new XdrWriter().u32(1).string('/x')
    for (let i = 0; i < MAX_GROUPS + 10; i++) groups.u32(1).string(`10.0.0.${i % 250}`)
    const g = parseExportResult(groups.u32(0).u32(0).toBuffer())
    assert.ok(g.ok && g.value.exports[0]!.groups.length === MAX_GROUPS && g.value.exports[0]!.groupsTruncated)
    assert.equal(parseExportResult(new XdrWriter().u32(1).string('/'.repeat(1025)).u32(0).u32(0).toBuffer()).ok, false)
    const real = results('family-mount-1')
    for (let n = 0; n < real.length; n++) assert.equal(parseExportResult(real.subarray(0, n)).ok, false, `cut at ${n}`)
  })
})
