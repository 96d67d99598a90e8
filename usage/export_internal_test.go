package usage

// ParseTimestamp exposes parseTimestamp to the external tests (event_test.go,
// fuzz_test.go), which compare it with time.Parse.
var ParseTimestamp = parseTimestamp[string]
