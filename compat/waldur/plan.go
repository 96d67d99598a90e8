package waldur

import (
	"encoding/json"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// BillingType is how a component is charged: Waldur's offering component billing_type.
type BillingType string

// The billing types.
const (
	BillingFixed    BillingType = "fixed" // price × the plan's quota (amount) × the unit quantity
	BillingUsage    BillingType = "usage" // price × the usage reported for the month
	BillingLimit    BillingType = "limit" // price × the resource's limit, day-weighted
	BillingOneTime  BillingType = "one"   // price, once, when the resource is created
	BillingOnSwitch BillingType = "few"   // price, once, when a resource switches to the plan
)

func (t BillingType) valid() bool {
	switch t {
	case BillingFixed, BillingUsage, BillingLimit, BillingOneTime, BillingOnSwitch:
		return true
	}
	return false
}

// Component is one priced component of a plan.
type Component struct {
	Type         string // the offering component's internal name, unique in the plan: "cores"
	Name         string // its display name: "CPU cores"
	MeasuredUnit string
	BillingType  BillingType
	Price        ratecard.Decimal // per unit of the plan's Unit (fixed, limit), per unit of usage, or once
	Amount       int64            // the quota of a fixed component
	// FuturePrice replaces Price from the first billing month that starts after
	// FuturePriceSetAt; nil when no change is scheduled.
	FuturePrice      *ratecard.Decimal
	FuturePriceSetAt time.Time
	// DiscountThreshold and DiscountRate are the volume discount of a limit component:
	// DiscountRate % off a month's charge when its limit in the month (a day plan's
	// Σ limit × days, another plan's day-weighted limit) is at least
	// DiscountThreshold; 0 for none.
	DiscountThreshold int64
	DiscountRate      int64
}

// PriceIn returns the component's price for the billing month that starts at
// monthStart: FuturePrice once a month has started after it was set, else Price.
func (c *Component) PriceIn(monthStart time.Time) ratecard.Decimal {
	if c.FuturePrice != nil && c.FuturePriceSetAt.Before(monthStart) && !c.FuturePriceSetAt.IsZero() {
		return *c.FuturePrice
	}
	return c.Price
}

// displayName is the name lines carry: the component's name, else its type.
func (c *Component) displayName() string {
	if c.Name != "" {
		return c.Name
	}
	return c.Type
}

// Plan is a validated Waldur marketplace plan. A Plan is immutable and safe for
// concurrent use.
type Plan struct {
	UUID, Name string
	Unit       Unit             // the billing unit of its fixed and limit components
	UnitPrice  ratecard.Decimal // Waldur's unit_price, kept for display; components carry the prices
	Archived   bool             // no new resources; existing ones are still billed
	Components []*Component     // in the plan's order, which is the order of lines
}

// Component returns the component of a type, or nil.
func (p *Plan) Component(typ string) *Component {
	for _, c := range p.Components {
		if c.Type == typ {
			return c
		}
	}
	return nil
}

// InitPrice is what a new resource pays once: the sum of the one-time components'
// prices (Waldur's init_price).
func (p *Plan) InitPrice() ratecard.Decimal { return p.sum(BillingOneTime) }

// SwitchPrice is what a resource pays once on switching to the plan: the sum of the
// on-switch components' prices (Waldur's switch_price).
func (p *Plan) SwitchPrice() ratecard.Decimal { return p.sum(BillingOnSwitch) }

// MinimalPrice is the least a resource on the plan costs, as Waldur shows it
// (minimal_price): every limit component's price (one unit), every fixed component's
// price × its quota (at least 1), and every one-time component's price.
func (p *Plan) MinimalPrice() ratecard.Decimal {
	var sum ratecard.Decimal
	for _, c := range p.Components {
		switch c.BillingType {
		case BillingLimit, BillingOneTime:
			sum = sum.Add(c.Price)
		case BillingFixed:
			sum = sum.Add(c.Price.Mul(ratecard.NewFromInt(max(c.Amount, 1))))
		}
	}
	return sum
}

func (p *Plan) sum(t BillingType) ratecard.Decimal {
	var sum ratecard.Decimal
	for _, c := range p.Components {
		if c.BillingType == t {
			sum = sum.Add(c.Price)
		}
	}
	return sum
}

// Fields of Waldur's plan object that carry no pricing, or that Waldur computes from
// the components (init_price, switch_price, minimal_price, plan_type), and are
// ignored when present.
var ignoredPlanFields = []string{"url", "description", "article_code", "max_amount", "is_active",
	"init_price", "switch_price", "minimal_price", "plan_type", "backend_id", "organization_groups",
	"offering", "resources_count"}

// Decode reads a Waldur plan, as the marketplace-plans API returns it, with the
// component fields of the offering that pricing needs: billing_type (default fixed,
// as in Waldur), and our future_price_set_at (RFC 3339), the moment future_price was
// set. prices, quotas and future_prices, when present, must agree with the
// components. Every problem is reported at its field path, labelled with the plan:
// "waldur plan p1: components[2].discount_rate: 120 is not a percentage (0–100)".
func Decode(data []byte) (*Plan, error) {
	var errs wire.Errors
	p := decodePlan(data, &errs)
	context := "waldur plan"
	if p != nil && p.UUID != "" {
		context += " " + p.UUID
	} else if p != nil && p.Name != "" {
		context += " " + p.Name
	}
	if err := errs.Err(); err != nil {
		return nil, ratecard.Within(context, err)
	}
	return p, nil
}

func decodePlan(data []byte, errs *wire.Errors) *Plan {
	o := wire.Read(data, "", errs)
	if o == nil {
		return nil
	}
	p := &Plan{UUID: o.String("uuid", false), Name: o.String("name", false), Unit: UnitMonth}
	if u := o.String("unit", false); u != "" {
		p.Unit = Unit(u)
		if !p.Unit.valid() {
			errs.Addf(o.Path("unit"), "%q is not month, quarter, half_month, day, hour or quantity", u)
		}
	}
	if up := o.OptDecimal("unit_price"); up != nil {
		if up.Sign() < 0 {
			errs.Addf(o.Path("unit_price"), "%s is negative", up)
		}
		p.UnitPrice = *up
	}
	if a := o.Bool("archived"); a != nil {
		p.Archived = *a
	}
	seen := map[string]int{}
	for i, raw := range o.Array("components", true) {
		c := decodeComponent(raw, ratecard.Index("components", i), errs)
		if c == nil {
			continue
		}
		if j, dup := seen[c.Type]; dup && c.Type != "" {
			errs.Addf(ratecard.Index("components", i)+".type", "%q repeats components[%d]", c.Type, j)
		}
		seen[c.Type] = i
		p.Components = append(p.Components, c)
	}
	agree(o, "prices", p, errs, func(c *Component) *ratecard.Decimal { return &c.Price })
	agree(o, "future_prices", p, errs, func(c *Component) *ratecard.Decimal { return c.FuturePrice })
	agree(o, "quotas", p, errs, func(c *Component) *ratecard.Decimal { return new(ratecard.NewFromInt(c.Amount)) })
	o.Done(ignoredPlanFields...)
	return p
}

// agree checks one of Waldur's summary maps (component type → value) against the
// components: each entry must name a component and match its value.
func agree(o *wire.Object, key string, p *Plan, errs *wire.Errors, value func(*Component) *ratecard.Decimal) {
	raw := o.Raw(key)
	if raw == nil {
		return
	}
	m := wire.Read(raw, o.Path(key), errs)
	if m == nil {
		return
	}
	for _, typ := range m.Keys() {
		got := m.OptDecimal(typ)
		c := p.Component(typ)
		if c == nil {
			errs.Addf(m.Path(typ), "no component has type %q", typ)
			continue
		}
		want := value(c)
		switch {
		case got == nil && want == nil:
		case got == nil || want == nil || !got.Equal(*want):
			errs.Addf(m.Path(typ), "%s disagrees with the component's %s", show(got), show(want))
		}
	}
}

func show(d *ratecard.Decimal) string {
	if d == nil {
		return "null"
	}
	return d.String()
}

func decodeComponent(raw json.RawMessage, at string, errs *wire.Errors) *Component {
	o := wire.Read(raw, at, errs)
	if o == nil {
		return nil
	}
	c := &Component{
		Type:         o.String("type", true),
		Name:         o.String("name", false),
		MeasuredUnit: o.String("measured_unit", false),
		BillingType:  BillingFixed,
		Price:        o.Decimal("price"),
	}
	if c.Price.Sign() < 0 {
		errs.Addf(o.Path("price"), "%s is negative", c.Price)
	}
	if bt := o.String("billing_type", false); bt != "" {
		c.BillingType = BillingType(bt)
		if !c.BillingType.valid() {
			errs.Addf(o.Path("billing_type"), "%q is not fixed, usage, limit, one or few", bt)
		}
	}
	if n := o.Int("amount"); n != nil {
		switch {
		case *n < 0:
			errs.Addf(o.Path("amount"), "%d is negative", *n)
		case *n > 0 && c.BillingType != BillingFixed:
			errs.Addf(o.Path("amount"), "%d, but a quota applies to fixed components only (this one is %s)", *n, c.BillingType)
		default:
			c.Amount = *n
		}
	}
	if fp := o.OptDecimal("future_price"); fp != nil {
		if fp.Sign() < 0 {
			errs.Addf(o.Path("future_price"), "%s is negative", fp)
		}
		c.FuturePrice = fp
	}
	if s := o.String("future_price_set_at", false); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		switch {
		case err != nil:
			errs.Addf(o.Path("future_price_set_at"), "%q is not an RFC 3339 time", s)
		case c.FuturePrice == nil:
			errs.Addf(o.Path("future_price_set_at"), "set, but there is no future_price")
		default:
			c.FuturePriceSetAt = t
		}
	}
	threshold, rate := o.Int("discount_threshold"), o.Int("discount_rate")
	if threshold != nil {
		if *threshold < 0 {
			errs.Addf(o.Path("discount_threshold"), "%d is negative", *threshold)
		} else {
			c.DiscountThreshold = *threshold
		}
	}
	if rate != nil {
		if *rate < 0 || *rate > 100 {
			errs.Addf(o.Path("discount_rate"), "%d is not a percentage (0–100)", *rate)
		} else {
			c.DiscountRate = *rate
		}
	}
	switch {
	case c.DiscountRate > 0 && c.BillingType != BillingLimit:
		errs.Addf(o.Path("discount_rate"), "volume discounts apply to limit components; this one is %s", c.BillingType)
	case c.DiscountRate > 0 && c.DiscountThreshold == 0:
		errs.Addf(o.Path("discount_threshold"), "required (≥ 1) with discount_rate %d", c.DiscountRate)
	}
	o.Done()
	return c
}
