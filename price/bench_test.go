package price_test

import (
	"testing"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/price"
)

// Benchmarks for every model. BenchmarkTiered and BenchmarkTieredInt64Reference rate
// the same 5-tier graduated price at the same quantity, so their ratio is the cost of
// exact decimals (target: within 30×, and no allocation beyond the sub-lines).

var (
	sinkRated  price.Rated
	sinkAmount int64
)

var bd = ratecard.MustParse

// fiveTiers: 0–1,000 @0.05, 1,000–10,000 @0.04, 10,000–100,000 @0.03,
// 100,000–1,000,000 @0.02, 1,000,000+ @0.01.
var fiveTiers = price.TieredConfig{Tiers: []price.Tier{
	{FirstUnit: bd("0"), LastUnit: new(bd("1000")), UnitAmount: bd("0.05")},
	{FirstUnit: bd("1000"), LastUnit: new(bd("10000")), UnitAmount: bd("0.04")},
	{FirstUnit: bd("10000"), LastUnit: new(bd("100000")), UnitAmount: bd("0.03")},
	{FirstUnit: bd("100000"), LastUnit: new(bd("1000000")), UnitAmount: bd("0.02")},
	{FirstUnit: bd("1000000"), UnitAmount: bd("0.01")},
}}

// fiveTierQuantity falls in the last tier, so every tier has units.
const fiveTierQuantity = 1234567

func benchRate(b *testing.B, p price.Price, in price.Input) {
	b.Helper()
	if _, err := p.Rate(in); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := p.Rate(in)
		if err != nil {
			b.Fatal(err)
		}
		sinkRated = r
	}
}

func mustPrice[P any](p P, err error) P {
	if err != nil {
		panic(err)
	}
	return p
}

func BenchmarkUnit(b *testing.B) {
	p := mustPrice(price.NewUnit(price.UnitConfig{UnitAmount: bd("0.50")}))
	benchRate(b, p, price.Input{Quantity: bd("1234.5")})
}

func BenchmarkPackage(b *testing.B) {
	p := mustPrice(price.NewPackage(price.PackageConfig{PackageAmount: bd("0.80"), PackageSize: 10}))
	benchRate(b, p, price.Input{Quantity: bd("1234.5")})
}

func BenchmarkTiered(b *testing.B) {
	p := mustPrice(price.NewTiered(fiveTiers))
	benchRate(b, p, price.Input{Quantity: ratecard.NewFromInt(fiveTierQuantity)})
}

// BenchmarkTieredInt64Reference is the floor BenchmarkTiered is measured against: the
// same 5-tier graduated price in int64 fixed point (rates in hundredths), with the
// per-tier amounts kept as the sub-lines would be, but no decimals and no allocation.
func BenchmarkTieredInt64Reference(b *testing.B) {
	lower := [5]int64{0, 1000, 10000, 100000, 1000000}
	upper := [5]int64{1000, 10000, 100000, 1000000, 1<<63 - 1}
	rate := [5]int64{5, 4, 3, 2, 1}
	q := int64(fiveTierQuantity)
	b.ReportAllocs()
	for b.Loop() {
		var amounts [5]int64
		total := int64(0)
		for i := range lower {
			if q <= lower[i] {
				break
			}
			units := min(q, upper[i]) - lower[i]
			amounts[i] = units * rate[i]
			total += amounts[i]
		}
		sinkAmount = total + amounts[4]
	}
}

func BenchmarkBulk(b *testing.B) {
	p := mustPrice(price.NewBulk(price.BulkConfig{Tiers: []price.BulkTier{
		{MaximumUnits: new(bd("10")), UnitAmount: bd("0.50")},
		{MaximumUnits: new(bd("1000")), UnitAmount: bd("0.40")},
		{MaximumUnits: new(bd("100000")), UnitAmount: bd("0.30")},
		{UnitAmount: bd("0.20")},
	}}))
	benchRate(b, p, price.Input{Quantity: bd("12345")})
}

