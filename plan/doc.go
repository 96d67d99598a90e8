// Package plan holds a pricing plan, its phases and trial, and computes the invoice
// of one billing period of a subscription to it ([Plan.Invoice]).
//
// # Plans
//
// [Decode] reads Orb's plan JSON: prices (any model of package price, usage or fixed,
// with a cadence and, for fixed prices, a quantity and billing mode), plan_phases
// (a contract ramp: orders 1..n, only the last evergreen; every price and adjustment
// of a phased plan names its plan_phase_order), adjustments, trial_config, currency
// (ISO 4217, or a custom unit with currency_scale), and Orb's legacy discount,
// minimum and maximum objects on the plan, its phases and its prices, read as
// equivalent adjustments. Every problem is reported at its field path.
//
// # Billing periods
//
// Periods are half-open, [start, end), in the subscription's time zone. They follow
// the plan's billing cadence (the shortest cadence among its prices) and are
// calendar-aligned by default: months from the 1st, quarters from January, April, July
// and October, half-years from January and July, years from January 1. With
// AlignToStart they are anchored on the subscription start's day of month instead,
// keeping the anchor day through short months (Jan 31 → Feb 28 or 29 → Mar 31). Phase
// boundaries and the trial's end are computed from the subscription start, never
// step by step.
//
// A billing period that a phase boundary or the trial's end crosses is split into
// parts; each part's prices rate the usage inside it, and fixed fees are prorated
// by days: days(part) / days(period), where a day counts if the part touches it and a
// day two parts touch belongs to the earlier. A subscription starting mid-period is
// billed for the rest of it, fixed fees prorated the same way ($100 a month from Jan
// 15: 17/31 × 100 = 54.84). Usage is never prorated. A one-time fee is charged in
// full, once, in the part that contains its phase's start.
//
// # The pipeline
//
// For each line: its usage (or fixed quantity) is rated by its price's model, and the
// amounts are rounded to the currency, once (each sub-line, or the subtotal of a model
// without sub-lines; a prorated fee is prorated before this rounding). Then the
// adjustments apply, kind by kind across the whole invoice, in this order:
//
//  1. usage discounts: units taken off one price's quantity before rating, from its
//     lines in service order; the adjustment is the re-rated subtotal minus the
//     line's running amount (its subtotal, less any earlier usage discount), never
//     positive;
//  2. amount discounts: min(D, S) taken off;
//  3. percentage discounts: round(p × S) taken off;
//  4. minimums: max(0, M − S) added, M prorated by the days of the non-trial parts
//     the covered prices are active in, rounded once;
//  5. maximums: max(0, S − X) taken off, X prorated likewise (so when a minimum exceeds
//     a maximum, the maximum wins);
//  6. the trial discount: the running amount of usage lines on trial days, in full or
//     up to the plan's trial_amount_discount.
//
// Within a kind, the prices' own objects apply first, then the phases', then the
// plan's, then plan.adjustments in listed order. S is the running sum of the lines
// an adjustment covers (its applies_to_price_ids, else every price of its plan or
// phase; minimums and maximums do not cover trial days, and a fixed fee waived by a
// trial takes no adjustment). Each adjustment is computed once for its lines and
// allocated across them in proportion to their running amounts (evenly when all are
// zero), in minor units by largest remainder, so a discount never takes a line below
// zero, and every allocation sums exactly. Each line records its share of each
// adjustment, zero shares included.
//
// # Rounding
//
// Amounts are rounded to the currency's scale in the invoice's rounding mode (half
// up unless set) at exactly two points: when a line is rated (above), and when an
// adjustment is computed from a rate or a fraction (a percentage, a prorated minimum
// or maximum). Everything else adds amounts already rounded, so an invoice's subtotal
// is the sum of its lines' subtotals and its total the sum of their amounts, to the
// last digit.
//
// # Usage
//
// A usage price's quantity is its billable metric aggregated over the line's service
// period (package usage), from events held in memory ([Plan.Invoice]) or streamed
// ([Plan.Prepare], [Run.Requests], then [Run.Invoice]), or given pre-aggregated in
// [Billing].Quantities, which a line split by the trial's end cannot use.
package plan
