package usage_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard/usage"
)

// The seed corpora are in testdata/fuzz/<FuzzName>.

var fuzzMetrics = []usage.Metric{countM, sumM, maxM, latestM, uniqueM}

func fuzzRequests() []usage.Request {
	var reqs []usage.Request
	for i := range fuzzMetrics {
		reqs = append(reqs, usage.Request{Metric: &fuzzMetrics[i], Start: jan, End: feb})
	}
	return append(reqs,
		usage.Request{Metric: &fuzzMetrics[1], Start: jan, End: feb, GroupBy: []string{"region"}},
		usage.Request{Metric: &fuzzMetrics[1], Start: jan, End: feb, EventValues: true},
	)
}

// nonBlankLines counts the lines ReadJSONL reads as events: lines end at '\n', and a
// line of white space (as bytes.TrimSpace has it, which includes \v, \f, U+0085 and
// U+00A0) is blank.
func nonBlankLines(data []byte) int {
	n := 0
	for _, l := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(l)) > 0 {
			n++
		}
	}
	return n
}

// FuzzReadJSONL: ReadJSONL never panics; it succeeds exactly when a Reader reads every
// line and Add takes every event, with the same results, and it counts the
// non-blank lines; when Add fails, ReadJSONL fails at that event's line.
func FuzzReadJSONL(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := usage.NewAggregator(fuzzRequests()...)
		if err != nil {
			t.Fatal(err)
		}
		n, errJSONL := a.ReadJSONL(bytes.NewReader(data))

		r := usage.NewReader(bytes.NewReader(data))
		var events []usage.Event
		var lines []int
		for r.Next() {
			events = append(events, r.Event())
			lines = append(lines, r.Line())
		}
		if r.Err() != nil {
			if errJSONL == nil {
				t.Fatalf("Reader fails (%v), ReadJSONL does not", r.Err())
			}
			return
		}
		b, _ := usage.NewAggregator(fuzzRequests()...)
		for i := range events {
			if err := b.Add(&events[i]); err != nil {
				prefix := fmt.Sprintf("usage: line %d: ", lines[i])
				if errJSONL == nil || !strings.HasPrefix(errJSONL.Error(), prefix) {
					t.Fatalf("Add fails on the event of line %d (%v); ReadJSONL: %v", lines[i], err, errJSONL)
				}
				return
			}
		}
		if errJSONL != nil {
			t.Fatalf("ReadJSONL fails (%v), Reader and Add do not", errJSONL)
		}
		if want := nonBlankLines(data); n != want || len(events) != want {
			t.Fatalf("ReadJSONL read %d events, Reader %d, of %d non-blank lines", n, len(events), want)
		}
		if diff := cmp.Diff(renderAll(b.Results()), renderAll(a.Results())); diff != "" {
			t.Fatalf("(-Add +ReadJSONL):\n%s", diff)
		}
	})
}

// FuzzEventJSON: UnmarshalJSON never panics; what it accepts is valid JSON, agrees
// with encoding/json's reading of the same object, and survives MarshalJSON and
// UnmarshalJSON unchanged. Strings are kept as their bytes, while MarshalJSON (like
// encoding/json) writes invalid UTF-8 as U+FFFD: the comparisons with encoding/json
// and the round trip are made when the event's strings are valid UTF-8.
func FuzzEventJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		var e usage.Event
		if err := e.UnmarshalJSON(data); err != nil {
			return
		}
		// encoding/json stops at 10,000 levels of nesting; the scanner does not.
		deep := bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) > 9000
		if !deep && !json.Valid(data) {
			t.Fatalf("accepted invalid JSON %q", data)
		}
		out, err := e.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(out) {
			t.Fatalf("MarshalJSON wrote invalid JSON %q", out)
		}
		if !validStrings(e) {
			return
		}
		var back usage.Event
		if err := back.UnmarshalJSON(out); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if diff := cmp.Diff(renderEvent(e), renderEvent(back)); diff != "" {
			t.Fatalf("round trip through %s (-before +after):\n%s", out, diff)
		}
		if !deep && utf8.Valid(data) {
			compareWithEncodingJSON(t, data, e)
		}
	})
}

// validStrings reports whether the event's strings (name, key, property keys, string
// values) are valid UTF-8.
func validStrings(e usage.Event) bool {
	ok := utf8.ValidString(e.Name) && utf8.ValidString(e.IdempotencyKey)
	for _, p := range e.Properties {
		ok = ok && utf8.ValidString(p.Key) && (p.Value.Kind() != usage.KindString || utf8.ValidString(p.Value.Text()))
	}
	return ok
}

