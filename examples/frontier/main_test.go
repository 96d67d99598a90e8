package main

// Example runs the program, so its output is checked by go test.
func Example() {
	main()
	// Output:
	// trial, Mar 10 – Mar 24, 8 seats
	//   Seats            8     0.00
	//   API calls     1300     6.00  trial_discount -6.00  prepaid_credits 0.00
	//   total 0.00 USD; credits left 7000
	// month 1, Mar 24 – Apr 24, 12 seats
	//   Seats           12   144.00
	//   API calls     3300    46.00  prepaid_credits -46.00
	//   total 144.00 USD; credits left 2400
	// month 2, Apr 24 – May 24, 18 seats
	//   Seats           18   216.00
	//   API calls    22000   300.00  prepaid_credits -19.00
	//   total 497.00 USD; credits left 500
	// month 3, May 24 – Jun 24, 31 seats
	//   refused: frontier plan team_monthly: products[0].behavior_config.seat_limit: 31 seats exceed the limit of 25 of product seats (prices[0])
	//
	// ledger of org_acme:
	//   checkout_7f3a                  purchase   +5000  product credit_pack
	//   on_start/team_monthly/org_acme on_start   +2000  plan team_monthly
	//   inv_1                          invoice       +0  invoice [2026-03-10T00:00:00Z, 2026-03-24T00:00:00Z)
	//   inv_2                          invoice    -4600  invoice [2026-03-24T00:00:00Z, 2026-04-24T00:00:00Z)
	//   inv_3                          invoice    -1900  invoice [2026-04-24T00:00:00Z, 2026-05-24T00:00:00Z)
}
