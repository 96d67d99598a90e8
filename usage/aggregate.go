package usage

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// ErrNotNumeric is wrapped by the error for a property value that must be a number
// and is not (a boolean, an object, or a string not of the form -?digits[.digits]).
var ErrNotNumeric = errors.New("not a number")

// Request asks for one aggregate: a metric over the half-open interval [Start, End).
type Request struct {
	Metric     *Metric
	Start, End time.Time
	// GroupBy, when set, asks for the aggregate per group of these properties' values
	// (a matrix price's dimensions), the groups in order of their first event by
	// timestamp; a missing property is a nil value.
	GroupBy []string
	// EventValues asks for the property's value of every counted event in timestamp
	// order (ties: input order), as the bps prices rate them. The metric must be a sum.
	EventValues bool
}

// Result is one aggregate.
type Result struct {
	// Quantity is the metric over the interval; for groups, the sum of their
	// quantities; for event values, their sum.
	Quantity    ratecard.Decimal
	Groups      []ratecard.Group
	EventValues []ratecard.Decimal
}

// Aggregator computes the aggregates of several requests in one pass over events, in
// input order. Events with the same idempotency key count once: the first one, over
// all events added, before any other filtering. Memory grows with the idempotency
// keys, the groups, the distinct values of a unique_count and the values of an
// EventValues request, not with the number of events otherwise. An Aggregator is not
// safe for concurrent use.
type Aggregator struct {
	accs []*accumulator
	seen map[string]struct{}
	n    int // events added: the index of the next
	scan eventScanner
}

// val is the value of the metric's property in one event, handed by the front end
// (an Event, or a JSON line) to the aggregation: read in place, never copied into
// the aggregator (measured: staging values in a buffer made aggregation three times
// slower).
type val[T text] struct {
	text   T
	kind   Kind // 0: the event lacks the property
	num    fixed
	parsed bool // num is valid; a line's numbers are parsed when first needed
}

func (v *val[T]) number() fixed {
	if !v.parsed {
		v.num, v.parsed = numberOf(v.text, v.kind), true
	}
	return v.num
}

// NewAggregator validates the requests and returns an aggregator for them.
func NewAggregator(reqs ...Request) (*Aggregator, error) {
	var errs wire.Errors
	a := &Aggregator{seen: map[string]struct{}{}}
	for i, r := range reqs {
		acc, err := newAccumulator(r)
		if err != nil {
			errs.Add(ratecard.Index("requests", i), err)
			continue
		}
		a.accs = append(a.accs, acc)
	}
	if err := errs.Err(); err != nil {
		return nil, ratecard.Within("usage", err)
	}
	return a, nil
}

// Aggregate is a convenience for one pass over events held in memory.
func Aggregate(events []Event, reqs ...Request) ([]Result, error) {
	a, err := NewAggregator(reqs...)
	if err != nil {
		return nil, err
	}
	for i := range events {
		if err := a.Add(&events[i]); err != nil {
			return nil, err
		}
	}
	return a.Results(), nil
}

// The seconds a Unix-nanosecond timestamp can hold (1678 to 2262), less a second at
// the top so that seconds × 10^9 + nanoseconds cannot overflow (nanoseconds are
// positive, so the bottom needs no margin). It is the range parseTimestamp accepts,
// so Add and AddJSON take the same events.
const (
	maxUnixSec = math.MaxInt64/1_000_000_000 - 1
	minUnixSec = -math.MaxInt64 / 1_000_000_000
)

// Add adds the next event. Its error names the event by its index among the events
// added (from 0) and its idempotency key, the metric and the property.
func (a *Aggregator) Add(e *Event) error {
	index := a.n
	a.n++
	sec := e.Timestamp.Unix()
	if sec < minUnixSec || sec > maxUnixSec {
		return ratecard.Within("usage", ratecard.Within(eventLabel(index, e.IdempotencyKey),
			&ratecard.ValidationError{Field: "timestamp", Err: errTimestampRange}))
	}
	if a.duplicate(e.IdempotencyKey) {
		return nil
	}
	t := sec*1e9 + int64(e.Timestamp.Nanosecond())
	for _, acc := range a.accs {
		if e.Name != acc.name || t < acc.start || t >= acc.end || !eventPasses(e.Properties, acc.filters) {
			continue
		}
		var v val[string]
		if acc.prop != "" {
			if p := eventProperty(e.Properties, acc.prop); p != nil {
				v = val[string]{text: p.Value.text, kind: p.Value.kind, num: p.Value.num(), parsed: true}
			}
		}
		// The common cases, inline: a plain count, or a plain sum of an int64 value
		// (or of nothing: an event without the property adds nothing).
		if acc.plain && acc.total.kind == Count {
			acc.total.count++
			continue
		}
		if acc.plain && acc.total.kind == Sum && (v.kind == 0 || acc.total.sum.addFast(v.num)) {
			continue
		}
		var key []byte
		if acc.groupBy != nil {
			key = eventGroupKey(acc.key[:0], e.Properties, acc.groupBy)
			acc.key = key
		}
		if err := accumulate(acc, index, t, &v, key); err != nil {
			return ratecard.Within("usage", ratecard.Within(eventLabel(index, e.IdempotencyKey), err))
		}
	}
	return nil
}

