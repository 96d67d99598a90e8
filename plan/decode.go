package plan

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/discount"
	"github.com/ratecard/ratecard/internal/wire"
	"github.com/ratecard/ratecard/minimum"
	"github.com/ratecard/ratecard/phase"
	"github.com/ratecard/ratecard/price"
)

// Fields of Orb's objects that carry no pricing and are ignored when present.
var (
	ignoredPlanFields = []string{"description", "external_plan_id", "status", "version", "product",
		"metadata", "net_terms", "default_invoice_memo", "created_at", "base_plan", "base_plan_id",
		"minimum_amount", "maximum_amount"}
	ignoredPriceFields = []string{"item", "item_id", "created_at", "external_price_id", "metadata",
		"replaces_price_id", "invoice_grouping_key", "reference_id", "description", "minimum_amount",
		"maximum_amount", "license_type"}
	// Fields of Orb's price that change what it charges and are not modelled: null is
	// fine, anything else is an error rather than a silent misprice.
	unsupportedPriceFields = []string{"conversion_rate_config", "dimensional_price_configuration",
		"credit_allocation", "composite_price_filters", "invoicing_cycle_configuration"}
	ignoredAdjustmentFields = []string{"id", "reason", "is_invoice_level", "item_id", "replaces_adjustment_id"}
	ignoredPhaseFields      = []string{"id", "description", "minimum_amount", "maximum_amount"}
)

// Decode reads an Orb plan and validates it. Decimals may be JSON strings or numbers.
// Every problem is reported, at its field path, labelled with the plan: "plan
// plan_api: prices[3].plan_phase_order: phase 4 does not exist", or, inside a price's
// model, "plan plan_api: price p_api: tiered_config.tiers[2].first_unit: gap after
// tier 1 (last_unit 10)".
func Decode(data []byte) (*Plan, error) {
	d := decoder{phaseIndex: map[*phase.PlanPhase]int{}}
	p := d.plan(data)
	context := "plan"
	if p != nil && p.ID != "" {
		context += " " + p.ID
	}
	if err := d.errs.Err(); err != nil {
		return nil, ratecard.Within(context, err)
	}
	return p, nil
}

type decoder struct {
	errs       wire.Errors
	cur        ratecard.Currency
	phaseIndex map[*phase.PlanPhase]int // position in plan_phases, for paths after sorting
}

// rawAdjustment is an adjustment as read, before the plan is checked.
type rawAdjustment struct {
	*Adjustment
	rank  int  // 0 price objects, 1 phase objects, 2 plan objects, 3 plan.adjustments
	phase bool // plan_phase_order was given
}

func (d *decoder) plan(data []byte) *Plan {
	o := wire.Read(data, "", &d.errs)
	if o == nil {
		return nil
	}
	p := &Plan{ID: o.String("id", false), Name: o.String("name", false)}
	d.currency(o)
	p.Currency = d.cur
	d.sameCurrency(o, "invoicing_currency")
	var adjs []rawAdjustment

	// Prices, their models and their own legacy discount, minimum and maximum.
	priceRaws := o.Array("prices", true)
	for i, raw := range priceRaws {
		pr, own := d.price(raw, i)
		if pr != nil {
			pr.Index = len(p.Prices)
			p.Prices = append(p.Prices, pr)
		}
		adjs = append(adjs, own...)
	}
	if priceRaws != nil && len(priceRaws) == 0 {
		d.errs.Addf("prices", "at least one price is required")
	}

	// Phases.
	for i, raw := range o.Array("plan_phases", false) {
		ph, own := d.phase(raw, i)
		if ph != nil {
			d.phaseIndex[ph] = i
			p.Phases = append(p.Phases, ph)
		}
		adjs = append(adjs, own...)
	}

	// The plan's own legacy objects and its adjustments.
	for _, key := range []string{"discount", "minimum", "maximum"} {
		if obj := o.Object(key, false); obj != nil {
			if a := d.legacy(obj, key, key, 2); a != nil {
				adjs = append(adjs, *a)
			}
		}
	}
	for i, raw := range o.Array("adjustments", false) {
		if a := d.adjustment(raw, i); a != nil {
			adjs = append(adjs, *a)
		}
	}

	// Trial.
	if t := o.Object("trial_config", false); t != nil {
		if n := t.Int("trial_period"); n != nil {
			if *n < 0 || *n > 3660 {
				d.errs.Addf(t.Path("trial_period"), "%d days is out of range 0–3660", *n)
			} else {
				p.TrialDays = int(*n)
			}
		}
		if u := t.String("trial_period_unit", false); u != "" && u != "days" {
			d.errs.Addf(t.Path("trial_period_unit"), "%q is not supported: trials are counted in days", u)
		}
		t.Done()
	}
	o.Done(append(slices.Clone(ignoredPlanFields), "currency_scale")...)
	// The plan-wide rules (phases, scopes, targets, amounts) do not depend on a field
	// that failed to decode, so they run regardless and every problem is reported.
	d.check(p, adjs)
	return p
}

