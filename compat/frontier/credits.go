package frontier

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// EntryKind is what a ledger entry records.
type EntryKind string

// The kinds of ledger entries.
const (
	EntryOnStart  EntryKind = "on_start" // a plan's on_start_credits, granted once per plan and customer
	EntryPurchase EntryKind = "purchase" // credits bought: quantity × the product's credit_amount
	EntryConsume  EntryKind = "consume"  // credits used, all or nothing
	EntryInvoice  EntryKind = "invoice"  // credits drawn down against an invoice's in-arrears lines
)

// Entry is one transaction of a credit ledger.
type Entry struct {
	ID       string // the transaction id: unique in the ledger, the key of idempotency
	Customer string
	Kind     EntryKind
	Credits  int64     // positive for grants, negative for consumption
	At       time.Time // when it happened (informational: balances count every entry)
	Source   string    // what it is for: the plan, the product, the invoice
}

// The ledger's errors.
var (
	// ErrInsufficientCredits: consuming the credits would take the balance below the
	// ledger's minimum.
	ErrInsufficientCredits = errors.New("insufficient credits")
	// ErrTransactionConflict: a transaction id was used again for a different
	// transaction.
	ErrTransactionConflict = errors.New("transaction id already used for a different transaction")
	// ErrCredits: a transaction that cannot be (a negative amount, an empty id, a
	// quantity outside the product's bounds, an overflow).
	ErrCredits = errors.New("invalid credit transaction")
)

// Ledger holds customers' credit balances as a list of transactions, as Frontier
// keeps them. Credits are granted (a plan's on-start credits, purchases) and
// consumed (directly, or drawn down by invoices) only while the balance stays at or
// above the ledger's minimum (negative for an overdraft allowance). Every
// transaction has an id, and repeating it is harmless: the ledger returns the
// recorded entry and changes nothing, so a retried request cannot grant or consume
// twice. A Ledger is safe for concurrent use.
type Ledger struct {
	mu      sync.Mutex
	minimum int64
	entries []Entry
	byID    map[string]int // index into entries
	balance map[string]int64
}

// NewLedger returns a ledger whose balances may not go below minimum, holding the
// given entries (as Entries returned them, to restore a ledger).
func NewLedger(minimum int64, entries ...Entry) (*Ledger, error) {
	l := &Ledger{minimum: minimum, byID: map[string]int{}, balance: map[string]int64{}}
	for i, e := range entries {
		if _, dup := l.byID[e.ID]; dup {
			return nil, fmt.Errorf("frontier: entries[%d]: %w: id %q is repeated", i, ErrCredits, e.ID)
		}
		if err := l.checkID(e); err != nil {
			return nil, fmt.Errorf("frontier: entries[%d]: %w", i, err)
		}
		if err := l.add(e); err != nil {
			return nil, fmt.Errorf("frontier: entries[%d]: %w", i, err)
		}
	}
	return l, nil
}

// Minimum returns the least balance consumption may leave.
func (l *Ledger) Minimum() int64 { return l.minimum }

// Balance returns a customer's balance: the sum of its entries.
func (l *Ledger) Balance(customer string) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.balance[customer]
}

// Entries returns a customer's entries in the order they were recorded; all entries
// for "".
func (l *Ledger) Entries(customer string) []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	if customer == "" {
		return slices.Clone(l.entries)
	}
	var out []Entry
	for _, e := range l.entries {
		if e.Customer == customer {
			out = append(out, e)
		}
	}
	return out
}

// GrantOnStart grants a plan's on_start_credits to a customer, once: the
// transaction id is derived from the plan and the customer, so granting again
// (another subscription to the same plan, a retry) returns the first grant, also
// when the plan's on_start_credits have changed since. A plan without on-start
// credits grants nothing (a zero Entry); one with them needs an id or a name.
func (l *Ledger) GrantOnStart(customer string, p *Plan, at time.Time) (Entry, error) {
	if p.OnStartCredits == 0 {
		return Entry{}, nil
	}
	if p.label() == "" {
		return Entry{}, fmt.Errorf("frontier: on-start credits: %w: the plan has no id or name to key its grant by", ErrCredits)
	}
	e := Entry{ID: "on_start/" + p.label() + "/" + customer, Customer: customer, Kind: EntryOnStart,
		Credits: p.OnStartCredits, At: at, Source: "plan " + p.label()}
	return l.recordOnce(e, func(got Entry) bool { return got.Kind == EntryOnStart && got.Customer == customer })
}

