import type {ScanScope} from '../../scope/scope-guard.js'
import {formatIpv4, hostAddresses} from '../../scope/ipv4.js'
import {mapLimit} from '../../util/concurrency.js'
import {tcpConnect} from '../net/tcp-connect.js'

export interface SweepOptions {
  ports: readonly number[]
  timeoutMs: number
  concurrency: number
  /** Addresses not to probe (the PC itself). */
  skip?: ReadonlySet<string>
  onProgress?: (done: number, total: number) => void
}

export interface SweepResult {
  /** Addresses that answered on some port, with the ports that were open. */
  alive: Map<string, number[]>
  attempted: number
}

/**
 * A TCP connect sweep: for each address of the scope, try the sweep ports until one answers.
 * An answer, open or reset, proves the host is there. Every attempt also makes the OS resolve
 * the address's MAC, so hosts that drop everything still land in the neighbour table.
 */
export async function tcpSweep(scope: ScanScope, options: SweepOptions): Promise<SweepResult> {
  const targets = [...hostAddresses(scope.cidr)].map(formatIpv4).filter((ip) => !options.skip?.has(ip))
  const alive = new Map<string, number[]>()
  let done = 0
  await mapLimit(targets, options.concurrency, async (ip) => {
    const outcomes = await Promise.all(options.ports.map((port) => tcpConnect(scope, ip, port, options.timeoutMs)))
    if (outcomes.some((o) => o === 'open' || o === 'closed')) {
      alive.set(ip, options.ports.filter((_, i) => outcomes[i] === 'open'))
    }
    options.onProgress?.(++done, targets.length)
  })
  return {alive, attempted: targets.length}
}