// sameCurrency checks that an object's currency field, if present, is the plan's:
// amounts are never converted, so another currency would be a silent misprice.
func (d *decoder) sameCurrency(o *wire.Object, key string) {
	if c := o.String(key, false); c != "" && d.cur.Code() != "" && !strings.EqualFold(c, d.cur.Code()) {
		d.errs.Addf(o.Path(key), "%s, but the plan is in %s: a plan has one currency (conversion is not supported)", c, d.cur)
	}
}

// currency reads currency and currency_scale: an ISO 4217 code, or a custom unit
// whose scale defaults to 2.
func (d *decoder) currency(o *wire.Object) {
	code := o.String("currency", true)
	scale := o.Int("currency_scale")
	if code == "" {
		return
	}
	if iso, err := ratecard.ParseCurrency(code); err == nil && scale == nil {
		d.cur = iso
		return
	}
	s := int64(2)
	if scale != nil {
		s = *scale
	}
	cur, err := ratecard.CustomCurrency(code, int(s))
	if err != nil {
		field := "currency"
		if scale != nil {
			field = "currency_scale"
		}
		d.errs.Add(field, err)
		return
	}
	d.cur = cur
}

// price reads one price: its envelope here, its model through price.Decode.
func (d *decoder) price(raw json.RawMessage, i int) (*phase.Price, []rawAdjustment) {
	at := ratecard.Index("prices", i)
	o := wire.Read(raw, at, &d.errs)
	if o == nil {
		return nil, nil
	}
	pr := &phase.Price{
		ID:   o.String("id", true),
		Name: o.String("name", false),
		Type: phase.Type(o.String("price_type", true)),
	}
	model, err := price.Decode(raw)
	if err != nil {
		d.errs.Add("", err) // already labelled "price <id>" and pathed inside the model
	}
	pr.Model = model
	o.Raw("model_type") // model_type and the configs are price.Decode's
	for _, mt := range price.Models() {
		o.Raw(mt.ConfigKey())
	}
	pr.Cadence = d.cadence(o)
	switch pr.Type {
	case phase.Usage:
		if bm := o.Object("billable_metric", false); bm != nil {
			pr.MetricID = bm.String("id", true)
			bm.Done("name", "external_id")
		} else if id := o.String("billable_metric_id", false); id != "" {
			pr.MetricID = id
		} else {
			d.errs.Addf(o.Path("billable_metric"), "required for a usage price")
		}
		if o.Has("fixed_price_quantity") {
			d.errs.Addf(o.Path("fixed_price_quantity"), "a usage price has no fixed quantity")
		}
		o.Raw("fixed_price_quantity")      // Orb writes null here
		if pr.Cadence.Name == "one_time" { // not a custom cadence that failed to decode
			d.errs.Addf(o.Path("cadence"), "one_time is for fixed prices; usage is billed per period")
		}
	case phase.Fixed:
		pr.FixedQuantity = ratecard.NewFromInt(1)
		if q := o.OptDecimal("fixed_price_quantity"); q != nil {
			if q.Sign() < 0 {
				d.errs.Addf(o.Path("fixed_price_quantity"), "%s is negative", q)
			}
			pr.FixedQuantity = *q
		}
		if o.Has("billable_metric") || o.Has("billable_metric_id") {
			d.errs.Addf(o.Path("billable_metric"), "a fixed price has no billable metric")
		}
		o.Raw("billable_metric") // Orb writes null here
		o.Raw("billable_metric_id")
		if model != nil {
			if groupBy, perEvent := (&phase.Price{Model: model}).Shape(); groupBy != nil || perEvent {
				d.errs.Addf(o.Path("model_type"), "%s rates groups or events; a fixed price rates a quantity (unit, package, tiered, bulk)", model.Model())
			}
		}
	case "":
	case "composite_price":
		d.errs.Addf(o.Path("price_type"), "composite prices are not supported")
	default:
		d.errs.Addf(o.Path("price_type"), "%q is not usage_price or fixed_price", pr.Type)
	}
	pr.InAdvance = d.billingMode(o, pr.Type)
	if n := o.Int("plan_phase_order"); n != nil {
		pr.PhaseOrder = int(*n)
		if pr.PhaseOrder < 1 {
			d.errs.Addf(o.Path("plan_phase_order"), "%d: phase orders start at 1", pr.PhaseOrder)
		}
	}
	d.sameCurrency(o, "currency")
	if r := o.OptDecimal("conversion_rate"); r != nil && !r.Equal(ratecard.NewFromInt(1)) {
		d.errs.Addf(o.Path("conversion_rate"), "%s: conversion between currencies is not supported", r)
	}
	for _, f := range unsupportedPriceFields {
		if o.Has(f) && !emptyArray(o.Raw(f)) {
			d.errs.Addf(o.Path(f), "not supported")
		}
		o.Raw(f)
	}
	var own []rawAdjustment
	for _, key := range []string{"discount", "minimum", "maximum"} {
		if obj := o.Object(key, false); obj != nil {
			if a := d.legacy(obj, at+"."+key, key, 0); a != nil {
				if a.AppliesTo != nil && (len(a.AppliesTo) != 1 || a.AppliesTo[0] != pr.ID) {
					d.errs.Addf(obj.Path("applies_to_price_ids"), "a price's own %s covers that price only", key)
				}
				a.AppliesTo = []string{pr.ID}
				a.PhaseOrder = pr.PhaseOrder
				own = append(own, *a)
			}
		}
	}
	o.Done(ignoredPriceFields...)
	return pr, own
}

