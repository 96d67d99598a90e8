package conformance

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/frontier"
	"github.com/ratecard/ratecard/internal/wire"
	"github.com/ratecard/ratecard/usage"
)

// frontierCase holds the inputs of a Frontier case: a customer's subscription, its
// credit transactions, and one invoice or several in order.
type frontierCase struct {
	billing      frontier.Billing // the subscription's settings; each invoice adds its own
	credits      bool             // a ledger is kept
	minimum      int64
	transactions []transaction // before the first invoice
	invoices     []frontierInvoice
	several      bool // "invoices" was given (else the one invoice is the case's)
}

type frontierInvoice struct {
	period       ratecard.Period
	events       []usage.Event
	quantities   map[string]usage.Result
	seats        *int64
	creditTx     string
	transactions []transaction // before this invoice
	expect       Expect
}

// transaction is one credit transaction of a case.
type transaction struct {
	at       string // its path, for errors
	id, kind string
	product  string // purchase
	quantity int64  // purchase
	credits  int64  // consume
	when     time.Time
}

func parseFrontier(o *wire.Object, errs, inputs *wire.Errors) *frontierCase {
	f := &frontierCase{}
	f.billing.Customer = o.String("customer", true)
	if s := o.Object("subscription", true); s != nil {
		f.billing.Start = timeField(s, "start", true, inputs)
		if tz := s.String("timezone", false); tz != "" {
			loc, err := time.LoadLocation(tz)
			if err != nil {
				inputs.Addf(s.Path("timezone"), "unknown time zone %q", tz)
			}
			f.billing.Location = loc
		}
		if n := s.Int("seats"); n != nil {
			f.billing.Seats = *n
		}
		if b := s.Bool("skip_trial"); b != nil {
			f.billing.SkipTrial = *b
		}
		if code := s.String("currency", false); code != "" {
			cur, err := ratecard.ParseCurrency(code)
			if err != nil {
				inputs.Add(s.Path("currency"), err)
			}
			f.billing.Currency = cur
		}
		s.Done()
	}
	if m := o.String("rounding_mode", false); m != "" {
		mode, err := ratecard.ParseRoundingMode(m)
		if err != nil {
			inputs.Add("rounding_mode", err)
		}
		f.billing.RoundingMode = mode
	}
	if c := o.Object("credits", false); c != nil {
		f.credits = true
		if n := c.Int("minimum"); n != nil {
			f.minimum = *n
		}
		if v := c.OptDecimal("value"); v != nil {
			f.billing.CreditValue = *v
		}
		f.transactions = parseTransactions(c, errs, inputs)
		c.Done()
	}
	raws := o.Array("invoices", false)
	f.several = raws != nil
	if !f.several {
		f.invoices = []frontierInvoice{parseFrontierInvoice(o, errs, inputs)}
		f.needsCredits(o, f.invoices[0], errs)
		return f
	}
	for i, raw := range raws {
		inv := wire.Read(raw, ratecard.Index("invoices", i), errs)
		if inv == nil {
			continue
		}
		fi := parseFrontierInvoice(inv, errs, inputs)
		if e := inv.Object("expect", true); e != nil {
			fi.expect = expectation(e, "frontier", errs)
			if !f.credits && fi.expect.CreditBalance != nil {
				errs.Addf(e.Path("credit_balance"), "needs a credits ledger (credits)")
			}
		}
		f.needsCredits(inv, fi, errs)
		inv.Done()
		f.invoices = append(f.invoices, fi)
	}
	return f
}

// needsCredits rejects an invoice's credit inputs in a case without a ledger, which
// would otherwise be ignored.
func (f *frontierCase) needsCredits(o *wire.Object, fi frontierInvoice, errs *wire.Errors) {
	if f.credits {
		return
	}
	if fi.creditTx != "" {
		errs.Addf(o.Path("credit_tx"), "needs a credits ledger (credits)")
	}
	if len(fi.transactions) > 0 {
		errs.Addf(o.Path("transactions"), "needs a credits ledger (credits)")
	}
}

