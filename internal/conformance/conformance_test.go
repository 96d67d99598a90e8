package conformance_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ratecard/ratecard/internal/conformance"
)

// TestCorpus runs every case under testdata/conformance, as `ratecard conform` does.
func TestCorpus(t *testing.T) {
	var out bytes.Buffer
	results := conformance.Run([]string{"../../testdata/conformance"}, &out)
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

// TestSystemCases makes sure Waldur and Frontier cases can fail too, and that their
// malformed inputs are reported.
func TestSystemCases(t *testing.T) {
	waldurCase := `{"system": "waldur", "plan": {"uuid": "p", "components": [{"type": "a", "amount": 1, "price": "10"}]},
	  "resource": {"created": "2026-03-01T00:00:00Z"}, "month": "2026-03", "expect": %s}`
	frontierCase := `{"system": "frontier", "customer": "c",
	  "plan": {"id": "f", "interval": "month", "on_start_credits": 100, "products": [
	    {"name": "api", "prices": [{"id": "api", "interval": "month", "usage_type": "metered", "amount": 1}]}]},
	  "subscription": {"start": "2026-01-01T00:00:00Z"}, "credits": {"minimum": 0},
	  "invoices": [
	    {"period": {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"}, "credit_tx": "i1",
	     "events": [{"event_name": "api", "timestamp": "2026-01-05T00:00:00Z", "properties": {"quantity": 150}}],
	     "expect": %s},
	    {"period": {"start": "2026-02-01T00:00:00Z", "end": "2026-03-01T00:00:00Z"}, "credit_tx": "i2", "expect": {}}],
	  "expect": %s}`
	tests := []struct {
		name string
		json string
		want []string // parts of the differences; none: the case passes
	}{
		{"waldur passes", fmt.Sprintf(waldurCase, `{"total": "10", "minimal_price": "10", "lines": [{"price_id": "a", "quantity": "1"}]}`), nil},
		{"waldur wrong amount", fmt.Sprintf(waldurCase, `{"lines": [{"price_id": "a", "amount": "10.01"}]}`), []string{"line a amount: expected 10.01, got 10.00"}},
		{"waldur wrong display price", fmt.Sprintf(waldurCase, `{"init_price": "1"}`), []string{"init_price: expected 1, got 0"}},
		{"waldur error expected", fmt.Sprintf(waldurCase, `{"error": "nope"}`), []string{`expected an error containing "nope", got an invoice`}},
		{"frontier passes", fmt.Sprintf(frontierCase, `{"total": "0.50", "credit_balance": 0, "lines": [{"price_id": "api",
		  "adjustments": [{"type": "prepaid_credits", "amount": "-1.00"}]}]}`, `{"credit_balance": 0}`), nil},
		{"frontier wrong balance", fmt.Sprintf(frontierCase, `{"credit_balance": 5}`, `{"credit_balance": 7}`),
			[]string{"invoices[0]: credit balance: expected 5, got 0", "credit balance after the last invoice: expected 7, got 0"}},
		{"frontier refusal expected of an invoice", fmt.Sprintf(frontierCase, `{"error": "seat"}`, `{}`),
			[]string{`invoices[0]: expected an error containing "seat", got an invoice`}},
		{"frontier refusal expected of the case", fmt.Sprintf(frontierCase, `{}`, `{"error": "seat"}`),
			[]string{`expected an error containing "seat", got an invoice`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := conformance.Parse([]byte(tt.json))
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
	for _, bad := range []struct{ json, want string }{
		{`{"system": "lago", "plan": {}, "expect": {}}`, `system: "lago" is not orb, waldur or frontier`},
		{`{"system": "waldur", "plan": {}, "month": "2026-03", "expect": {}}`, "resource: required"},
		{`{"system": "frontier", "plan": {}, "subscription": {"start": "2026-01-01T00:00:00Z"}, "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"}, "expect": {}}`, "customer: required"},
		{`{"system": "frontier", "plan": {}, "customer": "c", "subscription": {}, "credits": {"transactions": [{"id": "t", "type": "gift"}]}, "period": {}, "expect": {}}`,
			`credits.transactions[0].type: "gift" is not purchase or consume`},
		{`{"plan": {}, "subscription": {}, "period": {}, "expect": {"credit_balance": 5}}`, "expect.credit_balance: unknown field"},
		// Credit inputs and expectations without a ledger would be ignored: they are errors.
		{`{"system": "frontier", "plan": {}, "customer": "c", "subscription": {"start": "2026-01-01T00:00:00Z"}, "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"}, "expect": {"credit_balance": 5}}`,
			"expect.credit_balance: needs a credits ledger"},
		{`{"system": "frontier", "plan": {}, "customer": "c", "subscription": {"start": "2026-01-01T00:00:00Z"}, "invoices": [{"period": {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"}, "credit_tx": "t", "transactions": [{"id": "p", "type": "consume", "credits": 1}], "expect": {"credit_balance": 5}}]}`,
			"invoices[0].expect.credit_balance: needs a credits ledger"},
		{`{"system": "frontier", "plan": {}, "customer": "c", "subscription": {"start": "2026-01-01T00:00:00Z"}, "invoices": [{"period": {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"}, "credit_tx": "t", "expect": {}}]}`,
			"invoices[0].credit_tx: needs a credits ledger"},
		{`{"system": "frontier", "plan": {}, "customer": "c", "subscription": {"start": "2026-01-01T00:00:00Z"}, "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"}, "transactions": [{"id": "p", "type": "consume", "credits": 1}], "expect": {}}`,
			"transactions: needs a credits ledger"},
	} {
		if _, err := conformance.Parse([]byte(bad.json)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Parse: error %v, want one containing %q", err, bad.want)
		}
	}
	// Inputs with bad values are the case's own rejection.
	c, err := conformance.Parse([]byte(`{"system": "waldur", "plan": {"components": []}, "resource": {"created": "yesterday"}, "month": "March", "expect": {"error": "month"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if diffs := c.Check(); len(diffs) > 0 {
		t.Errorf("a bad month should reject the case: %v", diffs)
	}
}
