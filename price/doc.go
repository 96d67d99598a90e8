// Package price implements the pricing models: one type per Orb model_type, each
// computing the exact amount a price charges for usage, with its breakdown.
//
// # Models
//
// q is the quantity rated; all arithmetic is exact, and rounding to the currency
// happens afterwards, once ([Rated.Line]).
//
//	model       rule                                                   example
//	unit        q × unit_amount                                        0.50 × 1,234 = 617.00
//	package     ceil(q / package_size) × package_amount                size 10 @ 0.80: q=11 → 1.60
//	matrix      each group of dimension values × its cell's rate,      (alpha,west)=2.00, default 3.00:
//	            unmatched groups × default_unit_amount                 alpha/west 10 + beta/east 5 → 35.00
//	tiered      graduated: each unit at its tier's rate; first_unit    0–10 @0.50, 10+ @0.10: q=25 → 6.50
//	            exclusive, last_unit inclusive
//	bulk        volume: the first tier with q ≤ maximum_units prices   ≤10 @0.50, ≤1000 @0.40: q=101 → 40.40
//	            all units
//	bps         Σ over events of min(value × bps/10,000, cap)          125 bps cap 11: 500, 2000, 100 → 18.50
//	bulk_bps    the period volume picks one tier; every event is       7,500 × 200 (V=1.5M) @115 bps → 17,250.00
//	            charged at its bps and cap
//	tiered_bps  graduated over the running volume, events in order;    7,500 × 200 over (0,1M] @125,
//	            each slice at its tier's bps, capped per slice          (1M,∞) @115 → 18,250.00
//
// See each type ([Unit], [Package], [Matrix], [Tiered], [Bulk], [BPS], [BulkBPS],
// [TieredBPS]) for the details of its rule.
//
// # Usage
//
// A price rates an [Input]: the period quantity for unit, package, tiered and bulk;
// groups of property values with their quantities for matrix; and the values of the
// individual events, in timestamp order, for the bps family (whose caps apply per
// event). A negative quantity, group quantity or event value is an error
// ([ErrNegativeQuantity]), and so is usage of a shape the model cannot rate
// ([ErrUsageShape]), such as a bare quantity for a matrix price.
//
// # Sub-lines
//
// Tiered prices have one sub-line per tier that has units, matrix prices one per
// distinct group in order of first appearance; the other models have none. Every
// price rates zero usage too: its line is 0.00.
//
// # Configuration and JSON
//
// Each model has a configuration type with Orb's field names ([TieredConfig] is
// tiered_config) and a Validate method; its New function ([NewTiered]) validates and
// returns an immutable price, safe for concurrent use. [Decode] reads the model of an
// Orb price object (decimals as strings or numbers) and [Encode] writes it back with
// decimals as strings. Validation reports every problem at its field path: tiers must
// be non-empty, sorted and contiguous from 0 (graduated models: only the last tier
// unbounded; volume models: maxima strictly increasing, null only last), amounts and
// rates ≥ 0, package_size a positive integer, matrix cells of the right arity and
// unique. A bulk or bulk_bps price whose last tier is bounded is valid, but usage
// above that bound fails to rate with [ErrAboveLastTier] rather than falling back to
// some rate. Legacy inclusive integer tiers ({1,10},{11,null}) are rejected with a hint
// to write {0,10},{10,null}.
package price
