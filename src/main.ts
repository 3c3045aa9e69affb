import { runCli } from './cli/run-cli.js'

// The only place that calls process.exit.
runCli(process.argv).then(
  (code) => {
    if (code !== undefined) process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`candor: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
