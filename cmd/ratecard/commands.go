package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/frontier"
	"github.com/ratecard/ratecard/compat/waldur"
	"github.com/ratecard/ratecard/internal/conformance"
	"github.com/ratecard/ratecard/internal/wire"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
)

// invoiceCmd prints the invoice of a case, or of a plan with usage from files.
func invoiceCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("invoice", flag.ContinueOnError)
	format := fs.String("format", "table", "table or json")
	planFile := fs.String("plan", "", "an Orb plan (JSON)")
	metricsFile := fs.String("metrics", "", "billable metrics (a JSON array)")
	eventsFile := fs.String("events", "", "events (JSON Lines; - for stdin)")
	quantitiesFile := fs.String("quantities", "", "pre-aggregated usage by price id (a JSON object)")
	start := fs.String("start", "", "the subscription's start (RFC 3339)")
	zone := fs.String("timezone", "UTC", "the subscription's time zone (IANA)")
	align := fs.Bool("align", false, "anchor billing periods on the start's day (align_billing_with_subscription_start_date)")
	periodStart := fs.String("period-start", "", "the billing period's start (RFC 3339)")
	periodEnd := fs.String("period-end", "", "the billing period's end (RFC 3339)")
	rounding := fs.String("rounding-mode", "half_up", "half_up, half_even, down, up, ceiling or floor")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return fmt.Errorf("%w: --format %q: want table or json", errUsage, *format)
	}
	var invs []*ratecard.Invoice
	switch {
	case len(pos) == 1 && *planFile == "":
		c, err := conformance.Load(pos[0])
		if err != nil {
			return err
		}
		if invs, err = c.Invoices(); err != nil {
			return err
		}
	case len(pos) == 0 && *planFile != "":
		if *start == "" || *periodStart == "" || *periodEnd == "" {
			return fmt.Errorf("%w: --plan needs --start, --period-start and --period-end", errUsage)
		}
		in := fileInputs{plan: *planFile, metrics: *metricsFile, events: *eventsFile, quantities: *quantitiesFile,
			start: *start, zone: *zone, align: *align, periodStart: *periodStart, periodEnd: *periodEnd, rounding: *rounding}
		inv, err := in.invoice(stderr)
		if err != nil {
			return err
		}
		invs = []*ratecard.Invoice{inv}
	default:
		return fmt.Errorf("%w: invoice takes one case file, or --plan with its inputs", errUsage)
	}
	if *format == "json" {
		var v any = invs // a case of several invoices prints an array
		if len(invs) == 1 {
			v = invs[0]
		}
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", b)
		return err
	}
	for i, inv := range invs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := printTable(stdout, inv); err != nil {
			return err
		}
	}
	return nil
}

// fileInputs are the inputs of an invoice read from separate files.
type fileInputs struct {
	plan, metrics, events, quantities   string
	start, zone, periodStart, periodEnd string
	rounding                            string
	align                               bool
}

// invoice reads the plan and the usage and computes the invoice, streaming the
// events: memory stays flat in their number, and a malformed line fails the run
// with its line number, before anything is printed.
func (in fileInputs) invoice(stderr io.Writer) (*ratecard.Invoice, error) {
	planJSON, err := os.ReadFile(in.plan)
	if err != nil {
		return nil, err
	}
	p, err := plan.Decode(planJSON)
	if err != nil {
		return nil, err
	}
	b := plan.Billing{}
	if b.Subscription.Start, err = parseTime("--start", in.start); err != nil {
		return nil, err
	}
	if b.Subscription.Location, err = time.LoadLocation(in.zone); err != nil {
		return nil, fmt.Errorf("%w: --timezone %q: unknown time zone", errUsage, in.zone)
	}
	b.Subscription.AlignToStart = in.align
	if b.Period.Start, err = parseTime("--period-start", in.periodStart); err != nil {
		return nil, err
	}
	if b.Period.End, err = parseTime("--period-end", in.periodEnd); err != nil {
		return nil, err
	}
	if b.RoundingMode, err = ratecard.ParseRoundingMode(in.rounding); err != nil {
		return nil, fmt.Errorf("%w: --rounding-mode: %v", errUsage, err)
	}
	if in.metrics != "" {
		if b.Metrics, err = readMetrics(in.metrics); err != nil {
			return nil, err
		}
	}
	if in.quantities != "" {
		if b.Quantities, err = readQuantities(in.quantities); err != nil {
			return nil, err
		}
	}
	run, err := p.Prepare(b)
	if err != nil {
		return nil, err
	}
	results := make([]usage.Result, len(run.Requests()))
	if in.events != "" {
		agg, err := usage.NewAggregator(run.Requests()...)
		if err != nil {
			return nil, err
		}
		var r io.Reader = os.Stdin
		if in.events != "-" {
			f, err := os.Open(in.events)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			r = f
		}
		progress := newProgress(r, stderr)
		_, err = agg.ReadJSONL(progress)
		progress.done()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.events, err)
		}
		results = agg.Results()
	}
	return run.Invoice(results)
}

