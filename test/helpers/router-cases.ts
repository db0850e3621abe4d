import {readFileSync} from 'node:fs'
import type {RouterObservations} from '../../src/evidence/router-schema.js'
import {parseUpnpDescription} from '../../src/gather/probes/upnp-description.js'
import {summariseDescription} from '../../src/gather/router/summarise-description.js'
import {observations} from './router.js'

/** One real capture with what it establishes (test/fixtures/router/cases.json, sources in SOURCES.md). */
export interface RouterCase {
  file: string | null
  kind: 'upnp' | 'tr064' | 'server' | 'realm' | 'title' | 'sysdescr' | 'sysobjectid'
  value?: string
  expect: {vendor: string | null; model: string | null; firmware: string | null}
  source: string
  note?: string
}

export const routerCases: RouterCase[] = JSON.parse(readFileSync(new URL('../fixtures/router/cases.json', import.meta.url), 'utf8'))

export function caseText(c: RouterCase): string {
  if (c.file) return readFileSync(new URL(`../fixtures/router/${c.file}`, import.meta.url), 'utf8')
  return c.value ?? ''
}

/** Observations holding only this capture, as the probes would have recorded it. */
export function caseObservations(c: RouterCase): RouterObservations {
  const text = caseText(c)
  const line = text.trim().split('\n')[0]!.replace(/^(SERVER|Server|WWW-Authenticate):\s*/, '').trim()
  const description = () => {
    try {
      return {url: c.file!, device: summariseDescription(parseUpnpDescription(text)), error: null}
    } catch (error) {
      return {url: c.file!, device: null, error: (error as Error).message}
    }
  }
  const page = (extra: {server?: string; realm?: string; title?: string}) => ({
    url: 'http://192.168.1.1/', port: 80, scheme: 'http' as const, status: 200, server: null, realm: null, title: null, meta: {}, text: '', scripts: [], tls: null, redirects: [], error: null, ...extra,
  })
  switch (c.kind) {
    case 'upnp':
      return observations({upnp: description()})
    case 'tr064':
      return observations({tr064: description()})
    case 'server':
      return observations({ssdp: [{st: null, usn: null, server: line, location: null, trustedLocation: null}], http: [page({server: line})]})
    case 'realm':
      return observations({http: [page({realm: line.replace(/^.*realm="?([^"]*)"?.*$/i, '$1')})]})
    case 'title':
      return observations({http: [page({title: line})]})
    case 'sysdescr':
      return observations({snmp: {answer: {version: 'v2c', community: 'public', system: {sysDescr: text.trim()}}, attempts: []}})
    case 'sysobjectid':
      return observations({snmp: {answer: {version: 'v2c', community: 'public', system: {sysObjectID: text.trim()}}, attempts: []}})
  }
}
