import type {Port} from '../../evidence/schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {mapLimit} from '../../util/concurrency.js'
import {tcpConnect} from '../net/tcp-connect.js'
import {serviceName} from './common-ports.js'

/**
 * Check a list of TCP ports on each host by connecting; report the open ones.
 * (Closed and filtered ports are not listed: a home scan cares about what is reachable.)
 */
export async function checkTcpPorts(
  scope: ScanScope,
  hosts: readonly string[],
  ports: readonly number[],
  options: {timeoutMs: number; concurrency: number},
): Promise<Map<string, Port[]>> {
  const jobs = hosts.flatMap((ip) => ports.map((port) => ({ip, port})))
  const outcomes = await mapLimit(jobs, options.concurrency, (job) => tcpConnect(scope, job.ip, job.port, options.timeoutMs))
  const byHost = new Map<string, Port[]>(hosts.map((ip) => [ip, []]))
  jobs.forEach((job, i) => {
    if (outcomes[i] === 'open') {
      byHost.get(job.ip)!.push({port: job.port, protocol: 'tcp', state: 'open', service: serviceName(job.port)})
    }
  })
  for (const ports of byHost.values()) ports.sort((a, b) => a.port - b.port)
  return byHost
}
