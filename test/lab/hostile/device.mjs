// A hostile lab device: `node device.mjs <ip> <behaviour>...` starts each behaviour module of
// behaviours/ on <ip> and prints "hostile device ready" once they all listen. Each module exports
// `start(ip, log)` returning a promise that resolves when it is listening. Only node: built-ins
// and this repository's dependencies are used; everything binds to the lab address given.
import {fileURLToPath} from 'node:url'

const [ip, ...behaviours] = process.argv.slice(2)
if (!ip || behaviours.length === 0) {
  console.error('usage: node device.mjs <ip> <behaviour>...')
  process.exit(2)
}
const log = (...args) => console.log(new Date().toISOString(), ...args)
process.on('uncaughtException', (error) => log('uncaught', error?.stack ?? error))
for (const name of behaviours) {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad behaviour name ${name}`)
  const module = await import(fileURLToPath(new URL(`./behaviours/${name}.mjs`, import.meta.url)))
  await module.start(ip, (...args) => log(`[${name}]`, ...args))
  log(`${name} listening on ${ip}`)
}
log('hostile device ready')
