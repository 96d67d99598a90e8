package usage

import (
	"encoding/json"
	"slices"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// Aggregation is how a metric turns events into a quantity.
type Aggregation string

// The aggregations. max, min and latest over no events give 0.
const (
	Count       Aggregation = "count"        // the number of events
	Sum         Aggregation = "sum"          // the sum of the property's values
	Max         Aggregation = "max"          // the largest value
	Min         Aggregation = "min"          // the smallest value
	Latest      Aggregation = "latest"       // the value of the latest event (ties: the later in input order)
	UniqueCount Aggregation = "unique_count" // the number of distinct values, compared as text
)

var aggregations = []Aggregation{Count, Sum, Max, Min, Latest, UniqueCount}

// Metric is a billable metric: which events count, and how they aggregate into a
// quantity.
type Metric struct {
	ID          string
	EventName   string      // only events of this name count
	Aggregation Aggregation // how they aggregate
	Property    string      // the property aggregated; empty for count
	// Filters keep an event only when, for every filter, the event has the property
	// and its value (as text) is one of the allowed values.
	Filters []Filter
	// GroupBy names the properties a grouped price groups this metric's usage by,
	// when the price does not name its own (a matrix names its dimensions).
	GroupBy []string
}

// Filter allows the events whose property has one of the values.
type Filter struct {
	Property string
	Values   []string
}

// Validate reports every problem with the metric at its field path.
func (m *Metric) Validate() error {
	var errs wire.Errors
	if m.ID == "" {
		errs.Addf("id", "required")
	}
	if m.EventName == "" {
		errs.Addf("event_name", "required")
	}
	switch {
	case m.Aggregation == "":
		errs.Addf("aggregation", "required")
	case !slices.Contains(aggregations, m.Aggregation):
		errs.Addf("aggregation", "%q is not one of count, sum, max, min, latest, unique_count", m.Aggregation)
	case m.Aggregation == Count && m.Property != "":
		errs.Addf("property", "count counts events and takes no property (got %q)", m.Property)
	case m.Aggregation != Count && m.Property == "":
		errs.Addf("property", "required for %s", m.Aggregation)
	}
	for i, f := range m.Filters {
		at := "filters." + f.Property
		switch {
		case f.Property == "":
			errs.Addf(ratecard.Index("filters", i), "empty property name")
		case len(f.Values) == 0:
			errs.Addf(at, "no allowed values: the metric would count nothing")
		}
		for j := range i {
			if m.Filters[j].Property == f.Property && f.Property != "" {
				errs.Addf(at, "filtered twice")
				break
			}
		}
	}
	for i, g := range m.GroupBy {
		if g == "" {
			errs.Addf(ratecard.Index("group_by", i), "empty property name")
		} else if slices.Index(m.GroupBy, g) < i {
			errs.Addf(ratecard.Index("group_by", i), "%q repeats group_by[%d]", g, slices.Index(m.GroupBy, g))
		}
	}
	return errs.Err()
}

// DecodeMetric reads a metric from JSON and validates it:
//
//	{"id": "m_bytes", "event_name": "upload", "aggregation": "sum", "property": "bytes",
//	 "filters": {"region": ["eu", "us"]}, "group_by": ["region"]}
//
// Filter values may be strings or numbers (compared by their literal text). Errors
// are labelled "metric <id>" and name the field.
func DecodeMetric(data []byte) (*Metric, error) {
	var errs wire.Errors
	o := wire.Read(data, "", &errs)
	if o == nil {
		return nil, ratecard.Within("metric", errs.Err())
	}
	m := &Metric{
		ID:          o.String("id", true),
		EventName:   o.String("event_name", true),
		Aggregation: Aggregation(o.String("aggregation", true)),
		Property:    o.String("property", false),
	}
	if f := o.Object("filters", false); f != nil {
		for _, k := range f.Keys() {
			values := f.Array(k, true)
			filter := Filter{Property: k, Values: make([]string, 0, len(values))}
			for i, raw := range values {
				v, ok := filterValue(raw)
				if !ok {
					errs.Addf(ratecard.Index(f.Path(k), i), "want a string or a number")
					continue
				}
				filter.Values = append(filter.Values, v)
			}
			m.Filters = append(m.Filters, filter)
		}
	}
	for i, raw := range o.Array("group_by", false) {
		var g string
		if err := json.Unmarshal(raw, &g); err != nil {
			errs.Addf(ratecard.Index("group_by", i), "want a string")
			continue
		}
		m.GroupBy = append(m.GroupBy, g)
	}
	o.Done()
	context := "metric"
	if m.ID != "" {
		context += " " + m.ID
	}
	if errs.Values() == 0 {
		errs.Add("", m.Validate())
	}
	if errs.Len() > 0 {
		return nil, ratecard.Within(context, errs.Err())
	}
	return m, nil
}

// filterValue reads an allowed value: a string, or a number as its literal text.
func filterValue(raw json.RawMessage) (string, bool) {
	if string(raw) == "null" { // would unmarshal as ""
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	if isJSONNumber(raw) {
		return string(raw), true
	}
	return "", false
}
