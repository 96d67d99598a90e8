package price_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/gen"
	"github.com/ratecard/ratecard/price"
	"pgregory.net/rapid"
)

// Generators. They stay small (a few tiers, a few events) so that rapid shrinks
// failures to something readable, and mix everyday amounts with the wide shapes of
// gen.NonNegative (34 digits, scales past 18, positive exponents).

// positive generates a decimal > 0 with at most maxInt before the point and maxScale
// digits after it.
func positive(maxInt int64, maxScale int32) *rapid.Generator[ratecard.Decimal] {
	return rapid.Custom(func(t *rapid.T) ratecard.Decimal {
		scale := rapid.Int32Range(0, maxScale).Draw(t, "scale")
		limit := maxInt
		for range scale {
			limit *= 10
		}
		return ratecard.New(rapid.Int64Range(1, limit).Draw(t, "coef"), scale)
	})
}

// rateGen generates a rate ≥ 0: a unit amount, a bps or a cap.
func rateGen() *rapid.Generator[ratecard.Decimal] {
	return rapid.OneOf(gen.Amount(10, 4), gen.Amount(1000, 2), gen.NonNegative())
}

// quantityGen generates a quantity ≥ 0.
func quantityGen() *rapid.Generator[ratecard.Decimal] {
	return rapid.OneOf(gen.Amount(100, 2), gen.Amount(100000, 3), gen.NonNegative())
}

// eventsGen generates per-event values for the bps family.
func eventsGen() *rapid.Generator[[]ratecard.Decimal] {
	return rapid.SliceOfN(rapid.OneOf(gen.Amount(10000, 2), gen.Amount(10, 4)), 0, 12)
}

// capGen generates an optional per-event cap.
func capGen() *rapid.Generator[*ratecard.Decimal] {
	return rapid.Ptr(rapid.OneOf(gen.Amount(10, 2), gen.Amount(1000, 2)), true)
}

// lowerBounds generates the lower bounds of 1–5 contiguous graduated tiers: 0, then
// strictly increasing by widths of at most maxWidth.
func lowerBounds(maxWidth int64) *rapid.Generator[[]ratecard.Decimal] {
	return rapid.Custom(func(t *rapid.T) []ratecard.Decimal {
		n := rapid.IntRange(1, 5).Draw(t, "tiers")
		zero := ratecard.New(0, rapid.Int32Range(0, 2).Draw(t, "zero scale")) // "0", "0.0", "0.00"
		out := []ratecard.Decimal{zero}
		for len(out) < n {
			out = append(out, out[len(out)-1].Add(positive(maxWidth, 3).Draw(t, "width")))
		}
		return out
	})
}

// upperOf returns the upper bound of tier i given the lower bounds: the next tier's
// lower bound, or nil for the last.
func upperOf(lower []ratecard.Decimal, i int) *ratecard.Decimal {
	if i+1 < len(lower) {
		return new(lower[i+1])
	}
	return nil
}

// maxima generates 1–5 strictly increasing volume maxima ≥ 0; the last is nil (no
// bound) or not.
func maxima(maxStep int64) *rapid.Generator[[]*ratecard.Decimal] {
	return rapid.Custom(func(t *rapid.T) []*ratecard.Decimal {
		n := rapid.IntRange(1, 5).Draw(t, "tiers")
		m := gen.Amount(maxStep, 2).Draw(t, "first maximum")
		out := []*ratecard.Decimal{new(m)}
		for len(out) < n {
			m = m.Add(positive(maxStep, 2).Draw(t, "step"))
			out = append(out, new(m))
		}
		if rapid.Bool().Draw(t, "unbounded last") {
			out[n-1] = nil
		}
		return out
	})
}

func tieredConfigGen() *rapid.Generator[price.TieredConfig] {
	return rapid.Custom(func(t *rapid.T) price.TieredConfig {
		lower := lowerBounds(1000).Draw(t, "lower")
		var c price.TieredConfig
		for i, lo := range lower {
			c.Tiers = append(c.Tiers, price.Tier{FirstUnit: lo, LastUnit: upperOf(lower, i), UnitAmount: rateGen().Draw(t, "unit_amount")})
		}
		return c
	})
}

func bulkConfigGen() *rapid.Generator[price.BulkConfig] {
	return rapid.Custom(func(t *rapid.T) price.BulkConfig {
		var c price.BulkConfig
		for _, m := range maxima(1000).Draw(t, "maxima") {
			c.Tiers = append(c.Tiers, price.BulkTier{MaximumUnits: m, UnitAmount: rateGen().Draw(t, "unit_amount")})
		}
		return c
	})
}

func packageConfigGen() *rapid.Generator[price.PackageConfig] {
	return rapid.Custom(func(t *rapid.T) price.PackageConfig {
		return price.PackageConfig{
			PackageAmount: rateGen().Draw(t, "package_amount"),
			PackageSize:   rapid.OneOf(rapid.Int64Range(1, 20), rapid.Int64Range(1, 1e12)).Draw(t, "package_size"),
		}
	})
}

func bpsConfigGen() *rapid.Generator[price.BPSConfig] {
	return rapid.Custom(func(t *rapid.T) price.BPSConfig {
		return price.BPSConfig{BPS: rateGen().Draw(t, "bps"), PerUnitMaximum: capGen().Draw(t, "per_unit_maximum")}
	})
}

func bulkBPSConfigGen() *rapid.Generator[price.BulkBPSConfig] {
	return rapid.Custom(func(t *rapid.T) price.BulkBPSConfig {
		var c price.BulkBPSConfig
		for _, m := range maxima(20000).Draw(t, "maxima") {
			c.Tiers = append(c.Tiers, price.BulkBPSTier{MaximumAmount: m, BPS: rateGen().Draw(t, "bps"), PerUnitMaximum: capGen().Draw(t, "per_unit_maximum")})
		}
		return c
	})
}

