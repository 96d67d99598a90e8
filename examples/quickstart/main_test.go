package main

// Example runs the program, so its output is checked by go test.
func Example() {
	main()
	// Output:
	// 5 prices in USD, rounded half_up
	//
	// API calls            tiered         150000     107.00
	//     0–10000               10000 × 0.001         10.00
	//     10000–100000          90000 × 0.0008        72.00
	//     100000+               50000 × 0.0005        25.00
	// Storage, GB-month    unit           1234.5      28.39
	// SMS, packs of 100    package          1250      10.40
	// Compute hours        matrix             15      35.00
	//     alpha / west             10 × 2.00          20.00
	//     beta / east               5 × 3.00          15.00
	// Card payments        bps              2600      18.50
	// Total                                          199.29
}
