package plan_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/gen"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
	"pgregory.net/rapid"
)

// Properties of the invoice pipeline over generated plans: small plans of 1–4 unit,
// package, tiered or bulk prices (usage, fixed monthly, one-time), optionally two
// phases and a trial, 0–3 adjustments of each kind with random scopes, and usage
// around a billing period of a subscription in UTC, New York or Berlin. Expected
// values come from an independent reading of the invoice (running amounts rebuilt
// from each line's adjustments, exact rationals), never from the code under test.

// genPrice is a generated price.
type genPrice struct {
	id      string
	fixed   bool
	oneTime bool
	phase   int    // 0 on a plan without phases
	model   string // "model_type" and its config, as JSON members
	qty     string // fixed prices: fixed_price_quantity
}

// genAdjustment is a generated adjustment, keyed by its source in the plan.
type genAdjustment struct {
	source string
	kind   ratecard.AdjustmentKind
	amount ratecard.Decimal // units, amount, fraction, minimum or maximum
	scope  []string         // nil: every price of its plan or phase
	phase  int
	legacy int // -1: in plan.adjustments; i ≥ 0: prices[i].discount; -2: the plan's minimum
}

// genPlan is a generated plan and the subscription, period and usage to invoice.
type genPlan struct {
	prices      []genPrice
	phaseUnit   string // "" for no phases; "daily" or "monthly"
	phaseLen    int
	trialDays   int
	trialCap    *ratecard.Decimal // the plan's trial discount cap, if any
	trialScope  []string
	trialLegacy bool // the plan names a trial discount (source "discount")
	adjs        []genAdjustment
	sub         plan.Subscription
	period      ratecard.Period
	events      []usage.Event
	metrics     []*usage.Metric
}

var zones = func() []*time.Location {
	var out []*time.Location
	for _, name := range []string{"UTC", "America/New_York", "Europe/Berlin"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		out = append(out, loc)
	}
	return out
}()

// money draws an amount of at most max whole units with up to scale decimals.
func money(t *rapid.T, label string, max int64, scale int32) ratecard.Decimal {
	s := rapid.Int32Range(0, scale).Draw(t, label+" scale")
	limit := max
	for range s {
		limit *= 10
	}
	return ratecard.New(rapid.Int64Range(0, limit).Draw(t, label), s)
}

// genModel draws a unit, package, tiered or bulk model (unbounded last tiers), or
// one of those allowed.
func genModel(t *rapid.T, label string, allowed ...string) string {
	if len(allowed) == 0 {
		allowed = []string{"unit", "package", "tiered", "bulk"}
	}
	switch rapid.SampledFrom(allowed).Draw(t, label+" model") {
	case "unit":
		return fmt.Sprintf(`"model_type":"unit","unit_config":{"unit_amount":"%s"}`, money(t, label+" unit_amount", 5, 4))
	case "package":
		return fmt.Sprintf(`"model_type":"package","package_config":{"package_amount":"%s","package_size":%d}`,
			money(t, label+" package_amount", 20, 2), rapid.IntRange(1, 20).Draw(t, label+" package_size"))
	case "tiered":
		n := rapid.IntRange(1, 3).Draw(t, label+" tiers")
		var tiers []string
		bound := 0
		for i := range n {
			last := "null"
			next := bound + rapid.IntRange(1, 300).Draw(t, label+" tier width")
			if i < n-1 {
				last = fmt.Sprint(next)
			}
			tiers = append(tiers, fmt.Sprintf(`{"first_unit":%d,"last_unit":%s,"unit_amount":"%s"}`, bound, last, money(t, label+" tier amount", 2, 4)))
			bound = next
		}
		return `"model_type":"tiered","tiered_config":{"tiers":[` + strings.Join(tiers, ",") + `]}`
	default:
		n := rapid.IntRange(1, 3).Draw(t, label+" tiers")
		var tiers []string
		bound := 0
		for i := range n {
			bound += rapid.IntRange(1, 300).Draw(t, label+" tier width")
			max := fmt.Sprint(bound)
			if i == n-1 {
				max = "null"
			}
			tiers = append(tiers, fmt.Sprintf(`{"maximum_units":%s,"unit_amount":"%s"}`, max, money(t, label+" tier amount", 2, 4)))
		}
		return `"model_type":"bulk","bulk_config":{"tiers":[` + strings.Join(tiers, ",") + `]}`
	}
}

// subset draws a non-empty subset of ids, or nil for "every price".
func subset(t *rapid.T, label string, ids []string) []string {
	if len(ids) == 0 || rapid.Bool().Draw(t, label+" all") {
		return nil
	}
	var out []string
	for _, id := range ids {
		if rapid.Bool().Draw(t, label+" "+id) {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		out = []string{rapid.SampledFrom(ids).Draw(t, label+" one")}
	}
	return out
}

// monthPeriod returns the k-th monthly billing period from the one containing the
// start: calendar months, or months anchored on the start's day (clamped to each
// month's end).
func monthPeriod(start time.Time, loc *time.Location, align bool, k int) ratecard.Period {
	y, m, d := start.In(loc).Date()
	if !align {
		return span(time.Date(y, m+time.Month(k), 1, 0, 0, 0, 0, loc), time.Date(y, m+time.Month(k+1), 1, 0, 0, 0, 0, loc))
	}
	at := func(i int) time.Time {
		first := time.Date(y, m+time.Month(i), 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1).Day()
		return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, loc)
	}
	return span(at(k), at(k+1))
}

