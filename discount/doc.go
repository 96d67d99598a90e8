// Package discount holds the discounts of a plan, usage, amount, percentage and
// trial, and the arithmetic that applies them: each adjustment is computed once for
// the set of lines it covers, from the running sum of their amounts, and then
// allocated across the lines ([Allocate]) so that displayed amounts always add up.
//
// The order in which an invoice applies adjustments, and which lines each covers, is
// the plan's business (package plan); this package is the arithmetic of one.
package discount