// cadence reads cadence and billing_cycle_configuration.
func (d *decoder) cadence(o *wire.Object) phase.Cadence {
	name := o.String("cadence", true)
	var cad phase.Cadence
	switch name {
	case "one_time":
		cad = phase.OneTime
	case "monthly":
		cad = phase.Monthly
	case "quarterly":
		cad = phase.Quarterly
	case "semi_annual":
		cad = phase.SemiAnnual
	case "annual":
		cad = phase.Annual
	case "custom", "":
		cad = phase.Cadence{Name: name}
	default:
		d.errs.Addf(o.Path("cadence"), "%q is not one_time, monthly, quarterly, semi_annual, annual or custom", name)
		return phase.Monthly
	}
	bc := o.Object("billing_cycle_configuration", name == "custom")
	if bc == nil {
		return cad
	}
	n := bc.Int("duration")
	unit := phase.Unit(bc.String("duration_unit", true))
	bc.Done()
	if n == nil {
		d.errs.Addf(bc.Path("duration"), "required")
		return cad
	}
	if unit != phase.Day && unit != phase.Month {
		d.errs.Addf(bc.Path("duration_unit"), "%q is not day or month", unit)
		return cad
	}
	if *n < 1 || *n > 3660 {
		d.errs.Addf(bc.Path("duration"), "%d is out of range 1–3660", *n)
		return cad
	}
	given := phase.Cadence{Name: "custom", Count: int(*n), Unit: unit}
	switch {
	case name == "custom":
		return given
	case cad.IsOneTime():
	case !given.Equal(cad):
		d.errs.Addf(bc.Path("duration"), "%d %s does not match cadence %s", *n, unit, name)
	}
	return cad
}