// drawPlan draws a plan, a subscription, a billing period and usage around it.
func drawPlan(t *rapid.T) *genPlan {
	g := &genPlan{}
	if rapid.Bool().Draw(t, "phased") {
		g.phaseUnit = rapid.SampledFrom([]string{"daily", "monthly"}).Draw(t, "phase unit")
		if g.phaseUnit == "daily" {
			g.phaseLen = rapid.IntRange(1, 45).Draw(t, "phase days")
		} else {
			g.phaseLen = rapid.IntRange(1, 2).Draw(t, "phase months")
		}
	}
	n := rapid.IntRange(1, 4).Draw(t, "prices")
	for i := range n {
		p := genPrice{id: fmt.Sprintf("p%d", i)}
		switch rapid.IntRange(0, 5).Draw(t, p.id+" type") {
		case 0, 1:
			p.fixed = true
			p.qty = fmt.Sprint(rapid.IntRange(0, 5).Draw(t, p.id+" quantity"))
		case 2:
			p.fixed, p.oneTime, p.qty = true, rapid.Bool().Draw(t, p.id+" one_time"), "1"
		}
		if g.phaseUnit != "" {
			p.phase = rapid.IntRange(1, 2).Draw(t, p.id+" phase")
		}
		p.model = genModel(t, p.id)
		g.prices = append(g.prices, p)
	}
	if rapid.Bool().Draw(t, "trial") {
		g.trialDays = rapid.IntRange(1, 40).Draw(t, "trial days")
		if rapid.Bool().Draw(t, "trial discount") {
			g.trialLegacy = true
			if rapid.Bool().Draw(t, "trial cap") {
				g.trialCap = new(money(t, "trial cap", 30, 2))
			}
			g.trialScope = subset(t, "trial scope", g.ids(0, false))
		}
	}
	// 0–3 adjustments of each kind, in random order within plan.adjustments.
	var adjs []genAdjustment
	for _, kind := range []ratecard.AdjustmentKind{ratecard.UsageDiscount, ratecard.AmountDiscount,
		ratecard.PercentageDiscount, ratecard.Minimum, ratecard.Maximum} {
		for j := range rapid.IntRange(0, 3).Draw(t, string(kind)+"s") {
			label := fmt.Sprintf("%s %d", kind, j)
			a := genAdjustment{kind: kind}
			if g.phaseUnit != "" {
				a.phase = rapid.IntRange(1, 2).Draw(t, label+" phase")
			}
			switch kind {
			case ratecard.UsageDiscount:
				usageIDs := g.ids(a.phase, true)
				if len(usageIDs) == 0 {
					continue
				}
				a.scope = []string{rapid.SampledFrom(usageIDs).Draw(t, label+" price")}
				a.amount = money(t, label+" units", 200, 1)
			case ratecard.AmountDiscount:
				a.scope, a.amount = subset(t, label+" scope", g.ids(a.phase, false)), money(t, label+" amount", 60, 2)
			case ratecard.PercentageDiscount:
				a.scope, a.amount = subset(t, label+" scope", g.ids(a.phase, false)), ratecard.New(rapid.Int64Range(0, 1000).Draw(t, label+" per mille"), 3)
			default:
				a.scope, a.amount = subset(t, label+" scope", g.ids(a.phase, false)), money(t, label+" amount", 300, 2)
			}
			adjs = append(adjs, a)
		}
	}
	adjs = rapid.Permutation(adjs).Draw(t, "adjustment order")
	for i := range adjs {
		adjs[i].source, adjs[i].legacy = fmt.Sprintf("adjustments[%d]", i), -1
	}
	// Orb's legacy objects: a price's own amount or percentage discount, and the
	// plan's minimum (on a phased plan it covers both phases).
	for i, p := range g.prices {
		if rapid.IntRange(0, 3).Draw(t, p.id+" legacy discount") != 0 {
			continue
		}
		a := genAdjustment{source: fmt.Sprintf("prices[%d].discount", i), kind: ratecard.AmountDiscount, scope: []string{p.id}, phase: p.phase, legacy: i}
		if rapid.Bool().Draw(t, p.id+" legacy percentage") {
			a.kind, a.amount = ratecard.PercentageDiscount, ratecard.New(rapid.Int64Range(0, 100).Draw(t, p.id+" legacy percent"), 2)
		} else {
			a.amount = money(t, p.id+" legacy amount", 20, 2)
		}
		adjs = append(adjs, a)
	}
	if !g.trialLegacy && rapid.IntRange(0, 3).Draw(t, "legacy minimum") == 0 {
		adjs = append(adjs, genAdjustment{source: "minimum", kind: ratecard.Minimum, amount: money(t, "legacy minimum amount", 300, 2),
			scope: subset(t, "legacy minimum scope", g.ids(0, false)), legacy: -2})
	}
	g.adjs = adjs

	// The subscription and its billing period.
	loc := rapid.SampledFrom(zones).Draw(t, "zone")
	start := time.Date(2026, 1, 1+rapid.IntRange(0, 400).Draw(t, "start day"), rapid.IntRange(0, 23).Draw(t, "start hour"), 0, 0, 0, loc)
	if rapid.Bool().Draw(t, "start at midnight") {
		start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
	}
	g.sub = plan.Subscription{Start: start, Location: loc, AlignToStart: rapid.Bool().Draw(t, "align")}
	g.period = monthPeriod(start, loc, g.sub.AlignToStart, rapid.IntRange(0, 2).Draw(t, "period index"))

	// Usage: 0–8 events per usage price within 5 days of the period.
	from := g.period.Start.Add(-5 * 24 * time.Hour)
	width := g.period.End.Add(5*24*time.Hour).Sub(from) / time.Minute
	for _, p := range g.prices {
		if p.fixed {
			continue
		}
		g.metrics = append(g.metrics, sumMetric("m_"+p.id, "e_"+p.id, "n"))
		for j := range rapid.IntRange(0, 8).Draw(t, p.id+" events") {
			at := from.Add(time.Duration(rapid.Int64Range(0, int64(width)-1).Draw(t, fmt.Sprintf("%s event %d", p.id, j))) * time.Minute)
			g.events = append(g.events, event("e_"+p.id, at, "n", money(t, "n", 400, 1).String()))
		}
	}
	return g
}

