package usage_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/usage"
	"pgregory.net/rapid"
)

// numText generates the text of a number in plain notation, of every shape a sum
// meets: everyday values, values around 2^63 (the int64 partials' edge) of either
// sign, any int64 coefficient with up to 18 places (the fast path), and up to 34
// digits with up to 30 places (beyond it).
func numText() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		var digits string
		var scale int
		switch rapid.IntRange(0, 4).Draw(t, "shape") {
		case 0:
			digits = strconv.Itoa(rapid.IntRange(0, 1000).Draw(t, "small"))
			scale = rapid.IntRange(0, 4).Draw(t, "scale")
		case 1:
			digits = strconv.FormatUint(rapid.Uint64Range(1<<63-1000, 1<<63+1000).Draw(t, "near 2^63"), 10)
			scale = rapid.IntRange(0, 3).Draw(t, "scale")
		case 2:
			digits = strconv.FormatUint(rapid.Uint64Range(0, 1<<63-1).Draw(t, "int64"), 10)
			scale = rapid.IntRange(0, 18).Draw(t, "scale")
		case 3:
			digits = rapid.StringOfN(rapid.RuneFrom([]rune("0123456789")), 1, ratecard.MaxDigits, -1).Draw(t, "digits")
			scale = rapid.IntRange(0, 30).Draw(t, "scale")
		default:
			digits = rapid.SampledFrom([]string{
				"9223372036854775807", "9223372036854775808", "9223372036854775806",
				"18446744073709551615", "18446744073709551616", "0", "1",
			}).Draw(t, "edge")
			scale = rapid.IntRange(0, 20).Draw(t, "scale")
		}
		return plain(rapid.Bool().Draw(t, "negative"), digits, scale)
	})
}

// plain writes ±digits × 10^-scale as a JSON number: "-0.005", "12.50", "0".
func plain(neg bool, digits string, scale int) string {
	digits = strings.TrimLeft(digits, "0")
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	s := digits
	if scale > 0 {
		s = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// numValue is a number as a property holds it: a JSON number, or a numeric string
// (which may have leading zeros).
type numValue struct {
	text string
	str  bool
}

func (n numValue) value() usage.Value {
	if n.str {
		return usage.String(n.text)
	}
	return mustNumber(n.text)
}

func (n numValue) json() string {
	if n.str {
		return strconv.Quote(n.text)
	}
	return n.text
}

func numValueGen() *rapid.Generator[numValue] {
	return rapid.Custom(func(t *rapid.T) numValue {
		text := numText().Draw(t, "text")
		if !rapid.Bool().Draw(t, "string") {
			return numValue{text: text}
		}
		if rapid.Bool().Draw(t, "leading zeros") {
			if rest, neg := strings.CutPrefix(text, "-"); neg {
				text = "-00" + rest
			} else {
				text = "00" + text
			}
		}
		return numValue{text: text, str: true}
	})
}

// valueEvents makes one "upload" event per value, a second apart.
func valueEvents(vals []numValue) []usage.Event {
	events := make([]usage.Event, len(vals))
	for i, v := range vals {
		events[i] = usage.Event{Name: "upload", Timestamp: jan.Add(time.Duration(i) * time.Second),
			Properties: []usage.Property{{Key: "v", Value: v.value()}}}
	}
	return events
}

func valueLines(vals []numValue) []string {
	lines := make([]string, len(vals))
	for i, v := range vals {
		lines[i] = up(jan.Add(time.Duration(i)*time.Second).Format(time.RFC3339), `"v": `+v.json())
	}
	return lines
}

func sumOf(t *rapid.T, events []usage.Event, reqs ...usage.Request) []usage.Result {
	if len(reqs) == 0 {
		sum := sumM
		reqs = []usage.Request{{Metric: &sum, Start: jan, End: feb}}
	}
	rs, err := usage.Aggregate(events, reqs...)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestSumMatchesAPD: the int64 partials, and the switch to decimals, give the sum apd
// computes exactly (precision 0), and the sum of ratecard.Decimal.Add: the same
// value at the same scale, compared as text.
func TestSumMatchesAPD(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vals := rapid.SliceOfN(numValueGen(), 0, 30).Draw(t, "values")
		ctx := apd.BaseContext // a copy: BaseContext itself is never changed
		ctx.Precision = 0
		model := new(apd.Decimal)
		var dec ratecard.Decimal
		for _, v := range vals {
			d, _, err := apd.NewFromString(v.text)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ctx.Add(model, model, d); err != nil {
				t.Fatal(err)
			}
			dec = dec.Add(ratecard.MustParse(v.text))
		}
		want := model.Text('f')
		if dec.String() != want {
			t.Fatalf("ratecard.Decimal.Add gives %s, apd %s", dec, want)
		}
		if got := sumOf(t, valueEvents(vals))[0].Quantity.String(); got != want {
			t.Fatalf("Add: sum %s, want %s", got, want)
		}
		sum := sumM
		a, err := usage.NewAggregator(usage.Request{Metric: &sum, Start: jan, End: feb})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.ReadJSONL(strings.NewReader(strings.Join(valueLines(vals), "\n"))); err != nil {
			t.Fatal(err)
		}
		if got := a.Results()[0].Quantity.String(); got != want {
			t.Fatalf("ReadJSONL: sum %s, want %s", got, want)
		}
	})
}

// TestSumOfConcatenation: the sum of two lists of events one after the other is the
// sum of their sums, digit for digit.
func TestSumOfConcatenation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SliceOfN(numValueGen(), 0, 20).Draw(t, "a")
		b := rapid.SliceOfN(numValueGen(), 0, 20).Draw(t, "b")
		sa := sumOf(t, valueEvents(a))[0].Quantity
		sb := sumOf(t, valueEvents(b))[0].Quantity
		sab := sumOf(t, valueEvents(append(append([]numValue(nil), a...), b...)))[0].Quantity
		if want := sa.Add(sb); sab.String() != want.String() {
			t.Fatalf("sum(a ++ b) = %s, sum(a) + sum(b) = %s", sab, want)
		}
	})
}

