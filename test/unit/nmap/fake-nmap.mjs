#!/usr/bin/env node
// A stand-in for the nmap binary in the runner's unit tests: it replays real nmap output
// captured in the lab (test/fixtures/nmap/) and can misbehave on request. It sends no packet.
//   FAKE_NMAP_ARGV     file to write its argv to (JSON)
//   FAKE_NMAP_STDOUT   file replayed on stdout, line by line (FAKE_NMAP_LINE_DELAY ms apart)
//   FAKE_NMAP_STDERR   file replayed on stderr
//   FAKE_NMAP_EXIT     exit code (default 0)
//   FAKE_NMAP_HANG=1   do not exit after replaying
//   FAKE_NMAP_IGNORE_TERM=1  ignore SIGTERM (the runner must escalate to SIGKILL)
//   FAKE_NMAP_GRANDCHILD file: start a long-lived child in the same process group, write its pid there
//   FAKE_NMAP_FAIL_SYN=1 with -sS: fail as nmap does without a usable raw device (stderr, exit 1, no XML)
import {spawn} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'

const env = process.env
if (env.FAKE_NMAP_ARGV) writeFileSync(env.FAKE_NMAP_ARGV, JSON.stringify(process.argv.slice(2)))
if (env.FAKE_NMAP_FAIL_SYN === '1' && process.argv.includes('-sS')) {
  process.stderr.write('dnet: Failed to open device eth0\nQUITTING!\n')
  process.exit(1)
}
if (env.FAKE_NMAP_IGNORE_TERM === '1') process.on('SIGTERM', () => {})
if (env.FAKE_NMAP_GRANDCHILD) {
  const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], {stdio: 'ignore'})
  writeFileSync(env.FAKE_NMAP_GRANDCHILD, String(child.pid))
}
if (env.FAKE_NMAP_STDERR) process.stderr.write(readFileSync(env.FAKE_NMAP_STDERR))
const lines = env.FAKE_NMAP_STDOUT ? readFileSync(env.FAKE_NMAP_STDOUT, 'utf8').split(/(?<=\n)/) : []
const delay = Number(env.FAKE_NMAP_LINE_DELAY ?? 0)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
for (const line of lines) {
  process.stdout.write(line)
  if (delay) await sleep(delay)
}
if (env.FAKE_NMAP_HANG === '1') setInterval(() => {}, 1000)
else process.stdout.end(() => process.exit(Number(env.FAKE_NMAP_EXIT ?? 0)))