// duplicate records an idempotency key and reports whether it was seen before.
func (a *Aggregator) duplicate(key string) bool {
	if key == "" {
		return false
	}
	if _, dup := a.seen[key]; dup {
		return true
	}
	a.seen[key] = struct{}{}
	return false
}

func eventProperty(props []Property, name string) *Property {
	for i := range props {
		if props[i].Key == name {
			return &props[i]
		}
	}
	return nil
}

func eventPasses(props []Property, filters []Filter) bool {
	for _, f := range filters {
		p := eventProperty(props, f.Property)
		if p == nil || !slices.Contains(f.Values, p.Value.text) {
			return false
		}
	}
	return true
}

func eventGroupKey(key []byte, props []Property, groupBy []string) []byte {
	for _, name := range groupBy {
		if p := eventProperty(props, name); p != nil {
			key = appendGroupValue(key, p.Value.text)
		} else {
			key = append(key, 0)
		}
	}
	return key
}

// AddJSON adds one event written as a JSON object, without allocating for it (apart
// from what the aggregates keep).
func (a *Aggregator) AddJSON(b []byte) error {
	if err := a.addLine(b); err != nil {
		key := ""
		if a.scan.rec.hasKey { // else rec.key is the previous line's
			key = string(a.scan.rec.key)
		}
		return ratecard.Within("usage", ratecard.Within(eventLabel(a.n-1, key), err))
	}
	return nil
}

// addLine scans and adds one JSON event; its errors are not yet labelled.
func (a *Aggregator) addLine(b []byte) error {
	index := a.n
	a.n++
	if err := a.scan.scan(b); err != nil {
		a.scan.rec = line{}
		return eventError(err)
	}
	l := &a.scan.rec
	if l.hasKey {
		if _, dup := a.seen[string(l.key)]; dup {
			return nil
		}
		a.seen[string(l.key)] = struct{}{}
	}
	for _, acc := range a.accs {
		if string(l.name) != acc.name || l.time < acc.start || l.time >= acc.end || !linePasses(l.props, acc.filters) {
			continue
		}
		var v val[[]byte]
		if acc.prop != "" {
			if i := findProp(l.props, acc.prop); i >= 0 {
				v = val[[]byte]{text: l.props[i].text, kind: l.props[i].kind}
			}
		}
		if acc.plain && acc.total.kind == Count {
			acc.total.count++
			continue
		}
		if acc.plain && acc.total.kind == Sum && (v.kind == 0 || acc.total.sum.addFast(v.number())) {
			continue
		}
		var key []byte
		if acc.groupBy != nil {
			key = acc.key[:0]
			for _, name := range acc.groupBy {
				if i := findProp(l.props, name); i >= 0 {
					key = appendGroupValue(key, l.props[i].text)
				} else {
					key = append(key, 0)
				}
			}
			acc.key = key
		}
		if err := accumulate(acc, index, l.time, &v, key); err != nil {
			return err
		}
	}
	return nil
}

func linePasses(props []lineProp, filters []Filter) bool {
	for _, f := range filters {
		i := findProp(props, f.Property)
		if i < 0 || !slices.Contains(f.Values, string(props[i].text)) {
			return false
		}
	}
	return true
}

func eventLabel(i int, key string) string {
	if key == "" {
		return fmt.Sprintf("event %d", i)
	}
	return fmt.Sprintf("event %d (idempotency_key %q)", i, clip([]byte(key)))
}

// Results returns the aggregates, one per request in order. It may be called again
// after more events are added.
func (a *Aggregator) Results() []Result {
	out := make([]Result, len(a.accs))
	for i, acc := range a.accs {
		out[i] = acc.result()
	}
	return out
}

// accumulator holds one request's state.
type accumulator struct {
	metric     *Metric
	name, prop string
	filters    []Filter
	start, end int64
	groupBy    []string // nil: not grouped
	perEvent   bool
	plain      bool // neither grouped nor per-event: the front ends take counts and int64 sums inline

	total  aggregate
	groups map[string]*group
	order  []*group
	key    []byte // scratch for group keys
	values []tagged
}

type group struct {
	values []*string
	first  int64 // time of the group's first event …
	index  int   // … and its input position, for ties
	agg    aggregate
}