// TestPermutation: reordering the events changes no aggregate. The events have
// distinct timestamps, so latest, the group order and the per-event values do not
// depend on input order either, and all are compared digit for digit; except max and
// min, which keep the first of equal values in input order, so that of 2 and 2.0
// either may come out: they are compared with Equal.
func TestPermutation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 20).Draw(t, "n")
		events := make([]usage.Event, n)
		for i := range events {
			props := []usage.Property{}
			if r := rapid.SampledFrom([]string{"eu", "us", ""}).Draw(t, "region"); r != "" {
				props = append(props, usage.Property{Key: "region", Value: usage.String(r)})
			}
			if rapid.IntRange(0, 9).Draw(t, "has v") > 0 {
				// few distinct values, at several scales, so that equal values meet
				v := plain(rapid.Bool().Draw(t, "neg"), strconv.Itoa(rapid.IntRange(0, 30).Draw(t, "v")), rapid.IntRange(0, 2).Draw(t, "scale"))
				props = append(props, usage.Property{Key: "v", Value: mustNumber(v)})
			}
			events[i] = usage.Event{Name: "upload", Timestamp: jan.Add(time.Duration(i) * time.Minute), Properties: props}
		}
		perm := rapid.Permutation(events).Draw(t, "permutation")
		exact := []usage.Metric{countM, sumM, uniqueM, latestM}
		var reqs []usage.Request
		for i := range exact {
			reqs = append(reqs, usage.Request{Metric: &exact[i], Start: jan, End: feb})
		}
		reqs = append(reqs,
			usage.Request{Metric: &exact[1], Start: jan, End: feb, GroupBy: []string{"region"}},
			usage.Request{Metric: &exact[0], Start: jan, End: feb, GroupBy: []string{"region"}},
			usage.Request{Metric: &exact[1], Start: jan, End: feb, EventValues: true},
		)
		if diff := cmp.Diff(renderAll(sumOf(t, events, reqs...)), renderAll(sumOf(t, perm, reqs...))); diff != "" {
			t.Fatalf("(-in order +permuted):\n%s", diff)
		}
		for _, m := range []usage.Metric{maxM, minM} {
			req := usage.Request{Metric: &m, Start: jan, End: feb}
			a, b := sumOf(t, events, req)[0].Quantity, sumOf(t, perm, req)[0].Quantity
			if !a.Equal(b) {
				t.Fatalf("%s: %s in order, %s permuted", m.Aggregation, a, b)
			}
		}
	})
}