// ids returns the ids of the prices of a phase (0: all), usage prices only if asked.
func (g *genPlan) ids(phase int, usageOnly bool) []string {
	var out []string
	for _, p := range g.prices {
		if (phase == 0 || p.phase == phase) && !(usageOnly && p.fixed) {
			out = append(out, p.id)
		}
	}
	return out
}

func (g *genPlan) price(id string) genPrice {
	for _, p := range g.prices {
		if p.id == id {
			return p
		}
	}
	panic("no price " + id)
}

// json renders the plan in Orb's shape.
func (g *genPlan) json() string {
	var prices []string
	for i, p := range g.prices {
		var b strings.Builder
		fmt.Fprintf(&b, `{"id":%q,"name":"Price %s",`, p.id, p.id)
		switch {
		case p.oneTime:
			b.WriteString(`"price_type":"fixed_price","cadence":"one_time","fixed_price_quantity":1,`)
		case p.fixed:
			fmt.Fprintf(&b, `"price_type":"fixed_price","cadence":"monthly","fixed_price_quantity":%s,`, p.qty)
		default:
			fmt.Fprintf(&b, `"price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_%s"},`, p.id)
		}
		if p.phase != 0 {
			fmt.Fprintf(&b, `"plan_phase_order":%d,`, p.phase)
		}
		for _, a := range g.adjs {
			if a.legacy == i && a.kind == ratecard.AmountDiscount {
				fmt.Fprintf(&b, `"discount":{"discount_type":"amount","amount_discount":"%s","reason":null},`, a.amount)
			}
			if a.legacy == i && a.kind == ratecard.PercentageDiscount {
				fmt.Fprintf(&b, `"discount":{"discount_type":"percentage","percentage_discount":%s,"applies_to_price_ids":[%q]},`, a.amount, p.id)
			}
		}
		b.WriteString(p.model + "}")
		prices = append(prices, b.String())
	}
	var adjs []string
	var legacyMinimum string
	for _, a := range g.adjs {
		if a.legacy == -2 {
			legacyMinimum = fmt.Sprintf(`,"minimum":{"minimum_amount":"%s"`, a.amount)
			if a.scope != nil {
				ids, _ := json.Marshal(a.scope)
				legacyMinimum += `,"applies_to_price_ids":` + string(ids)
			}
			legacyMinimum += "}"
		}
		if a.legacy != -1 {
			continue
		}
		field := map[ratecard.AdjustmentKind]string{ratecard.UsageDiscount: "usage_discount", ratecard.AmountDiscount: "amount_discount",
			ratecard.PercentageDiscount: "percentage_discount", ratecard.Minimum: "minimum_amount", ratecard.Maximum: "maximum_amount"}[a.kind]
		s := fmt.Sprintf(`{"adjustment_type":%q,%q:"%s"`, a.kind, field, a.amount)
		if a.scope != nil {
			ids, _ := json.Marshal(a.scope)
			s += `,"applies_to_price_ids":` + string(ids)
		}
		if a.phase != 0 {
			s += fmt.Sprintf(`,"plan_phase_order":%d`, a.phase)
		}
		adjs = append(adjs, s+"}")
	}
	js := `{"id":"plan_gen","currency":"USD","prices":[` + strings.Join(prices, ",") + `],"adjustments":[` + strings.Join(adjs, ",") + `]`
	if g.phaseUnit != "" {
		js += fmt.Sprintf(`,"plan_phases":[{"order":1,"duration":%d,"duration_unit":%q},{"order":2}]`, g.phaseLen, g.phaseUnit)
	}
	js += legacyMinimum
	if g.trialDays > 0 {
		js += fmt.Sprintf(`,"trial_config":{"trial_period":%d,"trial_period_unit":"days"}`, g.trialDays)
	}
	if g.trialLegacy {
		js += `,"discount":{"discount_type":"trial"`
		if g.trialCap != nil {
			js += fmt.Sprintf(`,"trial_amount_discount":"%s"`, *g.trialCap)
		}
		if g.trialScope != nil {
			ids, _ := json.Marshal(g.trialScope)
			js += `,"applies_to_price_ids":` + string(ids)
		}
		js += "}"
	}
	return js + "}"
}

func (g *genPlan) billing() plan.Billing {
	return plan.Billing{Subscription: g.sub, Period: g.period, Metrics: g.metrics}
}

// trialEnd returns when the trial ends: its days after the start at the same local
// time; the zero time without a trial.
func (g *genPlan) trialEnd() time.Time {
	if g.trialDays == 0 {
		return time.Time{}
	}
	l := g.sub.Start.In(g.sub.Location)
	return time.Date(l.Year(), l.Month(), l.Day()+g.trialDays, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), g.sub.Location)
}