type tagged struct {
	time  int64
	index int
	value ratecard.Decimal
}

// newAccumulator validates a request and prepares its state.
func newAccumulator(r Request) (*accumulator, error) {
	var errs wire.Errors
	if r.Metric == nil {
		errs.Addf("metric", "required")
		return nil, errs.Err()
	}
	errs.Add("metric", r.Metric.Validate())
	start, ok1 := unixNano(r.Start)
	end, ok2 := unixNano(r.End)
	switch {
	case !ok1:
		errs.Add("start", errTimestampRange)
	case !ok2:
		errs.Add("end", errTimestampRange)
	case end < start:
		errs.Addf("end", "%s is before start %s", r.End.Format(time.RFC3339), r.Start.Format(time.RFC3339))
	}
	for i, g := range r.GroupBy {
		if g == "" {
			errs.Addf(ratecard.Index("group_by", i), "empty property name")
		}
	}
	if r.EventValues {
		if r.Metric.Aggregation != Sum {
			errs.Addf("event_values", "per-event values need a sum metric, %s is %s", r.Metric.ID, r.Metric.Aggregation)
		}
		if len(r.GroupBy) > 0 {
			errs.Addf("event_values", "cannot be grouped too")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	acc := &accumulator{
		metric: r.Metric, name: r.Metric.EventName, prop: r.Metric.Property, filters: r.Metric.Filters,
		start: start, end: end, perEvent: r.EventValues,
		total: aggregate{kind: r.Metric.Aggregation}, groups: map[string]*group{},
	}
	if len(r.GroupBy) > 0 {
		acc.groupBy = slices.Clone(r.GroupBy)
	}
	acc.plain = acc.groupBy == nil && !acc.perEvent
	return acc, nil
}

// accumulate adds one counted event to the request's aggregate: v is the value of
// the metric's property (kind 0 when the event lacks it), key the event's group key
// when the request is grouped.
func accumulate[T text](acc *accumulator, index int, t int64, v *val[T], key []byte) error {
	agg := &acc.total
	if acc.groupBy != nil {
		agg = &acc.group(key, t, index).agg
	}
	if agg.kind == Count {
		agg.count++
		return nil
	}
	if v.kind == 0 {
		return nil // SQL NULL semantics: no property, no contribution
	}
	if agg.kind == UniqueCount {
		if agg.unique == nil {
			agg.unique = map[string]struct{}{}
		}
		if _, ok := agg.unique[string(v.text)]; !ok {
			agg.unique[string(v.text)] = struct{}{}
		}
		return nil
	}
	n := v.number()
	if n.state == notNumber {
		return ratecard.Within("metric "+acc.metric.ID, &ratecard.ValidationError{Field: "properties." + acc.prop,
			Err: ratecard.Detail(ErrNotNumeric, "%s is not a number", describeValue(v.text, v.kind))})
	}
	if n.state == bigNumber { // rare: beyond int64 or 18 decimals; may be beyond a Decimal
		if _, err := ratecard.Parse(string(v.text)); err != nil {
			return ratecard.Within("metric "+acc.metric.ID, &ratecard.ValidationError{Field: "properties." + acc.prop, Err: err})
		}
	}
	if acc.perEvent {
		d, _ := decimalOf(n, v.text)
		acc.values = append(acc.values, tagged{time: t, index: index, value: d})
	}
	if agg.kind == Sum && agg.sum.addFast(n) {
		return nil
	}
	addNumber(agg, n, v.text, t)
	return nil
}

func describeValue[T text](t T, k Kind) string {
	switch k {
	case KindString:
		return fmt.Sprintf("%q", clip([]byte(t)))
	case KindBool:
		return "the boolean " + string(t)
	case KindOther:
		return "the JSON " + clip([]byte(t))
	}
	return string(t)
}

// appendGroupValue appends one present value to a group key: unambiguous, because
// each value is length-prefixed and a missing one is a single 0 byte.
func appendGroupValue[T text](key []byte, value T) []byte {
	key = append(key, 1)
	key = binary.AppendUvarint(key, uint64(len(value)))
	return append(key, value...)
}

// group returns the group of a key, creating it at its first event and keeping each
// group's earliest event for the order of the results.
func (acc *accumulator) group(key []byte, t int64, index int) *group {
	if g, ok := acc.groups[string(key)]; ok {
		if t < g.first {
			g.first, g.index = t, index
		}
		return g
	}
	g := &group{values: decodeGroupKey(key, len(acc.groupBy)), first: t, index: index, agg: aggregate{kind: acc.total.kind}}
	acc.groups[string(key)] = g
	acc.order = append(acc.order, g)
	return g
}

// decodeGroupKey returns the values a group key encodes (nil for a missing one).
func decodeGroupKey(key []byte, n int) []*string {
	values := make([]*string, n)
	for i := range values {
		present := key[0] == 1
		key = key[1:]
		if !present {
			continue
		}
		size, w := binary.Uvarint(key)
		values[i] = new(string(key[w : w+int(size)]))
		key = key[w+int(size):]
	}
	return values
}

// aggregate is the running value of one aggregation.
type aggregate struct {
	kind   Aggregation
	count  int64
	sum    fixedSum
	value  ratecard.Decimal // max, min, latest
	has    bool
	latest int64 // time of the latest value
	unique map[string]struct{}
}

// addNumber adds one numeric value, observed at time t, to a sum, max, min or latest.
func addNumber[T text](g *aggregate, n fixed, txt T, t int64) {
	if g.kind == Sum {
		addSum(&g.sum, n, txt)
		return
	}
	d, _ := decimalOf(n, txt)
	switch {
	case !g.has:
	case g.kind == Max && d.Cmp(g.value) <= 0,
		g.kind == Min && d.Cmp(g.value) >= 0,
		g.kind == Latest && t < g.latest: // a tie goes to the later event in input order
		return
	}
	g.value, g.latest, g.has = d, t, true
}

// quantity returns the aggregate's value.
func (g *aggregate) quantity() ratecard.Decimal {
	switch g.kind {
	case Count:
		return ratecard.NewFromInt(g.count)
	case UniqueCount:
		return ratecard.NewFromInt(int64(len(g.unique)))
	case Sum:
		return g.sum.result()
	}
	return g.value // zero when no event had a value
}

// result returns the request's aggregate.
func (acc *accumulator) result() Result {
	switch {
	case acc.perEvent:
		values := slices.Clone(acc.values)
		slices.SortStableFunc(values, func(a, b tagged) int { return cmp.Compare(a.time, b.time) })
		r := Result{EventValues: make([]ratecard.Decimal, len(values))}
		for i, v := range values {
			r.EventValues[i] = v.value
			r.Quantity = r.Quantity.Add(v.value)
		}
		return r
	case len(acc.groupBy) > 0:
		order := slices.Clone(acc.order)
		slices.SortFunc(order, func(a, b *group) int {
			return cmp.Or(cmp.Compare(a.first, b.first), cmp.Compare(a.index, b.index))
		})
		r := Result{Groups: make([]ratecard.Group, len(order))}
		for i, g := range order {
			q := g.agg.quantity()
			values := make([]*string, len(g.values))
			for j, v := range g.values {
				if v != nil {
					values[j] = new(*v)
				}
			}
			r.Groups[i] = ratecard.Group{Values: values, Quantity: q}
			r.Quantity = r.Quantity.Add(q)
		}
		return r
	}
	return Result{Quantity: acc.total.quantity()}
}

// fixedSum adds numbers exactly. While every value has an int64 coefficient and at
// most 18 decimals, it keeps one int64 partial sum per scale, so adding a value is
// one integer addition with no alignment; the partials are combined, exactly, when
// the result is read. On the first value that does not fit, or a partial that would
// overflow, it switches to ratecard.Decimal for good. Both give the same digits: a
// Decimal sum carries the largest scale of its terms, and so does the combination.
type fixedSum struct {
	parts [maxFixedScale + 1]int64 // parts[s]: the sum of the values of scale s
	used  uint32                   // bit s: some value had scale s
	slow  bool
	dec   ratecard.Decimal // the sum once slow
}

// addFast adds an int64 fixed-point value and reports whether it could; it is small
// enough to be inlined into the aggregation loop.
func (s *fixedSum) addFast(n fixed) bool {
	if s.slow || n.state != fastNumber {
		return false
	}
	p := s.parts[n.scale]
	sum := p + n.coef
	if (p >= 0) == (n.coef >= 0) && (sum >= 0) != (p >= 0) {
		return false // overflow
	}
	s.parts[n.scale] = sum
	s.used |= 1 << n.scale
	return true
}

// combined returns the exact sum of the partials, at the largest scale used.
func (s *fixedSum) combined() ratecard.Decimal {
	var d ratecard.Decimal
	for scale := range s.parts {
		if s.used&(1<<scale) != 0 {
			d = d.Add(ratecard.New(s.parts[scale], int32(scale)))
		}
	}
	return d
}

// addSum adds a number; txt is its text, read only when it is too big for int64.
func addSum[T text](s *fixedSum, n fixed, txt T) {
	if s.addFast(n) {
		return
	}
	if !s.slow {
		s.slow, s.dec = true, s.combined()
	}
	d, _ := decimalOf(n, txt)
	s.dec = s.dec.Add(d)
}

func (s *fixedSum) result() ratecard.Decimal {
	if s.slow {
		return s.dec
	}
	return s.combined()
}
