import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {REPO, labHost} from './lab-harness.js'

/**
 * A vendor-db for the lab router, made from test/lab/topology.json: the shipped database has
 * no factory login or latest firmware for the lab's model, and test data must not go into it.
 */
export function labVendorDb(options: {credentials: Array<{username: string; password: string}>; latestFirmware?: string}): string {
  const router = labHost('router') as ReturnType<typeof labHost> & {upnp: {modelName: string; modelNumber: string}}
  const dir = mkdtempSync(join(tmpdir(), 'homeaudit-lab-vdb-'))
  const source = 'lab-topology'
  writeFileSync(
    join(dir, 'nec-lab.json'),
    JSON.stringify({
      $schemaVersion: 1,
      vendor: 'NEC',
      aliases: ['NEC Platforms, Ltd.', 'Aterm'],
      ouiVendors: ['NEC Platforms, Ltd.'],
      sources: {[source]: {url: pathToFileURL(`${REPO}test/lab/topology.json`).href, title: 'homeaudit lab topology (test data)'}},
      models: [
        {
          id: 'lab-aterm',
          model: router.upnp.modelName,
          aliases: [router.upnp.modelNumber],
          support: {status: 'supported', source},
          versionScheme: 'aterm',
          latestFirmware: options.latestFirmware ? {version: options.latestFirmware, source} : null,
          defaultCredentials: options.credentials.map((c) => ({...c, source})),
        },
      ],
    }),
  )
  return dir
}