// billingMode reads billed_in_advance and billing_mode: fixed prices default to in
// advance, usage is always in arrears.
func (d *decoder) billingMode(o *wire.Object, t phase.Type) bool {
	flag := o.Bool("billed_in_advance")
	mode := o.String("billing_mode", false)
	inAdvance := t == phase.Fixed
	var fromMode *bool
	switch mode {
	case "":
	case "in_advance":
		fromMode = new(true)
	case "in_arrear", "in_arrears":
		fromMode = new(false)
	default:
		d.errs.Addf(o.Path("billing_mode"), "%q is not in_advance or in_arrear", mode)
	}
	if flag != nil && fromMode != nil && *flag != *fromMode {
		d.errs.Addf(o.Path("billing_mode"), "%s disagrees with billed_in_advance: %t", mode, *flag)
	}
	switch {
	case flag != nil:
		inAdvance = *flag
	case fromMode != nil:
		inAdvance = *fromMode
	}
	if t == phase.Usage && inAdvance {
		field := "billed_in_advance"
		if flag == nil {
			field = "billing_mode" // the field the plan wrote
		}
		d.errs.Addf(o.Path(field), "usage is billed in arrears")
	}
	return inAdvance
}

// phase reads one plan phase and its legacy objects.
func (d *decoder) phase(raw json.RawMessage, i int) (*phase.PlanPhase, []rawAdjustment) {
	at := ratecard.Index("plan_phases", i)
	o := wire.Read(raw, at, &d.errs)
	if o == nil {
		return nil, nil
	}
	ph := &phase.PlanPhase{Name: o.String("name", false)}
	if n := o.Int("order"); n != nil {
		ph.Order = int(*n)
	} else {
		d.errs.Addf(o.Path("order"), "required")
	}
	if n := o.Int("duration"); n != nil {
		ph.Duration = int(*n)
		if *n < 1 || *n > 10000 {
			d.errs.Addf(o.Path("duration"), "%d is out of range 1–10000", *n)
			ph.Duration = 1 // reported; not also "evergreen before the last phase"
		}
		ph.DurationUnit = phase.DurationUnit(o.String("duration_unit", true))
		if ph.DurationUnit != phase.DurationDaily && ph.DurationUnit.Months() == 0 {
			d.errs.Addf(o.Path("duration_unit"), "%q is not daily, monthly, quarterly, semi_annual or annual", ph.DurationUnit)
		}
	} else {
		o.String("duration_unit", false)
	}
	// Re-anchoring billing on a phase's start would change the billing periods; an
	// invoice that ignored it would be wrong, so it is refused rather than ignored.
	if b := o.Bool("align_billing_with_phase_start_date"); b != nil && *b {
		d.errs.Addf(o.Path("align_billing_with_phase_start_date"), "true is not supported: billing periods follow the subscription")
	}
	var own []rawAdjustment
	for _, key := range []string{"discount", "minimum", "maximum"} {
		if obj := o.Object(key, false); obj != nil {
			if a := d.legacy(obj, at+"."+key, key, 1); a != nil {
				a.PhaseOrder = ph.Order
				own = append(own, *a)
			}
		}
	}
	o.Done(ignoredPhaseFields...)
	return ph, own
}

