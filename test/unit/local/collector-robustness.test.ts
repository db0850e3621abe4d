import assert from 'node:assert/strict'
import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {readDisk} from '../../../src/gather/local/disk.js'
import {readWifi} from '../../../src/gather/local/wifi.js'

/** Put stand-in commands first on PATH for the length of `fn`. */
async function withStandIns(scripts: Record<string, string>, fn: () => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'standins-'))
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`)
    chmodSync(join(dir, name), 0o755)
  }
  const saved = process.env.PATH
  process.env.PATH = `${dir}:/nonexistent`
  try {
    await fn()
  } finally {
    process.env.PATH = saved
  }
}

describe('local collectors when commands misbehave', function () {
  this.timeout(60_000)

  it('a command that hangs is cut off at its timeout and the part is unknown with the reason', async () => {
    await withStandIns({lsblk: 'exec /bin/sleep 60'}, async () => {
      const started = Date.now()
      const disk = await readDisk('linux')
      assert.ok(Date.now() - started < 10_000, 'bounded by the per-command timeout')
      assert.equal(disk.status, 'unreadable')
      assert.match(disk.reason!, /timed out after 5000 ms/)
      assert.equal(disk.systemVolumeEncrypted, null)
    })
    await withStandIns({nmcli: 'exec /bin/sleep 60', wpa_cli: 'exec /bin/sleep 60', iw: 'exec /bin/sleep 60'}, async () => {
      const wifi = await readWifi('linux')
      assert.equal(wifi.current, null, 'a hanging nmcli reports no connection')
      assert.ok(wifi.commands.every((c) => /timed out/.test(c.error ?? '')), 'each attempt is recorded with its timeout')
    })
  })

  it('garbage output is not a connection: unknown, not pass', async () => {
    await withStandIns({nmcli: '/usr/bin/head -c 20000 /dev/urandom; exit 0', lsblk: 'echo "{not json"'}, async () => {
      const wifi = await readWifi('linux')
      assert.equal(wifi.current, null, 'random bytes are no Wi-Fi connection')
      const disk = await readDisk('linux')
      assert.equal(disk.status, 'unreadable')
      assert.equal(disk.systemVolumeEncrypted, null)
    })
  })

  it('a missing command says so', async () => {
    await withStandIns({}, async () => {
      const disk = await readDisk('linux')
      assert.equal(disk.status, 'unreadable')
      assert.match(disk.reason ?? '', /lsblk: command not found/)
    })
  })
})
