package price_test

import (
	"fmt"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/price"
)

var exampleUSD, _ = ratecard.ParseCurrency("USD")

// showLine rates a price and prints its rounded line the way an invoice shows it.
func showLine(p price.Price, in price.Input) {
	r, err := p.Rate(in)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	line := r.Line("p", "example", exampleUSD, ratecard.HalfUp)
	fmt.Printf("quantity %s, subtotal %s\n", line.Quantity, line.Subtotal)
	for _, s := range line.SubLines {
		fmt.Printf("  %-14s %8s × %-7s %8s\n", s.Name(), s.Quantity, s.UnitAmount(), s.Amount)
	}
}

func ExampleUnit_Rate() {
	p, _ := price.NewUnit(price.UnitConfig{UnitAmount: ratecard.MustParse("0.50")})
	showLine(p, price.Input{Quantity: ratecard.MustParse("1234")})
	// Output:
	// quantity 1234, subtotal 617.00
}

func ExamplePackage_Rate() {
	p, _ := price.NewPackage(price.PackageConfig{PackageAmount: ratecard.MustParse("0.80"), PackageSize: 10})
	for _, q := range []string{"4", "11", "20", "0"} {
		showLine(p, price.Input{Quantity: ratecard.MustParse(q)})
	}
	// Output:
	// quantity 4, subtotal 0.80
	// quantity 11, subtotal 1.60
	// quantity 20, subtotal 1.60
	// quantity 0, subtotal 0.00
}

func ExampleTiered_Rate() {
	p, _ := price.NewTiered(price.TieredConfig{Tiers: []price.Tier{
		{FirstUnit: ratecard.MustParse("0"), LastUnit: new(ratecard.MustParse("10000")), UnitAmount: ratecard.MustParse("0.001")},
		{FirstUnit: ratecard.MustParse("10000"), LastUnit: new(ratecard.MustParse("100000")), UnitAmount: ratecard.MustParse("0.0008")},
		{FirstUnit: ratecard.MustParse("100000"), UnitAmount: ratecard.MustParse("0.0005")},
	}})
	showLine(p, price.Input{Quantity: ratecard.MustParse("150000")})
	// Output:
	// quantity 150000, subtotal 107.00
	//   0–10000           10000 × 0.001      10.00
	//   10000–100000      90000 × 0.0008     72.00
	//   100000+           50000 × 0.0005     25.00
}

func ExampleBulk_Rate() {
	p, _ := price.NewBulk(price.BulkConfig{Tiers: []price.BulkTier{
		{MaximumUnits: new(ratecard.MustParse("10")), UnitAmount: ratecard.MustParse("0.50")},
		{MaximumUnits: new(ratecard.MustParse("1000")), UnitAmount: ratecard.MustParse("0.40")},
	}})
	for _, q := range []string{"8", "10", "101", "1200"} {
		showLine(p, price.Input{Quantity: ratecard.MustParse(q)})
	}
	// Output:
	// quantity 8, subtotal 4.00
	// quantity 10, subtotal 5.00
	// quantity 101, subtotal 40.40
	// error: bulk_config.tiers: quantity 1200 above the last tier bound 1000
}

func ExampleMatrix_Rate() {
	p, _ := price.NewMatrix(price.MatrixConfig{
		Dimensions:        []*string{new("cluster"), new("region")},
		DefaultUnitAmount: ratecard.MustParse("3.00"),
		MatrixValues: []price.MatrixValue{
			{DimensionValues: []*string{new("alpha"), new("west")}, UnitAmount: ratecard.MustParse("2.00")},
		},
	})
	showLine(p, price.Input{Groups: []price.Group{
		{Values: []*string{new("alpha"), new("west")}, Quantity: ratecard.MustParse("10")},
		{Values: []*string{new("beta"), new("east")}, Quantity: ratecard.MustParse("5")},
		{Values: []*string{new("alpha"), nil}, Quantity: ratecard.MustParse("1")}, // no region: default rate
	}})
	// Output:
	// quantity 16, subtotal 38.00
	//   alpha / west         10 × 2.00       20.00
	//   beta / east           5 × 3.00       15.00
	//   alpha / (none)        1 × 3.00        3.00
}

func ExampleBPS_Rate() {
	p, _ := price.NewBPS(price.BPSConfig{BPS: ratecard.MustParse("125"), PerUnitMaximum: new(ratecard.MustParse("11.00"))})
	showLine(p, price.Input{EventValues: []ratecard.Decimal{
		ratecard.MustParse("500"), ratecard.MustParse("2000"), ratecard.MustParse("100"),
	}})
	// Output:
	// quantity 2600, subtotal 18.50
}

