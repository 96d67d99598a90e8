// Package conformance reads the case files of CONFORMANCE.md (a plan, its usage, a
// period and the invoice a correct engine must produce), computes their invoices and
// compares them with the expectations. The CLI's conform command and the project's
// tests both use it, so the two cannot disagree.
package conformance

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
)

// Case is one case file.
type Case struct {
	Path       string // the file it was read from
	Name       string
	Source     string
	Arithmetic []string // how the expected numbers were worked out by hand
	// System is whose plan the case prices: "orb" (the default, the fields below),
	// "waldur" or "frontier" (their own inputs; see testdata/conformance/README.md).
	System string

	PlanJSON     json.RawMessage
	Metrics      []*usage.Metric
	Subscription plan.Subscription
	Period       ratecard.Period
	Events       []usage.Event
	Quantities   map[string]usage.Result
	RoundingMode ratecard.RoundingMode
	Expect       Expect

	// problems with the case's inputs (a metric, an event, a quantity, a time zone,
	// a rounding mode): the case's own error, which expect.error may anticipate.
	inputErr error

	waldur   *waldurCase
	frontier *frontierCase
}

// Expect is what a case asserts about its invoice.
type Expect struct {
	Total, Subtotal *ratecard.Decimal
	Lines           []ExpectLine
	LinesComplete   bool
	Error           string // non-empty: the case must be rejected with an error containing it

	// Waldur: the creation plan's display prices.
	InitPrice, SwitchPrice, MinimalPrice *ratecard.Decimal
	// Frontier: the customer's credit balance after the invoice (or, at the top
	// level, after the last).
	CreditBalance *int64
}

// ExpectLine is what a case asserts about one line.
type ExpectLine struct {
	PriceID      string
	ServiceStart *time.Time
	Subtotal     *ratecard.Decimal
	Amount       *ratecard.Decimal
	Quantity     *ratecard.Decimal
	Adjustments  *[]ExpectAdjustment
}

// ExpectAdjustment is one expected adjustment of a line.
type ExpectAdjustment struct {
	Type   ratecard.AdjustmentKind
	Amount ratecard.Decimal
}