func parseTime(flagName, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %s %q: want an RFC 3339 time such as 2026-01-01T00:00:00Z", errUsage, flagName, s)
	}
	return t, nil
}

// readMetrics reads a JSON array of billable metrics.
func readMetrics(path string) ([]*usage.Metric, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, fmt.Errorf("%s: want a JSON array of metrics: %v", path, err)
	}
	var out []*usage.Metric
	var errs []error
	for i, raw := range raws {
		m, err := usage.DecodeMetric(raw)
		if err != nil {
			errs = append(errs, ratecard.Within(path, ratecard.AtField(ratecard.Index("", i), err)))
			continue
		}
		out = append(out, m)
	}
	return out, joinErrs(errs)
}

// readQuantities reads pre-aggregated usage: a JSON object by price id.
func readQuantities(path string) (map[string]usage.Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var werrs wire.Errors
	o := wire.Read(data, "", &werrs)
	if o == nil {
		return nil, ratecard.Within(path, werrs.Err())
	}
	out := map[string]usage.Result{}
	var errs []error
	for _, id := range o.Keys() {
		r, err := usage.DecodeResult(o.Raw(id))
		if err != nil {
			errs = append(errs, ratecard.Within(path, ratecard.AtField(id, err)))
			continue
		}
		out[id] = r
	}
	return out, joinErrs(errs)
}

func joinErrs(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}

// validateCmd checks a plan or a case and prints a one-line summary, or every problem.
func validateCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	systemFlag := fs.String("system", "", "the plan's system: orb, waldur or frontier (default: told by its shape)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: validate takes one plan or case file", errUsage)
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
		return fmt.Errorf("%s: not a JSON object: a plan or a case is one", pos[0])
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return fmt.Errorf("%s: not valid JSON: %v", pos[0], err)
	}
	_, isCase := probe["expect"]
	if _, several := probe["invoices"]; isCase || several {
		c, err := conformance.Parse(data)
		if err != nil {
			return err
		}
		invs, err := c.Invoices()
		if err != nil {
			return err
		}
		totals := make([]string, len(invs))
		lines := 0
		for i, inv := range invs {
			totals[i] = inv.Total.String() + " " + inv.Currency.String()
			lines += len(inv.Lines)
		}
		kind := "case"
		if c.System != "orb" {
			kind = c.System + " case"
		}
		fmt.Fprintf(stdout, "valid: %s %q: %s, total %s\n", kind, nameOr(c.Name, pos[0]), plural(lines, "line"), strings.Join(totals, "; "))
		return nil
	}
	system := *systemFlag
	if system == "" {
		system = detectSystem(probe)
	}
	switch system {
	case "waldur":
		p, err := waldur.Decode(data)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "valid: waldur plan %s: %d components, unit %s, init_price %s, switch_price %s, minimal_price %s\n",
			nameOr(nameOr(p.UUID, p.Name), pos[0]), len(p.Components), p.Unit, p.InitPrice(), p.SwitchPrice(), p.MinimalPrice())
	case "frontier":
		p, err := frontier.Decode(data)
		if err != nil {
			return err
		}
		prices := 0
		for _, pr := range p.Products {
			prices += len(pr.Prices)
		}
		fmt.Fprintf(stdout, "valid: frontier plan %s: %d products, %d prices, billed every %s, %d trial days, %d on-start credits\n",
			nameOr(nameOr(p.ID, p.Name), pos[0]), len(p.Products), prices, p.Interval, p.TrialDays, p.OnStartCredits)
	case "orb":
		p, err := plan.Decode(data)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "valid: plan %s: %d prices, %d phases, %d adjustments, %s, billed %s\n",
			nameOr(p.ID, pos[0]), len(p.Prices), len(p.Phases), len(p.Adjustments), p.Currency, p.Cadence)
	default:
		return fmt.Errorf("%w: --system %q: want orb, waldur or frontier", errUsage, system)
	}
	return nil
}

// detectSystem tells a plan's system by its shape: Waldur plans have components,
// Frontier plans products (perhaps wrapped in "plan" or "body"), Orb plans prices.
func detectSystem(probe map[string]json.RawMessage) string {
	if _, ok := probe["components"]; ok {
		return "waldur"
	}
	if _, ok := probe["products"]; ok {
		return "frontier"
	}
	for _, wrap := range []string{"plan", "body"} {
		if inner, ok := probe[wrap]; ok && len(probe) == 1 {
			var m map[string]json.RawMessage
			if json.Unmarshal(inner, &m) == nil {
				if _, ok := m["products"]; ok {
					return "frontier"
				}
			}
		}
	}
	return "orb"
}

func nameOr(name, fallback string) string {
	if name == "" {
		return fallback
	}
	return name
}

// conformCmd runs case files and prints the outcome of each.
func conformCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("conform", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: conform takes case files or directories", errUsage)
	}
	for _, r := range conformance.Run(pos, stdout) {
		if len(r.Diffs) > 0 {
			return errFailed
		}
	}
	return nil
}

// plural writes a count with its noun: "1 line", "2 lines".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
