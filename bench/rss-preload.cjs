// Loaded with `node --require` by the benchmark: prints the process's peak RSS (KiB) on exit.
process.on('exit', () => process.stderr.write(`\nhomeaudit-bench-maxrss-kib=${process.resourceUsage().maxRSS}\n`))