// examplePayments returns n events of 200.00 each.
func examplePayments(n int) []ratecard.Decimal {
	v := make([]ratecard.Decimal, n)
	for i := range v {
		v[i] = ratecard.MustParse("200")
	}
	return v
}

func ExampleBulkBPS_Rate() {
	p, _ := price.NewBulkBPS(price.BulkBPSConfig{Tiers: []price.BulkBPSTier{
		{MaximumAmount: new(ratecard.MustParse("1000000")), BPS: ratecard.MustParse("125"), PerUnitMaximum: new(ratecard.MustParse("19"))},
		{BPS: ratecard.MustParse("115"), PerUnitMaximum: new(ratecard.MustParse("4"))},
	}})
	showLine(p, price.Input{EventValues: examplePayments(7500)}) // volume 1.5M: every event at 115 bps
	showLine(p, price.Input{EventValues: examplePayments(4000)}) // volume 800k: every event at 125 bps
	// Output:
	// quantity 1500000, subtotal 17250.00
	// quantity 800000, subtotal 10000.00
}

func ExampleTieredBPS_Rate() {
	p, _ := price.NewTieredBPS(price.TieredBPSConfig{Tiers: []price.TieredBPSTier{
		{MinimumAmount: ratecard.MustParse("0"), MaximumAmount: new(ratecard.MustParse("1000000")), BPS: ratecard.MustParse("125")},
		{MinimumAmount: ratecard.MustParse("1000000"), BPS: ratecard.MustParse("115")},
	}})
	// The first 5,000 payments fill (0, 1M] at 2.50 each, the next 2,500 pay 2.30.
	showLine(p, price.Input{EventValues: examplePayments(7500)})
	// Output:
	// quantity 1500000, subtotal 18250.00
}

func ExampleDecode() {
	p, err := price.Decode([]byte(`{
		"id": "p_api", "model_type": "tiered",
		"tiered_config": {"tiers": [
			{"first_unit": 0, "last_unit": 10, "unit_amount": "0.50"},
			{"first_unit": 10, "last_unit": null, "unit_amount": "0.10"}]}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	showLine(p, price.Input{Quantity: ratecard.MustParse("25")})
	// Output:
	// quantity 25, subtotal 6.50
	//   0–10                 10 × 0.50        5.00
	//   10+                  15 × 0.10        1.50
}

func ExampleDecode_invalid() {
	// Every problem is reported, each at its field path, labelled with the price id.
	_, err := price.Decode([]byte(`{
		"id": "p_api", "model_type": "tiered",
		"tiered_config": {"tiers": [
			{"first_unit": 1, "last_unit": 10, "unit_amount": "0.50"},
			{"first_unit": 11, "last_unit": null, "unit_amount": "-0.10"}]}}`))
	fmt.Println(err)
	// Output:
	// price p_api: tiered_config.tiers[0].first_unit: the first tier must start at 0, got 1; first_unit is exclusive: write legacy inclusive tiers {1,10},{11,null} as {0,10},{10,null}
	// price p_api: tiered_config.tiers[1].first_unit: gap after tier 0 (last_unit 10); first_unit is exclusive: write 10
	// price p_api: tiered_config.tiers[1].unit_amount: -0.10 is negative
}

func ExampleEncode() {
	p, _ := price.Decode([]byte(`{"model_type": "package", "package_config": {"package_amount": 0.80, "package_size": 10}}`))
	b, _ := price.Encode(p)
	fmt.Println(string(b))
	// Output:
	// {"model_type":"package","package_config":{"package_amount":"0.80","package_size":10}}
}

func ExampleRated_Line() {
	// 0.067 × 55 = 3.685 exactly; the line rounds once, half up by default.
	p, _ := price.NewUnit(price.UnitConfig{UnitAmount: ratecard.MustParse("0.067")})
	r, _ := p.Rate(price.Input{Quantity: ratecard.MustParse("55")})
	fmt.Println(r.Amount)
	fmt.Println(r.Line("p_calls", "Calls", exampleUSD, ratecard.HalfUp).Subtotal)
	fmt.Println(r.Line("p_calls", "Calls", exampleUSD, ratecard.HalfEven).Subtotal)
	// Output:
	// 3.685
	// 3.69
	// 3.68
}