// tieredBPSConfigGen generates graduated bps tiers; withCaps false leaves every
// per_unit_maximum nil.
func tieredBPSConfigGen(withCaps bool) *rapid.Generator[price.TieredBPSConfig] {
	return rapid.Custom(func(t *rapid.T) price.TieredBPSConfig {
		lower := lowerBounds(20000).Draw(t, "lower")
		var c price.TieredBPSConfig
		for i, lo := range lower {
			tier := price.TieredBPSTier{MinimumAmount: lo, MaximumAmount: upperOf(lower, i), BPS: rateGen().Draw(t, "bps")}
			if withCaps {
				tier.PerUnitMaximum = capGen().Draw(t, "per_unit_maximum")
			}
			c.Tiers = append(c.Tiers, tier)
		}
		return c
	})
}

// matrixValues are the property values matrix configurations and usage draw from;
// "d" never has a cell, and "" must not be confused with a missing property.
var matrixValues = []string{"a", "", "b", "d"}

// matrixConfigGen generates a matrix of 1–2 dimensions, sometimes padded with a null,
// with cells for a subset of the value combinations (cells of a padded matrix
// sometimes padded too).
func matrixConfigGen() *rapid.Generator[price.MatrixConfig] {
	return rapid.Custom(func(t *rapid.T) price.MatrixConfig {
		n := rapid.IntRange(1, 2).Draw(t, "dimensions")
		names := rapid.Permutation([]string{"region", "cluster", "zone"}).Draw(t, "names")[:n]
		c := price.MatrixConfig{DefaultUnitAmount: rateGen().Draw(t, "default_unit_amount"), MatrixValues: []price.MatrixValue{}}
		for _, name := range names {
			c.Dimensions = append(c.Dimensions, new(name))
		}
		padded := rapid.Bool().Draw(t, "padded")
		if padded {
			c.Dimensions = append(c.Dimensions, nil)
		}
		combos := [][]string{{}}
		for range n {
			var next [][]string
			for _, combo := range combos {
				for _, v := range matrixValues[:3] {
					next = append(next, append(combo[:len(combo):len(combo)], v))
				}
			}
			combos = next
		}
		for _, combo := range combos {
			if !rapid.Bool().Draw(t, "cell") {
				continue
			}
			var vals []*string
			for _, v := range combo {
				vals = append(vals, new(v))
			}
			if padded && rapid.Bool().Draw(t, "padded cell") {
				vals = append(vals, nil)
			}
			c.MatrixValues = append(c.MatrixValues, price.MatrixValue{DimensionValues: vals, UnitAmount: rateGen().Draw(t, "unit_amount")})
		}
		return c
	})
}

// groupsGen generates matrix usage for n dimensions; nil values are missing properties.
func groupsGen(n int) *rapid.Generator[[]price.Group] {
	value := rapid.Custom(func(t *rapid.T) *string {
		if rapid.IntRange(0, 5).Draw(t, "missing") == 0 {
			return nil
		}
		return new(rapid.SampledFrom(matrixValues).Draw(t, "value"))
	})
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) price.Group {
		return price.Group{Values: rapid.SliceOfN(value, n, n).Draw(t, "values"), Quantity: quantityGen().Draw(t, "quantity")}
	}), 0, 8)
}

// configGen generates a valid configuration of any model.
func configGen() *rapid.Generator[price.Config] {
	return rapid.OneOf(
		rapid.Map(rapid.Custom(func(t *rapid.T) price.UnitConfig {
			return price.UnitConfig{UnitAmount: rateGen().Draw(t, "unit_amount")}
		}), asConfig[price.UnitConfig]),
		rapid.Map(packageConfigGen(), asConfig[price.PackageConfig]),
		rapid.Map(matrixConfigGen(), asConfig[price.MatrixConfig]),
		rapid.Map(tieredConfigGen(), asConfig[price.TieredConfig]),
		rapid.Map(bulkConfigGen(), asConfig[price.BulkConfig]),
		rapid.Map(bpsConfigGen(), asConfig[price.BPSConfig]),
		rapid.Map(bulkBPSConfigGen(), asConfig[price.BulkBPSConfig]),
		rapid.Map(tieredBPSConfigGen(true), asConfig[price.TieredBPSConfig]),
	)
}

func asConfig[C price.Config](c C) price.Config { return c }

// inputFor draws usage of the shape p rates.
func inputFor(t *rapid.T, p price.Price) price.Input {
	switch p := p.(type) {
	case *price.Matrix:
		return price.Input{Groups: groupsGen(len(p.Dimensions())).Draw(t, "groups")}
	case *price.BPS, *price.BulkBPS, *price.TieredBPS:
		return price.Input{EventValues: eventsGen().Draw(t, "events")}
	}
	return price.Input{Quantity: quantityGen().Draw(t, "quantity")}
}

func mustNew(t *rapid.T, c price.Config) price.Price {
	p, err := price.New(c)
	if err != nil {
		t.Fatalf("New(%#v): %v", c, err)
	}
	return p
}

func mustRate(t *rapid.T, p price.Price, in price.Input) price.Rated {
	r, err := p.Rate(in)
	if err != nil {
		t.Fatalf("%s.Rate: %v", p.Model(), err)
	}
	return r
}

// The independent model: exact rationals.

var (
	ratZero   = new(big.Rat)
	perBasisP = big.NewRat(1, 10000)
)

func rat(d ratecard.Decimal) *big.Rat { return gen.Rat(d) }

func ratMin(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}

func ratMax(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}

func ratMul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }
func ratAdd(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func ratSub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }

// ratSlice returns the part of (from, to] inside (lo, hi]; hi nil is unbounded.
func ratSlice(from, to, lo *big.Rat, hi *big.Rat) *big.Rat {
	top := to
	if hi != nil {
		top = ratMin(to, hi)
	}
	return ratMax(ratZero, ratSub(top, ratMax(from, lo)))
}

func optRat(d *ratecard.Decimal) *big.Rat {
	if d == nil {
		return nil
	}
	return rat(*d)
}

// ratFee is value × bps / 10,000, capped.
func ratFee(value, bps *big.Rat, capAt *big.Rat) *big.Rat {
	f := ratMul(ratMul(value, bps), perBasisP)
	if capAt != nil {
		return ratMin(f, capAt)
	}
	return f
}

