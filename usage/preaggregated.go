package usage

import (
	"bytes"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// DecodeResult reads usage aggregated elsewhere (SQL GROUP BY, a warehouse), so a
// billing service need not replay events. It takes the shapes a price needs:
//
//	"150000" or 150000                                            a quantity
//	{"groups": [{"values": ["alpha", null], "quantity": "10"}]}   groups (matrix); null = missing property
//	{"event_values": ["500", "2000", "100"]}                      per-event values in timestamp order (bps)
//
// The quantity of groups or event values is their sum. Every group must have the same
// number of values. Problems are reported at their paths, as for events.
func DecodeResult(data []byte) (Result, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		var q ratecard.Decimal
		if err := q.UnmarshalJSON(data); err != nil {
			return Result{}, &ratecard.ValidationError{Err: err}
		}
		return Result{Quantity: q}, nil
	}
	var errs wire.Errors
	o := wire.Read(data, "", &errs)
	if o == nil {
		return Result{}, errs.Err()
	}
	var r Result
	switch {
	case o.Has("groups") && o.Has("event_values"):
		errs.Addf("", "give groups or event_values, not both")
	case o.Has("groups"):
		arity, first := -1, 0 // the number of values of the first well-formed group, at first
		for i, raw := range o.Array("groups", true) {
			at := ratecard.Index("groups", i)
			g := wire.Read(raw, at, &errs)
			if g == nil {
				continue
			}
			values := g.NullableStrings("values", true)
			q := g.Decimal("quantity")
			g.Done()
			if values == nil {
				continue
			}
			if arity >= 0 && len(values) != arity {
				errs.Addf(at+".values", "%d values, but groups[%d] has %d", len(values), first, arity)
			}
			if arity < 0 {
				arity, first = len(values), i
			}
			r.Groups = append(r.Groups, ratecard.Group{Values: values, Quantity: q})
			r.Quantity = r.Quantity.Add(q)
		}
		if r.Groups == nil {
			r.Groups = []ratecard.Group{} // grouped, as an aggregate without events is
		}
	case o.Has("event_values"):
		for i, raw := range o.Array("event_values", true) {
			var v ratecard.Decimal
			if err := v.UnmarshalJSON(raw); err != nil {
				errs.Add(ratecard.Index("event_values", i), err)
				continue
			}
			r.EventValues = append(r.EventValues, v)
			r.Quantity = r.Quantity.Add(v)
		}
		if r.EventValues == nil {
			r.EventValues = []ratecard.Decimal{}
		}
	default:
		errs.Addf("", "want a quantity, {\"groups\": […]} or {\"event_values\": […]}")
	}
	o.Done("groups", "event_values") // known, if left unread when both are given
	if err := errs.Err(); err != nil {
		return Result{}, err
	}
	return r, nil
}
