package frontier

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
	"github.com/ratecard/ratecard/price"
)

// Interval is how often a price is billed.
type Interval string

// The intervals of Frontier's API.
const (
	IntervalDay   Interval = "day"
	IntervalWeek  Interval = "week"
	IntervalMonth Interval = "month"
	IntervalYear  Interval = "year"
)

// UsageType is whether a price charges for a licensed quantity or for metered usage.
type UsageType string

// The usage types.
const (
	UsageLicensed UsageType = "licensed" // a quantity (1, or the seats of a per-seat product), billed in advance
	UsageMetered  UsageType = "metered"  // usage aggregated over the period, billed in arrears
)

// BillingScheme is whether a price has one rate or tiers.
type BillingScheme string

// The billing schemes.
const (
	SchemeFlat   BillingScheme = "flat"
	SchemeTiered BillingScheme = "tiered"
)

// TierMode is how tiers price a quantity.
type TierMode string

// The tier modes.
const (
	TierGraduated TierMode = "graduated" // each unit at its tier's rate (ratecard's tiered model)
	TierVolume    TierMode = "volume"    // every unit at the rate of the tier the quantity falls in (bulk)
)

// Aggregate is how a metered price turns usage into a quantity.
type Aggregate string

// The metered aggregations.
const (
	AggregateSum              Aggregate = "sum"
	AggregateLastDuringPeriod Aggregate = "last_during_period"
	AggregateMax              Aggregate = "max"
)

// Behavior is what a product is: a plain product, a pack of credits, or seats.
type Behavior string

// The product behaviors.
const (
	BehaviorBasic   Behavior = "basic"
	BehaviorCredits Behavior = "credits"  // bought separately; grants credits, is not billed by the plan
	BehaviorPerSeat Behavior = "per_seat" // its licensed prices are charged per seat
)

// Tier is one tier of a tiered price, in the currency's minor units, as Stripe (which
// Frontier bills through) writes them.
type Tier struct {
	UpTo       int64 // the tier's inclusive upper bound; 0 for the last, unbounded tier
	UnitAmount int64 // per unit, in minor units
}

// Price is one price of a product.
type Price struct {
	ID, Name         string
	Interval         Interval
	UsageType        UsageType
	BillingScheme    BillingScheme
	TierMode         TierMode
	MeteredAggregate Aggregate
	Currency         ratecard.Currency
	Amount           int64 // flat scheme: per unit, in minor units
	Tiers            []Tier
	State            string // "active" (or empty) is billed; other states are not

	model price.Price // the rating model, in major units
}

// Model returns the pricing model the price is rated with: unit for the flat scheme,
// tiered (graduated) or bulk (volume) for tiers, with amounts in major units.
func (p *Price) Model() price.Price { return p.model }

// active reports whether a plan bills the price.
func (p *Price) active() bool { return p.State == "" || p.State == "active" }

// BehaviorConfig is a product's behavior settings.
type BehaviorConfig struct {
	CreditAmount int64 // credits granted per unit bought (credits products)
	SeatLimit    int64 // the most seats a per-seat product allows; 0 for no limit
	MinQuantity  int64 // the fewest units one purchase may buy; 0 for 1
	MaxQuantity  int64 // the most units one purchase may buy; 0 for 100,000 (Frontier's default)
}

// Product is a product of a plan with its prices.
type Product struct {
	ID, Name, Title string
	Behavior        Behavior
	Config          BehaviorConfig
	Prices          []*Price

	index int // its position in products, for field paths
}

// Plan is a validated Frontier plan. A Plan is immutable and safe for concurrent use.
type Plan struct {
	ID, Name, Title string
	Interval        Interval // the plan bills its products' prices of this interval
	OnStartCredits  int64    // credits granted once per customer when it subscribes
	TrialDays       int64    // free days from the subscription start, once per customer
	Products        []*Product
}

// Product returns the product with an id or a name, or nil.
func (p *Plan) Product(idOrName string) *Product {
	for _, pr := range p.Products {
		if pr.ID == idOrName || pr.Name == idOrName {
			return pr
		}
	}
	return nil
}

// label names the plan in errors.
func (p *Plan) label() string {
	if p.ID != "" {
		return p.ID
	}
	return p.Name
}

// maxTrialDays bounds trial_days: ten years.
const maxTrialDays = 3660