func checkRat(t *rapid.T, what string, got ratecard.Decimal, want *big.Rat) {
	t.Helper()
	if rat(got).Cmp(want) != 0 {
		t.Fatalf("%s = %s, want %s", what, got, want.FloatString(30))
	}
}

// Properties.

func TestPropUnit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rate := rateGen().Draw(t, "unit_amount")
		q := quantityGen().Draw(t, "q")
		p, err := price.NewUnit(price.UnitConfig{UnitAmount: rate})
		if err != nil {
			t.Fatal(err)
		}
		r := mustRate(t, p, price.Input{Quantity: q})
		checkRat(t, "amount", r.Amount, ratMul(rat(q), rat(rate)))
		if !r.Quantity.Equal(q) || len(r.SubLines) != 0 {
			t.Fatalf("rated %+v, want quantity %s and no sub-lines", r, q)
		}
	})
}

// TestPropMonotone: unit, package and tiered never charge less for more.
func TestPropMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := rapid.OneOf(
			rapid.Map(rapid.Map(rateGen(), func(d ratecard.Decimal) price.UnitConfig { return price.UnitConfig{UnitAmount: d} }), asConfig[price.UnitConfig]),
			rapid.Map(packageConfigGen(), asConfig[price.PackageConfig]),
			rapid.Map(tieredConfigGen(), asConfig[price.TieredConfig]),
		).Draw(t, "config")
		p := mustNew(t, cfg)
		q1, q2 := quantityGen().Draw(t, "q1"), quantityGen().Draw(t, "q2")
		if q1.Cmp(q2) > 0 {
			q1, q2 = q2, q1
		}
		a1, a2 := mustRate(t, p, price.Input{Quantity: q1}).Amount, mustRate(t, p, price.Input{Quantity: q2}).Amount
		if a1.Cmp(a2) > 0 {
			t.Fatalf("%s: amount(%s) = %s > amount(%s) = %s", p.Model(), q1, a1, q2, a2)
		}
	})
}

func TestPropPackage(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := packageConfigGen().Draw(t, "config")
		p := mustNew(t, c)
		size := big.NewRat(c.PackageSize, 1)
		// On an exact multiple of the size, a package price is the unit price
		// package_amount / package_size.
		k := rapid.Int64Range(0, 1000).Draw(t, "packages")
		q := ratecard.NewFromInt(k).Mul(ratecard.NewFromInt(c.PackageSize))
		r := mustRate(t, p, price.Input{Quantity: q})
		unitRate := new(big.Rat).Quo(rat(c.PackageAmount), size)
		checkRat(t, "amount on a multiple", r.Amount, ratMul(rat(q), unitRate))
		// Anywhere: ceil(q / size) packages.
		q = quantityGen().Draw(t, "q")
		r = mustRate(t, p, price.Input{Quantity: q})
		x := new(big.Rat).Quo(rat(q), size)
		packages, rem := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
		if rem.Sign() != 0 {
			packages.Add(packages, big.NewInt(1))
		}
		checkRat(t, "amount", r.Amount, ratMul(new(big.Rat).SetInt(packages), rat(c.PackageAmount)))
	})
}

// graduatedUnits returns the units of (0, q] in each tier.
func graduatedUnits(lower []ratecard.Decimal, q *big.Rat) []*big.Rat {
	out := make([]*big.Rat, len(lower))
	for i := range lower {
		out[i] = ratSlice(ratZero, q, rat(lower[i]), optRat(upperOf(lower, i)))
	}
	return out
}

func TestPropTiered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := tieredConfigGen().Draw(t, "config")
		p := mustNew(t, c)
		q := quantityGen().Draw(t, "q")
		r := mustRate(t, p, price.Input{Quantity: q})

		lower := make([]ratecard.Decimal, len(c.Tiers))
		for i, tier := range c.Tiers {
			lower[i] = tier.FirstUnit
		}
		units := graduatedUnits(lower, rat(q))
		want := new(big.Rat)
		var viaUnit ratecard.Decimal // the sum of unit prices over each tier's units
		var wantSubs []ratecard.SubLine
		for i, u := range units {
			want = ratAdd(want, ratMul(u, rat(c.Tiers[i].UnitAmount)))
			unitQ := ratecard.Max(ratecard.Decimal{}, q.Sub(lower[i]))
			if c.Tiers[i].LastUnit != nil {
				unitQ = ratecard.Max(ratecard.Decimal{}, ratecard.Min(q, *c.Tiers[i].LastUnit).Sub(lower[i]))
			}
			unitPrice, err := price.NewUnit(price.UnitConfig{UnitAmount: c.Tiers[i].UnitAmount})
			if err != nil {
				t.Fatal(err)
			}
			viaUnit = viaUnit.Add(mustRate(t, unitPrice, price.Input{Quantity: unitQ}).Amount)
			if u.Sign() > 0 {
				name := lower[i].String() + "+"
				if c.Tiers[i].LastUnit != nil {
					name = lower[i].String() + "–" + c.Tiers[i].LastUnit.String()
				}
				wantSubs = append(wantSubs, ratecard.SubLine{Part: ratecard.NewPart(name, c.Tiers[i].UnitAmount, nil), Quantity: unitQ, Amount: unitQ.Mul(c.Tiers[i].UnitAmount)})
			}
		}
		checkRat(t, "amount", r.Amount, want)
		if !r.Amount.Equal(viaUnit) {
			t.Fatalf("amount %s != Σ unit prices over the tiers' units %s", r.Amount, viaUnit)
		}
		if diff := cmp.Diff(wantSubs, r.SubLines); diff != "" {
			t.Fatalf("sub-lines (-want +got):\n%s", diff)
		}
		var sum, qty ratecard.Decimal
		for _, s := range r.SubLines {
			sum, qty = sum.Add(s.Amount), qty.Add(s.Quantity)
		}
		if !sum.Equal(r.Amount) || !qty.Equal(q) {
			t.Fatalf("Σ sub-line amounts %s (want %s), Σ sub-line quantities %s (want %s)", sum, r.Amount, qty, q)
		}
	})
}

