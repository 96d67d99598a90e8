module github.com/ratecard/ratecard

go 1.26.0

require (
	github.com/cockroachdb/apd/v3 v3.2.3
	golang.org/x/text v0.43.0
	pgregory.net/rapid v1.3.0
)
