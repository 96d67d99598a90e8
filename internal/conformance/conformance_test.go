package conformance_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ratecard/ratecard/internal/conformance"
)

// TestCorpus runs every case under testdata/conformance, as `ratecard conform` does.
func TestCorpus(t *testing.T) {
	var out bytes.Buffer
	results, err := conformance.Run([]string{"../../testdata/conformance"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) < 60 {
		t.Errorf("%d cases, want at least 60", len(results))
	}
	for _, r := range results {
		if len(r.Diffs) > 0 {
			t.Errorf("%s (%s):\n  %s", r.Name, r.File, strings.Join(r.Diffs, "\n  "))
		}
	}
	if t.Failed() {
		t.Log(out.String())
	}
}

// TestCheckReportsDifferences makes sure a case can fail: wrong totals, adjustments,
// missing and unexpected lines and a missing expected error are all reported.
func TestCheckReportsDifferences(t *testing.T) {
	base := `{"name": "x",
	  "plan": {"currency": "USD", "prices": [
	    {"id": "a", "price_type": "usage_price", "cadence": "monthly", "billable_metric": {"id": "m"},
	     "model_type": "unit", "unit_config": {"unit_amount": "1.00"}},
	    {"id": "b", "price_type": "usage_price", "cadence": "monthly", "billable_metric": {"id": "m"},
	     "model_type": "unit", "unit_config": {"unit_amount": "1.00"}}],
	    "adjustments": [{"adjustment_type": "amount_discount", "amount_discount": "3.00"}]},
	  "subscription": {"start": "2026-01-01T00:00:00Z"},
	  "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"},
	  "quantities": {"a": "10", "b": "5"},
	  "expect": %s}`
	tests := []struct {
		name, expect string
		want         []string // parts of the reported differences; none: the case passes
	}{
		{"passes", `{"total": "12", "subtotal": "15.00", "lines": [{"price_id": "a", "amount": "8.00",
		  "adjustments": [{"type": "amount_discount", "amount": "-2"}]}, {"price_id": "b", "quantity": "5"}], "lines_complete": true}`, nil},
		{"wrong total", `{"total": "12.01"}`, []string{"total: expected 12.01, got 12.00"}},
		{"wrong adjustment", `{"lines": [{"price_id": "a", "adjustments": [{"type": "amount_discount", "amount": "-3.00"}]}]}`,
			[]string{"line a adjustments: expected [amount_discount -3.00], got [amount_discount -2.00]"}},
		{"missing adjustment", `{"lines": [{"price_id": "a", "adjustments": []}]}`, []string{"expected [], got [amount_discount -2.00]"}},
		{"no such line", `{"lines": [{"price_id": "c"}]}`, []string{"line c: expected a line, got none"}},
		{"extra line", `{"lines": [{"price_id": "a"}], "lines_complete": true}`, []string{"unexpected line b"}},
		{"error expected", `{"error": "gap"}`, []string{`expected an error containing "gap", got an invoice`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := conformance.Parse([]byte(strings.Replace(base, "%s", tt.expect, 1)))
			if err != nil {
				t.Fatal(err)
			}
			diffs := strings.Join(c.Check(), "\n")
			if len(tt.want) == 0 && diffs != "" {
				t.Errorf("case fails: %s", diffs)
			}
			for _, w := range tt.want {
				if !strings.Contains(diffs, w) {
					t.Errorf("differences %q do not mention %q", diffs, w)
				}
			}
		})
	}
}