// rat returns the exact value of a decimal.
func rat(d ratecard.Decimal) *big.Rat { return gen.Rat(d) }

var cent = big.NewRat(1, 100)

// roundHalfUp rounds a non-negative rational to cents, half away from zero.
func roundHalfUp(r *big.Rat) *big.Rat {
	x := new(big.Rat).Quo(r, cent)
	x.Add(x, big.NewRat(1, 2))
	q := new(big.Int).Quo(x.Num(), x.Denom()) // floor for x ≥ 0
	return new(big.Rat).Mul(new(big.Rat).SetInt(q), cent)
}

// applied is one adjustment as the invoice applied it to one line.
type applied struct {
	line          int
	before, share *big.Rat // the line's running amount before it, and its share
}

// pipelineRank orders adjustment kinds as SEMANTICS §5 applies them.
var pipelineRank = map[ratecard.AdjustmentKind]int{ratecard.UsageDiscount: 0, ratecard.AmountDiscount: 1,
	ratecard.PercentageDiscount: 2, ratecard.Minimum: 3, ratecard.Maximum: 4, ratecard.TrialDiscount: 5}

// checkInvoice checks the invoice of a generated plan:
//   - Check passes; subtotal = Σ line subtotals and total = Σ line amounts, exactly;
//   - each usage line's quantity is the sum of its metric's events in its service
//     period, and every service period lies in the billing period after the start;
//   - each line's adjustments are in pipeline order, and its running amount never
//     drops below zero (no adjustment takes a line below zero);
//   - each adjustment is recorded on exactly the lines it covers (zero shares too):
//     its prices in its phase, less waived trial fees and, for a minimum or maximum,
//     less trial parts; the trial discount on the trial parts' usage lines in its
//     scope;
//   - each adjustment's shares sum exactly to its total, computed from the running
//     sum S of its lines: amount D → −min(D, S); percentage p → −round(p × S); trial
//     → −S or −min(cap, S); a minimum M → max(0, M − S) and a maximum X →
//     −max(0, S − X) when its lines cover the whole billing period (not prorated),
//     else within [0, max(0, M − S)] and [−S, −max(0, S − X)] (prorated amounts are
//     at most the whole);
//   - so after a minimum M over the whole period its lines sum to at least M, and
//     after a maximum X they sum to at most X;
//   - each share of an allocated adjustment is within one cent of its exact pro rata
//     share (total × before / S, or total / n when S = 0).
func checkInvoice(t *rapid.T, g *genPlan, inv *ratecard.Invoice) {
	if err := inv.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
	var subtotal, total ratecard.Decimal
	for _, l := range inv.Lines {
		subtotal, total = subtotal.Add(l.Subtotal), total.Add(l.Amount)
	}
	if !subtotal.Equal(inv.Subtotal) || !total.Equal(inv.Total) {
		t.Fatalf("lines sum to %s and %s, invoice says %s and %s", subtotal, total, inv.Subtotal, inv.Total)
	}
	windowStart := g.period.Start
	if g.sub.Start.After(windowStart) {
		windowStart = g.sub.Start
	}
	trialEnd := g.trialEnd()
	inTrial := func(l ratecard.Line) bool { return !trialEnd.IsZero() && l.Service.Start.Before(trialEnd) }
	byAdj := map[string][]applied{}
	kindOf := map[string]ratecard.AdjustmentKind{}
	for i, l := range inv.Lines {
		if l.Service.Start.Before(windowStart) || l.Service.End.After(g.period.End) || !l.Service.Start.Before(l.Service.End) {
			t.Fatalf("line %d (%s) serves %s, outside %s from %s", i, l.PriceID, l.Service, g.period, windowStart)
		}
		p := g.price(l.PriceID)
		if !p.fixed {
			var q ratecard.Decimal
			for _, e := range g.events {
				if e.Name == "e_"+p.id && l.Service.Contains(e.Timestamp) {
					v, _ := e.Property("n")
					d, _ := v.Decimal()
					q = q.Add(d)
				}
			}
			if !q.Equal(l.Quantity) {
				t.Fatalf("line %d (%s) over %s: quantity %s, its events sum to %s", i, l.PriceID, l.Service, l.Quantity, q)
			}
		}
		running := rat(l.Subtotal)
		rank := -1
		for _, a := range l.Adjustments {
			if pipelineRank[a.Kind] < rank {
				t.Fatalf("line %d (%s): %s after a later kind: %v", i, l.PriceID, a.Kind, l.Adjustments)
			}
			rank = pipelineRank[a.Kind]
			kindOf[a.Source] = a.Kind
			byAdj[a.Source] = append(byAdj[a.Source], applied{line: i, before: new(big.Rat).Set(running), share: rat(a.Amount)})
			running.Add(running, rat(a.Amount))
			if running.Sign() < 0 {
				t.Fatalf("line %d (%s): %s %s takes it below zero: %v", i, l.PriceID, a.Kind, a.Source, l.Adjustments)
			}
		}
	}

	// The adjustments expected on each line.
	covers := func(phase int, scope []string, l ratecard.Line) bool {
		p := g.price(l.PriceID)
		return (phase == 0 || p.phase == phase) && (scope == nil || slices.Contains(scope, p.id))
	}
	type expectation struct {
		source string
		kind   ratecard.AdjustmentKind
		lines  []int
	}
	var expected []expectation
	for _, a := range g.adjs {
		e := expectation{source: a.source, kind: a.kind}
		for i, l := range inv.Lines {
			p := g.price(l.PriceID)
			waived := p.fixed && !p.oneTime && inTrial(l)
			minMax := a.kind == ratecard.Minimum || a.kind == ratecard.Maximum
			if covers(a.phase, a.scope, l) && !waived && !(minMax && inTrial(l)) {
				e.lines = append(e.lines, i)
			}
		}
		expected = append(expected, e)
	}
	if g.trialDays > 0 {
		e := expectation{source: "trial_config", kind: ratecard.TrialDiscount}
		if g.trialLegacy {
			e.source = "discount"
		}
		for i, l := range inv.Lines {
			if p := g.price(l.PriceID); !p.fixed && inTrial(l) && covers(0, g.trialScope, l) {
				e.lines = append(e.lines, i)
			}
		}
		expected = append(expected, e)
	}
	seen := map[string]bool{}
	for _, e := range expected {
		seen[e.source] = true
		var got []int
		for _, ap := range byAdj[e.source] {
			got = append(got, ap.line)
		}
		if !slices.Equal(got, e.lines) {
			t.Fatalf("%s %s is on lines %v, want %v", e.kind, e.source, got, e.lines)
		}
		if len(got) > 0 && kindOf[e.source] != e.kind {
			t.Fatalf("%s is recorded as %s, want %s", e.source, kindOf[e.source], e.kind)
		}
	}
	for source := range byAdj {
		if !seen[source] {
			t.Fatalf("unexpected adjustment %s on the invoice", source)
		}
	}

	// Each adjustment's total and allocation.
	for _, e := range expected {
		aps := byAdj[e.source]
		if len(aps) == 0 {
			continue
		}
		S, sum := new(big.Rat), new(big.Rat)
		covered := []ratecard.Period{}
		for _, ap := range aps {
			S.Add(S, ap.before)
			sum.Add(sum, ap.share)
			covered = append(covered, inv.Lines[ap.line].Service)
		}
		var a genAdjustment
		for _, x := range g.adjs {
			if x.source == e.source {
				a = x
			}
		}
		zero := new(big.Rat)
		want := func(w *big.Rat) {
			if sum.Cmp(w) != 0 {
				t.Fatalf("%s %s (%s) over S = %s: shares sum to %s, want %s", e.kind, e.source, a.amount, S.FloatString(2), sum.FloatString(2), w.FloatString(2))
			}
		}
		between := func(lo, hi *big.Rat) {
			if sum.Cmp(lo) < 0 || sum.Cmp(hi) > 0 {
				t.Fatalf("%s %s (%s) over S = %s: shares sum to %s, want within [%s, %s]", e.kind, e.source, a.amount, S.FloatString(2),
					sum.FloatString(2), lo.FloatString(2), hi.FloatString(2))
			}
		}
		whole := coversPeriod(covered, g.period)
		switch e.kind {
		case ratecard.UsageDiscount:
			for _, ap := range aps {
				if ap.share.Sign() > 0 {
					t.Fatalf("usage discount %s raises line %d by %s", e.source, ap.line, ap.share.FloatString(2))
				}
			}
			continue // computed per line by re-rating, not allocated
		case ratecard.AmountDiscount:
			if S.Sign() <= 0 {
				want(zero)
			} else {
				D := rat(a.amount)
				want(new(big.Rat).Neg(minRat(D, S)))
			}
		case ratecard.PercentageDiscount:
			if S.Sign() <= 0 {
				want(zero)
			} else {
				want(new(big.Rat).Neg(roundHalfUp(new(big.Rat).Mul(rat(a.amount), S))))
			}
		case ratecard.Minimum:
			full := maxRat(zero, new(big.Rat).Sub(rat(a.amount), S))
			if whole {
				want(full)
				if after := new(big.Rat).Add(S, sum); after.Cmp(rat(a.amount)) < 0 {
					t.Fatalf("after minimum %s the lines sum to %s", a.amount, after.FloatString(2))
				}
			} else {
				between(zero, full)
			}
		case ratecard.Maximum:
			full := new(big.Rat).Neg(maxRat(zero, new(big.Rat).Sub(S, rat(a.amount))))
			if whole {
				want(full)
			} else {
				between(new(big.Rat).Neg(S), full)
			}
			if after := new(big.Rat).Add(S, sum); after.Cmp(rat(a.amount)) > 0 {
				t.Fatalf("after maximum %s the lines sum to %s", a.amount, after.FloatString(2))
			}
		case ratecard.TrialDiscount:
			w := new(big.Rat).Set(S)
			if g.trialCap != nil {
				w = minRat(rat(*g.trialCap), S)
			}
			if S.Sign() <= 0 {
				w = zero
			}
			want(new(big.Rat).Neg(w))
		}
		// Pro rata within a cent.
		for _, ap := range aps {
			exact := new(big.Rat)
			if S.Sign() == 0 {
				exact.Quo(sum, big.NewRat(int64(len(aps)), 1))
			} else {
				exact.Mul(sum, ap.before).Quo(exact, S)
			}
			if d := new(big.Rat).Sub(ap.share, exact); new(big.Rat).Abs(d).Cmp(cent) >= 0 {
				t.Fatalf("%s %s: line %d's share %s is a cent or more from its pro rata %s", e.kind, e.source, ap.line,
					ap.share.FloatString(2), exact.FloatString(4))
			}
		}
	}
}

