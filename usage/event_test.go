package usage_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/usage"
	"pgregory.net/rapid"
)

// renderEvent writes every field of an event: its name, instant (UTC), key and
// properties as key=kind:text.
func renderEvent(e usage.Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %s", e.Name, e.Timestamp.UTC().Format(time.RFC3339Nano))
	if e.IdempotencyKey != "" {
		fmt.Fprintf(&b, " key=%q", e.IdempotencyKey)
	}
	for _, p := range e.Properties {
		fmt.Fprintf(&b, " %q=%s:%q", p.Key, kindName(p.Value.Kind()), p.Value.Text())
	}
	return b.String()
}

func kindName(k usage.Kind) string {
	switch k {
	case usage.KindString:
		return "string"
	case usage.KindNumber:
		return "number"
	case usage.KindBool:
		return "bool"
	case usage.KindOther:
		return "other"
	}
	return fmt.Sprintf("kind(%d)", k)
}

// head is an event's required fields, for inputs that vary the rest; it is 52 bytes
// long, so the byte after it is byte 52.
const head = `{"event_name":"a","timestamp":"2026-01-15T09:30:00Z"`

var eventCases = []struct {
	name, in, want string
}{
	{"Orb's shape", `{"event_name": "api_call", "timestamp": "2026-01-15T09:30:00Z", "properties": {"region": "eu", "bytes": 1250},` +
		` "idempotency_key": "req-7", "customer_id": "c_42", "external_customer_id": null}`,
		`"api_call" 2026-01-15T09:30:00Z key="req-7" "region"=string:"eu" "bytes"=number:"1250"`},
	{"any order, any JSON whitespace", " \t\r\n{ \"properties\" : { \"n\" : 1 } ,\n\"timestamp\"\t:\"2026-01-15T09:30:00.5+01:00\" ,\r\n\"event_name\":\"a\" } \n",
		`"a" 2026-01-15T08:30:00.5Z "n"=number:"1"`},
	{"other fields of every kind are ignored", `{"customer_id": 42, "x": [1, {"y": [true, false, null]}, "s\"\\"], "z": {}, "w": [ ], ` +
		`"n": -1.5e+10, "t": true, "f": false, "nil": null, "event_name": "a", "timestamp": "2026-01-15T09:30:00Z", "after": {"a": {"b": {}}}}`,
		`"a" 2026-01-15T09:30:00Z`},
	{"a null property is absent", head + `,"properties":{"a":null,"b":1,"c":null}}`, `"a" 2026-01-15T09:30:00Z "b"=number:"1"`},
	{"properties null", head + `,"properties":null}`, `"a" 2026-01-15T09:30:00Z`},
	{"properties empty", head + `,"properties":{ }}`, `"a" 2026-01-15T09:30:00Z`},
	{"properties missing", head + `}`, `"a" 2026-01-15T09:30:00Z`},
	{"a null idempotency key is none", head + `,"idempotency_key":null}`, `"a" 2026-01-15T09:30:00Z`},
	{"an empty idempotency key is none", head + `,"idempotency_key":""}`, `"a" 2026-01-15T09:30:00Z`},
	{"numbers keep their literal text", head + `,"properties":{"i":0,"n":-0,"f":1.0,"e":1e3,"E":-1.5E+3,"s":12.50,"big":123456789012345678901234567890}}`,
		`"a" 2026-01-15T09:30:00Z "i"=number:"0" "n"=number:"-0" "f"=number:"1.0" "e"=number:"1e3" "E"=number:"-1.5E+3" "s"=number:"12.50" "big"=number:"123456789012345678901234567890"`},
	{"booleans and numeric strings", head + `,"properties":{"t":true,"f":false,"s":"300"}}`,
		`"a" 2026-01-15T09:30:00Z "t"=bool:"true" "f"=bool:"false" "s"=string:"300"`},
	{"objects and arrays keep their compact JSON text", head + `,"properties":{"o":{"x": [1, 2]},"a":[ ],"e":{},"s":["\" ]"]}}`,
		`"a" 2026-01-15T09:30:00Z "o"=other:"{\"x\":[1,2]}" "a"=other:"[]" "e"=other:"{}" "s"=other:"[\"\\\" ]\"]"`},
	{"escapes in every string", `{"event_name":"a\u0062\n","timestamp":"2026-01-15T09:30:00Z","properties":{"k\u0065y":"\u00e9\t\"\\\/\b\f\r"},"idempotency_key":"\ud83d\ude00"}`,
		`"ab\n" 2026-01-15T09:30:00Z key="😀" "key"=string:"é\t\"\\/\b\f\r"`},
	{"raw UTF-8", head + `,"properties":{"é":"日本"}}`, `"a" 2026-01-15T09:30:00Z "é"=string:"日本"`},
	{"lone surrogates become U+FFFD", head + `,"properties":{"a":"\ud800","b":"\udc00\ud800","c":"\ud800x","d":"\ud800\u0041","e":"x\udfff"}}`,
		`"a" 2026-01-15T09:30:00Z "a"=string:"�" "b"=string:"��" "c"=string:"�x" "d"=string:"�A" "e"=string:"x�"`},
	{"an escaped NUL", head + `,"properties":{"a":"\u0000"}}`, `"a" 2026-01-15T09:30:00Z "a"=string:"\x00"`},
	{"lowercase t and z", `{"event_name":"a","timestamp":"2026-01-15t09:30:00z"}`, `"a" 2026-01-15T09:30:00Z`},
	{"a space for T", `{"event_name":"a","timestamp":"2026-01-15 09:30:00.123456789-05:30"}`, `"a" 2026-01-15T15:00:00.123456789Z`},
	{"deep nesting in an ignored field", `{"x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `,"y":` +
		strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000) + `,"event_name":"a","timestamp":"2026-01-15T09:30:00Z"}`,
		`"a" 2026-01-15T09:30:00Z`},
}

func TestEventUnmarshalJSON(t *testing.T) {
	for _, c := range eventCases {
		t.Run(c.name, func(t *testing.T) {
			var e usage.Event
			if err := e.UnmarshalJSON([]byte(c.in)); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, renderEvent(e)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			// encoding/json calls UnmarshalJSON after checking the syntax itself.
			if strings.HasPrefix(c.name, "deep nesting") {
				return // encoding/json stops at 10,000 levels
			}
			var e2 usage.Event
			if err := json.Unmarshal([]byte(c.in), &e2); err != nil {
				t.Fatalf("json.Unmarshal: %v", err)
			}
			if diff := cmp.Diff(c.want, renderEvent(e2)); diff != "" {
				t.Errorf("json.Unmarshal (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEventDeepProperty(t *testing.T) {
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	var e usage.Event
	if err := e.UnmarshalJSON([]byte(head + `,"properties":{"d":` + deep + `}}`)); err != nil {
		t.Fatal(err)
	}
	if v, ok := e.Property("d"); !ok || v.Kind() != usage.KindOther || v.Text() != deep {
		t.Errorf("got %v %v %.20q", ok, v.Kind(), v.Text())
	}
}

// TestStringEscapes decodes JSON strings as property values and checks them against
// the hand-written value and against encoding/json.
func TestStringEscapes(t *testing.T) {
	for _, c := range []struct{ json, want string }{
		{`"plain"`, "plain"},
		{`""`, ""},
		{`"a\nb"`, "a\nb"},
		{`"\u00e9"`, "é"},
		{`"\u00E9"`, "é"},
		{`"\ud83d\ude00"`, "😀"},
		{`"\uD83D\uDE00"`, "😀"},
		{`"\ud800"`, "\uFFFD"},
		{`"\udc00"`, "\uFFFD"},
		{`"\udc00\ud800"`, "\uFFFD\uFFFD"},
		{`"\ud800\ud800\udc00"`, "\uFFFD\U00010000"},
		{`"\ud800x"`, "\uFFFDx"},
		{`"\ud800\n"`, "\uFFFD\n"},
		{`"\ud800\u0041"`, "\uFFFDA"},
		{`"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t"},
		{`"\u0000\u001f"`, "\x00\x1f"},
		{`"x\u2028y"`, "x\u2028y"},
		{`"日本\u65e5"`, "日本日"},
	} {
		var e usage.Event
		if err := e.UnmarshalJSON([]byte(head + `,"properties":{"s":` + c.json + `}}`)); err != nil {
			t.Errorf("%s: %v", c.json, err)
			continue
		}
		v, _ := e.Property("s")
		var std string
		if err := json.Unmarshal([]byte(c.json), &std); err != nil {
			t.Fatal(err)
		}
		if v.Text() != c.want || std != c.want {
			t.Errorf("%s: got %q, encoding/json %q, want %q", c.json, v.Text(), std, c.want)
		}
	}
}

