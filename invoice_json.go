package ratecard

import (
	"encoding/json"
	"time"
)

// The JSON form of an invoice: the fields of SEMANTICS §7 in snake_case, amounts as
// decimal strings, times in RFC 3339.

type periodJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

type subLineJSON struct {
	Name       string    `json:"name"`
	Quantity   Decimal   `json:"quantity"`
	UnitAmount Decimal   `json:"unit_amount"`
	Amount     Decimal   `json:"amount"`
	Group      []*string `json:"group,omitempty"`
}

type adjustmentJSON struct {
	Type   AdjustmentKind `json:"type"`
	Source string         `json:"source"`
	Amount Decimal        `json:"amount"`
}

type lineJSON struct {
	PriceID      string           `json:"price_id"`
	Name         string           `json:"name"`
	ServiceStart time.Time        `json:"service_start"`
	ServiceEnd   time.Time        `json:"service_end"`
	Quantity     Decimal          `json:"quantity"`
	Subtotal     Decimal          `json:"subtotal"`
	SubLines     []subLineJSON    `json:"sub_lines"`
	Adjustments  []adjustmentJSON `json:"adjustments"`
	Amount       Decimal          `json:"amount"`
}

type invoiceJSON struct {
	Currency string     `json:"currency"`
	Period   periodJSON `json:"period"`
	Lines    []lineJSON `json:"lines"`
	Subtotal Decimal    `json:"subtotal"`
	Total    Decimal    `json:"total"`
}

// MarshalJSON writes the invoice with the fields of SEMANTICS §7: currency, period,
// lines (price_id, name, service_start, service_end, quantity, subtotal, sub_lines,
// adjustments, amount), subtotal and total. Identical invoices give identical bytes.
func (inv *Invoice) MarshalJSON() ([]byte, error) {
	out := invoiceJSON{
		Currency: inv.Currency.Code(),
		Period:   periodJSON{inv.Period.Start, inv.Period.End},
		Lines:    make([]lineJSON, len(inv.Lines)),
		Subtotal: inv.Subtotal,
		Total:    inv.Total,
	}
	for i, l := range inv.Lines {
		lj := lineJSON{
			PriceID: l.PriceID, Name: l.Name, ServiceStart: l.Service.Start, ServiceEnd: l.Service.End,
			Quantity: l.Quantity, Subtotal: l.Subtotal, Amount: l.Amount,
			SubLines: make([]subLineJSON, len(l.SubLines)), Adjustments: make([]adjustmentJSON, len(l.Adjustments)),
		}
		for j, s := range l.SubLines {
			lj.SubLines[j] = subLineJSON{Name: s.Name(), Quantity: s.Quantity, UnitAmount: s.UnitAmount(), Amount: s.Amount, Group: s.Group()}
		}
		for j, a := range l.Adjustments {
			lj.Adjustments[j] = adjustmentJSON{Type: a.Kind, Source: a.Source, Amount: a.Amount}
		}
		out.Lines[i] = lj
	}
	return json.Marshal(out)
}
