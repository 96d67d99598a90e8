package frontier_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/frontier"
	"github.com/ratecard/ratecard/price"
)

// seedPlan is the plan object of Frontier's update-plan response (seed 004), with
// values filled in: int64 fields as strings, as Frontier writes them.
const seedPlan = `{
  "plan": {
    "id": "plan_1", "name": "starter_monthly", "title": "Starter", "description": "",
    "products": [
      {"id": "prod_1", "name": "seats", "title": "Seats", "description": "", "plan_ids": ["plan_1"], "state": "active",
       "prices": [{"id": "price_1", "product_id": "prod_1", "provider_id": "price_stripe_1", "name": "seats_monthly",
         "interval": "month", "usage_type": "licensed", "billing_scheme": "flat", "state": "active", "currency": "usd",
         "amount": "1500", "metered_aggregate": "", "tier_mode": "", "metadata": {},
         "created_at": "2024-05-21T15:36:02.914Z", "updated_at": "2024-05-21T15:36:02.914Z"}],
       "behavior": "per_seat",
       "features": [{"id": "feat_1", "name": "sso", "product_ids": ["prod_1"], "title": "SSO", "metadata": {},
         "created_at": "2024-05-21T15:36:02.914Z", "updated_at": "2024-05-21T15:36:02.914Z"}],
       "behavior_config": {"credit_amount": "0", "seat_limit": "25", "min_quantity": "0", "max_quantity": "0"},
       "metadata": {}, "created_at": "2024-05-21T15:36:02.914Z", "updated_at": "2024-05-21T15:36:02.914Z"}
    ],
    "interval": "month", "on_start_credits": "500", "trial_days": "7", "metadata": {},
    "created_at": "2024-05-21T15:36:02.914Z", "updated_at": "2024-05-21T15:36:02.914Z"
  }
}`