func TestEventUnmarshalJSONErrors(t *testing.T) {
	props := func(members string) string { return head + `,"properties":{` + members + `}}` }
	// The first byte inside the properties object of props is byte 67.
	const p = 67
	for _, c := range []struct{ name, in, want string }{
		{"empty input", ``, "malformed JSON at byte 0: want an object"},
		{"an array", `[]`, "malformed JSON at byte 0: want an object"},
		{"a string", `"x"`, "malformed JSON at byte 0: want an object"},
		{"an unquoted key", `{event_name:"a"}`, "malformed JSON at byte 1: want a string"},
		{"no colon", `{"event_name" "a"}`, "malformed JSON at byte 14: want ':' after a key"},
		{"no comma", `{"event_name":"a" "timestamp":"2026-01-15T09:30:00Z"}`, "malformed JSON at byte 18: want ',' or '}'"},
		{"a trailing comma", `{"event_name":"a",}`, "malformed JSON at byte 18: want a string"},
		{"unclosed", head, "malformed JSON at byte 52: want ',' or '}'"},
		{"data after the object", head + `} x`, "malformed JSON at byte 54: data after the object"},
		{"a second object", head + `}{}`, "malformed JSON at byte 53: data after the object"},
		{"a second line", head + "}\n" + head + "}", "malformed JSON at byte 54: data after the object"},

		{"no event_name", `{"timestamp":"2026-01-15T09:30:00Z"}`, "event_name: required"},
		{"no timestamp", `{"event_name":"a","properties":{}}`, "timestamp: required"},
		{"an empty object", `{}`, "event_name: required"},
		{"an empty event_name", `{"event_name":"","timestamp":"2026-01-15T09:30:00Z"}`, "event_name: empty"},
		{"event_name a number", `{"event_name":1,"timestamp":"2026-01-15T09:30:00Z"}`, "event_name: want a string"},
		{"event_name null", `{"event_name":null,"timestamp":"2026-01-15T09:30:00Z"}`, "event_name: want a string"},
		{"timestamp a number", `{"event_name":"a","timestamp":1768469400}`, "timestamp: want a string"},
		{"idempotency_key a number", head + `,"idempotency_key":7}`, "idempotency_key: want a string"},
		{"idempotency_key an object", head + `,"idempotency_key":{"a":1}}`, "idempotency_key: want a string"},
		{"properties an array", head + `,"properties":[]}`, "properties: want an object"},
		{"properties a string", head + `,"properties":"x"}`, "properties: want an object"},
		{"properties a number", head + `,"properties":1}`, "properties: want an object"},
		{"an invalid timestamp", `{"event_name":"a","timestamp":"2026-02-30T00:00:00Z"}`,
			`timestamp: "2026-02-30T00:00:00Z": not an RFC 3339 timestamp ("2026-01-31T12:00:00Z")`},
		{"a timestamp before 1678", `{"event_name":"a","timestamp":"1600-01-01T00:00:00Z"}`,
			`timestamp: "1600-01-01T00:00:00Z": outside the years 1678–2262`},

		{"event_name twice", head + `,"event_name":"b"}`, "event_name: appears twice"},
		{"timestamp twice", head + `,"timestamp":"2026-01-15T09:30:00Z"}`, "timestamp: appears twice"},
		{"idempotency_key twice", head + `,"idempotency_key":"a","idempotency_key":"b"}`, "idempotency_key: appears twice"},
		{"idempotency_key null, then a key", head + `,"idempotency_key":null,"idempotency_key":"b"}`, "idempotency_key: appears twice"},
		{"idempotency_key, then null", head + `,"idempotency_key":"a","idempotency_key":null}`, "idempotency_key: appears twice"},
		{"properties twice", head + `,"properties":{"a":1},"properties":{"b":2}}`, "properties: appears twice"},
		{"a property twice", props(`"a":1,"a":2`), "properties.a: appears twice"},
		{"a property twice, first null", props(`"a":null,"a":2`), "properties.a: appears twice"},
		{"a property twice, then null", props(`"a":1,"a":null`), "properties.a: appears twice"},
		{"a null property twice", props(`"a":null,"a":null`), "properties.a: appears twice"},
		{"a property twice, escaped", props(`"a":1,"\u0061":2`), "properties.a: appears twice"},

		{"a leading zero", props(`"a":01`), `properties.a: invalid JSON value "01}"`},
		{"a point without digits", props(`"a":1.`), `properties.a: invalid JSON value "1.}"`},
		{"a bare minus", props(`"a":-`), `properties.a: invalid JSON value "-}"`},
		{"no integer part", props(`"a":.5`), `properties.a: invalid JSON value ".5}"`},
		{"an exponent without digits", props(`"a":1e`), `properties.a: invalid JSON value "1e}"`},
		{"a plus sign", props(`"a":+1`), `properties.a: invalid JSON value "+1}"`},
		{"two points", props(`"a":1.5.5`), `properties.a: invalid JSON value "1.5.5}"`},
		{"NaN", props(`"a":NaN`), `properties.a: invalid JSON value "N"`},
		{"no value", props(`"a":`), `properties.a: invalid JSON value "}"`},
		{"no value at the end", head + `,"properties":{"a":`, `properties.a: invalid JSON value ""`},
		{"an invalid literal", props(`"a":tru`), fmt.Sprintf("malformed JSON at byte %d: invalid literal", p+4)},
		{"null misspelt", props(`"a":nul`), fmt.Sprintf("malformed JSON at byte %d: invalid literal", p+4)},
		{"a trailing comma in properties", props(`"a":1,`), fmt.Sprintf("malformed JSON at byte %d: want a string", p+6)},
		{"no colon in properties", props(`"a" 1`), fmt.Sprintf("malformed JSON at byte %d: want ':' after a key", p+4)},
		{"no comma in properties", props(`"a":1 "b":2`), fmt.Sprintf("malformed JSON at byte %d: want ',' or '}'", p+6)},
		{"an unterminated string", head + `,"properties":{"a":"x`, fmt.Sprintf("malformed JSON at byte %d: unterminated string", p+6)},
		{"an unterminated escaped string", head + `,"properties":{"a":"\n`, fmt.Sprintf("malformed JSON at byte %d: unterminated string", p+7)},
		{"an escape at the end", head + `,"properties":{"a":"\`, fmt.Sprintf("malformed JSON at byte %d: unterminated string", p+5)},
		{"a raw tab in a string", props("\"a\":\"x\ty\""), fmt.Sprintf("malformed JSON at byte %d: control character in a string", p+6)},
		{"a raw unit separator in a string", props("\"a\":\"x\x1fy\""), fmt.Sprintf("malformed JSON at byte %d: control character in a string", p+6)},
		{"a raw newline after an escape", props("\"a\":\"\\n\n\""), fmt.Sprintf("malformed JSON at byte %d: control character in a string", p+7)},
		{"an invalid escape", props(`"a":"\x"`), fmt.Sprintf("malformed JSON at byte %d: invalid escape", p+7)},
		{"an invalid \\u escape", props(`"a":"\u12G4"`), fmt.Sprintf("malformed JSON at byte %d: invalid \\u escape", p+7)},
		{"a short \\u escape", props(`"a":"\u12"`), fmt.Sprintf("malformed JSON at byte %d: invalid \\u escape", p+7)},
		{"an invalid escape after a surrogate", props(`"a":"\ud800\uZZZZ"`), fmt.Sprintf("malformed JSON at byte %d: invalid \\u escape", p+13)},

		{"a trailing comma in an ignored array", `{"x":[1,]}`, "malformed JSON at byte 8: invalid value"},
		{"no colon in an ignored object", `{"x":{"a" 1}}`, "malformed JSON at byte 10: want ':' after a key"},
		{"no comma in an ignored array", `{"x":[1 2]}`, "malformed JSON at byte 8: want ',' or a closing bracket"},
		{"a mismatched bracket", `{"x":[1}`, "malformed JSON at byte 7: want ',' or a closing bracket"},
		{"a number key in an ignored object", `{"x":{1:2}}`, "malformed JSON at byte 6: want a string"},
		{"an ignored field without a value", `{"x":`, "malformed JSON at byte 5: invalid value"},
		{"an ignored literal misspelt", `{"x":nul}`, "malformed JSON at byte 5: invalid literal"},
		{"an invalid number in an ignored field", `{"x":01}`, "malformed JSON at byte 7: invalid value"},
		{"deep nesting, unclosed", `{"x":` + strings.Repeat("[", 10000), "malformed JSON at byte 10005: invalid value"},
		{"deep nesting in a property, unclosed", head + `,"properties":{"d":` + strings.Repeat(`{"a":`, 10000),
			fmt.Sprintf("malformed JSON at byte %d: invalid value", p+4+50000)},
	} {
		t.Run(c.name, func(t *testing.T) {
			var e usage.Event
			err := e.UnmarshalJSON([]byte(c.in))
			if err == nil {
				t.Fatalf("no error, want %s; got %s", c.want, renderEvent(e))
			}
			if err.Error() != c.want {
				t.Errorf("got  %s\nwant %s", err, c.want)
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestEventMarshalJSON(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	for _, c := range []struct {
		name string
		e    usage.Event
		want string
	}{
		{"every kind", usage.Event{
			Name: "api_call", Timestamp: time.Date(2026, 1, 15, 10, 30, 0, 500_000_000, cet), IdempotencyKey: "req-7",
			Properties: []usage.Property{
				{Key: "region", Value: usage.String("eu")}, {Key: "bytes", Value: mustNumber("1250")},
				{Key: "ok", Value: usage.Bool(true)}, {Key: "price", Value: mustNumber("1.50")}, {Key: "no", Value: usage.Bool(false)},
				{Key: "e", Value: mustNumber("-1E+3")}, {Key: "s", Value: usage.String("300")},
			},
		}, `{"event_name":"api_call","timestamp":"2026-01-15T09:30:00.5Z","properties":{"region":"eu","bytes":1250,"ok":true,"price":1.50,"no":false,"e":-1E+3,"s":"300"},"idempotency_key":"req-7"}`},
		{"no properties, no key", usage.Event{Name: "a", Timestamp: time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC)},
			`{"event_name":"a","timestamp":"2026-01-15T09:30:00Z","properties":{}}`},
		{"nanoseconds", usage.Event{Name: "a", Timestamp: time.Date(1969, 12, 31, 23, 59, 59, 1, time.UTC)},
			`{"event_name":"a","timestamp":"1969-12-31T23:59:59.000000001Z","properties":{}}`},
		{"strings escaped as encoding/json escapes them", usage.Event{
			Name: "a\"b<c>\n", Timestamp: time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC), IdempotencyKey: "\u2028",
			Properties: []usage.Property{{Key: "k\\", Value: usage.String("é\t\x00")}},
		}, `{"event_name":"a\"b\u003cc\u003e\n","timestamp":"2026-01-15T09:30:00Z","properties":{"k\\":"é\t\u0000"},"idempotency_key":"\u2028"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.e.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, string(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			// encoding/json takes the event as it is (a value receiver).
			std, err := json.Marshal(c.e)
			if err != nil || string(std) != c.want {
				t.Errorf("json.Marshal: %s, %v", std, err)
			}
		})
	}
	// A number's literal is written back as it was; an object's JSON is compacted when
	// read (one value, one text), and written back compact.
	var e usage.Event
	in := `{"event_name":"a","timestamp":"2026-01-15T09:30:00Z","properties":{"o":{"x": [1, 2], "s": "a b"},"n":1.0e0}}`
	want := `{"event_name":"a","timestamp":"2026-01-15T09:30:00Z","properties":{"o":{"x":[1,2],"s":"a b"},"n":1.0e0}}`
	if err := e.UnmarshalJSON([]byte(in)); err != nil {
		t.Fatal(err)
	}
	if got, err := e.MarshalJSON(); err != nil || string(got) != want {
		t.Errorf("got %s, %v; want %s", got, err, want)
	}
}

func TestEventMarshalJSONNoValue(t *testing.T) {
	e := usage.Event{Name: "a", Timestamp: jan, Properties: []usage.Property{{Key: "x"}}}
	if _, err := e.MarshalJSON(); err == nil || err.Error() != `usage: property "x" has no value` {
		t.Errorf("got %v", err)
	}
}

// TestEventRoundTrip: every event the decoding cases accept survives MarshalJSON and
// UnmarshalJSON unchanged.
func TestEventRoundTrip(t *testing.T) {
	for _, c := range eventCases {
		var e, back usage.Event
		if err := e.UnmarshalJSON([]byte(c.in)); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		out, err := e.MarshalJSON()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !json.Valid(out) {
			t.Errorf("%s: invalid JSON %s", c.name, out)
		}
		if err := back.UnmarshalJSON(out); err != nil {
			t.Fatalf("%s: %s: %v", c.name, out, err)
		}
		if diff := cmp.Diff(renderEvent(e), renderEvent(back)); diff != "" {
			t.Errorf("%s (-before +after):\n%s", c.name, diff)
		}
	}
}

func TestEventProperty(t *testing.T) {
	e := usage.Event{Properties: []usage.Property{{Key: "a", Value: usage.String("x")}, {Key: "b", Value: mustNumber("2")}}}
	if v, ok := e.Property("b"); !ok || v.Text() != "2" || v.Kind() != usage.KindNumber {
		t.Errorf("b: %v %q", ok, v.Text())
	}
	if _, ok := e.Property("c"); ok {
		t.Error("c: found")
	}
}

func TestValue(t *testing.T) {
	for _, c := range []struct {
		name string
		v    usage.Value
		kind usage.Kind
		text string
		dec  string // "" when not a number
	}{
		{"number", mustNumber("1.0"), usage.KindNumber, "1.0", "1.0"},
		{"negative number", mustNumber("-12.50"), usage.KindNumber, "-12.50", "-12.50"},
		{"exponent", mustNumber("-1.5E+3"), usage.KindNumber, "-1.5E+3", "-1500"},
		{"negative exponent", mustNumber("25e-3"), usage.KindNumber, "25e-3", "0.025"},
		{"beyond int64", mustNumber("12345678901234567890"), usage.KindNumber, "12345678901234567890", "12345678901234567890"},
		{"19 places", mustNumber("0.0000000000000000001"), usage.KindNumber, "0.0000000000000000001", "0.0000000000000000001"},
		{"numeric string", usage.String("300"), usage.KindString, "300", "300"},
		{"numeric string with a fraction", usage.String("-0.50"), usage.KindString, "-0.50", "-0.50"},
		{"numeric string with leading zeros", usage.String("007"), usage.KindString, "007", "7"},
		{"numeric string beyond int64", usage.String("-98765432109876543210.5"), usage.KindString, "-98765432109876543210.5", "-98765432109876543210.5"},
		{"string with an exponent", usage.String("1e3"), usage.KindString, "1e3", ""},
		{"string starting with a point", usage.String(".5"), usage.KindString, ".5", ""},
		{"string ending with a point", usage.String("5."), usage.KindString, "5.", ""},
		{"string with a plus", usage.String("+5"), usage.KindString, "+5", ""},
		{"string with a space", usage.String("5 "), usage.KindString, "5 ", ""},
		{"a minus alone", usage.String("-"), usage.KindString, "-", ""},
		{"empty string", usage.String(""), usage.KindString, "", ""},
		{"word", usage.String("abc"), usage.KindString, "abc", ""},
		{"two points", usage.String("1.2.3"), usage.KindString, "1.2.3", ""},
		{"true", usage.Bool(true), usage.KindBool, "true", ""},
		{"false", usage.Bool(false), usage.KindBool, "false", ""},
	} {
		if c.v.Kind() != c.kind || c.v.Text() != c.text {
			t.Errorf("%s: kind %s text %q, want %s %q", c.name, kindName(c.v.Kind()), c.v.Text(), kindName(c.kind), c.text)
		}
		d, ok := c.v.Decimal()
		if got := map[bool]string{true: d.String(), false: ""}[ok]; got != c.dec {
			t.Errorf("%s: Decimal() = %q, %v; want %q", c.name, d, ok, c.dec)
		}
	}
	for _, s := range []string{"", "01", "1.", ".5", "+1", "1e", "1e+", "NaN", " 1", "1 ", "--1", "0x10", "1,5", "Infinity"} {
		if _, ok := usage.Number(s); ok {
			t.Errorf("Number(%q) accepted", s)
		}
	}
}

func TestReader(t *testing.T) {
	long := strings.Repeat("x", 70_000)                                                                                       // beyond the 64 KiB buffer
	in := "\n" + up(day(1), `"v": 1`) + "\r\n \t\r\n" + up(day(2), `"note": "`+long+`"`) + "\n\n" + up(day(3), `"v": 4`, "k") // no final newline
	r := usage.NewReader(strings.NewReader(in))
	var got []string
	for r.Next() {
		got = append(got, fmt.Sprintf("%d: %.60s", r.Line(), renderEvent(r.Event())))
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d events", len(got))
	}
	want := []string{
		`2: "upload" 2026-01-01T00:00:00Z "v"=number:"1"`,
		`4: "upload" 2026-01-02T00:00:00Z "note"=string:"xxxxxxxxxxxxxxx`,
		`6: "upload" 2026-01-03T00:00:00Z key="k" "v"=number:"4"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestReaderEventsOwnTheirStrings: an event stays intact after the Reader has read on.
func TestReaderEventsOwnTheirStrings(t *testing.T) {
	r := usage.NewReader(strings.NewReader(up(day(1), `"a": "\u00e9x", "b": "plain"`, "k1") + "\n" + up(day(2), `"a": "\u00e8y", "b": "other"`, "k2") + "\n"))
	var events []usage.Event
	for r.Next() {
		events = append(events, r.Event())
	}
	got := []string{renderEvent(events[0]), renderEvent(events[1])}
	want := []string{
		`"upload" 2026-01-01T00:00:00Z key="k1" "a"=string:"éx" "b"=string:"plain"`,
		`"upload" 2026-01-02T00:00:00Z key="k2" "a"=string:"èy" "b"=string:"other"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReaderErrors(t *testing.T) {
	r := usage.NewReader(strings.NewReader(up(day(1), ``) + "\n\n" + `{"event_name":"a"}` + "\n" + up(day(2), ``) + "\n"))
	n := 0
	for r.Next() {
		n++
	}
	if want := "usage: line 3: timestamp: required"; r.Err() == nil || r.Err().Error() != want {
		t.Errorf("got %v, want %s", r.Err(), want)
	}
	if !errors.Is(r.Err(), ratecard.ErrInvalid) {
		t.Errorf("%v does not wrap ErrInvalid", r.Err())
	}
	if n != 1 || r.Next() {
		t.Errorf("read %d events, then more", n)
	}

	boom := errors.New("boom")
	r = usage.NewReader(&failingReader{data: up(day(1), ``) + "\n" + up(day(2), ``) + "\n{", err: boom})
	for r.Next() {
	}
	if want := "usage: line 3: boom"; r.Err() == nil || r.Err().Error() != want || !errors.Is(r.Err(), boom) {
		t.Errorf("got %v, want %s", r.Err(), want)
	}

	r = usage.NewReader(strings.NewReader(""))
	if r.Next() || r.Err() != nil {
		t.Errorf("empty input: %v", r.Err())
	}
}

// timestampCases are hand-checked: want is the instant, or an error; stdAccepts says
// whether time.Parse(time.RFC3339Nano, in) accepts the input, to document where the
// two differ.
var timestampCases = []struct {
	in         string
	want       time.Time // zero: rejected
	err        string
	stdAccepts bool
}{
	{in: "2026-01-31T12:34:56.789Z", want: time.Date(2026, 1, 31, 12, 34, 56, 789_000_000, time.UTC), stdAccepts: true},
	{in: "2026-01-31T12:34:56Z", want: time.Date(2026, 1, 31, 12, 34, 56, 0, time.UTC), stdAccepts: true},
	{in: "2026-01-31T12:34:56.123456789+05:30", want: time.Date(2026, 1, 31, 7, 4, 56, 123456789, time.UTC), stdAccepts: true},
	{in: "2026-01-31T12:34:56.1-00:01", want: time.Date(2026, 1, 31, 12, 35, 56, 100_000_000, time.UTC), stdAccepts: true},
	{in: "2026-12-31T23:59:59-23:59", want: time.Date(2027, 1, 1, 23, 58, 59, 0, time.UTC), stdAccepts: true},
	{in: "2026-01-01T00:00:00+23:59", want: time.Date(2025, 12, 31, 0, 1, 0, 0, time.UTC), stdAccepts: true},
	{in: "2024-02-29T00:00:00Z", want: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), stdAccepts: true},
	{in: "2000-02-29T00:00:00Z", want: time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC), stdAccepts: true},
	{in: "1970-01-01T00:00:00Z", want: time.Unix(0, 0), stdAccepts: true},
	{in: "1969-12-31T23:59:59.999999999Z", want: time.Unix(0, -1), stdAccepts: true},
	{in: "1700-03-01T00:00:00Z", want: time.Date(1700, 3, 1, 0, 0, 0, 0, time.UTC), stdAccepts: true},
	{in: "2026-01-01T00:00:00.1234567890Z", want: time.Date(2026, 1, 1, 0, 0, 0, 123456789, time.UTC), stdAccepts: true},
	{in: "2026-01-01T00:00:00.000000000000Z", want: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), stdAccepts: true},
	{in: "1677-09-21T00:12:44Z", want: time.Unix(-9223372036, 0), stdAccepts: true},
	{in: "1677-09-21T01:12:44+01:00", want: time.Unix(-9223372036, 0), stdAccepts: true},
	{in: "2262-04-11T23:47:15.999999999Z", want: time.Unix(9223372035, 999999999), stdAccepts: true},
	// RFC 3339 allows a lowercase t and z, and (its section 5.6 note) a space for the T;
	// time.Parse does not.
	{in: "2026-01-31t12:34:56z", want: time.Date(2026, 1, 31, 12, 34, 56, 0, time.UTC)},
	{in: "2026-01-31 12:34:56.5+01:00", want: time.Date(2026, 1, 31, 11, 34, 56, 500_000_000, time.UTC)},

	{in: "2026-01-01T24:00:00Z", err: "not"},
	{in: "2026-02-30T00:00:00Z", err: "not"},
	{in: "2026-02-29T00:00:00Z", err: "not"},
	{in: "2100-02-29T00:00:00Z", err: "not"},
	{in: "2026-04-31T00:00:00Z", err: "not"},
	{in: "2026-06-30T23:59:60Z", err: "not"}, // a leap second
	{in: "2026-01-01T00:60:00Z", err: "not"},
	{in: "2026-13-01T00:00:00Z", err: "not"},
	{in: "2026-00-01T00:00:00Z", err: "not"},
	{in: "2026-01-00T00:00:00Z", err: "not"},
	{in: "2026-01-01T00:00:00", err: "not"},
	{in: "2026-01-01T00:00:00.5", err: "not"},
	{in: "2026-01-01T00:00Z", err: "not"},
	{in: "2026-01-01", err: "not"},
	{in: "", err: "not"},
	{in: "20260101T000000Z", err: "not"},
	{in: "2026-1-01T00:00:00Z", err: "not"},
	{in: "+2026-01-01T00:00:00Z", err: "not"},
	{in: "2026-01-01X00:00:00Z", err: "not"},
	{in: "2026-01-01T00:00:00UTC", err: "not"},
	{in: "2026-01-01T00:00:00ZZ", err: "not"},
	{in: "2026-01-01T00:00:00+01:00Z", err: "not"},
	{in: " 2026-01-01T00:00:00Z", err: "not"},
	{in: "2026-01-01T00:00:00Z ", err: "not"},
	{in: "2026-01-01T00:00:00.Z", err: "not"},
	{in: "2026-01-01T00:00:00.5 Z", err: "not"},
	{in: "2026-01-01T00:00:00+01", err: "not"},
	{in: "2026-01-01T00:00:00+0100", err: "not"},
	{in: "2026-01-01T00:00:00+1:00", err: "not"},
	{in: "２026-01-01T00:00:00Z", err: "not"},
	// Accepted by time.Parse (its general parser, after its strict RFC 3339 one), and
	// rejected by us: finer than a nanosecond, a comma for the point, offsets of 24
	// hours or 60 minutes, a one-digit hour.
	{in: "2026-01-01T00:00:00.1234567891Z", err: "not", stdAccepts: true},
	{in: "2026-01-01T00:00:00,5Z", err: "not", stdAccepts: true},
	{in: "2026-01-01T00:00:00+24:00", err: "not", stdAccepts: true},
	{in: "2026-01-01T00:00:00+01:60", err: "not", stdAccepts: true},
	{in: "2026-01-01T0:00:00Z", err: "not", stdAccepts: true}, // a one-digit hour
	// Valid RFC 3339, outside what Unix nanoseconds hold.
	{in: "1677-09-21T00:12:43.999999999Z", err: "range", stdAccepts: true},
	{in: "1677-09-21T01:12:43+01:00", err: "range", stdAccepts: true},
	{in: "2262-04-11T23:47:16Z", err: "range", stdAccepts: true},
	{in: "0000-01-01T00:00:00Z", err: "range", stdAccepts: true},
	{in: "1600-02-29T00:00:00Z", err: "range", stdAccepts: true},
	{in: "9999-12-31T23:59:59.999999999Z", err: "range", stdAccepts: true},
}

func TestParseTimestamp(t *testing.T) {
	errs := map[string]string{
		"not":   `not an RFC 3339 timestamp ("2026-01-31T12:00:00Z")`,
		"range": "outside the years 1678–2262",
	}
	for _, c := range timestampCases {
		got, err := usage.ParseTimestamp(c.in)
		switch {
		case c.err != "":
			if err == nil || err.Error() != errs[c.err] {
				t.Errorf("%q: got %d, %v; want %s", c.in, got, err, errs[c.err])
			}
		case err != nil:
			t.Errorf("%q: %v", c.in, err)
		case got != c.want.UnixNano():
			t.Errorf("%q: got %s, want %s", c.in, time.Unix(0, got).UTC(), c.want.UTC())
		}
		std, stdErr := time.Parse(time.RFC3339Nano, c.in)
		if (stdErr == nil) != c.stdAccepts {
			t.Errorf("%q: time.Parse: %v, %v", c.in, std, stdErr)
		}
		if stdErr == nil && c.err == "" && !std.Equal(c.want) {
			t.Errorf("%q: time.Parse gives %s, want %s", c.in, std, c.want)
		}
	}
}

// TestParseTimestampProperty: on every valid RFC 3339 timestamp of the years 1678 to
// 2262, parseTimestamp and time.Parse agree; with a lowercase t or z, or a space
// for the T, parseTimestamp gives the instant time.Parse gives for the uppercase form.
func TestParseTimestampProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := timestampGen().Draw(t, "timestamp")
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatalf("time.Parse: %v", err)
		}
		got, err := usage.ParseTimestamp(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got != want.UnixNano() {
			t.Fatalf("%q: got %s, time.Parse %s", s, time.Unix(0, got).UTC(), want.UTC())
		}
		variant := []byte(s)
		variant[10] = rapid.SampledFrom([]byte("Tt ")).Draw(t, "separator")
		if variant[len(variant)-1] == 'Z' && rapid.Bool().Draw(t, "lowercase z") {
			variant[len(variant)-1] = 'z'
		}
		if got2, err := usage.ParseTimestamp(string(variant)); err != nil || got2 != got {
			t.Fatalf("%q: %d, %v; want %d", variant, got2, err, got)
		}
	})
}

// timestampGen generates valid RFC 3339 timestamps from 1678-01-01 to 2262-03-31
// (inside the Unix-nanosecond range at any offset): fractions of 0 to 9 digits,
// zones Z and ±hh:mm.
func timestampGen() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		year := rapid.IntRange(1678, 2262).Draw(t, "year")
		maxMonth := 12
		if year == 2262 {
			maxMonth = 3
		}
		month := rapid.IntRange(1, maxMonth).Draw(t, "month")
		days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", year, month, rapid.IntRange(1, days).Draw(t, "day"),
			rapid.IntRange(0, 23).Draw(t, "hour"), rapid.IntRange(0, 59).Draw(t, "minute"), rapid.IntRange(0, 59).Draw(t, "second"))
		if n := rapid.IntRange(0, 9).Draw(t, "fraction digits"); n > 0 {
			s += "." + rapid.StringOfN(rapid.RuneFrom([]rune("0123456789")), n, n, -1).Draw(t, "fraction")
		}
		if rapid.Bool().Draw(t, "Z") {
			return s + "Z"
		}
		sign := rapid.SampledFrom([]string{"+", "-"}).Draw(t, "sign")
		return fmt.Sprintf("%s%s%02d:%02d", s, sign, rapid.IntRange(0, 23).Draw(t, "offset hours"), rapid.IntRange(0, 59).Draw(t, "offset minutes"))
	})
}