// Load reads a case file. Problems with the file itself (not JSON, a missing plan,
// a malformed expectation) are errors; problems with the plan or its usage are the
// case's business and surface when it is run.
func Load(path string) (*Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := Parse(data)
	if err != nil {
		return nil, err
	}
	c.Path = path
	if c.Name == "" {
		c.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	return c, nil
}

// Parse reads a case from JSON.
func Parse(data []byte) (*Case, error) {
	// errs are problems with the file (not JSON, no plan, a malformed expectation);
	// inputs are problems with the values it gives (a metric, an event, a time zone, a
	// rounding mode): the case's own error, which expect.error may anticipate.
	var errs, inputs wire.Errors
	o := wire.Read(data, "", &errs)
	if o == nil {
		return nil, errs.Err()
	}
	c := &Case{Name: o.String("name", false), Source: o.String("source", false), System: o.String("system", false)}
	for i, raw := range o.Array("arithmetic", false) { // the hand arithmetic, one step a line
		var line string
		if json.Unmarshal(raw, &line) != nil {
			errs.Addf(ratecard.Index("arithmetic", i), "not a string")
		}
		c.Arithmetic = append(c.Arithmetic, line)
	}
	c.PlanJSON = o.Raw("plan")
	if c.PlanJSON == nil {
		errs.Addf("plan", "required")
	}
	switch c.System {
	case "", "orb":
		c.System = "orb"
	case "waldur":
		c.waldur = parseWaldur(o, &errs, &inputs)
	case "frontier":
		c.frontier = parseFrontier(o, &errs, &inputs)
	default:
		errs.Addf("system", "%q is not orb, waldur or frontier", c.System)
	}
	// finish reads the expectation and closes the case.
	finish := func(expectRequired bool) (*Case, error) {
		if e := o.Object("expect", expectRequired); e != nil {
			c.Expect = expectation(e, c.System, &errs)
			if c.frontier != nil && !c.frontier.credits && c.Expect.CreditBalance != nil {
				errs.Addf("expect.credit_balance", "needs a credits ledger (credits)")
			}
		}
		o.Done()
		if err := errs.Err(); err != nil {
			return nil, err
		}
		c.inputErr = inputs.Err()
		return c, nil
	}
	if c.System != "orb" {
		return finish(c.frontier == nil || !c.frontier.several)
	}
	for i, raw := range o.Array("metrics", false) {
		m, err := usage.DecodeMetric(raw)
		if err != nil {
			inputs.Add(ratecard.Index("metrics", i), err)
			continue
		}
		c.Metrics = append(c.Metrics, m)
	}
	if s := o.Object("subscription", true); s != nil {
		c.Subscription.Start = timeField(s, "start", true, &inputs)
		if tz := s.String("timezone", false); tz != "" {
			loc, err := time.LoadLocation(tz)
			if err != nil {
				inputs.Addf(s.Path("timezone"), "unknown time zone %q", tz)
			} else {
				c.Subscription.Location = loc
			}
		}
		if a := s.Bool("align_billing_with_subscription_start_date"); a != nil {
			c.Subscription.AlignToStart = *a
		}
		s.Done()
	}
	if p := o.Object("period", true); p != nil {
		c.Period = ratecard.Period{Start: timeField(p, "start", true, &inputs), End: timeField(p, "end", true, &inputs)}
		p.Done()
	}
	c.Events = parseEvents(o, &inputs)
	c.Quantities = parseQuantities(o, &inputs)
	if m := o.String("rounding_mode", false); m != "" {
		mode, err := ratecard.ParseRoundingMode(m)
		if err != nil {
			inputs.Add("rounding_mode", err)
		}
		c.RoundingMode = mode
	}
	return finish(true)
}

// parseEvents reads an object's events.
func parseEvents(o *wire.Object, inputs *wire.Errors) []usage.Event {
	var events []usage.Event
	for i, raw := range o.Array("events", false) {
		var e usage.Event
		if err := e.UnmarshalJSON(raw); err != nil {
			inputs.Add(ratecard.Index(o.Path("events"), i), err)
			continue
		}
		events = append(events, e)
	}
	return events
}

// parseQuantities reads an object's pre-aggregated usage, by price id.
func parseQuantities(o *wire.Object, inputs *wire.Errors) map[string]usage.Result {
	q := o.Object("quantities", false)
	if q == nil {
		return nil
	}
	out := map[string]usage.Result{}
	for _, id := range q.Keys() {
		r, err := usage.DecodeResult(q.Raw(id))
		if err != nil {
			inputs.Add(q.Path(id), err)
			continue
		}
		out[id] = r
	}
	q.Done()
	return out
}

func expectation(e *wire.Object, system string, errs *wire.Errors) Expect {
	x := Expect{Total: e.OptDecimal("total"), Subtotal: e.OptDecimal("subtotal"), Error: e.String("error", false)}
	switch system {
	case "waldur":
		x.InitPrice, x.SwitchPrice, x.MinimalPrice = e.OptDecimal("init_price"), e.OptDecimal("switch_price"), e.OptDecimal("minimal_price")
	case "frontier":
		x.CreditBalance = e.Int("credit_balance")
	}
	if b := e.Bool("lines_complete"); b != nil {
		x.LinesComplete = *b
	}
	for i, raw := range e.Array("lines", false) {
		l := wire.Read(raw, ratecard.Index(e.Path("lines"), i), errs)
		if l == nil {
			continue
		}
		el := ExpectLine{PriceID: l.String("price_id", true), Subtotal: l.OptDecimal("subtotal"),
			Amount: l.OptDecimal("amount"), Quantity: l.OptDecimal("quantity")}
		if l.Has("service_start") {
			t := timeField(l, "service_start", true, errs)
			el.ServiceStart = &t
		}
		if raws := l.Array("adjustments", false); raws != nil {
			adjs := []ExpectAdjustment{}
			for j, raw := range raws {
				a := wire.Read(raw, ratecard.Index(l.Path("adjustments"), j), errs)
				if a == nil {
					continue
				}
				adjs = append(adjs, ExpectAdjustment{Type: ratecard.AdjustmentKind(a.String("type", true)), Amount: a.Decimal("amount")})
				a.Done()
			}
			el.Adjustments = &adjs
		}
		l.Done()
		x.Lines = append(x.Lines, el)
	}
	e.Done()
	return x
}

func timeField(o *wire.Object, key string, required bool, errs *wire.Errors) time.Time {
	s := o.String(key, required)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		errs.Addf(o.Path(key), "%q is not an RFC 3339 time", s)
	}
	return t
}

// Invoices computes the case's invoices: one, or a Frontier case's several, in
// order. Its error is the case's rejection: of its inputs, its plan or its usage.
func (c *Case) Invoices() ([]*ratecard.Invoice, error) {
	run, err := c.run()
	if err != nil {
		return nil, err
	}
	invs := make([]*ratecard.Invoice, len(run))
	for i, r := range run {
		if r.err != nil {
			return nil, r.err
		}
		invs[i] = r.inv
	}
	return invs, nil
}