// TestPropOneTier: one graduated tier, one unbounded bulk tier, a one-tier tiered_bps
// are the unit (or bps) price.
func TestPropOneTier(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rate := rateGen().Draw(t, "rate")
		q := quantityGen().Draw(t, "q")
		unit, _ := price.NewUnit(price.UnitConfig{UnitAmount: rate})
		tiered, err := price.NewTiered(price.TieredConfig{Tiers: []price.Tier{{UnitAmount: rate}}})
		if err != nil {
			t.Fatal(err)
		}
		bulk, err := price.NewBulk(price.BulkConfig{Tiers: []price.BulkTier{{UnitAmount: rate}}})
		if err != nil {
			t.Fatal(err)
		}
		want := mustRate(t, unit, price.Input{Quantity: q}).Amount
		for _, p := range []price.Price{tiered, bulk} {
			if got := mustRate(t, p, price.Input{Quantity: q}).Amount; !got.Equal(want) {
				t.Fatalf("one-tier %s: %s, unit: %s", p.Model(), got, want)
			}
		}

		capAt := capGen().Draw(t, "cap")
		events := eventsGen().Draw(t, "events")
		bps, _ := price.NewBPS(price.BPSConfig{BPS: rate, PerUnitMaximum: capAt})
		tbps, err := price.NewTieredBPS(price.TieredBPSConfig{Tiers: []price.TieredBPSTier{{BPS: rate, PerUnitMaximum: capAt}}})
		if err != nil {
			t.Fatal(err)
		}
		if a, b := mustRate(t, tbps, price.Input{EventValues: events}), mustRate(t, bps, price.Input{EventValues: events}); !a.Amount.Equal(b.Amount) || !a.Quantity.Equal(b.Quantity) {
			t.Fatalf("one-tier tiered_bps %+v, bps %+v", a, b)
		}
	})
}

// volumeTier returns the index of the first tier whose maximum is at least v, or -1
// when v is above a bounded last tier.
func volumeTier(max []*ratecard.Decimal, v *big.Rat) int {
	for i, m := range max {
		if m == nil || v.Cmp(rat(*m)) <= 0 {
			return i
		}
	}
	return -1
}

func TestPropBulk(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := bulkConfigGen().Draw(t, "config")
		p := mustNew(t, c)
		q := rapid.OneOf(quantityGen(), gen.Amount(5000, 1)).Draw(t, "q")
		max := make([]*ratecard.Decimal, len(c.Tiers))
		for i, tier := range c.Tiers {
			max[i] = tier.MaximumUnits
		}
		i := volumeTier(max, rat(q))
		r, err := p.Rate(price.Input{Quantity: q})
		if i < 0 {
			if !errors.Is(err, price.ErrAboveLastTier) {
				t.Fatalf("q %s above the last tier: %+v, %v; want ErrAboveLastTier", q, r, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// Every unit at the rate of the tier q falls in.
		checkRat(t, "amount", r.Amount, ratMul(rat(q), rat(c.Tiers[i].UnitAmount)))
	})
}

func bpsModel(events []ratecard.Decimal, bps ratecard.Decimal, capAt *ratecard.Decimal) *big.Rat {
	sum := new(big.Rat)
	for _, v := range events {
		sum = ratAdd(sum, ratFee(rat(v), rat(bps), optRat(capAt)))
	}
	return sum
}

func TestPropBPS(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := bpsConfigGen().Draw(t, "config")
		p := mustNew(t, c)
		events := eventsGen().Draw(t, "events")
		r := mustRate(t, p, price.Input{EventValues: events})
		checkRat(t, "amount", r.Amount, bpsModel(events, c.BPS, c.PerUnitMaximum))
		if r.Amount.Sign() < 0 {
			t.Fatalf("negative amount %s", r.Amount)
		}
		if c.PerUnitMaximum != nil {
			if limit := ratMul(big.NewRat(int64(len(events)), 1), rat(*c.PerUnitMaximum)); rat(r.Amount).Cmp(limit) > 0 {
				t.Fatalf("amount %s above %d events × cap %s", r.Amount, len(events), c.PerUnitMaximum)
			}
		}
		total := new(big.Rat)
		for _, v := range events {
			total = ratAdd(total, rat(v))
		}
		checkRat(t, "quantity", r.Quantity, total)
	})
}

func TestPropBulkBPS(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := bulkBPSConfigGen().Draw(t, "config")
		p := mustNew(t, c)
		events := eventsGen().Draw(t, "events")
		r, err := p.Rate(price.Input{EventValues: events})
		volume := new(big.Rat)
		for _, v := range events {
			volume = ratAdd(volume, rat(v))
		}
		max := make([]*ratecard.Decimal, len(c.Tiers))
		for i, tier := range c.Tiers {
			max[i] = tier.MaximumAmount
		}
		i := volumeTier(max, volume)
		if i < 0 {
			if !errors.Is(err, price.ErrAboveLastTier) {
				t.Fatalf("volume %s above the last tier: %+v, %v; want ErrAboveLastTier", volume.FloatString(4), r, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// The bps price with the chosen tier's parameters.
		bps, err := price.NewBPS(price.BPSConfig{BPS: c.Tiers[i].BPS, PerUnitMaximum: c.Tiers[i].PerUnitMaximum})
		if err != nil {
			t.Fatal(err)
		}
		want := mustRate(t, bps, price.Input{EventValues: events})
		if diff := cmp.Diff(want, r); diff != "" {
			t.Fatalf("bulk_bps differs from bps of tier %d (-bps +bulk_bps):\n%s", i, diff)
		}
		checkRat(t, "amount", r.Amount, bpsModel(events, c.Tiers[i].BPS, c.Tiers[i].PerUnitMaximum))
	})
}

// tieredBPSModel walks the events over the tiers, capping each slice.
func tieredBPSModel(c price.TieredBPSConfig, events []ratecard.Decimal) *big.Rat {
	sum, running := new(big.Rat), new(big.Rat)
	for _, v := range events {
		next := ratAdd(running, rat(v))
		for _, tier := range c.Tiers {
			if s := ratSlice(running, next, rat(tier.MinimumAmount), optRat(tier.MaximumAmount)); s.Sign() > 0 {
				sum = ratAdd(sum, ratFee(s, rat(tier.BPS), optRat(tier.PerUnitMaximum)))
			}
		}
		running = next
	}
	return sum
}

func TestPropTieredBPS(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := tieredBPSConfigGen(true).Draw(t, "config")
		p := mustNew(t, c)
		events := eventsGen().Draw(t, "events")
		r := mustRate(t, p, price.Input{EventValues: events})
		checkRat(t, "amount", r.Amount, tieredBPSModel(c, events))
	})
}

