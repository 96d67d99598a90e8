package ratecard

// SubLine is one part of a line's subtotal: the units that fell in one tier of a
// graduated price, or the usage of one group of a matrix price.
type SubLine struct {
	// Name describes the part: a tier's range ("10000–100000", "100000+") or a group's
	// values ("alpha / west").
	Name string
	// Quantity is the number of units in the part.
	Quantity Decimal
	// UnitAmount is the rate the part's units are charged at.
	UnitAmount Decimal
	// Amount is Quantity × UnitAmount: exact as a price rates it, rounded to the
	// currency once the line is built (SEMANTICS §1).
	Amount Decimal
	// Group holds a matrix group's dimension values in the price's dimension order; a
	// nil element is a property the usage did not carry. Nil for tier sub-lines.
	Group []*string
}

// Line is one priced item of an invoice: what a price charged for its quantity, with
// its breakdown, in the invoice's currency.
//
// Every amount on a line is rounded to the currency's scale, and the sums hold to the
// last digit: Subtotal is the sum of the SubLines' amounts when there are any.
type Line struct {
	PriceID  string    // the price's id in its plan
	Name     string    // the price's name
	Quantity Decimal   // the measured quantity (fixed fees: the fixed quantity)
	Subtotal Decimal   // the rated amount, before adjustments
	SubLines []SubLine // tier slices or matrix groups; empty for the other models
	Amount   Decimal   // the amount charged: the subtotal after adjustments
}
