// Command ratecard prices plans from the command line: it computes invoices, validates
// plans and runs conformance cases.
//
//	ratecard invoice CASE.json [--format table|json]
//	ratecard invoice --plan PLAN.json [--metrics METRICS.json] [--events EVENTS.jsonl]
//	        [--quantities QUANTITIES.json] --start TIME [--timezone ZONE] [--align]
//	        --period-start TIME --period-end TIME [--rounding-mode MODE] [--format table|json]
//	ratecard validate [--system orb|waldur|frontier] PLAN_OR_CASE.json
//	ratecard conform PATH...
//
// Exit codes: 0 success, 1 a failed check or invalid input, 2 a usage error. Errors
// go to stderr, one per line, with the field path.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

const usageText = `usage:
  ratecard invoice CASE.json [--format table|json]
  ratecard invoice --plan PLAN.json [--metrics METRICS.json] [--events EVENTS.jsonl]
          [--quantities QUANTITIES.json] --start TIME [--timezone ZONE] [--align]
          --period-start TIME --period-end TIME [--rounding-mode MODE] [--format table|json]
  ratecard validate [--system orb|waldur|frontier] PLAN_OR_CASE.json
  ratecard conform PATH...

Times are RFC 3339 ("2026-01-01T00:00:00Z"). --events reads JSON Lines ("-" for stdin).
Cases and plans may be Orb's (the default), Waldur's or Frontier's; validate tells a
plan's system by its shape unless --system names it.
`

// errUsage marks a usage error (exit code 2).
var errUsage = errors.New("usage")

// errFailed marks a failed check whose details are already printed (exit code 1).
var errFailed = errors.New("failed")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes a command and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return 2
	}
	var err error
	switch args[0] {
	case "invoice":
		err = invoiceCmd(args[1:], stdout, stderr)
	case "validate":
		err = validateCmd(args[1:], stdout)
	case "conform":
		err = conformCmd(args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageText)
		return 0
	default:
		err = fmt.Errorf("%w: unknown command %q", errUsage, args[0])
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "ratecard: %v\n\n%s", strings.TrimPrefix(err.Error(), "usage: "), usageText)
		return 2
	case errors.Is(err, errFailed):
		return 1
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(stderr, line)
	}
	return 1
}

// parse parses flags that may come before or after the positional arguments (the
// flag package stops at the first positional one), and returns the positionals.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