// TestPropTieredBPSWithoutCapsIsTiered: without caps, graduated bps of the events is
// graduated pricing of their total at unit_amount = bps / 10,000.
func TestPropTieredBPSWithoutCapsIsTiered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := tieredBPSConfigGen(false).Draw(t, "config")
		p := mustNew(t, c)
		events := eventsGen().Draw(t, "events")
		r := mustRate(t, p, price.Input{EventValues: events})
		var tc price.TieredConfig
		for _, tier := range c.Tiers {
			tc.Tiers = append(tc.Tiers, price.Tier{FirstUnit: tier.MinimumAmount, LastUnit: tier.MaximumAmount,
				UnitAmount: tier.BPS.Mul(ratecard.New(1, 4))})
		}
		tiered := mustNew(t, tc)
		want := mustRate(t, tiered, price.Input{Quantity: r.Quantity})
		if !r.Amount.Equal(want.Amount) {
			t.Fatalf("tiered_bps %s, tiered over the volume %s: %s", r.Amount, r.Quantity, want.Amount)
		}
	})
}

// matrixRate returns the rate of a group under c, by an independent lookup.
func matrixRate(c price.MatrixConfig, values []*string) ratecard.Decimal {
	for _, v := range values {
		if v == nil {
			return c.DefaultUnitAmount
		}
	}
outer:
	for _, cell := range c.MatrixValues {
		for j, v := range values {
			if *cell.DimensionValues[j] != *v {
				continue outer
			}
		}
		return cell.UnitAmount
	}
	return c.DefaultUnitAmount
}

func groupKey(values []*string) string {
	var b strings.Builder
	for _, v := range values {
		if v == nil {
			b.WriteString("\x00nil\x00")
		} else {
			b.WriteString(*v + "\x00")
		}
	}
	return b.String()
}

func TestPropMatrix(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := matrixConfigGen().Draw(t, "config")
		p := mustNew(t, c).(*price.Matrix)
		n := len(p.Dimensions())
		groups := groupsGen(n).Draw(t, "groups")
		r := mustRate(t, p, price.Input{Groups: groups})

		want, total := new(big.Rat), new(big.Rat)
		distinct := map[string]bool{}
		var order []string
		for _, g := range groups {
			want = ratAdd(want, ratMul(rat(g.Quantity), rat(matrixRate(c, g.Values))))
			total = ratAdd(total, rat(g.Quantity))
			if k := groupKey(g.Values); !distinct[k] {
				distinct[k] = true
				order = append(order, k)
			}
		}
		checkRat(t, "amount", r.Amount, want)
		checkRat(t, "quantity", r.Quantity, total)
		if len(r.SubLines) != len(order) {
			t.Fatalf("%d sub-lines for %d distinct groups", len(r.SubLines), len(order))
		}
		for i, s := range r.SubLines {
			if groupKey(s.Group()) != order[i] {
				t.Fatalf("sub-line %d is group %q, want %q (order of first appearance)", i, groupKey(s.Group()), order[i])
			}
			if !s.UnitAmount().Equal(matrixRate(c, s.Group())) {
				t.Fatalf("sub-line %q rate %s, want %s", s.Name(), s.UnitAmount(), matrixRate(c, s.Group()))
			}
		}

		// Splitting a group into repeated groups changes nothing.
		var merged, split []price.Group
		var tail []price.Group
		for i, g := range groups {
			extra := quantityGen().Draw(t, "split")
			merged = append(merged, price.Group{Values: g.Values, Quantity: g.Quantity.Add(extra)})
			split = append(split, g)
			tail = append(tail, price.Group{Values: groups[i].Values, Quantity: extra})
		}
		split = append(split, rapid.Permutation(tail).Draw(t, "tail")...)
		a, b := mustRate(t, p, price.Input{Groups: merged}), mustRate(t, p, price.Input{Groups: split})
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("merged and split groups rate differently (-merged +split):\n%s", diff)
		}
	})
}

// TestPropLine: a rounded line's sub-lines are the exact ones rounded in the mode,
// and its subtotal is their sum.
func TestPropLine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := mustNew(t, configGen().Draw(t, "config"))
		in := inputFor(t, p)
		r, err := p.Rate(in)
		if err != nil {
			return // bulk above a bounded last tier
		}
		cur := mustCurrency(t, rapid.SampledFrom([]string{"USD", "JPY", "KWD"}).Draw(t, "currency"))
		mode := ratecard.RoundingMode(rapid.IntRange(0, 5).Draw(t, "mode"))
		l := r.Line("p", "n", cur, mode)
		checkLineSums(t, l, cur)
		if len(l.SubLines) != len(r.SubLines) {
			t.Fatalf("%d sub-lines on the line, %d rated", len(l.SubLines), len(r.SubLines))
		}
		for i, s := range l.SubLines {
			if want := r.SubLines[i].Amount.Round(cur.Scale(), mode); s.Amount.String() != want.String() {
				t.Fatalf("sub-line %d amount %s, want %s rounded %s = %s", i, s.Amount, r.SubLines[i].Amount, mode, want)
			}
		}
		if len(l.SubLines) == 0 {
			if want := r.Amount.Round(cur.Scale(), mode); l.Subtotal.String() != want.String() {
				t.Fatalf("subtotal %s, want %s rounded %s = %s", l.Subtotal, r.Amount, mode, want)
			}
		}
	})
}

// encodeConfig writes a configuration as Orb JSON without going through a price, so
// that invalid configurations can be fed to Decode.
func encodeConfig(t *rapid.T, m price.Model, c price.Config) []byte {
	body, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(`{"model_type":"` + string(m) + `","` + m.ConfigKey() + `":` + string(body) + `}`)
}

func TestPropJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := configGen().Draw(t, "config")
		p := mustNew(t, c)
		b1, err := price.Encode(p)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		q, err := price.Decode(b1)
		if err != nil {
			t.Fatalf("Decode(%s): %v", b1, err)
		}
		b2, err := price.Encode(q)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		if string(b1) != string(b2) {
			t.Fatalf("Encode(Decode(Encode(p))) differs:\n%s\n%s", b1, b2)
		}
		if diff := cmp.Diff(price.ConfigOf(p), price.ConfigOf(q)); diff != "" {
			t.Fatalf("decoded config (-built +decoded):\n%s", diff)
		}
		// The config encoded by encoding/json reads back too.
		if _, err := price.Decode(encodeConfig(t, p.Model(), c)); err != nil {
			t.Fatalf("Decode of the config marshalled by encoding/json: %v", err)
		}
		in := inputFor(t, p)
		r1, err1 := p.Rate(in)
		r2, err2 := q.Rate(in)
		if diff := cmp.Diff(r1, r2); diff != "" || (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("decoded price rates differently: %v / %v\n%s", err1, err2, diff)
		}
	})
}

// mutation breaks a valid configuration; it reports false when it does not apply.
type mutation struct {
	name  string
	apply func(t *rapid.T, c price.Config) (price.Config, bool)
}

func negative(t *rapid.T) ratecard.Decimal { return positive(100, 3).Draw(t, "negative").Neg() }

// graduated gives the mutations of graduated bounds access to a tiered or
// tiered_bps configuration: the number of tiers, and the bounds of tier i of a copy.
type graduated[C price.Config] struct {
	n     func(C) int
	first func(C, int) *ratecard.Decimal
	last  func(C, int) **ratecard.Decimal
	clone func(C) C
	empty func() C
}

// mutations break the bounds of a graduated configuration.
func (g graduated[C]) mutations() []mutation {
	wrap := func(name string, f func(t *rapid.T, c C) (C, bool)) mutation {
		return mutation{name, func(t *rapid.T, pc price.Config) (price.Config, bool) {
			c, ok := pc.(C)
			if !ok {
				return nil, false
			}
			return f(t, g.clone(c))
		}}
	}
	pick := func(t *rapid.T, lo, hi int) int { return rapid.IntRange(lo, hi).Draw(t, "tier") }
	return []mutation{
		wrap("no tiers", func(t *rapid.T, c C) (C, bool) { return g.empty(), true }),
		wrap("first tier not at 0", func(t *rapid.T, c C) (C, bool) {
			*g.first(c, 0) = positive(10, 2).Draw(t, "start")
			return c, true
		}),
		wrap("gap", func(t *rapid.T, c C) (C, bool) {
			if g.n(c) < 2 {
				return c, false
			}
			i := pick(t, 1, g.n(c)-1)
			*g.first(c, i) = g.first(c, i).Add(positive(10, 2).Draw(t, "gap"))
			return c, true
		}),
		wrap("overlap", func(t *rapid.T, c C) (C, bool) {
			if g.n(c) < 2 {
				return c, false
			}
			i := pick(t, 1, g.n(c)-1)
			*g.first(c, i) = g.first(c, i).Sub(positive(10, 2).Draw(t, "overlap"))
			return c, true
		}),
		wrap("unbounded middle tier", func(t *rapid.T, c C) (C, bool) {
			if g.n(c) < 2 {
				return c, false
			}
			*g.last(c, pick(t, 0, g.n(c)-2)) = nil
			return c, true
		}),
		wrap("bounded last tier", func(t *rapid.T, c C) (C, bool) {
			i := g.n(c) - 1
			*g.last(c, i) = new(g.first(c, i).Add(positive(10, 2).Draw(t, "bound")))
			return c, true
		}),
		wrap("zero-width tier", func(t *rapid.T, c C) (C, bool) {
			if g.n(c) < 2 {
				return c, false
			}
			i := pick(t, 0, g.n(c)-2)
			*g.last(c, i) = new(*g.first(c, i))
			*g.first(c, i+1) = *g.first(c, i)
			return c, true
		}),
	}
}