func mustPlan(t testing.TB, js string) *frontier.Plan {
	t.Helper()
	p, err := frontier.Decode([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDecodeSeed(t *testing.T) {
	p := mustPlan(t, seedPlan)
	if p.ID != "plan_1" || p.Interval != frontier.IntervalMonth || p.OnStartCredits != 500 || p.TrialDays != 7 {
		t.Fatalf("plan %+v", p)
	}
	seats := p.Product("seats")
	if seats == nil || seats != p.Product("prod_1") || seats.Behavior != frontier.BehaviorPerSeat || seats.Config.SeatLimit != 25 {
		t.Fatalf("product %+v", seats)
	}
	pc := seats.Prices[0]
	if pc.UsageType != frontier.UsageLicensed || pc.Amount != 1500 || pc.Currency.Code() != "USD" || pc.MeteredAggregate != frontier.AggregateSum || pc.TierMode != frontier.TierGraduated {
		t.Errorf("price %+v (empty enums take Frontier's defaults)", pc)
	}
	if u, ok := pc.Model().(*price.Unit); !ok || price.ConfigOf(u).(price.UnitConfig).UnitAmount.String() != "15.00" {
		t.Errorf("model %#v: want unit at 15.00 (1500 cents)", pc.Model())
	}
	// The request body shape, and the bare plan object, read the same.
	body := strings.Replace(seedPlan, `"plan":`, `"body":`, 1)
	if q := mustPlan(t, body); q.ID != p.ID || len(q.Products) != 1 {
		t.Errorf("body form: %+v", q)
	}
}

func TestDecodeTiers(t *testing.T) {
	p := mustPlan(t, `{"interval": "month", "products": [{"name": "api", "prices": [
	  {"id": "g", "interval": "month", "usage_type": "metered", "billing_scheme": "tiered", "currency": "eur",
	   "tiers": [{"up_to": 1000, "unit_amount": 0}, {"up_to": "5000", "unit_amount": "3"}, {"up_to": "inf", "unit_amount": 1}]},
	  {"id": "v", "interval": "month", "usage_type": "metered", "billing_scheme": "tiered", "tier_mode": "volume", "currency": "jpy",
	   "tiers": [{"up_to": 10, "unit_amount": 100}, {"unit_amount": 80}]}]}]}`)
	g, v := p.Products[0].Prices[0], p.Products[0].Prices[1]
	// graduated: 1000 × 0 + 4000 × 0.03 + 1000 × 0.01 = 130.00
	rg, err := g.Model().Rate(price.Input{Quantity: ratecard.NewFromInt(6000)})
	if err != nil || !rg.Amount.Equal(ratecard.MustParse("130")) {
		t.Errorf("graduated at 6000: %v, %v; want 130", rg.Amount, err)
	}
	// volume in yen (no minor units): 11 × 80 = 880
	rv, err := v.Model().Rate(price.Input{Quantity: ratecard.NewFromInt(11)})
	if err != nil || !rv.Amount.Equal(ratecard.MustParse("880")) {
		t.Errorf("volume at 11: %v, %v; want 880", rv.Amount, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	price := func(fields string) string {
		return `{"id": "p", "interval": "month", "products": [{"name": "x", "prices": [{"id": "a", "interval": "month", ` + fields + `}]}]}`
	}
	tests := []struct {
		name, json string
		want       []string
	}{
		{"not an object", `"plan"`, []string{"frontier plan: "}},
		{"no interval", `{"id": "p", "products": []}`, []string{"frontier plan p: interval: required"}},
		{"interval", `{"interval": "fortnight", "products": []}`, []string{`interval: "fortnight" is not day, week, month or year`}},
		{"negative credits and trial", `{"interval": "day", "products": [], "on_start_credits": -5, "trial_days": "-1"}`,
			[]string{"on_start_credits: -5 is negative", "trial_days: -1 is negative"}},
		{"behavior", `{"interval": "day", "products": [{"name": "x", "behavior": "seats"}]}`, []string{`products[0].behavior: "seats" is not basic, credits or per_seat`}},
		{"min above max", `{"interval": "day", "products": [{"name": "x", "behavior_config": {"min_quantity": 5, "max_quantity": 2}}]}`,
			[]string{"products[0].behavior_config.min_quantity: 5 is above max_quantity 2"}},
		{"credits without credit_amount", `{"interval": "day", "products": [{"name": "pack", "behavior": "credits", "prices": [{"id": "a", "amount": 100}]}]}`,
			[]string{"products[0].behavior_config.credit_amount: required (≥ 1) on a credits product"}},
		{"a plan product's price without interval", `{"interval": "day", "products": [{"name": "x", "prices": [{"id": "a", "amount": 100}]}]}`,
			[]string{"products[0].prices[0].interval: required on a basic product's price"}},
		{"flat without amount", price(`"currency": "usd"`), []string{"products[0].prices[0].amount: required for the flat scheme"}},
		{"negative amount", price(`"amount": -1`), []string{"prices[0].amount: -1 is negative"}},
		{"unknown currency", price(`"amount": 1, "currency": "xyz"`), []string{`prices[0].currency: "xyz"`}},
		{"usage type", price(`"amount": 1, "usage_type": "seat"`), []string{`prices[0].usage_type: "seat" is not licensed or metered`}},
		{"last_ever", price(`"amount": 1, "usage_type": "metered", "metered_aggregate": "last_ever"`),
			[]string{"prices[0].metered_aggregate: last_ever is not supported"}},
		{"tiers on flat", price(`"amount": 1, "tiers": []`), []string{"prices[0].tiers: tiers belong to the tiered scheme"}},
		{"tiered without tiers", price(`"billing_scheme": "tiered"`), []string{"prices[0].tiers: required"}},
		{"empty tiers", price(`"billing_scheme": "tiered", "tiers": []`), []string{"prices[0].tiers: at least one tier is required"}},
		{"amount on tiered", price(`"billing_scheme": "tiered", "amount": 5, "tiers": [{"unit_amount": 1}]`),
			[]string{"prices[0].amount: 5, but a tiered price's amounts are in its tiers"}},
		{"unbounded middle tier", price(`"billing_scheme": "tiered", "tiers": [{"unit_amount": 1}, {"unit_amount": 2}]`),
			[]string{"prices[0].tiers[0].up_to: only the last tier may be unbounded"}},
		{"bounds not increasing", price(`"billing_scheme": "tiered", "tiers": [{"up_to": 500, "unit_amount": 1}, {"up_to": 100, "unit_amount": 1}, {"unit_amount": 1}]`),
			[]string{"prices[0].tiers[1].up_to: 100 does not exceed the previous tier's 500"}},
		{"bounded last tier", price(`"billing_scheme": "tiered", "tiers": [{"up_to": 500, "unit_amount": 1}]`),
			[]string{"prices[0].tiers[0].up_to: 500, but the last tier must be unbounded"}},
		{"zero bound", price(`"billing_scheme": "tiered", "tiers": [{"up_to": 0, "unit_amount": 1}, {"unit_amount": 1}]`),
			[]string{"prices[0].tiers[0].up_to: 0: a bound is at least 1"}},
		{"bound not a number", price(`"billing_scheme": "tiered", "tiers": [{"up_to": "lots", "unit_amount": 1}, {"unit_amount": 1}]`),
			[]string{`prices[0].tiers[0].up_to: "lots" is not a whole number`}},
		{"tier without unit amount", price(`"billing_scheme": "tiered", "tiers": [{"up_to": "inf"}]`), []string{"tiers[0].unit_amount: required"}},
		{"flat amount", price(`"billing_scheme": "tiered", "tiers": [{"up_to": "inf", "unit_amount": 1, "flat_amount": 100}]`),
			[]string{"tiers[0].flat_amount: 100: flat amounts per tier are not supported"}},
		{"repeated id", `{"interval": "day", "products": [{"name": "x", "prices": [{"id": "a", "amount": 1}]}, {"name": "y", "prices": [{"id": "a", "amount": 1}]}]}`,
			[]string{`products[1].prices[0].id: "a" repeats products[0].prices[0]`}},
		{"no id or name", `{"interval": "day", "products": [{"name": "x", "prices": [{"amount": 1}]}]}`, []string{"products[0].prices[0].id: required (or a name)"}},
		{"unknown field", price(`"amount": 1, "unit_amount": 5`), []string{"prices[0].unit_amount: unknown field"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := frontier.Decode([]byte(tt.json))
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