// step is the outcome of one invoice of a case.
type step struct {
	inv     *ratecard.Invoice
	err     error
	expect  Expect
	label   string // "invoices[1]: " for the steps of a Frontier case; "" for a single invoice
	balance *int64 // Frontier: the customer's credit balance after the invoice
}

// run computes the case's invoices. Its error is a rejection before any invoice.
func (c *Case) run() ([]step, error) {
	if c.inputErr != nil {
		return nil, c.inputErr
	}
	switch c.System {
	case "waldur":
		inv, err := c.waldur.invoice(c.PlanJSON)
		return []step{{inv: inv, err: err, expect: c.Expect}}, nil
	case "frontier":
		return c.frontier.run(c.PlanJSON, c.Expect)
	}
	inv, err := c.Invoice()
	return []step{{inv: inv, err: err, expect: c.Expect}}, nil
}

// Invoice computes the invoice of an Orb case. Its error is the case's rejection: of
// its inputs, its plan or its usage.
func (c *Case) Invoice() (*ratecard.Invoice, error) {
	if c.inputErr != nil {
		return nil, c.inputErr
	}
	if c.System != "orb" {
		invs, err := c.Invoices()
		if err != nil {
			return nil, err
		}
		return invs[len(invs)-1], nil
	}
	p, err := plan.Decode(c.PlanJSON)
	if err != nil {
		return nil, err
	}
	return p.Invoice(c.Billing(), c.Events)
}

// Billing returns the case's billing inputs for its plan.
func (c *Case) Billing() plan.Billing {
	return plan.Billing{Subscription: c.Subscription, Period: c.Period, RoundingMode: c.RoundingMode,
		Metrics: c.Metrics, Quantities: c.Quantities}
}

// Check computes the invoices and compares them with the expectations, returning
// what differed (nothing when the case passes).
func (c *Case) Check() []string {
	steps, err := c.run()
	if err != nil { // rejected before any invoice
		return matchError(c.Expect.Error, err, nil)
	}
	if len(steps) > 1 && c.Expect.Error != "" {
		// A case of several invoices that must be rejected: by the first that fails.
		for _, st := range steps {
			if st.err != nil {
				return matchError(c.Expect.Error, st.err, nil)
			}
		}
		return matchError(c.Expect.Error, nil, steps[len(steps)-1].inv)
	}
	var diffs []string
	for _, st := range steps {
		for _, d := range checkStep(st) {
			diffs = append(diffs, st.label+d)
		}
	}
	if len(steps) > 1 && c.Expect.CreditBalance != nil {
		if got := steps[len(steps)-1].balance; got != nil && *got != *c.Expect.CreditBalance {
			diffs = append(diffs, fmt.Sprintf("credit balance after the last invoice: expected %d, got %d", *c.Expect.CreditBalance, *got))
		}
	}
	if c.System == "waldur" {
		diffs = append(diffs, c.waldur.checkPrices(c.PlanJSON, c.Expect)...)
	}
	return diffs
}

// matchError compares a rejection with the expected one: want "" expects none, inv
// is what was computed instead of an expected error.
func matchError(want string, err error, inv *ratecard.Invoice) []string {
	switch {
	case want == "" && err != nil:
		return []string{"unexpected error: " + strings.ReplaceAll(err.Error(), "\n", "; ")}
	case want == "":
		return nil
	case err == nil && inv != nil:
		return []string{fmt.Sprintf("expected an error containing %q, got an invoice (total %s)", want, inv.Total)}
	case err == nil:
		return []string{fmt.Sprintf("expected an error containing %q, got none", want)}
	case !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(want)):
		return []string{fmt.Sprintf("expected an error containing %q, got %q", want, err)}
	}
	return nil
}