func validationMutations() []mutation {
	ms := []mutation{
		{"unit: negative unit_amount", func(t *rapid.T, c price.Config) (price.Config, bool) {
			u, ok := c.(price.UnitConfig)
			u.UnitAmount = negative(t)
			return u, ok
		}},
		{"package: negative package_amount", func(t *rapid.T, c price.Config) (price.Config, bool) {
			p, ok := c.(price.PackageConfig)
			p.PackageAmount = negative(t)
			return p, ok
		}},
		{"package: package_size ≤ 0", func(t *rapid.T, c price.Config) (price.Config, bool) {
			p, ok := c.(price.PackageConfig)
			p.PackageSize = -rapid.Int64Range(0, 10).Draw(t, "size")
			return p, ok
		}},
		{"bps: negative bps or cap", func(t *rapid.T, c price.Config) (price.Config, bool) {
			b, ok := c.(price.BPSConfig)
			if rapid.Bool().Draw(t, "cap") {
				b.PerUnitMaximum = new(negative(t))
			} else {
				b.BPS = negative(t)
			}
			return b, ok
		}},
		{"tiered: negative unit_amount", func(t *rapid.T, c price.Config) (price.Config, bool) {
			tc, ok := c.(price.TieredConfig)
			if !ok {
				return nil, false
			}
			tc = cloneTiered(tc)
			tc.Tiers[rapid.IntRange(0, len(tc.Tiers)-1).Draw(t, "tier")].UnitAmount = negative(t)
			return tc, true
		}},
		{"matrix: negative default", func(t *rapid.T, c price.Config) (price.Config, bool) {
			m, ok := c.(price.MatrixConfig)
			m.DefaultUnitAmount = negative(t)
			return m, ok
		}},
		{"matrix: duplicate cell", func(t *rapid.T, c price.Config) (price.Config, bool) {
			m, ok := c.(price.MatrixConfig)
			if !ok || len(m.MatrixValues) == 0 {
				return nil, false
			}
			cell := m.MatrixValues[rapid.IntRange(0, len(m.MatrixValues)-1).Draw(t, "cell")]
			m.MatrixValues = append(m.MatrixValues[:len(m.MatrixValues):len(m.MatrixValues)], cell)
			return m, true
		}},
		{"matrix: null in a cell", func(t *rapid.T, c price.Config) (price.Config, bool) {
			m, ok := c.(price.MatrixConfig)
			if !ok || len(m.MatrixValues) == 0 {
				return nil, false
			}
			i := rapid.IntRange(0, len(m.MatrixValues)-1).Draw(t, "cell")
			vals := append([]*string(nil), m.MatrixValues[i].DimensionValues...)
			vals[0] = nil
			m.MatrixValues = append([]price.MatrixValue(nil), m.MatrixValues...)
			m.MatrixValues[i].DimensionValues = vals
			return m, true
		}},
		{"matrix: cell arity", func(t *rapid.T, c price.Config) (price.Config, bool) {
			m, ok := c.(price.MatrixConfig)
			if !ok || len(m.MatrixValues) == 0 {
				return nil, false
			}
			i := rapid.IntRange(0, len(m.MatrixValues)-1).Draw(t, "cell")
			m.MatrixValues = append([]price.MatrixValue(nil), m.MatrixValues...)
			if rapid.Bool().Draw(t, "longer") {
				m.MatrixValues[i].DimensionValues = append(m.MatrixValues[i].DimensionValues[:len(m.MatrixValues[i].DimensionValues):len(m.MatrixValues[i].DimensionValues)], new("x"), new("y"))
			} else {
				m.MatrixValues[i].DimensionValues = nil
			}
			return m, true
		}},
		{"matrix: duplicate dimension", func(t *rapid.T, c price.Config) (price.Config, bool) {
			m, ok := c.(price.MatrixConfig)
			if !ok {
				return nil, false
			}
			m.Dimensions = append([]*string{m.Dimensions[0]}, m.Dimensions...)
			return m, true
		}},
		{"matrix: no dimensions", func(t *rapid.T, c price.Config) (price.Config, bool) {
			m, ok := c.(price.MatrixConfig)
			m.Dimensions = nil
			return m, ok
		}},
		{"bulk: no tiers", func(t *rapid.T, c price.Config) (price.Config, bool) {
			b, ok := c.(price.BulkConfig)
			b.Tiers = nil
			return b, ok
		}},
		{"bulk: negative unit_amount", func(t *rapid.T, c price.Config) (price.Config, bool) {
			b, ok := c.(price.BulkConfig)
			if !ok {
				return nil, false
			}
			b.Tiers = append([]price.BulkTier(nil), b.Tiers...)
			b.Tiers[rapid.IntRange(0, len(b.Tiers)-1).Draw(t, "tier")].UnitAmount = negative(t)
			return b, true
		}},
		{"bulk: maxima not increasing", func(t *rapid.T, c price.Config) (price.Config, bool) {
			b, ok := c.(price.BulkConfig)
			if !ok || len(b.Tiers) < 2 || b.Tiers[1].MaximumUnits == nil {
				return nil, false
			}
			b.Tiers = append([]price.BulkTier(nil), b.Tiers...)
			b.Tiers[1].MaximumUnits = new(b.Tiers[0].MaximumUnits.Sub(gen.Amount(10, 2).Draw(t, "less")))
			return b, true
		}},
		{"bulk: unbounded middle tier", func(t *rapid.T, c price.Config) (price.Config, bool) {
			b, ok := c.(price.BulkConfig)
			if !ok || len(b.Tiers) < 2 {
				return nil, false
			}
			b.Tiers = append([]price.BulkTier(nil), b.Tiers...)
			b.Tiers[rapid.IntRange(0, len(b.Tiers)-2).Draw(t, "tier")].MaximumUnits = nil
			return b, true
		}},
		{"bulk: negative maximum", func(t *rapid.T, c price.Config) (price.Config, bool) {
			b, ok := c.(price.BulkConfig)
			if !ok {
				return nil, false
			}
			b.Tiers = append([]price.BulkTier(nil), b.Tiers...)
			b.Tiers[0].MaximumUnits = new(negative(t))
			return b, true
		}},
		{"bulk_bps: negative bps or cap", func(t *rapid.T, c price.Config) (price.Config, bool) {
			b, ok := c.(price.BulkBPSConfig)
			if !ok {
				return nil, false
			}
			b.Tiers = append([]price.BulkBPSTier(nil), b.Tiers...)
			i := rapid.IntRange(0, len(b.Tiers)-1).Draw(t, "tier")
			if rapid.Bool().Draw(t, "cap") {
				b.Tiers[i].PerUnitMaximum = new(negative(t))
			} else {
				b.Tiers[i].BPS = negative(t)
			}
			return b, true
		}},
		{"bulk_bps: maxima not increasing", func(t *rapid.T, c price.Config) (price.Config, bool) {
			b, ok := c.(price.BulkBPSConfig)
			if !ok || len(b.Tiers) < 2 || b.Tiers[1].MaximumAmount == nil {
				return nil, false
			}
			b.Tiers = append([]price.BulkBPSTier(nil), b.Tiers...)
			b.Tiers[1].MaximumAmount = new(*b.Tiers[0].MaximumAmount)
			return b, true
		}},
		{"tiered_bps: negative bps or cap", func(t *rapid.T, c price.Config) (price.Config, bool) {
			tc, ok := c.(price.TieredBPSConfig)
			if !ok {
				return nil, false
			}
			tc = cloneTieredBPS(tc)
			i := rapid.IntRange(0, len(tc.Tiers)-1).Draw(t, "tier")
			if rapid.Bool().Draw(t, "cap") {
				tc.Tiers[i].PerUnitMaximum = new(negative(t))
			} else {
				tc.Tiers[i].BPS = negative(t)
			}
			return tc, true
		}},
	}
	ms = append(ms, graduated[price.TieredConfig]{
		n:     func(c price.TieredConfig) int { return len(c.Tiers) },
		first: func(c price.TieredConfig, i int) *ratecard.Decimal { return &c.Tiers[i].FirstUnit },
		last:  func(c price.TieredConfig, i int) **ratecard.Decimal { return &c.Tiers[i].LastUnit },
		clone: cloneTiered,
		empty: func() price.TieredConfig { return price.TieredConfig{} },
	}.mutations()...)
	ms = append(ms, graduated[price.TieredBPSConfig]{
		n:     func(c price.TieredBPSConfig) int { return len(c.Tiers) },
		first: func(c price.TieredBPSConfig, i int) *ratecard.Decimal { return &c.Tiers[i].MinimumAmount },
		last:  func(c price.TieredBPSConfig, i int) **ratecard.Decimal { return &c.Tiers[i].MaximumAmount },
		clone: cloneTieredBPS,
		empty: func() price.TieredBPSConfig { return price.TieredBPSConfig{} },
	}.mutations()...)
	return ms
}