// TestGroupsAddUpToTotal: the quantities of a grouped sum or count add up, digit for
// digit, to the ungrouped quantity, and so do the per-event values of a sum.
func TestGroupsAddUpToTotal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vals := rapid.SliceOfN(numValueGen(), 0, 20).Draw(t, "values")
		events := valueEvents(vals)
		for i := range events {
			for _, dim := range []string{"region", "tier"} {
				if v := rapid.SampledFrom([]string{"a", "b", "c", ""}).Draw(t, dim); v != "" {
					events[i].Properties = append(events[i].Properties, usage.Property{Key: dim, Value: usage.String(v)})
				}
			}
			if rapid.IntRange(0, 5).Draw(t, "drop v") == 0 {
				events[i].Properties = events[i].Properties[1:]
			}
		}
		for _, m := range []usage.Metric{sumM, countM} {
			rs := sumOf(t, events,
				usage.Request{Metric: &m, Start: jan, End: feb},
				usage.Request{Metric: &m, Start: jan, End: feb, GroupBy: []string{"region", "tier"}})
			total, grouped := rs[0].Quantity, rs[1]
			var sum ratecard.Decimal
			for _, g := range grouped.Groups {
				sum = sum.Add(g.Quantity)
			}
			if sum.String() != total.String() || grouped.Quantity.String() != total.String() {
				t.Fatalf("%s: groups add up to %s (quantity %s), ungrouped %s", m.Aggregation, sum, grouped.Quantity, total)
			}
		}
		sum := sumM
		rs := sumOf(t, events, usage.Request{Metric: &sum, Start: jan, End: feb}, usage.Request{Metric: &sum, Start: jan, End: feb, EventValues: true})
		var vsum ratecard.Decimal
		for _, v := range rs[1].EventValues {
			vsum = vsum.Add(v)
		}
		if vsum.String() != rs[0].Quantity.String() || rs[1].Quantity.String() != rs[0].Quantity.String() {
			t.Fatalf("event values add up to %s (quantity %s), the sum is %s", vsum, rs[1].Quantity, rs[0].Quantity)
		}
	})
}

// genEvent is an event made twice, independently: as an Event and as a JSON line.
type genEvent struct {
	event usage.Event
	line  string
}

// eventGen generates events around January 2026 with repeated idempotency keys,
// timestamps that tie, in several zones, and values that are numbers, numeric
// strings, missing, or not numbers.
func eventGen() *rapid.Generator[genEvent] {
	return rapid.Custom(func(t *rapid.T) genEvent {
		var e usage.Event
		var members []string
		e.Name = rapid.SampledFrom([]string{"upload", "download"}).Draw(t, "name")
		e.Timestamp = jan.AddDate(0, 0, rapid.IntRange(-2, 33).Draw(t, "day")).
			Add(rapid.SampledFrom([]time.Duration{0, 1, 12 * time.Hour, 24*time.Hour - 1}).Draw(t, "time"))
		zone := time.FixedZone("", rapid.SampledFrom([]int{0, 3600, -(5*3600 + 1800)}).Draw(t, "zone"))
		if r := rapid.SampledFrom([]string{"eu", "us", ""}).Draw(t, "region"); r != "" {
			e.Properties = append(e.Properties, usage.Property{Key: "region", Value: usage.String(r)})
			members = append(members, `"region":`+strconv.Quote(r))
		}
		switch rapid.IntRange(0, 9).Draw(t, "v kind") {
		case 0: // missing
		case 1:
			members = append(members, `"v":null`)
		case 2:
			b := rapid.Bool().Draw(t, "bool")
			e.Properties = append(e.Properties, usage.Property{Key: "v", Value: usage.Bool(b)})
			members = append(members, `"v":`+strconv.FormatBool(b))
		case 3:
			s := rapid.SampledFrom([]string{"abc", "1e3", ".5", ""}).Draw(t, "bad string")
			e.Properties = append(e.Properties, usage.Property{Key: "v", Value: usage.String(s)})
			members = append(members, `"v":`+strconv.Quote(s))
		default:
			v := numValueGen().Draw(t, "v")
			e.Properties = append(e.Properties, usage.Property{Key: "v", Value: v.value()})
			members = append(members, `"v":`+v.json())
		}
		if rapid.Bool().Draw(t, "props reversed") {
			for i, j := 0, len(members)-1; i < j; i, j = i+1, j-1 {
				members[i], members[j] = members[j], members[i]
			}
			for i, j := 0, len(e.Properties)-1; i < j; i, j = i+1, j-1 {
				e.Properties[i], e.Properties[j] = e.Properties[j], e.Properties[i]
			}
		}
		line := fmt.Sprintf(`{"event_name":%q,"timestamp":%q,"properties":{%s}`, e.Name,
			e.Timestamp.In(zone).Format(time.RFC3339Nano), strings.Join(members, ","))
		switch k := rapid.SampledFrom([]string{"", "k1", "k2", "k3", "empty", "null"}).Draw(t, "key"); k {
		case "":
		case "empty":
			line += `,"idempotency_key":""`
		case "null":
			line += `,"idempotency_key":null`
		default:
			e.IdempotencyKey = k
			line += `,"idempotency_key":` + strconv.Quote(k)
		}
		return genEvent{event: e, line: line + "}"}
	})
}

