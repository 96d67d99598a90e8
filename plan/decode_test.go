package plan_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/phase"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
)

// Validation of plans (decode.go; SEMANTICS §4–§6): every rule, with the exact error
// lines, each labelled with the plan and located by its field path.

// pj returns a USD plan "p" with the given fields.
func pj(fields string) string { return `{"id":"p","currency":"USD",` + fields + `}` }

// phased returns a usage price id (1.00 a unit of m_<id>) on phase n.
func phased(id string, n string) string { return usageAt(id, id, "monthly", `"plan_phase_order":`+n) }

// withField adds fields to the end of a price object.
func withField(price, fields string) string { return price[:len(price)-1] + "," + fields + "}" }

func TestDecodeInvalid(t *testing.T) {
	calls := usageAt("calls", "calls", "monthly", "")
	fee := fixedFee("fee", "monthly", "10.00", "")
	twoPhases := `"plan_phases":[{"order":1,"duration":1,"duration_unit":"monthly"},{"order":2}]`
	matrix := `{"id":"m","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_x"},"model_type":"matrix",` +
		`"matrix_config":{"dimensions":["region"],"default_unit_amount":"1","matrix_values":[]}}`
	cases := []struct {
		name string
		plan string
		want []string
	}{
		// Phases (§6): orders 1..n, contiguous; only the last evergreen.
		{"phase orders with a gap",
			pj(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"monthly"},{"order":3}],"prices":[` + phased("calls", "1") + `]`),
			[]string{"plan p: plan_phases[1].order: phase orders must run 1, 2, … without gaps or repeats; found 3 where 2 belongs"}},
		{"phase orders repeated",
			pj(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"monthly"},{"order":1}],"prices":[` + phased("calls", "1") + `]`),
			[]string{"plan p: plan_phases[1].order: phase orders must run 1, 2, … without gaps or repeats; found 1 where 2 belongs"}},
		{"phase orders from 0",
			pj(`"plan_phases":[{"order":0,"duration":1,"duration_unit":"monthly"},{"order":1}],"prices":[` + phased("calls", "1") + `]`),
			[]string{"plan p: plan_phases[0].order: phase orders must run 1, 2, … without gaps or repeats; found 0 where 1 belongs"}},
		{"phase orders out of listing order are fine, a gap is named at its listing",
			pj(`"plan_phases":[{"order":4},{"order":1,"duration":1,"duration_unit":"monthly"}],"prices":[` + phased("calls", "1") + `]`),
			[]string{"plan p: plan_phases[0].order: phase orders must run 1, 2, … without gaps or repeats; found 4 where 2 belongs"}},
		{"evergreen phase not last",
			pj(`"plan_phases":[{"order":1},{"order":2,"duration":1,"duration_unit":"monthly"}],"prices":[` + phased("calls", "1") + `]`),
			[]string{"plan p: plan_phases[0].duration: null, but only the last phase may be evergreen",
				"plan p: plan_phases[1].duration: the last phase must be evergreen (duration null)"}},
		{"phase duration unit",
			pj(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"weekly"},{"order":2}],"prices":[` + phased("calls", "2") + `]`),
			[]string{`plan p: plan_phases[0].duration_unit: "weekly" is not daily, monthly, quarterly, semi_annual or annual`}},
		{"phase without order",
			pj(`"plan_phases":[{"duration":1,"duration_unit":"monthly"},{"order":2}],"prices":[` + phased("calls", "2") + `]`),
			[]string{"plan p: plan_phases[0].order: required",
				"plan p: plan_phases[0].order: phase orders must run 1, 2, … without gaps or repeats; found 0 where 1 belongs"}},
		// Phase orders on prices and adjustments (§6).
		{"price without plan_phase_order on a phased plan",
			pj(`"plan_phases":[{"order":1}],"prices":[` + calls + `]`),
			[]string{"plan p: prices[0].plan_phase_order: required: the plan has phases"}},
		{"price with plan_phase_order on a plan without phases",
			pj(`"prices":[` + phased("calls", "1") + `]`),
			[]string{"plan p: prices[0].plan_phase_order: 1, but the plan has no phases"}},
		{"price naming a missing phase",
			pj(`"plan_phases":[{"order":1}],"prices":[` + phased("calls", "3") + `]`),
			[]string{"plan p: prices[0].plan_phase_order: phase 3 does not exist"}},
		{"adjustment without plan_phase_order on a phased plan",
			pj(`"plan_phases":[{"order":1}],"prices":[` + phased("calls", "1") + `],"adjustments":[{"adjustment_type":"minimum","minimum_amount":"5.00"}]`),
			[]string{"plan p: adjustments[0].plan_phase_order: required: the plan has phases"}},
		{"adjustment with plan_phase_order on a plan without phases",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"minimum","minimum_amount":"5.00","plan_phase_order":1}]`),
			[]string{"plan p: adjustments[0].plan_phase_order: 1, but the plan has no phases"}},
		{"adjustment naming a missing phase",
			pj(`"plan_phases":[{"order":1}],"prices":[` + phased("calls", "1") + `],"adjustments":[{"adjustment_type":"minimum","minimum_amount":"5.00","plan_phase_order":5}]`),
			[]string{"plan p: adjustments[0].plan_phase_order: phase 5 does not exist"}},
		// Scopes (§5).
		{"adjustment naming a missing price",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"5.00","applies_to_price_ids":["calls","nope"]}]`),
			[]string{`plan p: adjustments[0].applies_to_price_ids[1]: price "nope" does not exist`}},
		{"legacy object naming a missing price",
			pj(`"prices":[` + calls + `],"maximum":{"maximum_amount":"5.00","applies_to_price_ids":["nope"]}`),
			[]string{`plan p: maximum.applies_to_price_ids[0]: price "nope" does not exist`}},
		{"adjustment naming a price of another phase",
			pj(twoPhases + `,"prices":[` + phased("calls", "2") + `],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"5.00","applies_to_price_ids":["calls"],"plan_phase_order":1}]`),
			[]string{`plan p: adjustments[0].applies_to_price_ids[0]: price "calls" belongs to phase 2, not 1`}},
		{"phase object naming a price of another phase",
			`{"id":"p","currency":"USD","plan_phases":[{"order":1,"duration":1,"duration_unit":"monthly","minimum":{"minimum_amount":"1","applies_to_price_ids":["calls"]}},{"order":2}],"prices":[` + phased("calls", "2") + `]}`,
			[]string{`plan p: plan_phases[0].minimum.applies_to_price_ids[0]: price "calls" belongs to phase 2, not 1`}},
		{"empty applies_to_price_ids",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"5.00","applies_to_price_ids":[]}]`),
			[]string{"plan p: adjustments[0].applies_to_price_ids: empty: name at least one price, or leave it out to cover every price"}},
		{"empty applies_to_price_ids on a legacy object",
			pj(`"prices":[` + calls + `],"minimum":{"minimum_amount":"5.00","applies_to_price_ids":[]}`),
			[]string{"plan p: minimum.applies_to_price_ids: empty: name at least one price, or leave it out to cover every price"}},
		{"applies_to_price_ids that are not ids",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"5.00","applies_to_price_ids":[1,""]}]`),
			[]string{"plan p: adjustments[0].applies_to_price_ids[0]: want a price id", "plan p: adjustments[0].applies_to_price_ids[1]: want a price id"}},
		{"applies_to_all with price ids",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"minimum","minimum_amount":"1","applies_to_all":true,"applies_to_price_ids":["calls"]}]`),
			[]string{"plan p: adjustments[0].applies_to_all: true, but applies_to_price_ids names prices"}},
		{"adjustment filters",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"minimum","minimum_amount":"1","filters":[{"field":"price_id","operator":"includes","values":["calls"]}],"applies_to_item_ids":["i"]}]`),
			[]string{"plan p: adjustments[0].filters: not supported: name the prices in applies_to_price_ids",
				"plan p: adjustments[0].applies_to_item_ids: not supported: name the prices in applies_to_price_ids"}},
		{"legacy filters",
			pj(`"prices":[` + calls + `],"discount":{"discount_type":"percentage","percentage_discount":0.1,"filters":[{"field":"item_id","operator":"includes","values":["i"]}]}`),
			[]string{"plan p: discount.filters: not supported: name the prices in applies_to_price_ids"}},
		// Amounts at the currency's scale (§5): "25.005" USD is rejected.
		{"amount discount 25.005 USD",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"25.005"}]`),
			[]string{"plan p: adjustments[0].amount_discount: 25.005 has more decimals than USD's 2"}},
		{"minimum 50.001 USD",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"minimum","minimum_amount":"50.001"}]`),
			[]string{"plan p: adjustments[0].minimum_amount: 50.001 has more decimals than USD's 2"}},
		{"legacy maximum 500.0001 USD",
			pj(`"prices":[` + calls + `],"maximum":{"maximum_amount":"500.0001"}`),
			[]string{"plan p: maximum.maximum_amount: 500.0001 has more decimals than USD's 2"}},
		{"price's legacy amount discount 0.125 USD",
			pj(`"prices":[` + withField(calls, `"discount":{"discount_type":"amount","amount_discount":0.125}`) + `]`),
			[]string{"plan p: prices[0].discount.amount_discount: 0.125 has more decimals than USD's 2"}},
		{"trial amount 1.001 USD",
			pj(`"prices":[` + calls + `],"trial_config":{"trial_period":7},"discount":{"discount_type":"trial","trial_amount_discount":"1.001"}`),
			[]string{"plan p: discount.trial_amount_discount: 1.001 has more decimals than USD's 2"}},
		{"amount discount 100.5 JPY",
			`{"id":"p","currency":"JPY","prices":[` + calls + `],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"100.5"}]}`,
			[]string{"plan p: adjustments[0].amount_discount: 100.5 has more decimals than JPY's 0"}},
		{"negative amounts",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"-1"},` +
				`{"adjustment_type":"minimum","minimum_amount":"-1"},{"adjustment_type":"usage_discount","usage_discount":-1}]`),
			[]string{"plan p: adjustments[0].amount_discount: -1 is negative", "plan p: adjustments[1].minimum_amount: -1 is negative",
				"plan p: adjustments[2].usage_discount: -1 is negative"}},
		{"percentage written as 15",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"percentage_discount","percentage_discount":15}]`),
			[]string{"plan p: adjustments[0].percentage_discount: 15 is not a fraction from 0 to 1 (0.15 is 15 %)"}},
		{"required amount missing",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"maximum"}]`),
			[]string{"plan p: adjustments[0].maximum_amount: required"}},
		// Legacy pieces not modelled (§5).
		{"tiered_percentage legacy discount",
			pj(`"prices":[` + calls + `],"discount":{"discount_type":"tiered_percentage"}`),
			[]string{"plan p: discount.discount_type: tiered_percentage discounts are not supported"}},
		{"tiered_percentage_discount adjustment",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"tiered_percentage_discount"}]`),
			[]string{"plan p: adjustments[0].adjustment_type: tiered percentage discounts are not supported"}},
		{"trial_percentage_discount",
			pj(`"prices":[` + calls + `],"trial_config":{"trial_period":7},"discount":{"discount_type":"trial","trial_percentage_discount":"0.5"}`),
			[]string{"plan p: discount.trial_percentage_discount: not supported: a trial waives usage in full, or up to trial_amount_discount"}},
		{"trial discount on a price",
			pj(`"trial_config":{"trial_period":7},"prices":[` + withField(calls, `"discount":{"discount_type":"trial"}`) + `]`),
			[]string{"plan p: prices[0].discount.discount_type: a trial discount belongs on the plan's discount"}},
		{"trial discount on a phase",
			pj(`"trial_config":{"trial_period":7},"plan_phases":[{"order":1,"discount":{"discount_type":"trial"}}],"prices":[` + phased("calls", "1") + `]`),
			[]string{"plan p: plan_phases[0].discount.discount_type: a trial discount belongs on the plan's discount"}},
		{"trial discount without a trial",
			pj(`"prices":[` + calls + `],"discount":{"discount_type":"trial"}`),
			[]string{"plan p: discount: a trial discount needs a trial: trial_config.trial_period > 0"}},
		{"price's own discount naming another price",
			pj(`"prices":[` + withField(calls, `"discount":{"discount_type":"amount","amount_discount":"1","applies_to_price_ids":["fee"]}`) + `,` + fee + `]`),
			[]string{"plan p: prices[0].discount.applies_to_price_ids: a price's own discount covers that price only"}},
		{"adjustment type unknown",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"credit"}]`),
			[]string{`plan p: adjustments[0].adjustment_type: "credit" is not usage_discount, amount_discount, percentage_discount, minimum or maximum`}},
		{"legacy discount type unknown",
			pj(`"prices":[` + calls + `],"discount":{"discount_type":"coupon"}`),
			[]string{`plan p: discount.discount_type: "coupon" is not percentage, amount, usage or trial`}},
		// Usage discount targets (§5).
		{"usage discount on a matrix price",
			pj(`"prices":[` + matrix + `],"adjustments":[{"adjustment_type":"usage_discount","usage_discount":5}]`),
			[]string{`plan p: adjustments[0]: a usage discount needs a unit, package, tiered or bulk price; "m" is matrix`}},
		{"usage discount on a bps price",
			pj(`"prices":[{"id":"b","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_x"},"model_type":"bps","bps_config":{"bps":"10"}}],` +
				`"adjustments":[{"adjustment_type":"usage_discount","usage_discount":5,"applies_to_price_ids":["b"]}]`),
			[]string{`plan p: adjustments[0]: a usage discount needs a unit, package, tiered or bulk price; "b" is bps`}},
		{"usage discount on two prices",
			pj(`"prices":[` + calls + `,` + usageAt("more", "more", "monthly", "") + `],"adjustments":[{"adjustment_type":"usage_discount","usage_discount":5}]`),
			[]string{"plan p: adjustments[0].applies_to_price_ids: a usage discount takes units off one price; it covers 2"}},
		{"legacy plan usage discount on two prices",
			pj(`"prices":[` + calls + `,` + usageAt("more", "more", "monthly", "") + `],"discount":{"discount_type":"usage","usage_discount":5}`),
			[]string{"plan p: discount.applies_to_price_ids: a usage discount takes units off one price; it covers 2"}},
		{"usage discount on a fixed price",
			pj(`"prices":[` + fee + `],"adjustments":[{"adjustment_type":"usage_discount","usage_discount":5}]`),
			[]string{`plan p: adjustments[0]: a usage discount needs a usage price; "fee" is fixed_price`}},
		// Minimums and maximums cover the billing cadence only (§5); mixed cadences
		// exclude phases and trials (§4).
		{"minimum covering an annual price on a monthly plan",
			pj(`"prices":[` + calls + `,` + fixedFee("annual", "annual", "100.00", "") + `],"adjustments":[{"adjustment_type":"minimum","minimum_amount":"5.00"}]`),
			[]string{`plan p: adjustments[0]: covers price "annual" billed annual: a minimum or maximum covers only prices of the plan's monthly billing cadence`}},
		{"maximum covering a quarterly price on a monthly plan",
			pj(`"prices":[` + calls + `,` + usageAt("q", "q", "quarterly", "") + `],"adjustments":[{"adjustment_type":"maximum","maximum_amount":"5.00","applies_to_price_ids":["q"]}]`),
			[]string{`plan p: adjustments[0]: covers price "q" billed quarterly: a minimum or maximum covers only prices of the plan's monthly billing cadence`}},
		{"mixed cadences with phases",
			pj(`"plan_phases":[{"order":1}],"prices":[` + phased("calls", "1") + `,` + fixedFee("annual", "annual", "100.00", `"plan_phase_order":1`) + `]`),
			[]string{"plan p: prices[1].cadence: annual on a monthly plan with phases or a trial: mixed cadences are supported only without them"}},
		{"mixed cadences with a trial",
			pj(`"trial_config":{"trial_period":14},"prices":[` + calls + `,` + fixedFee("annual", "annual", "100.00", "") + `]`),
			[]string{"plan p: prices[1].cadence: annual on a monthly plan with phases or a trial: mixed cadences are supported only without them"}},
		// Billing mode (§4).
		{"billed_in_advance and billing_mode disagree",
			pj(`"prices":[` + fixedFee("fee", "monthly", "10.00", `"billed_in_advance":true,"billing_mode":"in_arrear"`) + `]`),
			[]string{"plan p: prices[0].billing_mode: in_arrear disagrees with billed_in_advance: true"}},
		{"billing_mode unknown",
			pj(`"prices":[` + fixedFee("fee", "monthly", "10.00", `"billing_mode":"upfront"`) + `]`),
			[]string{`plan p: prices[0].billing_mode: "upfront" is not in_advance or in_arrear`}},
		{"usage price billed in advance",
			pj(`"prices":[` + usageAt("calls", "calls", "monthly", `"billed_in_advance":true`) + `]`),
			[]string{"plan p: prices[0].billed_in_advance: usage is billed in arrears"}},
		{"usage price with billing_mode in_advance",
			pj(`"prices":[` + usageAt("calls", "calls", "monthly", `"billing_mode":"in_advance"`) + `]`),
			[]string{"plan p: prices[0].billing_mode: usage is billed in arrears"}},
		// Price envelopes.
		{"fixed price with a matrix model",
			pj(`"prices":[{"id":"f","price_type":"fixed_price","cadence":"monthly","model_type":"matrix","matrix_config":{"dimensions":["region"],"default_unit_amount":"1","matrix_values":[]}}]`),
			[]string{"plan p: prices[0].model_type: matrix rates groups or events; a fixed price rates a quantity (unit, package, tiered, bulk)"}},
		{"fixed price with a bps model",
			pj(`"prices":[{"id":"f","price_type":"fixed_price","cadence":"monthly","model_type":"bps","bps_config":{"bps":"1"}}]`),
			[]string{"plan p: prices[0].model_type: bps rates groups or events; a fixed price rates a quantity (unit, package, tiered, bulk)"}},
		{"composite price",
			pj(`"prices":[{"id":"c","price_type":"composite_price","cadence":"monthly","model_type":"unit","unit_config":{"unit_amount":"1"}}]`),
			[]string{"plan p: prices[0].price_type: composite prices are not supported"}},
		{"price type unknown",
			pj(`"prices":[{"id":"c","price_type":"usage","cadence":"monthly","model_type":"unit","unit_config":{"unit_amount":"1"}}]`),
			[]string{`plan p: prices[0].price_type: "usage" is not usage_price or fixed_price`}},
		{"duplicate price ids",
			pj(`"prices":[` + calls + `,` + calls + `]`),
			[]string{`plan p: prices[1].id: "calls" repeats prices[0]`}},
		{"no prices", pj(`"prices":[]`), []string{"plan p: prices: at least one price is required"}},
		{"prices missing", pj(`"name":"x"`), []string{"plan p: prices: required"}},
		{"cadence unknown",
			pj(`"prices":[` + usageAt("calls", "calls", "weekly", "") + `]`),
			[]string{`plan p: prices[0].cadence: "weekly" is not one_time, monthly, quarterly, semi_annual, annual or custom`}},
		{"custom cadence without configuration",
			pj(`"prices":[` + usageAt("calls", "calls", "custom", "") + `]`),
			[]string{"plan p: prices[0].billing_cycle_configuration: required"}},
		{"custom cadence in weeks",
			pj(`"prices":[` + usageAt("calls", "calls", "custom", `"billing_cycle_configuration":{"duration":1,"duration_unit":"week"}`) + `]`),
			[]string{`plan p: prices[0].billing_cycle_configuration.duration_unit: "week" is not day or month`}},
		{"custom cadence of 0 days",
			pj(`"prices":[` + usageAt("calls", "calls", "custom", `"billing_cycle_configuration":{"duration":0,"duration_unit":"day"}`) + `]`),
			[]string{"plan p: prices[0].billing_cycle_configuration.duration: 0 is out of range 1–3660"}},
		{"cadence disagrees with billing_cycle_configuration",
			pj(`"prices":[` + usageAt("calls", "calls", "monthly", `"billing_cycle_configuration":{"duration":3,"duration_unit":"month"}`) + `]`),
			[]string{"plan p: prices[0].billing_cycle_configuration.duration: 3 month does not match cadence monthly"}},
		{"one_time usage price",
			pj(`"prices":[` + usageAt("calls", "calls", "one_time", "") + `]`),
			[]string{"plan p: prices[0].cadence: one_time is for fixed prices; usage is billed per period"}},
		{"usage price without a metric",
			pj(`"prices":[{"id":"u","price_type":"usage_price","cadence":"monthly","model_type":"unit","unit_config":{"unit_amount":"1"}}]`),
			[]string{"plan p: prices[0].billable_metric: required for a usage price"}},
		{"usage price with a fixed quantity",
			pj(`"prices":[` + usageAt("calls", "calls", "monthly", `"fixed_price_quantity":2`) + `]`),
			[]string{"plan p: prices[0].fixed_price_quantity: a usage price has no fixed quantity"}},
		{"fixed price with a metric and a negative quantity",
			pj(`"prices":[` + fixedFee("fee", "monthly", "1", `"billable_metric":{"id":"m"},"fixed_price_quantity":-1`) + `]`),
			[]string{"plan p: prices[0].fixed_price_quantity: -1 is negative", "plan p: prices[0].billable_metric: a fixed price has no billable metric"}},
		{"price model error, labelled with the price",
			pj(`"prices":[{"id":"t","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m"},"model_type":"tiered",` +
				`"tiered_config":{"tiers":[{"first_unit":0,"last_unit":10,"unit_amount":"1"},{"first_unit":11,"last_unit":null,"unit_amount":"1"}]}}]`),
			[]string{"plan p: price t: tiered_config.tiers[1].first_unit: gap after tier 0 (last_unit 10); first_unit is exclusive: write 10"}},
		// Currencies (§1).
		{"price in another currency",
			pj(`"prices":[` + usageAt("calls", "calls", "monthly", `"currency":"EUR"`) + `]`),
			[]string{"plan p: prices[0].currency: EUR, but the plan is in USD: a plan has one currency (conversion is not supported)"}},
		{"adjustment in another currency",
			pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"5","currency":"EUR"}]`),
			[]string{"plan p: adjustments[0].currency: EUR, but the plan is in USD: a plan has one currency (conversion is not supported)"}},
		{"invoicing in another currency",
			`{"id":"p","currency":"USD","invoicing_currency":"EUR","prices":[` + calls + `]}`,
			[]string{"plan p: invoicing_currency: EUR, but the plan is in USD: a plan has one currency (conversion is not supported)"}},
		{"currency_scale on an ISO currency",
			`{"id":"p","currency":"USD","currency_scale":3,"prices":[` + calls + `]}`,
			[]string{"plan p: currency_scale: invalid currency: USD has 2 minor units, not 3"}},
		{"custom currency with a bad name",
			`{"id":"p","currency":"my credits","prices":[` + calls + `]}`,
			[]string{`plan p: currency: invalid currency: custom unit "my credits": want 1–32 letters, digits, '_' or '-'`}},
		{"custom currency with a bad scale",
			`{"id":"p","currency":"credits","currency_scale":19,"prices":[` + calls + `]}`,
			[]string{"plan p: currency_scale: invalid currency: custom unit credits: scale 19 out of range 0–18"}},
		{"currency missing", `{"id":"p","prices":[` + calls + `]}`, []string{"plan p: currency: required"}},
		// Unknown and unsupported fields.
		{"unknown fields everywhere",
			`{"id":"p","currency":"USD","colour":"red","trial_config":{"trial_period":1,"extra":1},"plan_phases":null,` +
				`"prices":[` + withField(calls, `"colour":"blue"`) + `,{"id":"x","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m","x":1},"model_type":"unit","unit_config":{"unit_amount":"1"}}],` +
				`"adjustments":[{"adjustment_type":"minimum","minimum_amount":"1","colour":"green"}]}`,
			[]string{"plan p: prices[0].colour: unknown field", "plan p: prices[1].billable_metric.x: unknown field",
				"plan p: adjustments[0].colour: unknown field", "plan p: trial_config.extra: unknown field", "plan p: colour: unknown field"}},
		{"unsupported price fields",
			pj(`"prices":[` + usageAt("calls", "calls", "monthly", `"conversion_rate_config":{"conversion_rate_type":"unit","unit_config":{"unit_amount":"2"}},`+
				`"conversion_rate":2,"dimensional_price_configuration":{"dimension_values":["a"]},"credit_allocation":{"amount":"1"},`+
				`"composite_price_filters":[{"field":"x"}],"invoicing_cycle_configuration":{"duration":1,"duration_unit":"month"}`) + `]`),
			[]string{"plan p: prices[0].conversion_rate: 2: conversion between currencies is not supported",
				"plan p: prices[0].conversion_rate_config: not supported", "plan p: prices[0].dimensional_price_configuration: not supported",
				"plan p: prices[0].credit_allocation: not supported", "plan p: prices[0].composite_price_filters: not supported",
				"plan p: prices[0].invoicing_cycle_configuration: not supported"}},
		// Trials.
		{"trial in months", pj(`"prices":[` + calls + `],"trial_config":{"trial_period":1,"trial_period_unit":"months"}`),
			[]string{`plan p: trial_config.trial_period_unit: "months" is not supported: trials are counted in days`}},
		{"negative trial", pj(`"prices":[` + calls + `],"trial_config":{"trial_period":-1}`),
			[]string{"plan p: trial_config.trial_period: -1 days is out of range 0–3660"}},
		// Not a plan.
		{"not JSON", `{"id":`, []string{"plan: malformed JSON: unexpected end of JSON input (at byte 6)"}},
		{"not an object", `[]`, []string{"plan: want a JSON object, got an array"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plan.Decode([]byte(tc.plan))
			if err == nil {
				t.Fatalf("Decode accepted the plan (%d prices)", len(p.Prices))
			}
			if p != nil {
				t.Errorf("Decode returned a plan with its error")
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("error does not match ratecard.ErrInvalid: %v", err)
			}
			if diff := cmp.Diff(tc.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("error lines (-want +got):\n%s", diff)
			}
		})
	}
}

// orbPlan is a plan as Orb's API returns it, with every field Orb writes that carries
// no pricing here: ids, metadata, product, nulls for the legacy objects, filters: []
// on adjustments, billing_cycle_configuration on every price, and so on.
const orbPlan = `{
  "id": "plan_ramp", "name": "Ramp", "description": "Two-phase ramp", "external_plan_id": "ramp-v1",
  "status": "active", "version": 3, "created_at": "2025-12-01T00:00:00Z",
  "product": {"id": "prod_1", "name": "API", "created_at": "2025-01-01T00:00:00Z"},
  "metadata": {"team": "growth"}, "net_terms": 30, "default_invoice_memo": null,
  "base_plan": null, "base_plan_id": null, "invoicing_currency": "USD", "currency": "USD",
  "minimum_amount": null, "maximum_amount": null, "minimum": null, "maximum": null, "discount": null,
  "trial_config": {"trial_period": null, "trial_period_unit": "days"},
  "plan_phases": [
    {"id": "ph_1", "name": "Intro", "description": null, "order": 1, "duration": 1, "duration_unit": "monthly",
     "discount": null, "minimum": null, "maximum": null, "minimum_amount": null, "maximum_amount": null,
     "align_billing_with_phase_start_date": false},
    {"id": "ph_2", "name": "Standard", "description": null, "order": 2, "duration": null, "duration_unit": null,
     "discount": null, "minimum": null, "maximum": null, "minimum_amount": null, "maximum_amount": null}
  ],
  "adjustments": [
    {"id": "adj_1", "adjustment_type": "percentage_discount", "percentage_discount": 0.5, "applies_to_price_ids": ["calls_1"],
     "filters": [], "is_invoice_level": false, "plan_phase_order": 1, "reason": "ramp", "replaces_adjustment_id": null},
    {"id": "adj_2", "adjustment_type": "minimum", "minimum_amount": "30.00", "item_id": "item_1", "applies_to_price_ids": ["calls_2", "fee_2"],
     "filters": [], "is_invoice_level": true, "plan_phase_order": 2, "reason": null, "replaces_adjustment_id": null}
  ],
  "prices": [
    {"id": "calls_1", "name": "API calls", "price_type": "usage_price", "model_type": "unit", "unit_config": {"unit_amount": "0.10"},
     "cadence": "monthly", "billing_cycle_configuration": {"duration": 1, "duration_unit": "month"},
     "invoicing_cycle_configuration": null, "billable_metric": {"id": "m_calls"}, "fixed_price_quantity": null,
     "plan_phase_order": 1, "currency": "USD", "conversion_rate": null, "conversion_rate_config": null,
     "created_at": "2025-12-01T00:00:00Z", "credit_allocation": null, "discount": null, "minimum": null, "maximum": null,
     "minimum_amount": null, "maximum_amount": null, "external_price_id": null, "item": {"id": "item_1", "name": "API calls"},
     "metadata": {}, "replaces_price_id": null, "dimensional_price_configuration": null, "composite_price_filters": null},
    {"id": "calls_2", "name": "API calls", "price_type": "usage_price", "model_type": "unit", "unit_config": {"unit_amount": "0.10"},
     "cadence": "monthly", "billing_cycle_configuration": {"duration": 1, "duration_unit": "month"},
     "invoicing_cycle_configuration": null, "billable_metric": {"id": "m_calls"}, "fixed_price_quantity": null,
     "plan_phase_order": 2, "currency": "USD", "conversion_rate": 1, "conversion_rate_config": null,
     "created_at": "2025-12-01T00:00:00Z", "credit_allocation": null, "discount": null, "minimum": null, "maximum": null,
     "minimum_amount": null, "maximum_amount": null, "external_price_id": "calls", "item": {"id": "item_1", "name": "API calls"},
     "metadata": {}, "replaces_price_id": null, "dimensional_price_configuration": null},
    {"id": "fee_2", "name": "Platform", "price_type": "fixed_price", "model_type": "unit", "unit_config": {"unit_amount": "5.00"},
     "cadence": "monthly", "billing_cycle_configuration": {"duration": 1, "duration_unit": "month"},
     "invoicing_cycle_configuration": null, "billable_metric": null, "fixed_price_quantity": 2, "billed_in_advance": true,
     "plan_phase_order": 2, "currency": "USD", "conversion_rate": null, "conversion_rate_config": null,
     "created_at": "2025-12-01T00:00:00Z", "credit_allocation": null,
     "discount": {"discount_type": "amount", "amount_discount": "1.000", "applies_to_price_ids": ["fee_2"], "filters": [], "reason": null},
     "minimum": null, "maximum": null, "minimum_amount": null, "maximum_amount": null, "external_price_id": null,
     "item": {"id": "item_2", "name": "Platform"}, "metadata": {}, "replaces_price_id": null, "invoice_grouping_key": null,
     "license_type": null, "reference_id": null}
  ]
}`

func TestDecodeOrbPlan(t *testing.T) {
	p := mustDecode(t, orbPlan)
	if p.ID != "plan_ramp" || p.Name != "Ramp" || p.Currency.Code() != "USD" || p.TrialDays != 0 || p.Trial != nil {
		t.Errorf("plan %q %q %s trial %d %v", p.ID, p.Name, p.Currency, p.TrialDays, p.Trial)
	}
	if len(p.Prices) != 3 || len(p.Phases) != 2 || len(p.Phases[0].Prices) != 1 || len(p.Phases[1].Prices) != 2 {
		t.Fatalf("%d prices, %d phases", len(p.Prices), len(p.Phases))
	}
	if !p.Cadence.Equal(phase.Monthly) {
		t.Errorf("cadence %s, want monthly", p.Cadence)
	}
	fee := p.Prices[2]
	if fee.Type != phase.Fixed || !fee.InAdvance || !fee.FixedQuantity.Equal(dec("2")) || fee.PhaseOrder != 2 || fee.Index != 2 {
		t.Errorf("fee_2: %+v", fee)
	}
	// The prices' own objects come first, then plan.adjustments in listed order.
	var sources []string
	for _, a := range p.Adjustments {
		sources = append(sources, string(a.Kind)+" "+a.Source)
	}
	want := []string{"amount_discount prices[2].discount", "percentage_discount adjustments[0]", "minimum adjustments[1]"}
	if diff := cmp.Diff(want, sources); diff != "" {
		t.Errorf("adjustments (-want +got):\n%s", diff)
	}

	// It rates. From Jan 15, phase 1 (one month) ends Feb 15 00:00: February splits
	// into 14 + 14 days. 40 calls on Feb 3, 60 on Feb 20.
	// Phase 1: 40 × 0.10 = 4.00, 50 % off: −2.00 → 2.00.
	// Phase 2: calls 60 × 0.10 = 6.00; fee 2 × 5.00 = 10.00 × 14/28 = 5.00, its own
	// discount "1.000" (= 1.00) → 4.00; minimum 30.00 × 14/28 = 15.00 over 6.00 + 4.00
	// = 10.00: true-up 5.00, pro rata 6:4 → +3.00, +2.00.
	var events []usage.Event
	for i := range 100 {
		at := day(2026, 2, 3)
		if i >= 40 {
			at = day(2026, 2, 20)
		}
		events = append(events, event("call", at.Add(time.Duration(i)*time.Minute)))
	}
	inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 15)}, Period: month(2026, time.February),
		Metrics: []*usage.Metric{countMetric("m_calls", "call")}}, events)
	const ph1, ph2 = "2026-02-01T00:00/2026-02-15T00:00", "2026-02-15T00:00/2026-03-01T00:00"
	wantLines := []L{
		{Price: "calls_1", Service: ph1, Quantity: "40", Subtotal: "4.00", Adjustments: []string{"percentage_discount adjustments[0] -2.00"}, Amount: "2.00"},
		{Price: "calls_2", Service: ph2, Quantity: "60", Subtotal: "6.00", Adjustments: []string{"minimum adjustments[1] 3.00"}, Amount: "9.00"},
		{Price: "fee_2", Service: ph2, Quantity: "2", Subtotal: "5.00",
			Adjustments: []string{"amount_discount prices[2].discount -1.00", "minimum adjustments[1] 2.00"}, Amount: "6.00"},
	}
	if diff := cmp.Diff(wantLines, summary(inv, time.UTC)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if inv.Total.String() != "17.00" {
		t.Errorf("total %s, want 17.00", inv.Total)
	}
}

func TestDecodeAmountsAtScale(t *testing.T) {
	// "25.000" has more digits than USD but no more decimals once trailing zeros are
	// dropped: it is 25.00. 100.00 − 25.00 = 75.00.
	p := mustDecode(t, pj(`"prices":[`+usageUnit("A")+`],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"25.000"}]`))
	inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: month(2026, time.January),
		Quantities: quantities("A", "100")}, nil)
	if got := summary(inv, time.UTC)[0]; got.Amount != "75.00" || got.Adjustments[0] != "amount_discount adjustments[0] -25.00" {
		t.Errorf("line %+v, want −25.00 → 75.00", got)
	}
	// JPY has no minor units: "100" and "100.0" are fine.
	mustDecode(t, `{"id":"p","currency":"JPY","prices":[`+usageUnit("A")+`],"minimum":{"minimum_amount":"100.0"}}`)
}

func TestDecodeCurrencies(t *testing.T) {
	cases := []struct {
		name, currency string
		scale          int32
		// 3 units at 0.00125: 0.00375, rounded to the scale half up.
		subtotal string
	}{
		{"ISO", `"currency":"USD"`, 2, "0.00"},
		{"ISO with its own scale", `"currency":"USD","currency_scale":2`, 2, "0.00"},
		{"ISO in lower case", `"currency":"kwd"`, 3, "0.004"},
		{"custom with a scale", `"currency":"credits","currency_scale":4`, 4, "0.0038"},
		{"custom without a scale: 2", `"currency":"credits"`, 2, "0.00"},
		{"custom with scale 0", `"currency":"tokens","currency_scale":"0"`, 0, "0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustDecode(t, `{"id":"p",`+tc.currency+`,"prices":[{"id":"A","price_type":"usage_price","cadence":"monthly",`+
				`"billable_metric":{"id":"m"},"model_type":"unit","unit_config":{"unit_amount":"0.00125"}}]}`)
			if p.Currency.Scale() != tc.scale {
				t.Errorf("scale %d, want %d", p.Currency.Scale(), tc.scale)
			}
			inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: month(2026, time.January),
				Quantities: quantities("A", "3")}, nil)
			if got := inv.Lines[0].Subtotal.String(); got != tc.subtotal {
				t.Errorf("subtotal %s, want %s", got, tc.subtotal)
			}
		})
	}
}

func TestDecodeValidVariants(t *testing.T) {
	// Shapes that must decode: each a rule's accepted side.
	calls := usageAt("calls", "calls", "monthly", "")
	cases := []struct{ name, plan string }{
		{"billed_in_advance and billing_mode agreeing", pj(`"prices":[` + fixedFee("fee", "monthly", "1", `"billed_in_advance":false,"billing_mode":"in_arrear"`) + `]`)},
		{"billing_mode in_arrears spelling", pj(`"prices":[` + fixedFee("fee", "monthly", "1", `"billing_mode":"in_arrears"`) + `]`)},
		{"usage price billed_in_advance false", pj(`"prices":[` + usageAt("calls", "calls", "monthly", `"billed_in_advance":false`) + `]`)},
		{"unsupported fields null or empty", pj(`"prices":[` + usageAt("calls", "calls", "monthly", `"conversion_rate_config":null,"conversion_rate":1.0,`+
			`"dimensional_price_configuration":null,"credit_allocation":null,"composite_price_filters":[],"invoicing_cycle_configuration":null`) + `]`)},
		{"billable_metric_id instead of billable_metric", pj(`"prices":[{"id":"u","price_type":"usage_price","cadence":"monthly","billable_metric_id":"m","model_type":"unit","unit_config":{"unit_amount":"1"}}]`)},
		{"plan_phases empty", pj(`"plan_phases":[],"prices":[` + calls + `]`)},
		{"phases listed out of order", pj(`"plan_phases":[{"order":2},{"order":1,"duration":7,"duration_unit":"daily"}],"prices":[` + phased("calls", "2") + `]`)},
		{"phase-level legacy objects", pj(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"annual","minimum":{"minimum_amount":"1"},` +
			`"discount":{"discount_type":"percentage","percentage_discount":"0.1"}},{"order":2,"maximum":{"maximum_amount":"9"}}],"prices":[` +
			phased("calls", "1") + `,` + phased("more", "2") + `]`)},
		{"trial with a capped trial discount", pj(`"prices":[` + calls + `],"trial_config":{"trial_period":"14","trial_period_unit":"days"},` +
			`"discount":{"discount_type":"trial","trial_amount_discount":"10","applies_to_price_ids":["calls"],"trial_percentage_discount":null}`)},
		{"legacy objects with Orb's null fields", pj(`"prices":[` + withField(calls, `"discount":{"discount_type":"usage","usage_discount":"5",`+
			`"percentage_discount":null,"amount_discount":null,"trial_amount_discount":null,"applies_to_price_ids":null,"filters":null,"reason":"promo"}`) + `]`)},
		{"applies_to_all without ids", pj(`"prices":[` + calls + `],"adjustments":[{"adjustment_type":"maximum","maximum_amount":"9","applies_to_all":true}]`)},
		{"mixed cadences with one_time on a phased plan", pj(`"plan_phases":[{"order":1}],"prices":[` + phased("calls", "1") + `,` +
			fixedFee("setup", "one_time", "100", `"plan_phase_order":1`) + `]`)},
		{"a minimum covering a one_time fee", pj(`"prices":[` + calls + `,` + fixedFee("setup", "one_time", "100", "") + `],"minimum":{"minimum_amount":"5"}`)},
		{"the plan's currency repeated, in any case", `{"id":"p","currency":"USD","invoicing_currency":"USD","prices":[` +
			usageAt("calls", "calls", "monthly", `"currency":"USD"`) + `],"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"5","currency":"usd"}]}`},
		{"custom cadence matching its name", pj(`"prices":[` + usageAt("calls", "calls", "quarterly", `"billing_cycle_configuration":{"duration":3,"duration_unit":"month"}`) + `]`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := plan.Decode([]byte(tc.plan)); err != nil {
				t.Errorf("Decode: %v", err)
			}
		})
	}
}
