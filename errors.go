package ratecard

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid matches every [ValidationError] with errors.Is: any problem with a plan,
// a price or its usage that the caller can fix by changing the input.
var ErrInvalid = errors.New("invalid input")

// ValidationError is one problem with an input, located by the path of the offending
// field inside it, written as in the JSON: "tiered_config.tiers[2].first_unit".
// Several problems are joined with errors.Join; errors.As finds each of them.
type ValidationError struct {
	Field string // the JSON path of the field, "" for the input as a whole
	Err   error  // what is wrong; may wrap a sentinel such as price.ErrAboveLastTier
}

// Error returns "field: problem".
func (e *ValidationError) Error() string {
	if e.Field == "" {
		return e.Err.Error()
	}
	return e.Field + ": " + e.Err.Error()
}

// Unwrap returns the problem, so errors.Is finds the sentinels it wraps.
func (e *ValidationError) Unwrap() error { return e.Err }

// Is reports whether target is [ErrInvalid].
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// Invalid returns a [ValidationError] for field with a formatted message.
func Invalid(field, format string, args ...any) error {
	return &ValidationError{Field: field, Err: fmt.Errorf(format, args...)}
}

// Detail returns an error whose text is the formatted message and which wraps sentinel
// for errors.Is without repeating the sentinel's own text:
// Detail(ErrAboveLastTier, "quantity %s above the last tier bound %s", q, b).
func Detail(sentinel error, format string, args ...any) error {
	return &detail{msg: fmt.Sprintf(format, args...), sentinel: sentinel}
}

type detail struct {
	msg      string
	sentinel error
}

func (d *detail) Error() string { return d.msg }
func (d *detail) Unwrap() error { return d.sentinel }

// AtField nests the problems of err under a field path: every [ValidationError] in err
// (a single error or an errors.Join of them) gets prefix in front of its path, and any
// other error becomes a ValidationError at prefix. AtField("tiered_config", e) turns
// "tiers[2].first_unit: …" into "tiered_config.tiers[2].first_unit: …".
func AtField(prefix string, err error) error {
	return mapLeaves(err, func(leaf error) error {
		var ve *ValidationError
		if errors.As(leaf, &ve) && ve == leaf {
			return &ValidationError{Field: JoinPath(prefix, ve.Field), Err: ve.Err}
		}
		return &ValidationError{Field: prefix, Err: leaf}
	})
}

// Within labels every problem in err with the context it was found in, such as
// "price p_api": each joined error's text gains the prefix "price p_api: " and still
// matches errors.Is and errors.As as before.
func Within(context string, err error) error {
	return mapLeaves(err, func(leaf error) error {
		return &contextError{context: context, err: leaf}
	})
}

type contextError struct {
	context string
	err     error
}

func (e *contextError) Error() string { return e.context + ": " + e.err.Error() }
func (e *contextError) Unwrap() error { return e.err }

// mapLeaves applies f to every error joined in err (recursively), keeping the join.
func mapLeaves(err error, f func(error) error) error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs := j.Unwrap()
		out := make([]error, 0, len(errs))
		for _, e := range errs {
			out = append(out, mapLeaves(e, f))
		}
		return errors.Join(out...)
	}
	return f(err)
}

// JoinPath joins two parts of a field path: ("a", "b") → "a.b", ("a", "[2].b") →
// "a[2].b"; an empty part is left out.
func JoinPath(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	case strings.HasPrefix(field, "["):
		return prefix + field
	}
	return prefix + "." + field
}

// Index returns the path of element i of the array at path: Index("tiers", 2) is
// "tiers[2]".
func Index(path string, i int) string {
	return fmt.Sprintf("%s[%d]", path, i)
}
