package conformance

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/waldur"
	"github.com/ratecard/ratecard/internal/wire"
)

// waldurCase holds the inputs of a Waldur case: the resource whose month is
// invoiced, the plans it switches to, and the month.
type waldurCase struct {
	plans    []json.RawMessage // the plans switched to, found by uuid (or name)
	resource waldur.Resource   // its plans are filled in when the case runs
	switchTo []string          // the plan of each switch, by uuid or name
	billing  waldur.Billing
}

func parseWaldur(o *wire.Object, errs, inputs *wire.Errors) *waldurCase {
	w := &waldurCase{plans: o.Array("plans", false)}
	if r := o.Object("resource", true); r != nil {
		w.resource.Name = r.String("name", false)
		w.resource.Created = timeField(r, "created", true, inputs)
		w.resource.Terminated = timeField(r, "terminated", false, inputs)
		for i, raw := range r.Array("switches", false) {
			s := wire.Read(raw, ratecard.Index(r.Path("switches"), i), errs)
			if s == nil {
				continue
			}
			w.resource.Switches = append(w.resource.Switches, waldur.Switch{At: timeField(s, "at", true, inputs)})
			w.switchTo = append(w.switchTo, s.String("plan", true))
			s.Done()
		}
		for i, raw := range r.Array("limits", false) {
			l := wire.Read(raw, ratecard.Index(r.Path("limits"), i), errs)
			if l == nil {
				continue
			}
			lim := waldur.Limits{At: timeField(l, "at", true, inputs), Values: map[string]ratecard.Decimal{}}
			if v := l.Object("values", true); v != nil {
				for _, k := range v.Keys() {
					lim.Values[k] = v.Decimal(k)
				}
				v.Done()
			}
			l.Done()
			w.resource.Limits = append(w.resource.Limits, lim)
		}
		for i, raw := range r.Array("usages", false) {
			u := wire.Read(raw, ratecard.Index(r.Path("usages"), i), errs)
			if u == nil {
				continue
			}
			w.resource.Usages = append(w.resource.Usages, waldur.Usage{
				Component: u.String("component", true), At: timeField(u, "at", true, inputs), Quantity: u.Decimal("quantity")})
			u.Done()
		}
		r.Done()
	}
	if m := o.String("month", true); m != "" {
		y, mo, ok := parseMonth(m)
		if !ok {
			inputs.Addf("month", "%q is not a month such as 2026-03", m)
		}
		w.billing.Year, w.billing.Month = y, mo
	}
	if tz := o.String("timezone", false); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			inputs.Addf("timezone", "unknown time zone %q", tz)
		}
		w.billing.Location = loc
	}
	if code := o.String("currency", false); code != "" {
		cur, err := ratecard.ParseCurrency(code)
		if err != nil {
			inputs.Add("currency", err)
		}
		w.billing.Currency = cur
	}
	return w
}

// parseMonth reads "YYYY-MM".
func parseMonth(s string) (int, time.Month, bool) {
	y, m, ok := strings.Cut(s, "-")
	year, err1 := strconv.Atoi(y)
	month, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(y) != 4 || len(m) != 2 || month < 1 || month > 12 {
		return 0, 0, false
	}
	return year, time.Month(month), true
}

// invoice decodes the plans and invoices the resource's month.
func (w *waldurCase) invoice(planJSON json.RawMessage) (*ratecard.Invoice, error) {
	created, err := waldur.Decode(planJSON)
	if err != nil {
		return nil, err
	}
	known := []*waldur.Plan{created}
	for i, raw := range w.plans {
		p, err := waldur.Decode(raw)
		if err != nil {
			return nil, ratecard.Within(fmt.Sprintf("plans[%d]", i), err)
		}
		known = append(known, p)
	}
	r := w.resource // a copy: the case may run again
	r.Plan = created
	r.Switches = make([]waldur.Switch, len(w.resource.Switches))
	for i, s := range w.resource.Switches {
		r.Switches[i] = s
		for _, p := range known {
			if p.UUID == w.switchTo[i] || p.Name == w.switchTo[i] {
				r.Switches[i].Plan = p
				break
			}
		}
		if r.Switches[i].Plan == nil {
			return nil, ratecard.Invalid(ratecard.Index("resource.switches", i)+".plan", "no plan (plan or plans[]) has uuid or name %q", w.switchTo[i])
		}
	}
	return r.Invoice(w.billing)
}

// checkPrices compares the creation plan's display prices with the expected ones.
func (w *waldurCase) checkPrices(planJSON json.RawMessage, x Expect) []string {
	if x.InitPrice == nil && x.SwitchPrice == nil && x.MinimalPrice == nil {
		return nil
	}
	p, err := waldur.Decode(planJSON)
	if err != nil {
		return []string{err.Error()}
	}
	var diffs []string
	for _, c := range []struct {
		name string
		want *ratecard.Decimal
		got  ratecard.Decimal
	}{{"init_price", x.InitPrice, p.InitPrice()}, {"switch_price", x.SwitchPrice, p.SwitchPrice()}, {"minimal_price", x.MinimalPrice, p.MinimalPrice()}} {
		if c.want != nil && !c.want.Equal(c.got) {
			diffs = append(diffs, fmt.Sprintf("%s: expected %s, got %s", c.name, c.want, c.got))
		}
	}
	return diffs
}