// legacy reads one of Orb's legacy discount, minimum or maximum objects.
func (d *decoder) legacy(o *wire.Object, source, key string, rank int) *rawAdjustment {
	a := &Adjustment{Source: source}
	switch key {
	case "minimum", "maximum":
		a.Kind = ratecard.AdjustmentKind(key)
		a.Commitment = minimum.Commitment{Maximum: key == "maximum", Amount: o.Decimal(key + "_amount")}
	default:
		kind := o.String("discount_type", true)
		switch kind {
		case "percentage":
			a.Kind, a.Discount = ratecard.PercentageDiscount, discount.Discount{Kind: discount.Percentage, Percentage: o.Decimal("percentage_discount")}
		case "amount":
			a.Kind, a.Discount = ratecard.AmountDiscount, discount.Discount{Kind: discount.Amount, Amount: o.Decimal("amount_discount")}
		case "usage":
			a.Kind, a.Discount = ratecard.UsageDiscount, discount.Discount{Kind: discount.Usage, Units: o.Decimal("usage_discount")}
		case "trial":
			a.Kind, a.Discount = ratecard.TrialDiscount, discount.Discount{Kind: discount.Trial}
			if c := o.OptDecimal("trial_amount_discount"); c != nil {
				a.Discount.Amount, a.Discount.Capped = *c, true
			}
			if o.Has("trial_percentage_discount") {
				d.errs.Addf(o.Path("trial_percentage_discount"), "not supported: a trial waives usage in full, or up to trial_amount_discount")
			}
			if rank != 2 {
				d.errs.Addf(o.Path("discount_type"), "a trial discount belongs on the plan's discount")
			}
		case "tiered_percentage":
			d.errs.Addf(o.Path("discount_type"), "tiered_percentage discounts are not supported")
			o.Raw("tiers") // its own field: not also an unknown one
		case "":
		default:
			d.errs.Addf(o.Path("discount_type"), "%q is not percentage, amount, usage or trial", kind)
		}
		// Orb serialises every field of the union; the ones of other kinds are null or ignored.
		for _, f := range []string{"percentage_discount", "amount_discount", "usage_discount", "trial_amount_discount", "trial_percentage_discount"} {
			o.Raw(f)
		}
	}
	a.AppliesTo = d.appliesTo(o)
	if o.Has("filters") && !emptyArray(o.Raw("filters")) {
		d.errs.Addf(o.Path("filters"), "not supported: name the prices in applies_to_price_ids")
	}
	o.Raw("filters")
	o.Done("reason", "id")
	if a.Kind == "" {
		return nil
	}
	return &rawAdjustment{Adjustment: a, rank: rank}
}

// adjustment reads one entry of plan.adjustments.
func (d *decoder) adjustment(raw json.RawMessage, i int) *rawAdjustment {
	at := ratecard.Index("adjustments", i)
	o := wire.Read(raw, at, &d.errs)
	if o == nil {
		return nil
	}
	a := &Adjustment{Source: at, Kind: ratecard.AdjustmentKind(o.String("adjustment_type", true))}
	switch a.Kind {
	case ratecard.UsageDiscount:
		a.Discount = discount.Discount{Kind: discount.Usage, Units: o.Decimal("usage_discount")}
	case ratecard.AmountDiscount:
		a.Discount = discount.Discount{Kind: discount.Amount, Amount: o.Decimal("amount_discount")}
	case ratecard.PercentageDiscount:
		a.Discount = discount.Discount{Kind: discount.Percentage, Percentage: o.Decimal("percentage_discount")}
	case ratecard.Minimum:
		a.Commitment = minimum.Commitment{Amount: o.Decimal("minimum_amount")}
	case ratecard.Maximum:
		a.Commitment = minimum.Commitment{Maximum: true, Amount: o.Decimal("maximum_amount")}
	case "tiered_percentage_discount":
		d.errs.Addf(o.Path("adjustment_type"), "tiered percentage discounts are not supported")
		o.Raw("tiers") // its own field: not also an unknown one
		a.Kind = ""    // reported: no further checks of a kind not modelled
	case "":
	default:
		d.errs.Addf(o.Path("adjustment_type"), "%q is not usage_discount, amount_discount, percentage_discount, minimum or maximum", a.Kind)
		a.Kind = ""
	}
	a.AppliesTo = d.appliesTo(o)
	if all := o.Bool("applies_to_all"); all != nil && *all && a.AppliesTo != nil {
		d.errs.Addf(o.Path("applies_to_all"), "true, but applies_to_price_ids names prices")
	}
	for _, f := range []string{"filters", "applies_to_item_ids", "price_type"} {
		if o.Has(f) && !emptyArray(o.Raw(f)) {
			d.errs.Addf(o.Path(f), "not supported: name the prices in applies_to_price_ids")
		}
		o.Raw(f)
	}
	d.sameCurrency(o, "currency")
	r := &rawAdjustment{Adjustment: a, rank: 3}
	if n := o.Int("plan_phase_order"); n != nil {
		a.PhaseOrder, r.phase = int(*n), true
	}
	o.Done(ignoredAdjustmentFields...)
	if a.Kind == "" {
		return nil
	}
	return r
}