// Fields Frontier's objects carry that do not affect pricing.
var (
	ignoredPlanFields    = []string{"description", "metadata", "created_at", "updated_at", "state"}
	ignoredProductFields = []string{"description", "plan_ids", "state", "features", "metadata", "created_at", "updated_at"}
	ignoredPriceFields   = []string{"product_id", "provider_id", "metadata", "created_at", "updated_at"}
)

// Decode reads a Frontier plan: the plan object, or the update-plan request body
// ({"body": {…}}) or response ({"plan": {…}}) that wraps it. int64 fields may be JSON
// numbers or strings, as Frontier writes them. Prices may carry tiers, which
// Frontier's API schema leaves out: a Stripe-style list of {"up_to": n | null |
// "inf", "unit_amount": n, "flat_amount": 0} in minor units. Every problem is
// reported at its field path: "frontier plan starter: products[0].prices[1].tiers[2].up_to:
// 100 does not exceed the previous tier's 500".
func Decode(data []byte) (*Plan, error) {
	var errs wire.Errors
	p := decodePlan(data, &errs)
	if err := errs.Err(); err != nil {
		context := "frontier plan"
		if p != nil && p.label() != "" {
			context += " " + p.label()
		}
		return nil, ratecard.Within(context, err)
	}
	return p, nil
}

func decodePlan(data []byte, errs *wire.Errors) *Plan {
	o := wire.Read(data, "", errs)
	if o == nil {
		return nil
	}
	keys := o.Keys()
	if len(keys) == 1 && (keys[0] == "plan" || keys[0] == "body") {
		o = o.Object(keys[0], true)
		if o == nil {
			return nil
		}
	}
	p := &Plan{ID: o.String("id", false), Name: o.String("name", false), Title: o.String("title", false)}
	p.Interval = Interval(o.String("interval", true))
	if p.Interval != "" && !p.Interval.valid() {
		errs.Addf(o.Path("interval"), "%q is not day, week, month or year", p.Interval)
	}
	p.OnStartCredits = nonNegative(o, "on_start_credits", errs)
	p.TrialDays = nonNegative(o, "trial_days", errs)
	if p.TrialDays > maxTrialDays {
		errs.Addf(o.Path("trial_days"), "%d is out of range 0–%d", p.TrialDays, maxTrialDays)
	}
	seen := map[string]string{}
	for i, raw := range o.Array("products", true) {
		pr := decodeProduct(raw, ratecard.Index("products", i), errs)
		if pr == nil {
			continue
		}
		pr.index = i
		for j, pc := range pr.Prices {
			at := fmt.Sprintf("products[%d].prices[%d]", i, j)
			if prev, dup := seen[pc.ID]; dup {
				errs.Addf(at+".id", "%q repeats %s", pc.ID, prev)
			}
			seen[pc.ID] = at
		}
		p.Products = append(p.Products, pr)
	}
	o.Done(ignoredPlanFields...)
	return p
}

func (i Interval) valid() bool {
	switch i {
	case IntervalDay, IntervalWeek, IntervalMonth, IntervalYear:
		return true
	}
	return false
}

// nonNegative reads an optional int64 that must not be negative.
func nonNegative(o *wire.Object, key string, errs *wire.Errors) int64 {
	n := o.Int(key)
	switch {
	case n == nil:
		return 0
	case *n < 0:
		errs.Addf(o.Path(key), "%d is negative", *n)
		return 0
	}
	return *n
}

func decodeProduct(raw json.RawMessage, at string, errs *wire.Errors) *Product {
	o := wire.Read(raw, at, errs)
	if o == nil {
		return nil
	}
	pr := &Product{ID: o.String("id", false), Name: o.String("name", false), Title: o.String("title", false), Behavior: BehaviorBasic}
	if b := o.String("behavior", false); b != "" {
		pr.Behavior = Behavior(b)
		switch pr.Behavior {
		case BehaviorBasic, BehaviorCredits, BehaviorPerSeat:
		default:
			errs.Addf(o.Path("behavior"), "%q is not basic, credits or per_seat", b)
		}
	}
	if c := o.Object("behavior_config", false); c != nil {
		pr.Config = BehaviorConfig{
			CreditAmount: nonNegative(c, "credit_amount", errs),
			SeatLimit:    nonNegative(c, "seat_limit", errs),
			MinQuantity:  nonNegative(c, "min_quantity", errs),
			MaxQuantity:  nonNegative(c, "max_quantity", errs),
		}
		if pr.Config.MaxQuantity > 0 && pr.Config.MinQuantity > pr.Config.MaxQuantity {
			errs.Addf(c.Path("min_quantity"), "%d is above max_quantity %d", pr.Config.MinQuantity, pr.Config.MaxQuantity)
		}
		c.Done("metadata")
	}
	if pr.Behavior == BehaviorCredits && pr.Config.CreditAmount == 0 {
		errs.Addf(o.Path("behavior_config.credit_amount"), "required (≥ 1) on a credits product: a purchase grants quantity × credit_amount")
	}
	for i, raw := range o.Array("prices", false) {
		pc := decodePrice(raw, ratecard.Index(o.Path("prices"), i), errs)
		if pc == nil {
			continue
		}
		if pc.Interval == "" && pr.Behavior != BehaviorCredits {
			errs.Addf(ratecard.Index(o.Path("prices"), i)+".interval",
				"required on a %s product's price: a plan bills the prices of its own interval, so one without is never billed", pr.Behavior)
		}
		pr.Prices = append(pr.Prices, pc)
	}
	o.Done(ignoredProductFields...)
	return pr
}