// coversPeriod reports whether the service periods together are exactly the
// billing period.
func coversPeriod(services []ratecard.Period, period ratecard.Period) bool {
	slices.SortFunc(services, func(a, b ratecard.Period) int { return a.Start.Compare(b.Start) })
	at := period.Start
	for _, s := range services {
		if s.Start.After(at) {
			return false
		}
		if s.End.After(at) {
			at = s.End
		}
	}
	return at.Equal(period.End)
}

func minRat(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) < 0 {
		return new(big.Rat).Set(a)
	}
	return new(big.Rat).Set(b)
}

func maxRat(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) > 0 {
		return new(big.Rat).Set(a)
	}
	return new(big.Rat).Set(b)
}

// TestPropertyInvoice checks every generated invoice with checkInvoice, and that
// invoicing again gives a byte-identical invoice.
func TestPropertyInvoice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := drawPlan(t)
		p := mustDecode(t, g.json())
		inv, err := p.Invoice(g.billing(), g.events)
		if err != nil {
			t.Fatalf("Invoice: %v\n%s", err, g.json())
		}
		checkInvoice(t, g, inv)
		again, err := p.Invoice(g.billing(), g.events)
		if err != nil || render(again) != render(inv) {
			t.Fatalf("a second run differs (%v):\n%s\n%s", err, render(inv), render(again))
		}
	})
}

