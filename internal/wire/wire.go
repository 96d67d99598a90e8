// Package wire reads JSON objects field by field, strictly, collecting every problem
// as a [ratecard.ValidationError] located by its JSON path. It exists because
// encoding/json reports neither the path of an unknown field nor the absence of a
// required one, and an absent amount that silently decodes to 0 bills nobody.
package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/ratecard/ratecard"
)

// Errors collects problems; its zero value is ready to use.
type Errors struct {
	list    []error
	unknown int // how many of them are unknown fields
}

// Add records err at field (nested under the field's path when err has its own).
func (e *Errors) Add(field string, err error) {
	if err != nil {
		e.list = append(e.list, ratecard.AtField(field, err))
	}
}

// Addf records a formatted problem at field.
func (e *Errors) Addf(field, format string, args ...any) {
	e.list = append(e.list, ratecard.Invalid(field, format, args...))
}

// Err returns the problems joined, or nil.
func (e *Errors) Err() error { return errors.Join(e.list...) }

// Len returns the number of problems recorded.
func (e *Errors) Len() int { return len(e.list) }

// Values returns the number of problems other than unknown fields: problems with the
// values that were read, after which checks of their combination would mislead.
func (e *Errors) Values() int { return len(e.list) - e.unknown }

// Object is a JSON object being read.
type Object struct {
	path   string
	fields map[string]json.RawMessage
	used   map[string]bool
	errs   *Errors
}

// Read parses raw as a JSON object at path. It records a problem and returns nil when
// raw is not an object.
func Read(raw []byte, path string, errs *Errors) *Object {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		errs.Addf(path, "want a JSON object, got %s", describe(raw))
		return nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		errs.Addf(path, "malformed JSON: %v", jsonMessage(err))
		return nil
	}
	return &Object{path: path, fields: fields, used: map[string]bool{}, errs: errs}
}

// Path returns the path of key inside the object.
func (o *Object) Path(key string) string { return ratecard.JoinPath(o.path, key) }

// Raw returns the raw value of key, or nil when it is absent or null, and marks the
// key as read.
func (o *Object) Raw(key string) json.RawMessage {
	o.used[key] = true
	v, ok := o.fields[key]
	if !ok || isNull(v) {
		return nil
	}
	return v
}

// Has reports whether key is present and not null (without marking it read).
func (o *Object) Has(key string) bool {
	v, ok := o.fields[key]
	return ok && !isNull(v)
}

// Keys returns the object's keys in sorted order.
func (o *Object) Keys() []string {
	keys := make([]string, 0, len(o.fields))
	for k := range o.fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Decimal reads a required decimal (string or number).
func (o *Object) Decimal(key string) ratecard.Decimal {
	raw := o.Raw(key)
	if raw == nil {
		o.errs.Addf(o.Path(key), "required")
		return ratecard.Decimal{}
	}
	var d ratecard.Decimal
	if err := d.UnmarshalJSON(raw); err != nil {
		o.errs.Add(o.Path(key), err)
	}
	return d
}

// OptDecimal reads an optional decimal: nil when absent or null.
func (o *Object) OptDecimal(key string) *ratecard.Decimal {
	raw := o.Raw(key)
	if raw == nil {
		return nil
	}
	var d ratecard.Decimal
	if err := d.UnmarshalJSON(raw); err != nil {
		o.errs.Add(o.Path(key), err)
		return nil
	}
	return &d
}

// String reads a string; required reports a missing one.
func (o *Object) String(key string, required bool) string {
	raw := o.Raw(key)
	if raw == nil {
		if required {
			o.errs.Addf(o.Path(key), "required")
		}
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		o.errs.Addf(o.Path(key), "want a string, got %s", describe(raw))
	}
	return s
}

// Bool reads an optional boolean: nil when absent or null.
func (o *Object) Bool(key string) *bool {
	raw := o.Raw(key)
	if raw == nil {
		return nil
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		o.errs.Addf(o.Path(key), "want true or false, got %s", describe(raw))
		return nil
	}
	return &b
}

// Int reads an optional integer (a JSON number or string without a fraction): nil
// when absent or null.
func (o *Object) Int(key string) *int64 {
	d := o.OptDecimal(key)
	if d == nil {
		return nil
	}
	i, ok := d.Int64()
	if !ok {
		o.errs.Addf(o.Path(key), "want an integer, got %s", d)
		return nil
	}
	return &i
}

// Array reads an array's elements; required reports a missing one.
func (o *Object) Array(key string, required bool) []json.RawMessage {
	raw := o.Raw(key)
	if raw == nil {
		if required {
			o.errs.Addf(o.Path(key), "required")
		}
		return nil
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		o.errs.Addf(o.Path(key), "want an array, got %s", describe(raw))
		return nil
	}
	if elems == nil {
		elems = []json.RawMessage{}
	}
	return elems
}

// Object reads a nested object; required reports a missing one.
func (o *Object) Object(key string, required bool) *Object {
	raw := o.Raw(key)
	if raw == nil {
		if required {
			o.errs.Addf(o.Path(key), "required")
		}
		return nil
	}
	return Read(raw, o.Path(key), o.errs)
}

// NullableStrings reads an array of strings and nulls (a nil element for null).
func (o *Object) NullableStrings(key string, required bool) []*string {
	elems := o.Array(key, required)
	if elems == nil {
		return nil
	}
	out := make([]*string, len(elems))
	for i, e := range elems {
		if isNull(e) {
			continue
		}
		var s string
		if err := json.Unmarshal(e, &s); err != nil {
			o.errs.Addf(ratecard.Index(o.Path(key), i), "want a string or null, got %s", describe(e))
			continue
		}
		out[i] = &s
	}
	return out
}

// Done records every key of the object that was not read as unknown, except those in
// allowed (keys the caller knows and deliberately ignores).
func (o *Object) Done(allowed ...string) {
	for _, k := range o.Keys() {
		if !o.used[k] && !slices.Contains(allowed, k) {
			o.errs.Addf(o.Path(k), "unknown field")
			o.errs.unknown++
		}
	}
}

func isNull(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }

// describe names a JSON value's kind for an error message, with a short excerpt.
func describe(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	kind := "a number"
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		kind = "a string"
	case 't', 'f':
		kind = "a boolean"
	case 'n':
		return "null"
	}
	const max = 24
	if len(raw) > max {
		return fmt.Sprintf("%s %s…", kind, raw[:max])
	}
	return fmt.Sprintf("%s %s", kind, raw)
}

// jsonMessage strips encoding/json's package prefix from a syntax error.
func jsonMessage(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	return err.Error()
}
