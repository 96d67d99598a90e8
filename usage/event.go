package usage

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/ratecard/ratecard"
)

// Event is one usage event, in Orb's shape:
//
//	{"event_name": "api_call", "timestamp": "2026-01-15T09:30:00Z",
//	 "properties": {"region": "eu", "bytes": 1250}, "idempotency_key": "req-7"}
//
// Other fields of the JSON object (customer_id, …) are ignored; a property whose
// value is null is absent.
type Event struct {
	Name           string
	Timestamp      time.Time
	Properties     []Property // in the order written; keys are unique
	IdempotencyKey string     // "" for none: such events are never deduplicated
}

// Property is one named value of an event.
type Property struct {
	Key   string
	Value Value
}

// Property returns the value of the property named key and whether the event has it.
func (e *Event) Property(key string) (Value, bool) {
	for _, p := range e.Properties {
		if p.Key == key {
			return p.Value, true
		}
	}
	return Value{}, false
}

// UnmarshalJSON reads an event object. Errors name the field: "timestamp: required",
// "properties.bytes: invalid JSON value …".
func (e *Event) UnmarshalJSON(b []byte) error {
	var s eventScanner
	if err := s.scan(b); err != nil {
		return eventError(err)
	}
	*e = s.rec.event()
	return nil
}

// MarshalJSON writes the event in Orb's shape: numbers as JSON numbers with their
// literal text, the timestamp in RFC 3339 with nanoseconds in UTC.
func (e Event) MarshalJSON() ([]byte, error) {
	buf := []byte(`{"event_name":`)
	buf = appendJSONString(buf, e.Name)
	buf = append(buf, `,"timestamp":"`...)
	buf = e.Timestamp.UTC().AppendFormat(buf, time.RFC3339Nano)
	buf = append(buf, `","properties":{`...)
	for i, p := range e.Properties {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONString(buf, p.Key)
		buf = append(buf, ':')
		switch p.Value.kind {
		case KindString:
			buf = appendJSONString(buf, p.Value.text)
		case KindNumber, KindBool, KindOther: // objects were compacted when read: one line
			buf = append(buf, p.Value.text...)
		default:
			return nil, fmt.Errorf("usage: property %q has no value", p.Key)
		}
	}
	buf = append(buf, '}')
	if e.IdempotencyKey != "" {
		buf = append(buf, `,"idempotency_key":`...)
		buf = appendJSONString(buf, e.IdempotencyKey)
	}
	return append(buf, '}'), nil
}

func appendJSONString(buf []byte, s string) []byte {
	b, _ := json.Marshal(s) // a string always marshals
	return append(buf, b...)
}

// event copies a scanned line into an Event that owns its strings.
func (l *line) event() Event {
	e := Event{Name: string(l.name), Timestamp: time.Unix(0, l.time).UTC()}
	if l.hasKey {
		e.IdempotencyKey = string(l.key)
	}
	if len(l.props) > 0 {
		e.Properties = make([]Property, len(l.props))
		for i, p := range l.props {
			e.Properties[i] = Property{Key: string(p.key), Value: makeValue(string(p.text), p.kind, numberOf(p.text, p.kind))}
		}
	}
	return e
}

// eventError turns a scanner error into a ValidationError at its field.
func eventError(err error) error {
	if fe, ok := err.(*fieldErr); ok {
		return &ratecard.ValidationError{Field: fe.field, Err: fe.err}
	}
	return &ratecard.ValidationError{Err: err}
}
