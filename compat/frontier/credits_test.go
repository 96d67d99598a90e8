package frontier_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ratecard/ratecard/compat/frontier"
	"pgregory.net/rapid"
)

const packPlan = `{"id": "p", "interval": "month", "on_start_credits": 250, "products": [
  {"name": "pack", "behavior": "credits", "behavior_config": {"credit_amount": 1000, "min_quantity": 2, "max_quantity": 5},
   "prices": [{"id": "pack", "amount": 1000}]},
  {"name": "big", "behavior": "credits", "behavior_config": {"credit_amount": 6000000000000000000}, "prices": [{"id": "big", "amount": 1}]},
  {"name": "seats", "behavior": "per_seat", "prices": [{"id": "seat", "interval": "month", "amount": 100}]}]}`

func TestLedger(t *testing.T) {
	p := mustPlan(t, packPlan)
	l := newLedger(t, -100) // an overdraft of 100 credits
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	steps := []struct {
		name    string
		do      func() (frontier.Entry, error)
		balance int64
		err     error
	}{
		{"on-start credits", func() (frontier.Entry, error) { return l.GrantOnStart("c", p, now) }, 250, nil},
		{"on-start credits again: once per plan and customer", func() (frontier.Entry, error) { return l.GrantOnStart("c", p, now.Add(time.Hour)) }, 250, nil},
		{"on-start credits again after the plan raised them: still once", func() (frontier.Entry, error) {
			raised := *p
			raised.OnStartCredits = 400
			return l.GrantOnStart("c", &raised, now.Add(2*time.Hour))
		}, 250, nil},
		{"on-start credits of a plan with no id or name", func() (frontier.Entry, error) {
			anonymous := *p
			anonymous.ID, anonymous.Name = "", ""
			return l.GrantOnStart("c", &anonymous, now)
		}, 250, frontier.ErrCredits},
		{"no customer", func() (frontier.Entry, error) { return l.Purchase("b0", "", p.Product("pack"), 2, now) }, 250, frontier.ErrCredits},
		{"a purchase below min_quantity", func() (frontier.Entry, error) { return l.Purchase("b0", "c", p.Product("pack"), 1, now) }, 250, frontier.ErrCredits},
		{"a purchase above max_quantity", func() (frontier.Entry, error) { return l.Purchase("b0", "c", p.Product("pack"), 6, now) }, 250, frontier.ErrCredits},
		{"a purchase of seats", func() (frontier.Entry, error) { return l.Purchase("b0", "c", p.Product("seats"), 1, now) }, 250, frontier.ErrCredits},
		{"a purchase", func() (frontier.Entry, error) { return l.Purchase("b1", "c", p.Product("pack"), 2, now) }, 2250, nil},
		{"the purchase retried", func() (frontier.Entry, error) { return l.Purchase("b1", "c", p.Product("pack"), 2, now) }, 2250, nil},
		{"its id reused for another purchase", func() (frontier.Entry, error) { return l.Purchase("b1", "c", p.Product("pack"), 3, now) }, 2250, frontier.ErrTransactionConflict},
		{"its id reused by another customer", func() (frontier.Entry, error) { return l.Purchase("b1", "d", p.Product("pack"), 2, now) }, 2250, frontier.ErrTransactionConflict},
		{"consumption into the overdraft", func() (frontier.Entry, error) { return l.Consume("u1", "c", 2300, now, "api") }, -50, nil},
		{"consumption past the minimum", func() (frontier.Entry, error) { return l.Consume("u2", "c", 51, now, "api") }, -50, frontier.ErrInsufficientCredits},
		{"consumption down to the minimum", func() (frontier.Entry, error) { return l.Consume("u2", "c", 50, now, "api") }, -100, nil},
		{"negative consumption", func() (frontier.Entry, error) { return l.Consume("u3", "c", -5, now, "api") }, -100, frontier.ErrCredits},
		{"no id", func() (frontier.Entry, error) { return l.Consume("", "c", 0, now, "api") }, -100, frontier.ErrCredits},
		{"an overflowing purchase", func() (frontier.Entry, error) { return l.Purchase("b2", "c", p.Product("big"), 2, now) }, -100, frontier.ErrCredits},
		{"a large purchase", func() (frontier.Entry, error) { return l.Purchase("b3", "c", p.Product("big"), 1, now) }, 5999999999999999900, nil},
		{"a balance that would overflow", func() (frontier.Entry, error) { return l.Purchase("b4", "c", p.Product("big"), 1, now) }, 5999999999999999900, frontier.ErrCredits},
	}
	for _, st := range steps {
		_, err := st.do()
		if !errors.Is(err, st.err) || (st.err == nil) != (err == nil) {
			t.Errorf("%s: error %v, want %v", st.name, err, st.err)
		}
		if got := l.Balance("c"); got != st.balance {
			t.Errorf("%s: balance %d, want %d", st.name, got, st.balance)
		}
	}
	if l.Balance("d") != 0 || l.Minimum() != -100 {
		t.Errorf("customer d: balance %d; minimum %d", l.Balance("d"), l.Minimum())
	}
	// A ledger restored from its entries has the same balances and refuses the same ids.
	restored, err := frontier.NewLedger(l.Minimum(), l.Entries("")...)
	if err != nil {
		t.Fatal(err)
	}
	if restored.Balance("c") != l.Balance("c") {
		t.Errorf("restored balance %d, want %d", restored.Balance("c"), l.Balance("c"))
	}
	if _, err := restored.Consume("b1", "c", 1, now, "x"); !errors.Is(err, frontier.ErrTransactionConflict) {
		t.Errorf("restored ledger accepts a used id: %v", err)
	}
	for _, bad := range []struct {
		name    string
		entries []frontier.Entry
		want    string
	}{
		{"a repeated id", []frontier.Entry{{ID: "a", Customer: "c"}, {ID: "a", Customer: "c"}}, `entries[1]: invalid credit transaction: id "a" is repeated`},
		{"no customer", []frontier.Entry{{ID: "a"}}, "a transaction needs a customer"},
		{"an overflow", []frontier.Entry{{ID: "a", Customer: "c", Credits: math.MaxInt64}, {ID: "b", Customer: "c", Credits: 1}}, "entries[1]: "},
	} {
		if _, err := frontier.NewLedger(0, bad.entries...); !errors.Is(err, frontier.ErrCredits) || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("entries with %s: %v, want ErrCredits containing %q", bad.name, err, bad.want)
		}
	}
}