// checkStep compares one invoice with its expectations.
func checkStep(st step) []string {
	x := st.expect
	if x.Error != "" || st.err != nil {
		return matchError(x.Error, st.err, st.inv)
	}
	inv := st.inv
	var diffs []string
	if err := inv.Check(); err != nil {
		diffs = append(diffs, err.Error())
	}
	amount := func(what string, want *ratecard.Decimal, got ratecard.Decimal) {
		if want != nil && !want.Equal(got) {
			diffs = append(diffs, fmt.Sprintf("%s: expected %s, got %s", what, want, got))
		}
	}
	amount("total", x.Total, inv.Total)
	amount("subtotal", x.Subtotal, inv.Subtotal)
	if x.CreditBalance != nil && st.balance != nil && *x.CreditBalance != *st.balance {
		diffs = append(diffs, fmt.Sprintf("credit balance: expected %d, got %d", *x.CreditBalance, *st.balance))
	}
	matched := make([]bool, len(inv.Lines))
	for _, want := range x.Lines {
		var found []int
		for i, l := range inv.Lines {
			if l.PriceID == want.PriceID && (want.ServiceStart == nil || l.Service.Start.Equal(*want.ServiceStart)) {
				found = append(found, i)
			}
		}
		label := "line " + want.PriceID
		if want.ServiceStart != nil {
			label += " from " + want.ServiceStart.Format(time.RFC3339)
		}
		switch len(found) {
		case 0:
			diffs = append(diffs, label+": expected a line, got none")
			continue
		case 1:
		default:
			diffs = append(diffs, fmt.Sprintf("%s: %d lines match; give service_start", label, len(found)))
			continue
		}
		i := found[0]
		matched[i] = true
		l := inv.Lines[i]
		amount(label+" subtotal", want.Subtotal, l.Subtotal)
		amount(label+" amount", want.Amount, l.Amount)
		amount(label+" quantity", want.Quantity, l.Quantity)
		if want.Adjustments != nil && !sameAdjustments(*want.Adjustments, l.Adjustments) {
			diffs = append(diffs, fmt.Sprintf("%s adjustments: expected [%s], got [%s]", label,
				formatAdjustments(*want.Adjustments), formatGot(l.Adjustments)))
		}
	}
	if x.LinesComplete {
		for i, m := range matched {
			if !m {
				diffs = append(diffs, fmt.Sprintf("unexpected line %s from %s (amount %s)", inv.Lines[i].PriceID,
					inv.Lines[i].Service.Start.Format(time.RFC3339), inv.Lines[i].Amount))
			}
		}
	}
	return diffs
}

// sameAdjustments compares a line's adjustments with the expected ones: the same
// kinds in the same order, amounts equal as decimals ("-2" equals "-2.00").
func sameAdjustments(want []ExpectAdjustment, got []ratecard.Adjustment) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if want[i].Type != got[i].Kind || !want[i].Amount.Equal(got[i].Amount) {
			return false
		}
	}
	return true
}

func formatAdjustments(adjs []ExpectAdjustment) string {
	parts := make([]string, len(adjs))
	for i, a := range adjs {
		parts[i] = fmt.Sprintf("%s %s", a.Type, a.Amount)
	}
	return strings.Join(parts, ", ")
}

func formatGot(adjs []ratecard.Adjustment) string {
	parts := make([]string, len(adjs))
	for i, a := range adjs {
		parts[i] = fmt.Sprintf("%s %s", a.Kind, a.Amount)
	}
	return strings.Join(parts, ", ")
}

// Files returns the case files among paths: the files given, and the *.json files
// under the directories given, in lexical order. A path that cannot be read is
// returned as it is, so that loading it fails as that case.
func Files(paths []string) []string {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			files = append(files, p)
			continue
		}
		_ = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			switch {
			case err != nil && d != nil && d.IsDir() && path != p:
				files = append(files, path) // an unreadable directory: a failing case
				return filepath.SkipDir
			case err != nil:
				files = append(files, path)
			case !d.IsDir() && strings.HasSuffix(path, ".json"):
				files = append(files, path)
			}
			return nil
		})
	}
	slices.Sort(files)
	return files
}

// Result is the outcome of one case.
type Result struct {
	File  string
	Name  string
	Diffs []string // empty: passed
}

// Run runs every case under paths and writes one line per case, "PASS name" or
// "FAIL name: what differed", then "N passed, M failed". A case that cannot be read
// fails; it does not stop the run.
func Run(paths []string, w io.Writer) []Result {
	files := Files(paths)
	var results []Result
	passed, failed := 0, 0
	for _, f := range files {
		r := Result{File: f, Name: f}
		c, err := Load(f)
		if err != nil {
			r.Diffs = []string{"cannot read the case: " + strings.ReplaceAll(err.Error(), "\n", "; ")}
		} else {
			r.Name = c.Name
			r.Diffs = c.Check()
		}
		if len(r.Diffs) == 0 {
			passed++
			fmt.Fprintf(w, "PASS %s\n", r.Name)
		} else {
			failed++
			fmt.Fprintf(w, "FAIL %s: %s\n", r.Name, strings.Join(r.Diffs, "; "))
		}
		results = append(results, r)
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", passed, failed)
	return results
}