// parseFrontierInvoice reads the inputs of one invoice (not its expectation).
func parseFrontierInvoice(o *wire.Object, errs, inputs *wire.Errors) frontierInvoice {
	var fi frontierInvoice
	if p := o.Object("period", true); p != nil {
		fi.period = ratecard.Period{Start: timeField(p, "start", true, inputs), End: timeField(p, "end", true, inputs)}
		p.Done()
	}
	fi.events = parseEvents(o, inputs)
	fi.quantities = parseQuantities(o, inputs)
	fi.seats = o.Int("seats")
	fi.creditTx = o.String("credit_tx", false)
	fi.transactions = parseTransactions(o, errs, inputs)
	return fi
}

func parseTransactions(o *wire.Object, errs, inputs *wire.Errors) []transaction {
	var out []transaction
	for i, raw := range o.Array("transactions", false) {
		at := ratecard.Index(o.Path("transactions"), i)
		t := wire.Read(raw, at, errs)
		if t == nil {
			continue
		}
		tx := transaction{at: at, id: t.String("id", true), kind: t.String("type", true), when: timeField(t, "at", false, inputs)}
		switch tx.kind {
		case "purchase":
			tx.product = t.String("product", true)
			if n := t.Int("quantity"); n != nil {
				tx.quantity = *n
			} else {
				errs.Addf(t.Path("quantity"), "required")
			}
		case "consume":
			if n := t.Int("credits"); n != nil {
				tx.credits = *n
			} else {
				errs.Addf(t.Path("credits"), "required")
			}
		case "":
		default:
			errs.Addf(t.Path("type"), "%q is not purchase or consume", tx.kind)
		}
		t.Done()
		out = append(out, tx)
	}
	return out
}

// run decodes the plan, replays the credit transactions and computes the invoices in
// order, each after its own transactions.
func (f *frontierCase) run(planJSON json.RawMessage, top Expect) ([]step, error) {
	p, err := frontier.Decode(planJSON)
	if err != nil {
		return nil, err
	}
	var ledger *frontier.Ledger
	if f.credits {
		ledger, _ = frontier.NewLedger(f.minimum) // no entries: cannot fail
		if err := apply(ledger, p, f.billing.Customer, f.transactions); err != nil {
			return nil, err
		}
	}
	var steps []step
	for i, fi := range f.invoices {
		st := step{expect: fi.expect}
		if f.several {
			st.label = fmt.Sprintf("invoices[%d]: ", i)
		} else {
			st.expect = top
		}
		b := f.billing
		b.Period, b.Quantities, b.Credits, b.CreditTx = fi.period, fi.quantities, ledger, fi.creditTx
		if fi.seats != nil {
			b.Seats = *fi.seats
		}
		if ledger != nil {
			st.err = apply(ledger, p, b.Customer, fi.transactions)
		}
		if st.err == nil {
			st.inv, st.err = p.Invoice(b, fi.events)
		}
		if ledger != nil {
			st.balance = new(ledger.Balance(b.Customer))
		}
		steps = append(steps, st)
	}
	return steps, nil
}

// apply records credit transactions in a ledger.
func apply(l *frontier.Ledger, p *frontier.Plan, customer string, txs []transaction) error {
	for _, tx := range txs {
		var err error
		switch tx.kind {
		case "purchase":
			prod := p.Product(tx.product)
			if prod == nil {
				return ratecard.Invalid(tx.at+".product", "the plan has no product %q", tx.product)
			}
			_, err = l.Purchase(tx.id, customer, prod, tx.quantity, tx.when)
		case "consume":
			_, err = l.Consume(tx.id, customer, tx.credits, tx.when, "case")
		}
		if err != nil {
			return ratecard.AtField(tx.at, err)
		}
	}
	return nil
}
