// Package frontier prices Raystack Frontier plans: products with licensed and
// metered prices, per-seat products with seat limits, trials, and a customer credit
// ledger.
//
// A Frontier plan maps onto the library's pipeline (package plan) price by price,
// so its invoices follow SEMANTICS.md like an Orb plan's:
//
//	Frontier                               ratecard
//	interval day | week | month | year     cadence of 1 day | 7 days | monthly | annual
//	usage_type licensed                    fixed price, in advance: quantity 1, or the seats (per_seat)
//	usage_type metered                     usage price, in arrears, of a metric per price
//	metered_aggregate sum | max            sum | max of the events' "quantity"
//	metered_aggregate last_during_period   latest (the value of the period's last event)
//	billing_scheme flat                    unit: amount per unit
//	billing_scheme tiered, graduated       tiered: each unit at its tier's rate
//	billing_scheme tiered, volume          bulk: every unit at the rate of the quantity's tier
//	amount (int64, minor units)            amount / 10^(currency's minor units), exactly
//	trial_days                             a first period of that many days, every line waived
//
// # Plans
//
// Decode reads the plan of Frontier's plan API (the plan object, or the request or
// response that wraps it). A plan bills the active prices of its interval of every
// product that is not a credits pack, as Frontier's checkout does; the other prices
// belong to the product's other plans. A product's behavior_config (credit_amount,
// seat_limit, min_quantity, max_quantity) sits on the product, as in the plan API's
// example. Frontier's API schema has no tiers; a tiered price here carries
// Stripe's (which Frontier bills through): {"up_to", "unit_amount"} in minor
// units, the last tier unbounded. Per-tier flat amounts are not supported and are
// rejected rather than ignored. So are prices without an interval on a product
// that is not a credits pack (no plan would ever bill them) and credits products
// without a credit_amount (a purchase would grant nothing).
//
// Metered usage arrives as events named after the price's product, with the usage
// in the "quantity" property (Plan.Metrics), or pre-aggregated by price id.
//
// # Periods and trials
//
// Billing periods run from the subscription start's date (00:00 in its time zone),
// as Stripe anchors a subscription's cycle on its start. A trial (once per customer
// and plan: Billing.SkipTrial turns it off) is a period of its own, from the start
// to 00:00 of the start's date + trial_days; its invoice shows every line with
// nothing to pay, and the paid periods are anchored where it ends.
//
// # Credits
//
// A Ledger keeps customers' credits as transactions with ids, each applied once:
// on-start credits (once per plan and customer, whatever the plan grants later),
// purchases of credits products
// (quantity × credit_amount, within min_quantity and max_quantity), and
// consumption, which may not take a balance below the ledger's minimum. An invoice
// given a ledger pays its in-arrears lines from the customer's credits after every
// other adjustment (Orb's order): the lines get a prepaid_credits adjustment each,
// in proportion to their amounts, and the ledger an invoice entry. One credit pays
// one minor unit of the currency unless Billing.CreditValue says otherwise.
package frontier