// TestPropertyCumulative checks that an invoice is a function of the period's usage,
// not of how it arrived. For a cut at a random instant in the period:
//  1. the period-to-date invoice from an aggregator fed the events before the cut
//     equals Plan.Invoice of those events;
//  2. feeding the same aggregator the rest and invoicing its results again equals
//     Plan.Invoice of all the events at once (re-rating is cumulative: the second
//     invoice rates the whole period's quantities, not the delta);
//  3. re-rating by subtraction works: the period-to-date invoice K and the whole
//     period's N have the same lines with the same adjustments, so N − K can be
//     charged line by line, and K + (N − K) is N to the digit, line by line, per
//     adjustment and in total;
//  4. Plan.Invoice of the events shuffled, and of only the events inside the
//     period, equals Plan.Invoice of all the events.
func TestPropertyCumulative(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := drawPlan(t)
		p := mustDecode(t, g.json())
		all := mustInvoice(t, p, g.billing(), g.events)
		days := int(g.period.End.Sub(g.period.Start) / time.Hour / 24)
		cut := g.period.Start.Add(time.Duration(rapid.IntRange(0, days).Draw(t, "cut day")) * 24 * time.Hour)
		var before, after []usage.Event
		for _, e := range g.events {
			if e.Timestamp.Before(cut) {
				before = append(before, e)
			} else {
				after = append(after, e)
			}
		}
		run, err := p.Prepare(g.billing())
		if err != nil {
			t.Fatal(err)
		}
		agg, err := usage.NewAggregator(run.Requests()...)
		if err != nil {
			t.Fatal(err)
		}
		for i := range before {
			if err := agg.Add(&before[i]); err != nil {
				t.Fatal(err)
			}
		}
		toDate, err := run.Invoice(agg.Results())
		if err != nil {
			t.Fatal(err)
		}
		if want := mustInvoice(t, p, g.billing(), before); render(toDate) != render(want) {
			t.Fatalf("period-to-date invoice differs from Plan.Invoice of the events before %s:\n%s\n%s", cut, render(toDate), render(want))
		}
		for i := range after {
			if err := agg.Add(&after[i]); err != nil {
				t.Fatal(err)
			}
		}
		whole, err := run.Invoice(agg.Results())
		if err != nil {
			t.Fatal(err)
		}
		if render(whole) != render(all) {
			t.Fatalf("re-rated invoice differs from rating the period at once:\n%s\n%s", render(whole), render(all))
		}
		checkSubtraction(t, toDate, all)
		shuffled := rapid.Permutation(g.events).Draw(t, "shuffled")
		if got := mustInvoice(t, p, g.billing(), shuffled); render(got) != render(all) {
			t.Fatalf("shuffled events give a different invoice:\n%s\n%s", render(got), render(all))
		}
		var inside []usage.Event
		for _, e := range g.events {
			if g.period.Contains(e.Timestamp) {
				inside = append(inside, e)
			}
		}
		if got := mustInvoice(t, p, g.billing(), inside); render(got) != render(all) {
			t.Fatalf("events outside the period change the invoice:\n%s\n%s", render(got), render(all))
		}
	})
}

// TestPropertyStreaming checks that the streaming form, Prepare, Requests, an
// aggregator reading the events as JSON Lines, and Run.Invoice, gives the invoice
// Plan.Invoice gives.
func TestPropertyStreaming(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := drawPlan(t)
		p := mustDecode(t, g.json())
		want := mustInvoice(t, p, g.billing(), g.events)
		var jsonl strings.Builder
		for _, e := range g.events {
			b, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			jsonl.Write(b)
			jsonl.WriteString("\n")
		}
		run, err := p.Prepare(g.billing())
		if err != nil {
			t.Fatal(err)
		}
		agg, err := usage.NewAggregator(run.Requests()...)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := agg.ReadJSONL(strings.NewReader(jsonl.String())); err != nil || n != len(g.events) {
			t.Fatalf("ReadJSONL: %d events, %v", n, err)
		}
		got, err := run.Invoice(agg.Results())
		if err != nil {
			t.Fatal(err)
		}
		if render(got) != render(want) {
			t.Fatalf("streamed invoice differs:\n%s\n%s", render(got), render(want))
		}
	})
}