// compareWithEncodingJSON reads the object with encoding/json and checks the event's
// fields against it.
func compareWithEncodingJSON(t *testing.T, data []byte, e usage.Event) {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	var name, ts string
	if err := json.Unmarshal(top["event_name"], &name); err != nil || name != e.Name {
		t.Fatalf("event_name: encoding/json %q (%v), UnmarshalJSON %q", name, err, e.Name)
	}
	if err := json.Unmarshal(top["timestamp"], &ts); err != nil {
		t.Fatalf("timestamp: %v", err)
	}
	if ns, err := usage.ParseTimestamp(ts); err != nil || ns != e.Timestamp.UnixNano() {
		t.Fatalf("timestamp %q: %d (%v), UnmarshalJSON %s", ts, ns, err, e.Timestamp)
	}
	var key *string
	if raw, ok := top["idempotency_key"]; ok {
		if err := json.Unmarshal(raw, &key); err != nil {
			t.Fatalf("idempotency_key: %v", err)
		}
	}
	if key == nil && e.IdempotencyKey != "" || key != nil && *key != e.IdempotencyKey {
		t.Fatalf("idempotency_key: encoding/json %v, UnmarshalJSON %q", key, e.IdempotencyKey)
	}
	var props map[string]json.RawMessage
	if raw, ok := top["properties"]; ok {
		if err := json.Unmarshal(raw, &props); err != nil {
			t.Fatalf("properties: %v", err)
		}
	}
	present := 0
	for _, raw := range props {
		if string(raw) != "null" {
			present++
		}
	}
	if present != len(e.Properties) {
		t.Fatalf("encoding/json reads %d properties, UnmarshalJSON %d", present, len(e.Properties))
	}
	for _, p := range e.Properties {
		raw := props[p.Key]
		text := string(raw)
		switch p.Value.Kind() {
		case usage.KindString:
			if err := json.Unmarshal(raw, &text); err != nil {
				t.Fatalf("properties.%s: %v", p.Key, err)
			}
		case usage.KindOther: // objects and arrays are kept compact
			var c bytes.Buffer
			if err := json.Compact(&c, raw); err != nil {
				t.Fatalf("properties.%s: %v", p.Key, err)
			}
			text = c.String()
		}
		if text != p.Value.Text() {
			t.Fatalf("properties.%s: encoding/json %q, UnmarshalJSON %q", p.Key, text, p.Value.Text())
		}
	}
}

// rfc3339 is the syntax parseTimestamp accepts: RFC 3339's date-time, with its
// lowercase t and z and (its section 5.6 note) a space for the T.
var rfc3339 = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.(\d+))?([Zz]|[+-](\d{2}):(\d{2}))$`)

// strictRFC3339 reports whether s is an RFC 3339 timestamp parseTimestamp should
// accept, the range of Unix nanoseconds aside: the syntax above, real dates and
// times (no leap second, no 24:00), offsets below 24 hours, and no precision beyond
// a nanosecond (further fraction digits must be zeros). It returns s with an
// uppercase T and Z, which time.Parse reads.
func strictRFC3339(s string) (string, bool) {
	m := rfc3339.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	num := func(i int) int { n, _ := strconv.Atoi(m[i]); return n }
	year, month, day := num(1), num(2), num(3)
	if month < 1 || month > 12 || day < 1 || day > time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() ||
		num(4) > 23 || num(5) > 59 || num(6) > 59 {
		return "", false
	}
	if m[10] != "" && (num(10) > 23 || num(11) > 59) {
		return "", false
	}
	if len(m[8]) > 9 && strings.Trim(m[8][9:], "0") != "" {
		return "", false
	}
	b := []byte(s)
	b[10] = 'T'
	if b[len(b)-1] == 'z' {
		b[len(b)-1] = 'Z'
	}
	return string(b), true
}

// FuzzTimestamp checks parseTimestamp against an independent description of the
// syntax (strictRFC3339) and against time.Parse(time.RFC3339Nano) for the instant.
// It accepts exactly the strict RFC 3339 timestamps from 1677-09-21T00:12:44Z up to
// 2262-04-11T23:47:16Z, at the instant time.Parse gives. The directions in which the
// two parsers differ: parseTimestamp also accepts a lowercase t or z and a space
// for the T (RFC 3339 allows them; time.Parse does not), and time.Parse also
// accepts what its general layout parser tolerates and we reject on purpose (a
// comma for the point, a one-digit hour, more than 9 fraction digits, offsets of 24
// hours or 60 minutes), and years outside the range of Unix nanoseconds.
func FuzzTimestamp(f *testing.F) {
	lo, hi := time.Unix(-9223372036, 0), time.Unix(9223372036, 0) // [lo, hi)
	f.Fuzz(func(t *testing.T, s string) {
		ns, err := usage.ParseTimestamp(s)
		norm, strict := strictRFC3339(s)
		if !strict {
			if err == nil {
				t.Fatalf("%q is not RFC 3339, accepted as %s", s, time.Unix(0, ns).UTC())
			}
			return
		}
		std, stdErr := time.Parse(time.RFC3339Nano, norm)
		if stdErr != nil {
			t.Fatalf("time.Parse rejects %q: %v", norm, stdErr)
		}
		if std.Before(lo) || !std.Before(hi) {
			if err == nil || err.Error() != "outside the years 1678–2262" {
				t.Fatalf("%q is out of range: got %d, %v", s, ns, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if ns != std.UnixNano() {
			t.Fatalf("%q: %s, time.Parse %s", s, time.Unix(0, ns).UTC(), std.UTC())
		}
	})
}
