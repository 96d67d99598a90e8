// Package waldur prices Waldur marketplace plans the way Waldur bills them: month by
// month, resource by resource, one invoice item per component.
//
// A Waldur plan is not an Orb plan with other field names. Its prices are per unit
// of a billing unit (month, quarter, half_month, day, hour or quantity), and a
// partial month is billed by rounding the unit quantity up to 2 decimals before the
// price is applied, where Orb prorates the amount; its limit components charge for
// the limits a resource had day by day; a later usage report replaces an earlier
// one. So the package rates with Waldur's rules itself and produces the library's
// [ratecard.Invoice], whose sums ([ratecard.Invoice.Check]) hold as for every other
// invoice.
//
// # Plans
//
// Decode reads the plan JSON of Waldur's marketplace-plans API: unit, unit_price,
// archived and components (type, name, measured_unit, billing_type, price, amount,
// future_price, discount_threshold, discount_rate). billing_type belongs to the
// offering's component in Waldur; a plan without it is read as fixed, Waldur's
// default. future_price needs our future_price_set_at: Waldur applies it from the
// next billing period, so the moment it was set decides which month that is.
// Plan.InitPrice, Plan.SwitchPrice and Plan.MinimalPrice give the sums Waldur shows.
//
// # Quantities
//
// Quantity turns a service interval inside one month into units of a billing unit:
// hours and days (a started one counts in full), the fraction of a month or of its
// halves (rounded up to 2 decimals; the whole month or a whole half is exactly 1),
// the quarter starts in the interval, or 1 for quantity. The month is the calendar
// month of a time zone; day counts follow its calendar days, so a month has as many
// days as dates even across a DST change.
//
// # Invoices
//
// A Resource is a plan's customer-side history: created on a plan, switched to
// others, limits changed, usage reported, perhaps terminated. Resource.Invoice
// computes one month:
//
//	fixed      price × amount × Quantity(unit, service interval)
//	limit      day plan: price × Σ limit × days; other units: price × Quantity × Σ limit × days / Σ days
//	usage      price × the month's latest report
//	one        price, in the month the resource is created
//	few        price, in the month it switches to the plan
//	discount   −price × (the limit quantity of days with limit ≥ discount_threshold) × discount_rate/100
//
// Every line is rounded once, away from zero, to the currency's scale (Waldur rounds
// every item up to 0.01). The invoice is in EUR, Waldur's default currency, unless
// Billing names another.
package waldur
