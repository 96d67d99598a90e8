package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs the command and returns its exit code, stdout and stderr.
func cli(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(good, []byte(`{"name": "good", "plan": {"currency": "USD", "prices": [
	  {"id": "a", "price_type": "fixed_price", "cadence": "monthly", "model_type": "unit", "unit_config": {"unit_amount": "10.00"}}]},
	  "subscription": {"start": "2026-01-01T00:00:00Z"},
	  "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"},
	  "expect": {"total": "10.00"}}`), 0o644)
	os.WriteFile(bad, []byte(`{"name": "bad", "plan": {"currency": "USD", "prices": [
	  {"id": "a", "price_type": "fixed_price", "cadence": "monthly", "model_type": "unit", "unit_config": {"unit_amount": "-10.00"}}]},
	  "subscription": {"start": "2026-01-01T00:00:00Z"},
	  "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"},
	  "expect": {"total": "10.00"}}`), 0o644)
	array := filepath.Join(dir, "array.json")
	os.WriteFile(array, []byte(`[{"name": "a case in a list"}]`), 0o644)
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string // parts each must contain
	}{
		{"invoice table", []string{"invoice", good}, 0, "Total", ""},
		{"invoice json", []string{"invoice", good, "--format", "json"}, 0, `"total": "10.00"`, ""},
		{"flags before the file", []string{"invoice", "--format=json", good}, 0, `"total": "10.00"`, ""},
		{"invoice of a bad plan", []string{"invoice", bad}, 1, "", "unit_config.unit_amount: -10.00 is negative"},
		{"validate good", []string{"validate", good}, 0, "valid: case \"good\"", ""},
		{"validate bad", []string{"validate", bad}, 1, "", "price a: unit_config.unit_amount: -10.00 is negative"},
		{"validate a JSON array", []string{"validate", array}, 1, "", "not a JSON object: a plan or a case is one"},
		{"conform passes", []string{"conform", good}, 0, "1 passed, 0 failed", ""},
		{"conform fails", []string{"conform", good, bad}, 1, "1 passed, 1 failed", ""},
		{"conform of a missing file: a failing case, not a stop", []string{"conform", good, filepath.Join(dir, "none.json")}, 1, "1 passed, 1 failed", ""},
		{"no command", nil, 2, "", "usage:"},
		{"unknown command", []string{"bill"}, 2, "", `unknown command "bill"`},
		{"unknown flag", []string{"invoice", "--colour", good}, 2, "", "flag provided but not defined"},
		{"bad format", []string{"invoice", good, "--format", "xml"}, 2, "", "--format"},
		{"plan without period", []string{"invoice", "--plan", good}, 2, "", "--period-start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
					code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
			if code != 0 && tt.name != "conform fails" && stdout != "" && !strings.HasPrefix(tt.name, "conform") {
				t.Errorf("a failed command printed to stdout: %q", stdout)
			}
		})
	}
}

// TestStreamingInvoice prices a plan against a JSON Lines file, and fails with the line
// number, printing no invoice, when a line is malformed.
func TestStreamingInvoice(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	planFile := write("plan.json", `{"id": "p", "currency": "USD", "prices": [
	  {"id": "calls", "name": "Calls", "price_type": "usage_price", "cadence": "monthly", "billable_metric": {"id": "m"},
	   "model_type": "unit", "unit_config": {"unit_amount": "0.10"}}]}`)
	metrics := write("metrics.json", `[{"id": "m", "event_name": "call", "aggregation": "sum", "property": "n"}]`)
	good := write("good.jsonl", `{"event_name":"call","timestamp":"2026-01-02T00:00:00Z","properties":{"n":3}}
{"event_name":"call","timestamp":"2026-01-03T00:00:00Z","properties":{"n":"7"}}
`)
	bad := write("bad.jsonl", `{"event_name":"call","timestamp":"2026-01-02T00:00:00Z","properties":{"n":3}}

{"event_name":"call","properties":{"n":3}}
`)
	args := func(events string) []string {
		return []string{"invoice", "--plan", planFile, "--metrics", metrics, "--events", events,
			"--start", "2026-01-01T00:00:00Z", "--period-start", "2026-01-01T00:00:00Z", "--period-end", "2026-02-01T00:00:00Z"}
	}
	code, stdout, stderr := cli(args(good)...)
	if code != 0 || !strings.Contains(stdout, "1.00") {
		t.Errorf("good events: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = cli(args(bad)...)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "line 3: timestamp: required") {
		t.Errorf("bad events: exit %d, stdout %q, stderr %q; want exit 1, no invoice, the line number", code, stdout, stderr)
	}
}

// TestOtherSystems: validate tells Waldur and Frontier plans by their shape (or
// --system), and a case of several invoices prints them all.
func TestOtherSystems(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	waldurPlan := write("waldur.json", `{"uuid": "w1", "unit": "half_month", "components": [
	  {"type": "cores", "billing_type": "fixed", "amount": 2, "price": "3"}, {"type": "setup", "billing_type": "one", "price": "9"}]}`)
	frontierPlan := write("frontier.json", `{"plan": {"id": "f1", "interval": "week", "trial_days": 3, "products": [
	  {"name": "base", "prices": [{"id": "b", "interval": "week", "amount": 500}]}]}}`)
	badWaldur := write("bad-waldur.json", `{"uuid": "w2", "components": [{"type": "cores", "price": "-3"}]}`)
	const cases = "../../testdata/conformance/"
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"a Waldur plan", []string{"validate", waldurPlan}, 0,
			"valid: waldur plan w1: 2 components, unit half_month, init_price 9, switch_price 0, minimal_price 15", ""},
		{"a Frontier plan", []string{"validate", frontierPlan}, 0,
			"valid: frontier plan f1: 1 products, 1 prices, billed every week, 3 trial days, 0 on-start credits", ""},
		{"a bad Waldur plan", []string{"validate", badWaldur}, 1, "", "waldur plan w2: components[0].price: -3 is negative"},
		{"--system overrides the shape", []string{"validate", "--system", "orb", waldurPlan}, 1, "", "prices: required"},
		{"an unknown system", []string{"validate", "--system", "lago", waldurPlan}, 2, "", `--system "lago"`},
		{"a Waldur case", []string{"validate", cases + "waldur_plan_switch.json"}, 0, `valid: waldur case "waldur: plan switch`, ""},
		{"a Frontier case of two invoices", []string{"invoice", cases + "frontier_trial.json"}, 0, "Invoice USD 2026-03-24 – 2026-04-24", ""},
		{"its JSON is an array", []string{"invoice", "--format", "json", cases + "frontier_trial.json"}, 0, "[\n  {", ""},
		{"a refused invoice fails the command", []string{"invoice", cases + "frontier_per_seat_limit.json"}, 1, "", "12 seats exceed the limit of 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
					code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}