// emptyArray reports whether raw is an empty JSON array: Orb serialises "filters": []
// on every adjustment, which restricts nothing.
func emptyArray(raw json.RawMessage) bool {
	var elems []json.RawMessage
	return json.Unmarshal(raw, &elems) == nil && len(elems) == 0
}

// appliesTo reads applies_to_price_ids: nil when absent, an error when empty.
func (d *decoder) appliesTo(o *wire.Object) []string {
	raws := o.Array("applies_to_price_ids", false)
	if raws == nil {
		return nil
	}
	if len(raws) == 0 {
		d.errs.Addf(o.Path("applies_to_price_ids"), "empty: name at least one price, or leave it out to cover every price")
		return nil
	}
	ids := make([]string, 0, len(raws))
	for i, raw := range raws {
		var id string
		if err := json.Unmarshal(raw, &id); err != nil || id == "" {
			d.errs.Addf(ratecard.Index(o.Path("applies_to_price_ids"), i), "want a price id")
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

// check validates what the fields cannot on their own and completes the plan.
func (d *decoder) check(p *Plan, adjs []rawAdjustment) {
	// Price ids are unique.
	seen := map[string]int{}
	for i, pr := range p.Prices {
		if j, dup := seen[pr.ID]; dup && pr.ID != "" {
			d.errs.Addf(ratecard.Index("prices", i)+".id", "%q repeats prices[%d]", pr.ID, j)
		}
		seen[pr.ID] = i
	}

	// Phases: orders 1..n, only the last evergreen.
	sort.SliceStable(p.Phases, func(i, j int) bool { return p.Phases[i].Order < p.Phases[j].Order })
	phasesOK := true
	for i, ph := range p.Phases {
		at := ratecard.Index("plan_phases", d.phaseIndex[ph])
		if ph.Order != i+1 {
			d.errs.Addf(at+".order", "phase orders must run 1, 2, … without gaps or repeats; found %d where %d belongs", ph.Order, i+1)
			phasesOK = false
			break
		}
		switch {
		case i < len(p.Phases)-1 && ph.Duration == 0:
			d.errs.Addf(at+".duration", "null, but only the last phase may be evergreen")
		case i == len(p.Phases)-1 && ph.Duration != 0:
			d.errs.Addf(at+".duration", "the last phase must be evergreen (duration null)")
		}
	}

	// Every price on a phased plan names an existing phase; none does on a plan without.
	for i, pr := range p.Prices {
		at := ratecard.Index("prices", i) + ".plan_phase_order"
		switch {
		case len(p.Phases) == 0 && pr.PhaseOrder != 0:
			d.errs.Addf(at, "%d, but the plan has no phases", pr.PhaseOrder)
		case len(p.Phases) > 0 && pr.PhaseOrder == 0:
			d.errs.Addf(at, "required: the plan has phases")
		case pr.PhaseOrder > len(p.Phases):
			d.errs.Addf(at, "phase %d does not exist", pr.PhaseOrder)
		case pr.PhaseOrder > 0 && phasesOK:
			p.Phases[pr.PhaseOrder-1].Prices = append(p.Phases[pr.PhaseOrder-1].Prices, pr)
		}
	}

	// The billing cadence: the shortest recurring cadence (monthly if there is none).
	p.Cadence = phase.Monthly
	first := true
	for _, pr := range p.Prices {
		if pr.Cadence.IsOneTime() || pr.Cadence.Count == 0 {
			continue
		}
		if first || pr.Cadence.Shorter(p.Cadence) {
			p.Cadence, first = pr.Cadence, false
		}
	}
	for i, pr := range p.Prices {
		if !pr.Cadence.IsOneTime() && pr.Cadence.Count > 0 && !pr.Cadence.Equal(p.Cadence) && (len(p.Phases) > 0 || p.TrialDays > 0) {
			d.errs.Addf(ratecard.Index("prices", i)+".cadence", "%s on a %s plan with phases or a trial: mixed cadences are supported only without them", pr.Cadence, p.Cadence)
		}
	}

	// Adjustments: scope, targets, amounts.
	sort.SliceStable(adjs, func(i, j int) bool { return adjs[i].rank < adjs[j].rank })
	for _, a := range adjs {
		d.adjustmentRules(p, a)
		if a.Kind == ratecard.TrialDiscount {
			p.Trial = a.Adjustment
			continue
		}
		p.Adjustments = append(p.Adjustments, a.Adjustment)
	}
	if p.Trial != nil && p.TrialDays == 0 {
		d.errs.Addf(p.Trial.Source, "a trial discount needs a trial: trial_config.trial_period > 0")
	}
}

// adjustmentRules checks one adjustment against the plan.
func (d *decoder) adjustmentRules(p *Plan, a rawAdjustment) {
	src := a.Source
	switch {
	case a.rank == 3 && len(p.Phases) > 0 && !a.phase:
		d.errs.Addf(src+".plan_phase_order", "required: the plan has phases")
	case a.rank == 3 && len(p.Phases) == 0 && a.phase:
		d.errs.Addf(src+".plan_phase_order", "%d, but the plan has no phases", a.PhaseOrder)
	case a.phase && (a.PhaseOrder < 1 || a.PhaseOrder > len(p.Phases)):
		d.errs.Addf(src+".plan_phase_order", "phase %d does not exist", a.PhaseOrder)
		return
	}
	for i, id := range a.AppliesTo {
		pr := p.price(id)
		at := ratecard.Index(src+".applies_to_price_ids", i)
		switch {
		case pr == nil:
			d.errs.Addf(at, "price %q does not exist", id)
		case a.PhaseOrder != 0 && pr.PhaseOrder != a.PhaseOrder:
			d.errs.Addf(at, "price %q belongs to phase %d, not %d", id, pr.PhaseOrder, a.PhaseOrder)
		}
	}
	if a.Commitment.Maximum || a.Kind == ratecard.Minimum {
		d.errs.Add(src, a.Commitment.Validate(p.Currency))
		for _, pr := range p.Prices {
			if a.covers(pr) && !pr.Cadence.IsOneTime() && !pr.Cadence.Equal(p.Cadence) {
				d.errs.Addf(src, "covers price %q billed %s: a minimum or maximum covers only prices of the plan's %s billing cadence", pr.ID, pr.Cadence, p.Cadence)
			}
		}
		return
	}
	d.errs.Add(src, a.Discount.Validate(p.Currency))
	if a.Kind == ratecard.UsageDiscount {
		var targets []*phase.Price
		for _, pr := range p.Prices {
			if a.covers(pr) {
				targets = append(targets, pr)
			}
		}
		if len(targets) != 1 {
			d.errs.Addf(src+".applies_to_price_ids", "a usage discount takes units off one price; it covers %d", len(targets))
			return
		}
		pr := targets[0]
		switch pr.Model.(type) {
		case *price.Unit, *price.Package, *price.Tiered, *price.Bulk:
			if pr.Type != phase.Usage {
				d.errs.Addf(src, "a usage discount needs a usage price; %q is %s", pr.ID, pr.Type)
			}
		case nil:
		default:
			d.errs.Addf(src, "a usage discount needs a unit, package, tiered or bulk price; %q is %s", pr.ID, pr.Model.Model())
		}
	}
}