func BenchmarkMatrix(b *testing.B) {
	dims := []*string{new("cluster"), new("region")}
	p := mustPrice(price.NewMatrix(price.MatrixConfig{
		Dimensions:        dims,
		DefaultUnitAmount: bd("3.00"),
		MatrixValues: []price.MatrixValue{
			{DimensionValues: []*string{new("alpha"), new("west")}, UnitAmount: bd("2.00")},
			{DimensionValues: []*string{new("alpha"), new("east")}, UnitAmount: bd("2.50")},
			{DimensionValues: []*string{new("beta"), new("west")}, UnitAmount: bd("1.75")},
		},
	}))
	benchRate(b, p, price.Input{Groups: []price.Group{
		{Values: []*string{new("alpha"), new("west")}, Quantity: bd("10")},
		{Values: []*string{new("beta"), new("east")}, Quantity: bd("5")},
		{Values: []*string{new("alpha"), new("east")}, Quantity: bd("7.5")},
		{Values: []*string{new("beta"), new("west")}, Quantity: bd("1")},
	}})
}

// bpsEvents are 100 payment values, the per-event input of the bps family.
func benchEvents() []ratecard.Decimal {
	v := make([]ratecard.Decimal, 100)
	for i := range v {
		v[i] = ratecard.New(int64(5000+i*1337), 2) // 50.00, 63.37, …
	}
	return v
}

func BenchmarkBPS(b *testing.B) {
	p := mustPrice(price.NewBPS(price.BPSConfig{BPS: bd("125"), PerUnitMaximum: new(bd("11.00"))}))
	benchRate(b, p, price.Input{EventValues: benchEvents()})
}

func BenchmarkBulkBPS(b *testing.B) {
	p := mustPrice(price.NewBulkBPS(price.BulkBPSConfig{Tiers: []price.BulkBPSTier{
		{MaximumAmount: new(bd("1000")), BPS: bd("125"), PerUnitMaximum: new(bd("19"))},
		{BPS: bd("115"), PerUnitMaximum: new(bd("4"))},
	}}))
	benchRate(b, p, price.Input{EventValues: benchEvents()})
}

func BenchmarkTieredBPS(b *testing.B) {
	p := mustPrice(price.NewTieredBPS(price.TieredBPSConfig{Tiers: []price.TieredBPSTier{
		{MinimumAmount: bd("0"), MaximumAmount: new(bd("5000")), BPS: bd("125"), PerUnitMaximum: new(bd("19"))},
		{MinimumAmount: bd("5000"), BPS: bd("115"), PerUnitMaximum: new(bd("4"))},
	}}))
	benchRate(b, p, price.Input{EventValues: benchEvents()})
}

func BenchmarkDecode(b *testing.B) {
	js := []byte(`{"model_type":"tiered","tiered_config":{"tiers":[
		{"first_unit":0,"last_unit":1000,"unit_amount":"0.05"},
		{"first_unit":1000,"last_unit":10000,"unit_amount":"0.04"},
		{"first_unit":10000,"last_unit":100000,"unit_amount":"0.03"},
		{"first_unit":100000,"last_unit":1000000,"unit_amount":"0.02"},
		{"first_unit":1000000,"last_unit":null,"unit_amount":"0.01"}]}}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := price.Decode(js); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTieredAllocations pins the acceptance target: rating the 5-tier price allocates
// only its sub-line slice.
func TestTieredAllocations(t *testing.T) {
	p := mustPrice(price.NewTiered(fiveTiers))
	in := price.Input{Quantity: ratecard.NewFromInt(fiveTierQuantity)}
	allocs := testing.AllocsPerRun(100, func() {
		r, err := p.Rate(in)
		if err != nil || len(r.SubLines) != 5 {
			t.Fatal(r, err)
		}
		sinkRated = r
	})
	if allocs != 1 {
		t.Errorf("Tiered.Rate allocates %v times, want 1 (the sub-line slice)", allocs)
	}
}
