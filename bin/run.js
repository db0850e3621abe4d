#!/usr/bin/env node
import {flush, handle, run} from '@oclif/core'

// Usage errors stay on one line with exit code 2: no help dump, no stack trace.
await run(process.argv.slice(2), import.meta.url)
  .then(() => flush())
  .catch((error) => {
    if (error && typeof error === 'object' && 'showHelp' in error) {
      error.showHelp = false
      if (typeof error.message === 'string') error.message = error.message.replace(/\nSee more help with --help$/, ' (see --help)')
    }
    return handle(error)
  })
