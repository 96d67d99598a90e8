module github.com/ratecard/ratecard

go 1.26.0

require (
	github.com/cockroachdb/apd/v3 v3.2.3
	github.com/google/go-cmp v0.7.0
	pgregory.net/rapid v1.3.0
)

require github.com/moov-io/iso4217 v0.3.0