// TestLedgerConcurrent: customers buying and retrying at once neither lose nor
// double a transaction (run with -race).
func TestLedgerConcurrent(t *testing.T) {
	p := mustPlan(t, packPlan)
	l := newLedger(t, 0)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				// Every goroutine sends every purchase of its customer twice (a retry).
				customer := fmt.Sprintf("c%d", g%4)
				if _, err := l.Purchase(fmt.Sprintf("%s-%d", customer, i), customer, p.Product("pack"), 2, time.Time{}); err != nil {
					t.Error(err)
				}
				l.Balance(customer)
			}
		})
	}
	wg.Wait()
	for c := range 4 {
		if got := l.Balance(fmt.Sprintf("c%d", c)); got != 50*2000 {
			t.Errorf("c%d: balance %d, want %d", c, got, 50*2000)
		}
	}
	if n := len(l.Entries("")); n != 200 {
		t.Errorf("%d entries, want 200", n)
	}
}

// TestLedgerProperties: whatever the transactions, a balance is the sum of its
// entries, consumption never takes it below the minimum, and retrying every
// recorded transaction changes nothing.
func TestLedgerProperties(t *testing.T) {
	p := mustPlan(t, packPlan)
	rapid.Check(t, func(t *rapid.T) {
		minimum := rapid.Int64Range(-1000, 1000).Draw(t, "minimum")
		l, _ := frontier.NewLedger(minimum)
		type tx struct {
			kind     int
			id, cust string
			n        int64
		}
		var txs []tx
		for i := range rapid.IntRange(0, 20).Draw(t, "n") {
			txs = append(txs, tx{
				kind: rapid.IntRange(0, 2).Draw(t, fmt.Sprintf("kind%d", i)),
				id:   fmt.Sprintf("t%d", rapid.IntRange(0, 12).Draw(t, fmt.Sprintf("id%d", i))),
				cust: rapid.SampledFrom([]string{"a", "b"}).Draw(t, fmt.Sprintf("cust%d", i)),
				n:    rapid.Int64Range(0, 6000).Draw(t, fmt.Sprintf("n%d", i)),
			})
		}
		do := func(x tx) error {
			var err error
			switch x.kind {
			case 0:
				_, err = l.GrantOnStart(x.cust, p, time.Time{})
			case 1:
				_, err = l.Purchase(x.id, x.cust, p.Product("pack"), x.n%7, time.Time{})
			case 2:
				before := l.Balance(x.cust)
				_, err = l.Consume(x.id, x.cust, x.n, time.Time{}, "")
				if err == nil && before >= minimum && l.Balance(x.cust) < minimum {
					t.Fatalf("consuming %d took %s from %d to %d, below %d", x.n, x.cust, before, l.Balance(x.cust), minimum)
				}
			}
			return err
		}
		var done []tx
		for _, x := range txs {
			if do(x) == nil { // refusals are expected, and leave no trace
				done = append(done, x)
			}
		}
		entries := len(l.Entries(""))
		balances := map[string]int64{"a": l.Balance("a"), "b": l.Balance("b")}
		for _, x := range done { // a retry of what was recorded is harmless
			if err := do(x); err != nil {
				t.Fatalf("replaying %+v: %v", x, err)
			}
		}
		for c, b := range balances {
			var sum int64
			for _, e := range l.Entries(c) {
				sum += e.Credits
			}
			if sum != b || l.Balance(c) != b {
				t.Fatalf("%s: balance %d, entries sum to %d, after the replay %d", c, b, sum, l.Balance(c))
			}
		}
		if len(l.Entries("")) != entries {
			t.Fatalf("the replay added %d entries", len(l.Entries(""))-entries)
		}
	})
}
