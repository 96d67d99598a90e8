package usage_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/usage"
)

func TestDecodeMetric(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     usage.Metric
	}{
		{"count", `{"id": "m_calls", "event_name": "api_call", "aggregation": "count"}`,
			usage.Metric{ID: "m_calls", EventName: "api_call", Aggregation: usage.Count}},
		{"sum with filters and group_by", `{"id": "m_bytes", "event_name": "upload", "aggregation": "sum", "property": "bytes",
			"filters": {"region": ["eu", "us"], "tier": [1, 1.0, "2", -0.5e3]}, "group_by": ["region", "tier"]}`,
			usage.Metric{ID: "m_bytes", EventName: "upload", Aggregation: usage.Sum, Property: "bytes",
				Filters: []usage.Filter{{Property: "region", Values: []string{"eu", "us"}}, {Property: "tier", Values: []string{"1", "1.0", "2", "-0.5e3"}}},
				GroupBy: []string{"region", "tier"}}},
		{"number filter values keep their text, whitespace aside", `{"id":"m","event_name":"e","aggregation":"count","filters":{"n":[ 42 , "42" ,1E2]}}`,
			usage.Metric{ID: "m", EventName: "e", Aggregation: usage.Count, Filters: []usage.Filter{{Property: "n", Values: []string{"42", "42", "1E2"}}}}},
		{"max", `{"id":"m","event_name":"e","aggregation":"max","property":"p"}`, usage.Metric{ID: "m", EventName: "e", Aggregation: usage.Max, Property: "p"}},
		{"min", `{"id":"m","event_name":"e","aggregation":"min","property":"p"}`, usage.Metric{ID: "m", EventName: "e", Aggregation: usage.Min, Property: "p"}},
		{"latest", `{"id":"m","event_name":"e","aggregation":"latest","property":"p"}`, usage.Metric{ID: "m", EventName: "e", Aggregation: usage.Latest, Property: "p"}},
		{"unique_count", `{"id":"m","event_name":"e","aggregation":"unique_count","property":"p"}`,
			usage.Metric{ID: "m", EventName: "e", Aggregation: usage.UniqueCount, Property: "p"}},
		{"nulls are absent", `{"id":"m","event_name":"e","aggregation":"count","property":null,"filters":null,"group_by":null}`,
			usage.Metric{ID: "m", EventName: "e", Aggregation: usage.Count}},
		{"empty filters and group_by", `{"id":"m","event_name":"e","aggregation":"count","filters":{},"group_by":[]}`,
			usage.Metric{ID: "m", EventName: "e", Aggregation: usage.Count}},
		{"escapes", `{"id":"m\u00e9","event_name":"e\"","aggregation":"count","filters":{"r\u00e9":["\u00e9"]}}`,
			usage.Metric{ID: "mé", EventName: `e"`, Aggregation: usage.Count, Filters: []usage.Filter{{Property: "ré", Values: []string{"é"}}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := usage.DecodeMetric([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&c.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeMetricErrors(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"not an object", `[]`, "metric: want a JSON object, got an array"},
		{"nothing", ``, "metric: want a JSON object, got nothing"},
		{"malformed", `{"id":`, "metric: malformed JSON: unexpected end of JSON input (at byte 6)"},
		{"everything missing", `{}`, "metric: id: required\nmetric: event_name: required\nmetric: aggregation: required"},
		{"no id", `{"event_name":"e","aggregation":"count"}`, "metric: id: required"},
		{"id not a string", `{"id":5,"event_name":"e","aggregation":"count"}`, "metric: id: want a string, got a number 5"},
		{"event_name null", `{"id":"m","event_name":null,"aggregation":"count"}`, "metric m: event_name: required"},
		{"an unknown aggregation", `{"id":"m","event_name":"e","aggregation":"avg","property":"p"}`,
			`metric m: aggregation: "avg" is not one of count, sum, max, min, latest, unique_count`},
		{"aggregations are lower case", `{"id":"m","event_name":"e","aggregation":"SUM","property":"p"}`,
			`metric m: aggregation: "SUM" is not one of count, sum, max, min, latest, unique_count`},
		{"count with a property", `{"id":"m","event_name":"e","aggregation":"count","property":"bytes"}`,
			`metric m: property: count counts events and takes no property (got "bytes")`},
		{"sum without a property", `{"id":"m","event_name":"e","aggregation":"sum"}`, "metric m: property: required for sum"},
		{"max without a property", `{"id":"m","event_name":"e","aggregation":"max","property":""}`, "metric m: property: required for max"},
		{"unique_count without a property", `{"id":"m","event_name":"e","aggregation":"unique_count"}`, "metric m: property: required for unique_count"},
		{"a filter without values", `{"id":"m","event_name":"e","aggregation":"count","filters":{"region":[]}}`,
			"metric m: filters.region: no allowed values: the metric would count nothing"},
		{"a filter of null", `{"id":"m","event_name":"e","aggregation":"count","filters":{"region":null}}`, "metric m: filters.region: required"},
		{"a filter not an array", `{"id":"m","event_name":"e","aggregation":"count","filters":{"region":"eu"}}`,
			`metric m: filters.region: want an array, got a string "eu"`},
		{"a boolean filter value", `{"id":"m","event_name":"e","aggregation":"count","filters":{"region":["eu",true]}}`,
			"metric m: filters.region[1]: want a string or a number"},
		{"a null filter value", `{"id":"m","event_name":"e","aggregation":"count","filters":{"region":[null]}}`,
			"metric m: filters.region[0]: want a string or a number"},
		{"an object filter value", `{"id":"m","event_name":"e","aggregation":"count","filters":{"region":[{"a":1}, ["eu"]]}}`,
			"metric m: filters.region[0]: want a string or a number\nmetric m: filters.region[1]: want a string or a number"},
		{"filters not an object", `{"id":"m","event_name":"e","aggregation":"count","filters":["eu"]}`,
			"metric m: filters: want a JSON object, got an array"},
		{"an empty filter property", `{"id":"m","event_name":"e","aggregation":"count","filters":{"":["x"]}}`,
			"metric m: filters[0]: empty property name"},
		{"group_by not an array", `{"id":"m","event_name":"e","aggregation":"count","group_by":"region"}`,
			`metric m: group_by: want an array, got a string "region"`},
		{"a group_by number", `{"id":"m","event_name":"e","aggregation":"count","group_by":[1]}`, "metric m: group_by[0]: want a string"},
		{"an empty group_by name", `{"id":"m","event_name":"e","aggregation":"count","group_by":["region",""]}`,
			"metric m: group_by[1]: empty property name"},
		{"a repeated group_by name", `{"id":"m","event_name":"e","aggregation":"count","group_by":["region","tier","region"]}`,
			`metric m: group_by[2]: "region" repeats group_by[0]`},
		{"an unknown field, and the rules still checked", `{"id":"m","event_name":"e","aggregation":"sum","unit":"GB"}`,
			"metric m: unit: unknown field\nmetric m: property: required for sum"},
		{"every rule's problem", `{"id":"m","event_name":"e","aggregation":"avg","filters":{"r":[]},"group_by":["",""]}`,
			`metric m: aggregation: "avg" is not one of count, sum, max, min, latest, unique_count` + "\n" +
				"metric m: filters.r: no allowed values: the metric would count nothing\n" +
				"metric m: group_by[0]: empty property name\nmetric m: group_by[1]: empty property name"},
		{"a bad value stops the rules", `{"id":"m","event_name":"e","aggregation":"sum","group_by":[1]}`, "metric m: group_by[0]: want a string"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := usage.DecodeMetric([]byte(c.in))
			if err == nil {
				t.Fatalf("no error, got %+v", m)
			}
			if err.Error() != c.want {
				t.Errorf("got\n%s\nwant\n%s", err, c.want)
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestMetricValidate(t *testing.T) {
	valid := func(f func(m *usage.Metric)) *usage.Metric {
		m := &usage.Metric{ID: "m", EventName: "e", Aggregation: usage.Sum, Property: "p"}
		f(m)
		return m
	}
	for _, c := range []struct {
		name string
		m    *usage.Metric
		want string // "" for valid
	}{
		{"valid", valid(func(*usage.Metric) {}), ""},
		{"valid with filters and group_by", valid(func(m *usage.Metric) {
			m.Filters = []usage.Filter{{Property: "a", Values: []string{"x"}}, {Property: "b", Values: []string{"1", "2"}}}
			m.GroupBy = []string{"a", "c"}
		}), ""},
		{"the zero metric", &usage.Metric{}, "id: required\nevent_name: required\naggregation: required"},
		{"an unknown aggregation", valid(func(m *usage.Metric) { m.Aggregation = "median" }),
			`aggregation: "median" is not one of count, sum, max, min, latest, unique_count`},
		{"count with a property", valid(func(m *usage.Metric) { m.Aggregation = usage.Count }),
			`property: count counts events and takes no property (got "p")`},
		{"latest without a property", valid(func(m *usage.Metric) { m.Aggregation, m.Property = usage.Latest, "" }), "property: required for latest"},
		{"a filter twice", valid(func(m *usage.Metric) {
			m.Filters = []usage.Filter{{Property: "r", Values: []string{"eu"}}, {Property: "s", Values: []string{"x"}}, {Property: "r", Values: []string{"us"}}}
		}), "filters.r: filtered twice"},
		{"a filter thrice", valid(func(m *usage.Metric) {
			m.Filters = []usage.Filter{{Property: "r", Values: []string{"eu"}}, {Property: "r", Values: []string{"us"}}, {Property: "r", Values: []string{"ap"}}}
		}), "filters.r: filtered twice\nfilters.r: filtered twice"},
		{"filters without names", valid(func(m *usage.Metric) {
			m.Filters = []usage.Filter{{Property: "", Values: []string{"eu"}}, {Property: ""}}
		}), "filters[0]: empty property name\nfilters[1]: empty property name"},
		{"a filter without values", valid(func(m *usage.Metric) { m.Filters = []usage.Filter{{Property: "r", Values: []string{}}} }),
			"filters.r: no allowed values: the metric would count nothing"},
		{"group_by problems", valid(func(m *usage.Metric) { m.GroupBy = []string{"a", "", "b", "a", "b"} }),
			"group_by[1]: empty property name\n" + `group_by[3]: "a" repeats group_by[0]` + "\n" + `group_by[4]: "b" repeats group_by[2]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.m.Validate()
			if c.want == "" {
				if err != nil {
					t.Errorf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || err.Error() != c.want {
				t.Errorf("got\n%v\nwant\n%s", err, c.want)
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", err)
			}
		})
	}
}

// TestDecodedFilters: a decoded metric's number filter values select events by the
// literal text they were written with.
func TestDecodedFilters(t *testing.T) {
	m, err := usage.DecodeMetric([]byte(`{"id":"m","event_name":"upload","aggregation":"count","filters":{"tier":[1.0, 2]}}`))
	if err != nil {
		t.Fatal(err)
	}
	got := aggregateAll(t, []usage.Request{{Metric: m, Start: jan, End: feb}}, []string{
		up(day(1), `"tier": 1`), up(day(2), `"tier": 1.0`), up(day(3), `"tier": "1.0"`), up(day(4), `"tier": 2`), up(day(5), `"tier": 2.0`),
	})
	if diff := cmp.Diff([]string{"3"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