// TestPropertyConcurrent checks that one Plan invoiced from several goroutines at
// once (run with -race) gives the same invoice every time.
func TestPropertyConcurrent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := drawPlan(t)
		p := mustDecode(t, g.json())
		want := render(mustInvoice(t, p, g.billing(), g.events))
		var wg sync.WaitGroup
		errs := make(chan string, 16)
		for range 4 {
			wg.Go(func() {
				for range 3 {
					inv, err := p.Invoice(g.billing(), g.events)
					if err != nil {
						errs <- err.Error()
						return
					}
					if got := render(inv); got != want {
						errs <- got
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Fatalf("a concurrent run differs:\n%s\nwant\n%s", e, want)
		}
	})
}

// TestPropertyPhaseSplit compares a plan whose two phases are identical (the same
// prices, and the same percentage discounts on each phase) with the same plan
// without phases, on the billing period that the phase boundary crosses. Prices are
// usage prices of the unit model and fixed fees of the unit, package or bulk model
// (no sub-lines), no trial; both plans read the same events. Exactly:
//   - per price, the split lines' service periods tile the unsplit line's, and their
//     quantities sum to its quantity (usage) or each equal it (fixed);
//   - per price, the split subtotals sum to the unsplit subtotal within one cent: a
//     prorated fee is rounded once per part (|Σ round(F·dᵢ/N) − round(F·Σdᵢ/N)| ≤
//     1 cent for two parts rounded half up, since each rounding is off by at most
//     half a cent), and a usage line likewise;
//   - the totals differ by at most one cent per price plus one cent per percentage
//     discount (each discount scales the difference by 1 − p and adds at most 1½
//     cents of rounding, and the difference is a whole number of cents).
func TestPropertyPhaseSplit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 4).Draw(t, "prices")
		type price struct {
			id, body string
			fixed    bool
		}
		var prices []price
		for i := range n {
			id := fmt.Sprintf("p%d", i)
			if rapid.Bool().Draw(t, id+" fixed") {
				prices = append(prices, price{id, fmt.Sprintf(`"price_type":"fixed_price","cadence":"monthly","fixed_price_quantity":%d,%s`,
					rapid.IntRange(1, 5).Draw(t, id+" quantity"), genModel(t, id, "unit", "package", "bulk")), true})
			} else {
				prices = append(prices, price{id, fmt.Sprintf(`"price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_%s"},%s`,
					id, genModel(t, id, "unit")), false})
			}
		}
		var pcts []ratecard.Decimal
		for range rapid.IntRange(0, 2).Draw(t, "percentage discounts") {
			pcts = append(pcts, ratecard.New(rapid.Int64Range(0, 1000).Draw(t, "per mille"), 3))
		}
		unit := rapid.SampledFrom([]string{"daily", "monthly"}).Draw(t, "phase unit")
		length := rapid.IntRange(1, 40).Draw(t, "phase length")
		if unit == "monthly" {
			length = rapid.IntRange(1, 2).Draw(t, "phase months")
		}
		var split, whole, splitAdjs, wholeAdjs []string
		for _, p := range prices {
			whole = append(whole, fmt.Sprintf(`{"id":%q,%s}`, p.id, p.body))
			for ph := 1; ph <= 2; ph++ {
				split = append(split, fmt.Sprintf(`{"id":"%s_%d","plan_phase_order":%d,%s}`, p.id, ph, ph, p.body))
			}
		}
		for _, pct := range pcts {
			wholeAdjs = append(wholeAdjs, fmt.Sprintf(`{"adjustment_type":"percentage_discount","percentage_discount":"%s"}`, pct))
			for ph := 1; ph <= 2; ph++ {
				splitAdjs = append(splitAdjs, fmt.Sprintf(`{"adjustment_type":"percentage_discount","percentage_discount":"%s","plan_phase_order":%d}`, pct, ph))
			}
		}
		splitPlan := mustDecode(t, fmt.Sprintf(`{"id":"split","currency":"USD","plan_phases":[{"order":1,"duration":%d,"duration_unit":%q},{"order":2}],"prices":[%s],"adjustments":[%s]}`,
			length, unit, strings.Join(split, ","), strings.Join(splitAdjs, ",")))
		wholePlan := mustDecode(t, fmt.Sprintf(`{"id":"whole","currency":"USD","prices":[%s],"adjustments":[%s]}`,
			strings.Join(whole, ","), strings.Join(wholeAdjs, ",")))

		// The subscription, and the billing period containing the phase boundary.
		loc := rapid.SampledFrom(zones).Draw(t, "zone")
		start := time.Date(2026, 1, 1+rapid.IntRange(0, 365).Draw(t, "start day"), rapid.IntRange(0, 23).Draw(t, "start hour"), 0, 0, 0, loc)
		align := rapid.Bool().Draw(t, "align")
		l := start.In(loc)
		var boundary time.Time
		if unit == "daily" {
			boundary = time.Date(l.Year(), l.Month(), l.Day()+length, l.Hour(), 0, 0, 0, loc)
		} else {
			first := time.Date(l.Year(), l.Month()+time.Month(length), 1, 0, 0, 0, 0, time.UTC)
			boundary = time.Date(first.Year(), first.Month(), min(l.Day(), first.AddDate(0, 1, -1).Day()), l.Hour(), 0, 0, 0, loc)
		}
		var period ratecard.Period
		for k := 0; ; k++ {
			if period = monthPeriod(start, loc, align, k); period.Contains(boundary) {
				break
			}
		}
		var metrics []*usage.Metric
		var events []usage.Event
		for _, p := range prices {
			if p.fixed {
				continue
			}
			metrics = append(metrics, sumMetric("m_"+p.id, "e_"+p.id, "n"))
			width := int64(period.End.Sub(period.Start) / time.Minute)
			for j := range rapid.IntRange(0, 6).Draw(t, p.id+" events") {
				at := period.Start.Add(time.Duration(rapid.Int64Range(0, width-1).Draw(t, fmt.Sprintf("%s event %d", p.id, j))) * time.Minute)
				events = append(events, event("e_"+p.id, at, "n", money(t, "n", 400, 1).String()))
			}
		}
		b := plan.Billing{Subscription: plan.Subscription{Start: start, Location: loc, AlignToStart: align}, Period: period, Metrics: metrics}
		s := mustInvoice(t, splitPlan, b, events)
		w := mustInvoice(t, wholePlan, b, events)

		for _, p := range prices {
			var wl ratecard.Line
			for _, l := range w.Lines {
				if l.PriceID == p.id {
					wl = l
				}
			}
			var parts []ratecard.Line
			for _, l := range s.Lines {
				if strings.HasPrefix(l.PriceID, p.id+"_") {
					parts = append(parts, l)
				}
			}
			if len(parts) == 0 || len(parts) > 2 {
				t.Fatalf("%s: %d lines in the split invoice", p.id, len(parts))
			}
			var q, sub ratecard.Decimal
			at := wl.Service.Start
			for _, pl := range parts {
				if !pl.Service.Start.Equal(at) {
					t.Fatalf("%s: split service %s does not continue from %s (whole %s)", p.id, pl.Service, at, wl.Service)
				}
				at = pl.Service.End
				q, sub = q.Add(pl.Quantity), sub.Add(pl.Subtotal)
				if p.fixed && !pl.Quantity.Equal(wl.Quantity) {
					t.Fatalf("%s: fixed quantity %s, whole %s", p.id, pl.Quantity, wl.Quantity)
				}
			}
			if !at.Equal(wl.Service.End) {
				t.Fatalf("%s: split services end at %s, whole at %s", p.id, at, wl.Service.End)
			}
			if !p.fixed && !q.Equal(wl.Quantity) {
				t.Fatalf("%s: split quantities sum to %s, whole %s", p.id, q, wl.Quantity)
			}
			if d := sub.Sub(wl.Subtotal).Abs(); d.Cmp(dec("0.01")) > 0 {
				t.Fatalf("%s: split subtotals sum to %s, whole %s: off by more than a cent", p.id, sub, wl.Subtotal)
			}
		}
		bound := ratecard.New(int64(len(prices)+len(pcts)), 2)
		if d := s.Total.Sub(w.Total).Abs(); d.Cmp(bound) > 0 {
			t.Fatalf("totals %s (split) and %s (whole) differ by more than %s\n%s\n%s", s.Total, w.Total, bound, render(s), render(w))
		}
	})
}