// Purchase records a customer buying quantity units of a credits product: it grants
// quantity × the product's credit_amount. The quantity must lie within the
// product's min_quantity and max_quantity (Frontier's defaults: 1 and 100,000).
func (l *Ledger) Purchase(txID, customer string, product *Product, quantity int64, at time.Time) (Entry, error) {
	if product.Behavior != BehaviorCredits {
		return Entry{}, fmt.Errorf("frontier: purchase %s: %w: product %s is %s, not a credits product", txID, ErrCredits, product.Name, product.Behavior)
	}
	lo, hi := max(product.Config.MinQuantity, 1), product.Config.MaxQuantity
	if hi == 0 {
		hi = maxPurchaseQuantity
	}
	if quantity < lo || quantity > hi {
		return Entry{}, fmt.Errorf("frontier: purchase %s: %w: quantity %d is outside %d–%d (behavior_config min_quantity, max_quantity)", txID, ErrCredits, quantity, lo, hi)
	}
	credits := product.Config.CreditAmount
	if credits > math.MaxInt64/quantity {
		return Entry{}, fmt.Errorf("frontier: purchase %s: %w: %d × %d credits overflow", txID, ErrCredits, quantity, credits)
	}
	return l.record(Entry{ID: txID, Customer: customer, Kind: EntryPurchase, Credits: quantity * credits, At: at, Source: "product " + product.Name})
}

// maxPurchaseQuantity is Frontier's default upper bound of a purchase.
const maxPurchaseQuantity = 100_000

// Consume uses credits, all or nothing: it fails with ErrInsufficientCredits when the
// balance would fall below the ledger's minimum.
func (l *Ledger) Consume(txID, customer string, credits int64, at time.Time, source string) (Entry, error) {
	if credits < 0 {
		return Entry{}, fmt.Errorf("frontier: consume %s: %w: %d credits is negative", txID, ErrCredits, credits)
	}
	return l.record(Entry{ID: txID, Customer: customer, Kind: EntryConsume, Credits: -credits, At: at, Source: source})
}

// draw consumes up to want credits, as many as the minimum allows, for an invoice.
// Repeating the transaction returns the recorded draw, provided it does not exceed
// what is wanted now.
func (l *Ledger) draw(txID, customer string, want int64, at time.Time, source string) (Entry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i, ok := l.byID[txID]; ok {
		e := l.entries[i]
		if e.Kind != EntryInvoice || e.Customer != customer || -e.Credits > want {
			return Entry{}, fmt.Errorf("frontier: credits %s: %w: recorded as %s of %d credits for %q", txID, ErrTransactionConflict, e.Kind, e.Credits, e.Customer)
		}
		return e, nil
	}
	n := max(0, min(want, l.balance[customer]-l.minimum))
	e := Entry{ID: txID, Customer: customer, Kind: EntryInvoice, Credits: -n, At: at, Source: source}
	if err := l.checkID(e); err != nil {
		return Entry{}, err
	}
	return e, l.add(e)
}

// record adds a grant or a consumption, idempotently: a transaction recorded
// before is returned if it is the same one.
func (l *Ledger) record(e Entry) (Entry, error) {
	return l.recordOnce(e, func(got Entry) bool {
		return got.Kind == e.Kind && got.Customer == e.Customer && got.Credits == e.Credits
	})
}

// recordOnce adds a grant or a consumption unless its id is recorded; the recorded
// entry is returned when same says it is this transaction, else a conflict.
func (l *Ledger) recordOnce(e Entry, same func(recorded Entry) bool) (Entry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i, ok := l.byID[e.ID]; ok {
		got := l.entries[i]
		if !same(got) {
			return Entry{}, fmt.Errorf("frontier: credits %s: %w: recorded as %s of %d credits for %q", e.ID, ErrTransactionConflict, got.Kind, got.Credits, got.Customer)
		}
		return got, nil
	}
	if err := l.checkID(e); err != nil {
		return Entry{}, err
	}
	if e.Credits < 0 && l.balance[e.Customer]+e.Credits < l.minimum {
		return Entry{}, fmt.Errorf("frontier: credits %s: %w: %d credits would leave %d, below the minimum %d",
			e.ID, ErrInsufficientCredits, -e.Credits, l.balance[e.Customer]+e.Credits, l.minimum)
	}
	return e, l.add(e)
}

func (l *Ledger) checkID(e Entry) error {
	switch {
	case e.ID == "":
		return fmt.Errorf("frontier: credits: %w: a transaction needs an id", ErrCredits)
	case e.Customer == "":
		return fmt.Errorf("frontier: credits %s: %w: a transaction needs a customer", e.ID, ErrCredits)
	}
	return nil
}

// add appends an entry, refusing a balance that would overflow.
func (l *Ledger) add(e Entry) error {
	b := l.balance[e.Customer]
	if (e.Credits > 0 && b > math.MaxInt64-e.Credits) || (e.Credits < 0 && b < math.MinInt64-e.Credits) {
		return fmt.Errorf("frontier: credits %s: %w: the balance would overflow", e.ID, ErrCredits)
	}
	l.balance[e.Customer] = b + e.Credits
	l.byID[e.ID] = len(l.entries)
	l.entries = append(l.entries, e)
	return nil
}
