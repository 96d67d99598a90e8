package waldur_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/waldur"
)

const validPlan = `{
  "uuid": "p1", "name": "VM", "unit": "month", "unit_price": "31.96", "archived": true,
  "components": [
    {"type": "cores", "name": "CPU", "measured_unit": "cores", "billing_type": "fixed", "amount": 4, "price": "4.99"},
    {"type": "ram", "billing_type": "limit", "price": "0.50", "discount_threshold": 64, "discount_rate": 10},
    {"type": "gpu_hours", "billing_type": "usage", "price": "1.20"},
    {"type": "setup", "billing_type": "one", "price": "25"},
    {"type": "migrate", "billing_type": "few", "price": "7.50"},
    {"type": "backup", "price": "2", "amount": 3, "future_price": "2.50", "future_price_set_at": "2026-03-14T10:00:00Z"}
  ],
  "prices": {"cores": 4.99, "ram": "0.5", "gpu_hours": 1.2, "setup": 25, "migrate": 7.5, "backup": 2},
  "future_prices": {"cores": null, "backup": "2.5"},
  "quotas": {"cores": 4, "ram": 0, "backup": 3},
  "url": "https://example.com/api/marketplace-plans/p1/", "offering": "https://example.com/o/1/",
  "init_price": 25, "switch_price": 7.5, "minimal_price": 0, "plan_type": "mixed", "resources_count": 2,
  "organization_groups": [], "max_amount": null, "is_active": true, "description": "", "article_code": "", "backend_id": ""
}`

func TestDecode(t *testing.T) {
	p, err := waldur.Decode([]byte(validPlan))
	if err != nil {
		t.Fatal(err)
	}
	if p.UUID != "p1" || p.Unit != waldur.UnitMonth || !p.Archived || len(p.Components) != 6 {
		t.Fatalf("decoded %+v", p)
	}
	backup := p.Component("backup")
	if backup.BillingType != waldur.BillingFixed || backup.Amount != 3 || backup.FuturePrice == nil || backup.FuturePriceSetAt.IsZero() {
		t.Errorf("backup: %+v (billing_type defaults to fixed; its future price has a time)", backup)
	}
	got := map[string]string{"init": p.InitPrice().String(), "switch": p.SwitchPrice().String(), "minimal": p.MinimalPrice().String()}
	// minimal_price: limit ram 0.50 + fixed cores 4.99 × 4 + fixed backup 2 × 3 + one-time setup 25.
	want := map[string]string{"init": "25", "switch": "7.50", "minimal": "51.46"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("display prices (-want +got):\n%s", diff)
	}
	if p.Component("nope") != nil {
		t.Error("Component of an unknown type is not nil")
	}
}

func TestDecodeDefaultsAndFuturePrice(t *testing.T) {
	p, err := waldur.Decode([]byte(`{"components": [{"type": "x", "price": "1", "future_price": "2", "future_price_set_at": "2026-04-01T00:00:00Z"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	c := p.Components[0]
	if p.Unit != waldur.UnitMonth || c.BillingType != waldur.BillingFixed {
		t.Errorf("unit %s, billing type %s: want month and fixed by default", p.Unit, c.BillingType)
	}
	for _, tt := range []struct {
		month string
		want  string
	}{
		{"2026-04-01T00:00:00Z", "1"}, // set at the start of April: April did not start after it
		{"2026-05-01T00:00:00Z", "2"},
		{"2026-03-01T00:00:00Z", "1"},
	} {
		if got := c.PriceIn(ts(tt.month)); got.String() != tt.want {
			t.Errorf("PriceIn(%s) = %s, want %s", tt.month, got, tt.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, json string
		want       []string
	}{
		{"not an object", `[]`, []string{"waldur plan: "}},
		{"no components", `{"uuid": "p"}`, []string{"waldur plan p: components: required"}},
		{"unit", `{"unit": "week", "components": []}`, []string{`unit: "week" is not month`}},
		{"missing price", `{"components": [{"type": "a"}]}`, []string{"components[0].price: required"}},
		{"negative price", `{"components": [{"type": "a", "price": "-1"}]}`, []string{"components[0].price: -1 is negative"}},
		{"repeated type", `{"components": [{"type": "a", "price": 1}, {"type": "a", "price": 2}]}`,
			[]string{`components[1].type: "a" repeats components[0]`}},
		{"billing type", `{"components": [{"type": "a", "price": 1, "billing_type": "monthly"}]}`,
			[]string{`components[0].billing_type: "monthly" is not fixed, usage, limit, one or few`}},
		{"quota on a usage component", `{"components": [{"type": "a", "price": 1, "billing_type": "usage", "amount": 5}]}`,
			[]string{"components[0].amount: 5, but a quota applies to fixed components only (this one is usage)"}},
		{"discount on a fixed component", `{"components": [{"type": "a", "price": 1, "discount_threshold": 5, "discount_rate": 10}]}`,
			[]string{"components[0].discount_rate: volume discounts apply to limit components; this one is fixed"}},
		{"rate without threshold", `{"components": [{"type": "a", "price": 1, "billing_type": "limit", "discount_rate": 10}]}`,
			[]string{"components[0].discount_threshold: required (≥ 1) with discount_rate 10"}},
		{"rate above 100", `{"components": [{"type": "a", "price": 1, "billing_type": "limit", "discount_threshold": 1, "discount_rate": 101}]}`,
			[]string{"components[0].discount_rate: 101 is not a percentage (0–100)"}},
		{"set_at without future price", `{"components": [{"type": "a", "price": 1, "future_price_set_at": "2026-01-01T00:00:00Z"}]}`,
			[]string{"components[0].future_price_set_at: set, but there is no future_price"}},
		{"set_at not a time", `{"components": [{"type": "a", "price": 1, "future_price": 2, "future_price_set_at": "March"}]}`,
			[]string{`components[0].future_price_set_at: "March" is not an RFC 3339 time`}},
		{"prices disagree", `{"components": [{"type": "a", "price": "1.50"}], "prices": {"a": "1.5", "b": 2}, "quotas": {"a": 2}}`,
			[]string{`prices.b: no component has type "b"`, "quotas.a: 2 disagrees with the component's 0"}},
		{"future prices disagree", `{"components": [{"type": "a", "price": 1}], "future_prices": {"a": 3}}`,
			[]string{"future_prices.a: 3 disagrees with the component's null"}},
		{"unknown field", `{"components": [{"type": "a", "price": 1, "colour": "red"}], "speed": 1}`,
			[]string{"components[0].colour: unknown field", "speed: unknown field"}},
		{"every problem", `{"uuid": "p", "unit": "x", "components": [{"price": "-2"}]}`,
			[]string{"unit:", "components[0].type: required", "components[0].price: -2 is negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := waldur.Decode([]byte(tt.json))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("%v does not match ratecard.ErrInvalid", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}
