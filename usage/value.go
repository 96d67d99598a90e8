package usage

import (
	"math"
	"math/bits"

	"github.com/ratecard/ratecard"
)

// Kind is the JSON kind of a property value.
type Kind uint8

// The kinds of property values.
const (
	KindString Kind = iota + 1
	KindNumber
	KindBool
	KindOther // an object or an array, kept as its JSON text
)

// Value is the value of an event property: a JSON string, number, boolean, object or
// array. Its text is what groups, filters and unique counts compare: a string's
// content, a number's literal as written (so 1 and 1.0 differ, and 42 equals "42"),
// "true" or "false", or an object's or array's JSON without the whitespace between
// its tokens (so {"a": 1} equals {"a":1}). A value is a number when it is a JSON
// number or a string of the form -?digits[.digits] ("300"); such values are parsed
// once, when the value is made. The zero Value is not valid; a JSON null property is
// treated as absent.
type Value struct {
	text  string
	coef  int64 // the number, flattened from a fixed to keep a Value at 32 bytes
	scale uint8
	state uint8
	kind  Kind
}

func makeValue(text string, kind Kind, n fixed) Value {
	return Value{text: text, coef: n.coef, scale: n.scale, state: n.state, kind: kind}
}

// num returns the value's number as parsed when it was made.
func (v Value) num() fixed { return fixed{coef: v.coef, scale: v.scale, state: v.state} }

// String returns a string value.
func String(s string) Value { return makeValue(s, KindString, parseFixed(s, false)) }

// Number returns a number value with the literal text s (as JSON would write it), or
// false when s is not a JSON number.
func Number(s string) (Value, bool) {
	if !isJSONNumber(s) {
		return Value{}, false
	}
	return makeValue(s, KindNumber, parseFixed(s, true)), true
}

// Bool returns a boolean value.
func Bool(b bool) Value {
	if b {
		return Value{text: "true", kind: KindBool}
	}
	return Value{text: "false", kind: KindBool}
}

// Text returns the value's text, the key groups, filters and unique counts compare.
func (v Value) Text() string { return v.text }

// Kind returns the value's JSON kind.
func (v Value) Kind() Kind { return v.kind }

// Decimal returns the value as a number and true, or false when it is not one.
func (v Value) Decimal() (ratecard.Decimal, bool) { return decimalOf(v.num(), v.text) }

// fixed is a number parsed once: coef × 10^-scale when state is fastNumber; for
// bigNumber the text must be parsed with ratecard.Parse.
type fixed struct {
	coef  int64
	scale uint8
	state uint8
}

const (
	notNumber uint8 = iota
	fastNumber
	bigNumber // numeric, but beyond an int64 coefficient or scale 18
)

const maxFixedScale = 18

// decimalOf returns the number; txt, the number's text, is converted and parsed only
// for a big number, so the int64 path does not allocate.
func decimalOf[T text](f fixed, txt T) (ratecard.Decimal, bool) {
	switch f.state {
	case fastNumber:
		return ratecard.New(f.coef, int32(f.scale)), true
	case bigNumber:
		d, err := ratecard.Parse(string(txt))
		return d, err == nil
	}
	return ratecard.Decimal{}, false
}

// numberOf parses a value of kind k as a number: JSON numbers and numeric strings.
func numberOf[T text](t T, k Kind) fixed {
	if k != KindNumber && k != KindString {
		return fixed{}
	}
	return parseFixed(t, k == KindNumber)
}

// text is the type of the text a value is read from: a string of an Event, or the
// bytes of a JSON line being scanned.
type text interface{ ~string | ~[]byte }

// parseFixed parses s as a number: a JSON number when jsonNumber (exponent allowed),
// else a string of the form -?digits[.digits]. Numbers that do not fit an int64
// coefficient with at most 18 decimals are marked big.
func parseFixed[T text](s T, jsonNumber bool) fixed {
	i, neg := 0, false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	var coef uint64
	overflow := false
	intStart, scale, fracStart := i, 0, -1
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' && fracStart < 0 && i > intStart {
			fracStart = i + 1
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		hi, lo := bits.Mul64(coef, 10)
		lo, carry := bits.Add64(lo, uint64(c-'0'), 0)
		overflow = overflow || hi != 0 || carry != 0
		coef = lo
		if fracStart >= 0 {
			scale++
		}
	}
	if i == intStart || fracStart == i { // no digits, or a point without digits after it
		return fixed{}
	}
	if i < len(s) && jsonNumber && (s[i] == 'e' || s[i] == 'E') {
		return fixed{state: bigNumber} // rare: ratecard.Parse reads exponents
	}
	if i != len(s) {
		return fixed{}
	}
	if overflow || coef > math.MaxInt64 || scale > maxFixedScale {
		return fixed{state: bigNumber}
	}
	c := int64(coef)
	if neg {
		c = -c
	}
	return fixed{coef: c, scale: uint8(scale), state: fastNumber}
}

// skipDigits returns the index after the run of ASCII digits that starts at i.
func skipDigits[T text](s T, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// isJSONNumber reports whether s is a JSON number: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
func isJSONNumber[T text](s T) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = skipDigits(s, i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		j := skipDigits(s, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := skipDigits(s, i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}