func cloneTiered(c price.TieredConfig) price.TieredConfig {
	return price.TieredConfig{Tiers: append([]price.Tier(nil), c.Tiers...)}
}

func cloneTieredBPS(c price.TieredBPSConfig) price.TieredBPSConfig {
	return price.TieredBPSConfig{Tiers: append([]price.TieredBPSTier(nil), c.Tiers...)}
}

// TestPropValidation: every generated configuration is valid, and breaking it in any
// of the ways above makes New and Decode reject it with ValidationErrors.
func TestPropValidation(t *testing.T) {
	ms := validationMutations()
	rapid.Check(t, func(t *rapid.T) {
		c := configGen().Draw(t, "config")
		if err := c.Validate(); err != nil {
			t.Fatalf("generated config is invalid: %v", err)
		}
		p := mustNew(t, c)
		// The first mutation in a random order that applies to the model.
		var m mutation
		var bad price.Config
		for _, cand := range rapid.Permutation(ms).Draw(t, "mutations") {
			if b, ok := cand.apply(t, c); ok {
				m, bad = cand, b
				break
			}
		}
		if bad == nil {
			t.Fatalf("no mutation applies to %#v", c)
		}
		if err := bad.Validate(); err == nil {
			t.Fatalf("%s: Validate accepted %#v", m.name, bad)
		}
		_, err := price.New(bad)
		checkRejected(t, m.name, "New", err, p.Model())
		_, err = price.Decode(encodeConfig(t, p.Model(), bad))
		checkRejected(t, m.name, "Decode", err, p.Model())
	})
}

func checkRejected(t *rapid.T, mutation, by string, err error, m price.Model) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: %s accepted it", mutation, by)
	}
	var ve *ratecard.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ratecard.ErrInvalid) {
		t.Fatalf("%s: %s error %v is not a ValidationError", mutation, by, err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, "price: "+m.ConfigKey()) {
			t.Fatalf("%s: %s error line %q is not at a path in %s", mutation, by, line, m.ConfigKey())
		}
	}
}

// deepCopy copies an input down to the strings its groups point to.
func deepCopy(in price.Input) price.Input {
	out := price.Input{Quantity: in.Quantity}
	if in.EventValues != nil {
		out.EventValues = append([]ratecard.Decimal{}, in.EventValues...)
	}
	if in.Groups != nil {
		out.Groups = []price.Group{}
	}
	for _, g := range in.Groups {
		vals := make([]*string, len(g.Values))
		for i, v := range g.Values {
			if v != nil {
				vals[i] = new(*v)
			}
		}
		out.Groups = append(out.Groups, price.Group{Values: vals, Quantity: g.Quantity})
	}
	return out
}

// TestPropRateDoesNotMutate: Rate leaves its input alone, and its result shares no
// memory with it.
func TestPropRateDoesNotMutate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := mustNew(t, configGen().Draw(t, "config"))
		in := inputFor(t, p)
		if rapid.Bool().Draw(t, "with quantity") {
			in.Quantity = quantityGen().Draw(t, "quantity")
		}
		before := deepCopy(in)
		pointers := make([][]*string, len(in.Groups))
		for i, g := range in.Groups {
			pointers[i] = append([]*string(nil), g.Values...)
		}
		r, err := p.Rate(in)
		if diff := cmp.Diff(before, in); diff != "" {
			t.Fatalf("Rate changed its input (-before +after):\n%s", diff)
		}
		if err != nil {
			return
		}
		for _, s := range r.SubLines {
			for _, v := range s.Group() {
				if v != nil {
					*v = "changed"
				}
			}
		}
		for i, g := range in.Groups {
			for j, v := range g.Values {
				if v != pointers[i][j] {
					t.Fatalf("group %d value %d replaced", i, j)
				}
			}
		}
		if diff := cmp.Diff(before, in); diff != "" {
			t.Fatalf("the rated sub-lines share strings with the input (-before +after):\n%s", diff)
		}
	})
}

// TestConcurrentRate rates one price of each model from several goroutines at once;
// run it with -race.
func TestConcurrentRate(t *testing.T) {
	alpha, west := sp("alpha"), sp("west")
	cases := []struct {
		config string
		in     price.Input
	}{
		{unitHalf, price.Input{Quantity: dec("1234")}},
		{package10, price.Input{Quantity: dec("11")}},
		{tieredThree, price.Input{Quantity: dec("150000")}},
		{bulkTwo, price.Input{Quantity: dec("101")}},
		{matrixTwo, price.Input{Groups: []price.Group{group("10", alpha, west), group("5", sp("beta"), sp("east")), group("1", alpha, west)}}},
		{bps125, price.Input{EventValues: decs("500", "2000", "100")}},
		{bulkBPSTwo, price.Input{EventValues: times(100, "20000")}},
		{tieredBPSTwo, price.Input{EventValues: times(100, "20000")}},
	}
	for _, tc := range cases {
		p := mustDecode(t, tc.config)
		want, err := p.Rate(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for range 20 {
					got, err := p.Rate(tc.in)
					if err != nil {
						t.Errorf("%s: %v", p.Model(), err)
						return
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s: concurrent Rate differs:\n%s", p.Model(), diff)
						return
					}
				}
			})
		}
		wg.Wait()
	}
}
