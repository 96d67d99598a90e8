package main

// Example runs the program, so its output is checked by go test.
func Example() {
	main()
	// Output:
	// Tenant Standard: init_price 49.00, switch_price 0, minimal_price 57.58
	// Tenant Large: init_price 0, switch_price 99.00, minimal_price 7.77
	//
	// January 2026
	//   Setup                              Jan 20 – Jan 31           1    49.00
	//   vCPU                               Jan 20 – Jan 31        3.12    18.72
	//   RAM                                Jan 20 – Jan 31        6.24    15.60
	//   Storage                            Jan 20 – Jan 31         585    46.80
	//   Storage / Volume Discount (12%)    Jan 20 – Jan 31         585    -5.62
	//   total                                                           124.50 EUR
	// February 2026
	//   vCPU                               Feb 01 – Feb 28  13.1428571    78.86
	//   RAM                                Feb 01 – Feb 28  26.2857143    65.72
	//   Storage                            Feb 01 – Feb 28        1500   120.00
	//   Storage / Volume Discount (12%)    Feb 01 – Feb 28        1500   -14.40
	//   total                                                           250.18 EUR
	// March 2026
	//   vCPU                               Mar 01 – Mar 15        7.84    47.04
	//   RAM                                Mar 01 – Mar 15       15.68    39.20
	//   Storage                            Mar 01 – Mar 15         735    58.80
	//   Storage / Volume Discount (12%)    Mar 01 – Mar 15         735    -7.06
	//   Migration                          Mar 16 – Mar 31           1    99.00
	//   vCPU                               Mar 16 – Mar 31        8.32    45.76
	//   RAM                                Mar 16 – Mar 31       16.64    36.61
	//   Storage                            Mar 16 – Mar 31         780    54.60
	//   Storage / Volume Discount (15%)    Mar 16 – Mar 31         780    -8.19
	//   total                                                           365.76 EUR
	// April 2026
	//   vCPU                               Apr 01 – Apr 09         4.8    26.40
	//   RAM                                Apr 01 – Apr 09         9.6    21.12
	//   Storage                            Apr 01 – Apr 09         450    31.50
	//   Storage / Volume Discount (15%)    Apr 01 – Apr 09         450    -4.73
	//   total                                                            74.29 EUR
	//
	// Billed over the tenant's life: 814.73 EUR
}