func decodePrice(raw json.RawMessage, at string, errs *wire.Errors) *Price {
	o := wire.Read(raw, at, errs)
	if o == nil {
		return nil
	}
	pc := &Price{
		ID:               o.String("id", false),
		Name:             o.String("name", false),
		Interval:         Interval(o.String("interval", false)),
		UsageType:        UsageType(orDefault(o.String("usage_type", false), string(UsageLicensed))),
		BillingScheme:    BillingScheme(orDefault(o.String("billing_scheme", false), string(SchemeFlat))),
		TierMode:         TierMode(orDefault(o.String("tier_mode", false), string(TierGraduated))),
		MeteredAggregate: Aggregate(orDefault(o.String("metered_aggregate", false), string(AggregateSum))),
		State:            o.String("state", false),
	}
	if pc.ID == "" {
		pc.ID = pc.Name
	}
	if pc.ID == "" {
		errs.Addf(o.Path("id"), "required (or a name): lines are identified by it")
	}
	if pc.Interval != "" && !pc.Interval.valid() {
		errs.Addf(o.Path("interval"), "%q is not day, week, month or year", pc.Interval)
	}
	switch pc.UsageType {
	case UsageLicensed, UsageMetered:
	default:
		errs.Addf(o.Path("usage_type"), "%q is not licensed or metered", pc.UsageType)
	}
	switch pc.MeteredAggregate {
	case AggregateSum, AggregateLastDuringPeriod, AggregateMax:
	case "last_ever":
		errs.Addf(o.Path("metered_aggregate"), "last_ever is not supported: a period's invoice rates the usage inside it")
	default:
		errs.Addf(o.Path("metered_aggregate"), "%q is not sum, last_during_period or max", pc.MeteredAggregate)
	}
	switch pc.TierMode {
	case TierGraduated, TierVolume:
	default:
		errs.Addf(o.Path("tier_mode"), "%q is not graduated or volume", pc.TierMode)
	}
	code := orDefault(o.String("currency", false), "usd")
	cur, err := ratecard.ParseCurrency(strings.ToUpper(code))
	if err != nil {
		errs.Addf(o.Path("currency"), "%q: %v", code, err)
	}
	pc.Currency = cur
	switch pc.BillingScheme {
	case SchemeFlat:
		given := o.Has("amount")
		n := o.Int("amount")
		switch {
		case n == nil && !given:
			errs.Addf(o.Path("amount"), "required for the flat scheme (minor units)")
		case n == nil: // malformed: reported by Int
		case *n < 0:
			errs.Addf(o.Path("amount"), "%d is negative", *n)
		default:
			pc.Amount = *n
		}
		if o.Has("tiers") {
			errs.Addf(o.Path("tiers"), "tiers belong to the tiered scheme")
		}
		o.Raw("tiers")
		if err == nil && n != nil && *n >= 0 {
			pc.model, _ = price.NewUnit(price.UnitConfig{UnitAmount: major(*n, cur)}) // valid: ≥ 0
		}
	case SchemeTiered:
		if n := o.Int("amount"); n != nil && *n != 0 {
			errs.Addf(o.Path("amount"), "%d, but a tiered price's amounts are in its tiers", *n)
		}
		pc.Tiers = decodeTiers(o, errs)
		if err == nil && len(pc.Tiers) > 0 {
			var merr error
			if pc.model, merr = tieredModel(pc, cur); merr != nil {
				errs.Add(o.Path("tiers"), merr)
			}
		}
	default:
		errs.Addf(o.Path("billing_scheme"), "%q is not flat or tiered", pc.BillingScheme)
	}
	o.Done(ignoredPriceFields...)
	return pc
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// major converts an amount in minor units to the currency's major units, exactly.
func major(minor int64, cur ratecard.Currency) ratecard.Decimal {
	return ratecard.New(minor, cur.Scale())
}

// decodeTiers reads a tiered price's tiers: up_to strictly increasing, only the last
// unbounded, no flat amounts.
func decodeTiers(o *wire.Object, errs *wire.Errors) []Tier {
	raws := o.Array("tiers", true)
	if raws != nil && len(raws) == 0 {
		errs.Addf(o.Path("tiers"), "at least one tier is required")
	}
	var tiers []Tier
	valid := true
	for i, raw := range raws {
		at := ratecard.Index(o.Path("tiers"), i)
		t := wire.Read(raw, at, errs)
		if t == nil {
			valid = false
			continue
		}
		var tier Tier
		switch v := t.Raw("up_to"); {
		case v == nil || string(v) == `"inf"`:
		default:
			n, err := upTo(v)
			if err != nil {
				errs.Addf(t.Path("up_to"), "%s", err)
				valid = false
			}
			tier.UpTo = n
		}
		switch {
		case tier.UpTo == 0 && i < len(raws)-1:
			errs.Addf(t.Path("up_to"), "only the last tier may be unbounded")
			valid = false
		case tier.UpTo != 0 && i == len(raws)-1:
			errs.Addf(t.Path("up_to"), "%d, but the last tier must be unbounded (null or \"inf\"), as Stripe requires", tier.UpTo)
			valid = false
		case tier.UpTo != 0 && len(tiers) > 0 && tier.UpTo <= tiers[len(tiers)-1].UpTo:
			errs.Addf(t.Path("up_to"), "%d does not exceed the previous tier's %d", tier.UpTo, tiers[len(tiers)-1].UpTo)
			valid = false
		}
		given := t.Has("unit_amount")
		if n := t.Int("unit_amount"); n == nil {
			if !given {
				errs.Addf(t.Path("unit_amount"), "required (minor units)")
			}
			valid = false
		} else if *n < 0 {
			errs.Addf(t.Path("unit_amount"), "%d is negative", *n)
			valid = false
		} else {
			tier.UnitAmount = *n
		}
		if n := t.Int("flat_amount"); n != nil && *n != 0 {
			errs.Addf(t.Path("flat_amount"), "%d: flat amounts per tier are not supported", *n)
			valid = false
		}
		t.Done()
		tiers = append(tiers, tier)
	}
	if !valid {
		return nil
	}
	return tiers
}

// upTo reads a tier's bound: a positive integer (as a number or a string).
func upTo(raw json.RawMessage) (int64, error) {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return 0, fmt.Errorf("%s is not a number, null or \"inf\"", raw)
		}
		n = json.Number(s)
	}
	v, err := n.Int64()
	if err != nil {
		return 0, fmt.Errorf("%s is not a whole number", raw)
	}
	if v < 1 {
		return 0, fmt.Errorf("%d: a bound is at least 1 (the last tier's is null or \"inf\")", v)
	}
	return v, nil
}

// tieredModel builds a tiered price's model: graduated tiers as ratecard's tiered
// model ((previous up_to, up_to]), volume tiers as bulk (maximum_units = up_to).
func tieredModel(pc *Price, cur ratecard.Currency) (price.Price, error) {
	if pc.TierMode == TierVolume {
		cfg := price.BulkConfig{}
		for _, t := range pc.Tiers {
			bt := price.BulkTier{UnitAmount: major(t.UnitAmount, cur)}
			if t.UpTo != 0 {
				bt.MaximumUnits = new(ratecard.NewFromInt(t.UpTo))
			}
			cfg.Tiers = append(cfg.Tiers, bt)
		}
		return price.NewBulk(cfg)
	}
	cfg := price.TieredConfig{}
	var first int64
	for _, t := range pc.Tiers {
		tt := price.Tier{FirstUnit: ratecard.NewFromInt(first), UnitAmount: major(t.UnitAmount, cur)}
		if t.UpTo != 0 {
			tt.LastUnit = new(ratecard.NewFromInt(t.UpTo))
		}
		first = t.UpTo
		cfg.Tiers = append(cfg.Tiers, tt)
	}
	return price.NewTiered(cfg)
}