// TestFrontEndsAgree: Add over Events, AddJSON and ReadJSONL over the same events as
// JSON give the same results, and fail on the same event with the same error.
func TestFrontEndsAgree(t *testing.T) {
	metrics := []usage.Metric{countM, sumM, maxM, minM, latestM, uniqueM,
		metric("m_eu", usage.Sum, "v", usage.Filter{Property: "region", Values: []string{"eu"}})}
	var reqs []usage.Request
	for i := range metrics {
		reqs = append(reqs, usage.Request{Metric: &metrics[i], Start: jan, End: feb})
	}
	reqs = append(reqs,
		usage.Request{Metric: &metrics[1], Start: jan, End: feb, GroupBy: []string{"region"}},
		usage.Request{Metric: &metrics[5], Start: jan, End: feb, GroupBy: []string{"region"}},
		usage.Request{Metric: &metrics[1], Start: jan, End: feb, EventValues: true},
		usage.Request{Metric: &metrics[0], Start: jan.AddDate(0, 0, 10), End: jan.AddDate(0, 0, 11)},
	)
	rapid.Check(t, func(t *rapid.T) {
		gen := rapid.SliceOfN(eventGen(), 0, 25).Draw(t, "events")
		lines := make([]string, len(gen))
		for i, g := range gen {
			lines[i] = g.line
		}

		add, _ := usage.NewAggregator(reqs...)
		var errAdd error
		failAt := -1
		for i := range gen {
			if errAdd = add.Add(&gen[i].event); errAdd != nil {
				failAt = i
				break
			}
		}
		addJSON, _ := usage.NewAggregator(reqs...)
		var errJSON error
		for i, l := range lines {
			if errJSON = addJSON.AddJSON([]byte(l)); errJSON != nil {
				if i != failAt {
					t.Fatalf("AddJSON fails at %d (%v), Add at %d (%v)", i, errJSON, failAt, errAdd)
				}
				break
			}
		}
		jsonl, _ := usage.NewAggregator(reqs...)
		n, errJSONL := jsonl.ReadJSONL(strings.NewReader(strings.Join(lines, "\n")))

		if failAt < 0 {
			if errJSON != nil || errJSONL != nil {
				t.Fatalf("only the JSON front ends fail: %v; %v", errJSON, errJSONL)
			}
			if n != len(lines) {
				t.Fatalf("ReadJSONL read %d events of %d", n, len(lines))
			}
		} else {
			label := fmt.Sprintf("event %d", failAt)
			if k := gen[failAt].event.IdempotencyKey; k != "" {
				label += fmt.Sprintf(" (idempotency_key %q)", k)
			}
			rest, ok := strings.CutPrefix(errAdd.Error(), "usage: "+label+": ")
			if !ok {
				t.Fatalf("Add's error %q is not labelled %q", errAdd, label)
			}
			if errJSON == nil || errJSON.Error() != errAdd.Error() {
				t.Fatalf("AddJSON: %v; Add: %v", errJSON, errAdd)
			}
			if want := fmt.Sprintf("usage: line %d: %s", failAt+1, rest); errJSONL == nil || errJSONL.Error() != want {
				t.Fatalf("ReadJSONL: %v; want %s", errJSONL, want)
			}
		}
		want := renderAll(add.Results())
		if diff := cmp.Diff(want, renderAll(addJSON.Results())); diff != "" {
			t.Fatalf("AddJSON (-Add +AddJSON):\n%s", diff)
		}
		if diff := cmp.Diff(want, renderAll(jsonl.Results())); diff != "" {
			t.Fatalf("ReadJSONL (-Add +ReadJSONL):\n%s", diff)
		}
	})
}
