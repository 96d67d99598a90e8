// Package usage turns events into the quantities prices rate: billable metrics, and
// their aggregation over a billing period in one pass.
//
// # Events
//
// An [Event] has a name, a timestamp, properties (string, number, boolean or nested
// JSON values) and an optional idempotency key, in Orb's JSON shape. [Reader] reads
// them from JSON Lines; [Aggregator.ReadJSONL] aggregates such a stream directly, in
// constant memory, reporting a bad line by its number.
//
// # Metrics
//
// A [Metric] selects events by name and [Filter]s and aggregates one property: count,
// sum, max, min, latest or unique_count. Property values compare as text (a number as
// its literal: 1 and 1.0 differ, 42 and "42" are equal). A value is used as a number
// when it is a JSON number or a string of the form -?digits[.digits]; anything else
// where a number is needed is an error ([ErrNotNumeric]) naming the event, the metric
// and the property. An event without the property does not contribute (SQL NULL
// semantics), except to count, which counts every event that passes; max, min and
// latest over no events are 0; latest takes the event with the latest timestamp, the
// later in input order on a tie.
//
// # Aggregation
//
// A [Request] asks for a metric over a half-open interval [start, end) in one of three
// shapes: the quantity; quantities per group of property values (for matrix prices,
// a missing property is a nil value, groups in order of their first event by
// timestamp); or the values of the individual events in timestamp order (for the bps
// prices, whose caps apply per event). An [Aggregator] answers any number of requests
// in one pass. Events with the same idempotency key count once: the first in input
// order, whatever the period, before any filtering.
//
// Usage aggregated elsewhere (a SQL GROUP BY) enters as a [Result] directly, or
// through [DecodeResult].
//
// # Exactness and speed
//
// Numbers are parsed once into an int64 coefficient and a scale. Sums accumulate in
// int64 fixed point at the largest scale seen and switch to exact ratecard.Decimal
// arithmetic if a value or the sum overflows; both paths give the same digits.
// Aggregating an event allocates nothing beyond what the aggregate keeps (idempotency
// keys, groups, distinct values, per-event values).
package usage
