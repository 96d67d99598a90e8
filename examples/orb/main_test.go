package main

// Example runs the program, so its output is checked by go test.
func Example() {
	main()
	// Output:
	// Invoice 2026-01 USD
	//   launch_platform    Jan 10–Jan 24          1      0.00
	//   launch_calls       Jan 10–Jan 24       1680      1.36
	//       0–1000                       1000 × 0           0.00
	//       1000+                         680 × 0.002       1.36
	//       trial_discount                              -1.36
	//   launch_platform    Jan 24–Feb 01          1     25.55
	//       percentage_discount                        -12.78
	//   launch_calls       Jan 24–Feb 01        960      0.00
	//       0–1000                        960 × 0           0.00
	//   Total                                                  12.77
	//
	// Invoice 2026-04 USD
	//   launch_platform    Apr 01–Apr 10          1     29.70
	//       percentage_discount                        -14.85
	//   launch_calls       Apr 01–Apr 10       1080      0.16
	//       0–1000                       1000 × 0           0.00
	//       1000+                          80 × 0.002       0.16
	//   standard_platform  Apr 10–May 01          1    139.30
	//       minimum                                     14.03
	//   standard_calls     Apr 10–May 01       2520      5.04
	//       0–10000                      2520 × 0.002       5.04
	//       minimum                                      0.51
	//   standard_compute   Apr 10–May 01      315.0     34.65
	//       eu                          157.5 × 0.10       15.75
	//       us                          157.5 × 0.12       18.90
	//       amount_discount                            -20.00
	//       minimum                                      1.47
	//   Total                                                 190.01
	//
}
