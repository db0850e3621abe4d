/**
 * Reads one encrypted share with the SMB2/3 client once per dialect and cipher, and prints what
 * happened as JSON. The lab e2e test starts it inside the work PC's namespace:
 *
 *   node --import tsx test/e2e/smb-encryption-runner.ts <scope-cidr> <ip> <share> <user> <password>
 *
 * Each run: NEGOTIATE offering one dialect (and for 3.1.1 one cipher), the user's session (on
 * 3.0 and 3.0.2 confirmed by FSCTL_VALIDATE_NEGOTIATE_INFO), TREE_CONNECT, then the root opened
 * read-only, listed and closed, all encrypted.
 */
import {Smb2Client} from '../../src/gather/probes/smb/client.js'
import {ScanScope} from '../../src/scope/scope-guard.js'

const [cidr, ip, share, user, password] = process.argv.slice(2)
if (!cidr || !ip || !share || !user || password === undefined) {
  process.stderr.write('usage: smb-encryption-runner.ts <scope-cidr> <ip> <share> <user> <password>\n')
  process.exit(2)
}
const scope = ScanScope.fromCidr(cidr)
const runs: Array<[number, number]> = [
  [0x0300, 0x0001],
  [0x0302, 0x0001],
  [0x0311, 0x0001],
  [0x0311, 0x0002],
]
const out: unknown[] = []
for (const [dialect, cipher] of runs) {
  const c = await Smb2Client.open(scope, ip, 445, {stepTimeoutMs: 5000, deadline: Date.now() + 20000, ciphers: [cipher]})
  try {
    const n = await c.negotiate([dialect])
    const s = await c.sessionSetup('user', {user, password})
    const r: Record<string, unknown> = {dialect: n.dialectName, cipher: n.cipher, session: s.outcome, negotiateValidated: s.negotiateValidated ?? false}
    if (s.session) {
      const t = await c.treeConnect(s.session, share)
      Object.assign(r, {treeConnect: t.status, encryptionRequired: t.encryptionRequired})
      if (t.response) {
        const root = await c.openRootDirectory(s.session, t.treeId)
        if (root.response) {
          r.names = (await c.listDirectory(s.session, t.treeId, root.response.fileId, 50)).names
          await c.closeFile(s.session, t.treeId, root.response.fileId)
        }
        await c.treeDisconnect(s.session, t.treeId)
      }
      await c.logoff(s.session)
    }
    out.push(r)
  } catch (error) {
    out.push({dialect, cipher, error: String(error)})
  } finally {
    c.close()
  }
}
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