// TestWideLine: a line with many properties is checked for duplicates in linear
// time (it took seconds with a quadratic scan), and duplicates are still found.
func TestWideLine(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"event_name":"e","timestamp":"2026-01-01T00:00:00Z","properties":{`)
	for i := range 50_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d":%d`, i, i)
	}
	wide := b.String() + `}}`
	start := time.Now()
	var e usage.Event
	if err := e.UnmarshalJSON([]byte(wide)); err != nil || len(e.Properties) != 50_000 {
		t.Fatalf("%d properties, %v", len(e.Properties), err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("50,000 properties took %v", d)
	}
	for _, dup := range []string{`,"k0":1}}`, `,"k49999":null}}`, `,"k20":"x"}}`} {
		err := e.UnmarshalJSON([]byte(b.String() + dup))
		if err == nil || !strings.Contains(err.Error(), "appears twice") {
			t.Errorf("duplicate %s: %v", dup, err)
		}
	}
}

// TestMarshalObjectPropertyOnOneLine: an object property's JSON is compacted, so a
// marshalled event stays one JSON Lines line.
func TestMarshalObjectPropertyOnOneLine(t *testing.T) {
	var e usage.Event
	if err := e.UnmarshalJSON([]byte("{\"event_name\":\"e\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"properties\":{\"o\":{\n \"a\": [1,\n 2]\n}}}")); err != nil {
		t.Fatal(err)
	}
	b, err := e.MarshalJSON()
	if err != nil || strings.Contains(string(b), "\n") || !strings.Contains(string(b), `"o":{"a":[1,2]}`) {
		t.Errorf("MarshalJSON = %s, %v", b, err)
	}
}