// checkSubtraction charges n − k line by line, as a billing system re-rating a
// period cumulatively would, and checks that k plus that charge is n exactly.
func checkSubtraction(t *rapid.T, k, n *ratecard.Invoice) {
	if len(k.Lines) != len(n.Lines) {
		t.Fatalf("%d lines to date, %d for the period: lines cannot be subtracted\n%s\n%s", len(k.Lines), len(n.Lines), render(k), render(n))
	}
	var charged ratecard.Decimal // Σ (n − k) over the lines
	for i, kl := range k.Lines {
		nl := n.Lines[i]
		if kl.PriceID != nl.PriceID || !kl.Service.Start.Equal(nl.Service.Start) || !kl.Service.End.Equal(nl.Service.End) || len(kl.Adjustments) != len(nl.Adjustments) {
			t.Fatalf("line %d: %s %s with %d adjustments to date, %s %s with %d for the period", i,
				kl.PriceID, renderPeriod(kl.Service), len(kl.Adjustments), nl.PriceID, renderPeriod(nl.Service), len(nl.Adjustments))
		}
		delta := nl.Amount.Sub(kl.Amount)
		adjusted := kl.Subtotal.Add(nl.Subtotal.Sub(kl.Subtotal))
		for j, ka := range kl.Adjustments {
			na := nl.Adjustments[j]
			if ka.Kind != na.Kind || ka.Source != na.Source {
				t.Fatalf("line %d adjustment %d: %s %s to date, %s %s for the period", i, j, ka.Kind, ka.Source, na.Kind, na.Source)
			}
			adjusted = adjusted.Add(ka.Amount.Add(na.Amount.Sub(ka.Amount)))
		}
		if !adjusted.Equal(nl.Amount) || !kl.Amount.Add(delta).Equal(nl.Amount) {
			t.Fatalf("line %d: to date %s + charge %s ≠ %s", i, kl.Amount, delta, nl.Amount)
		}
		charged = charged.Add(delta)
	}
	if !k.Total.Add(charged).Equal(n.Total) {
		t.Fatalf("total to date %s + charged %s ≠ the period's %s", k.Total, charged, n.Total)
	}
}
