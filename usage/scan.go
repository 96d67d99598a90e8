package usage

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// line is one scanned JSON event: views into the line's bytes (or the scanner's
// scratch buffer), valid until the next line.
type line struct {
	name   []byte
	time   int64 // Unix nanoseconds
	key    []byte
	hasKey bool
	props  []lineProp
}

// lineProp is one property of a line.
type lineProp struct {
	key, text []byte
	kind      Kind
}

// findProp returns the index of the property named key, or -1.
func findProp[K text](props []lineProp, key K) int {
	for i := range props {
		if string(props[i].key) == string(key) {
			return i
		}
	}
	return -1
}

// eventScanner reads one JSON event object into a record over its bytes.
type eventScanner struct {
	b       []byte
	i       int
	scratch []byte              // unescaped strings; sized to the line so views into it stay put
	nulls   [][]byte            // keys of the null properties, to catch them written twice
	keys    map[string]struct{} // the keys of a line with many properties
	rec     line
}

// errors of the scanner, wrapped with the position or the field.
var (
	errSyntax   = errors.New("malformed JSON")
	errRequired = errors.New("required")
)

// scan parses line into s.rec.
func (s *eventScanner) scan(line []byte) error {
	s.b, s.i = line, 0
	if cap(s.scratch) < len(line) {
		s.scratch = make([]byte, 0, len(line))
	}
	s.scratch = s.scratch[:0]
	s.rec.props = s.rec.props[:0]
	s.rec.hasKey = false
	s.nulls = s.nulls[:0]
	clear(s.keys)
	var haveName, haveTime, haveKey, haveProps bool
	var timeText []byte
	s.ws()
	if !s.eat('{') {
		return s.syntax("want an object")
	}
	s.ws()
	if s.eat('}') {
		return missing(haveName, haveTime)
	}
	for {
		key, err := s.key()
		if err != nil {
			return err
		}
		switch string(key) {
		case "event_name":
			if haveName {
				return fieldError("event_name", "appears twice")
			}
			v, err := s.strField("event_name")
			if err != nil {
				return err
			}
			s.rec.name, haveName = v, true
		case "timestamp":
			if haveTime {
				return fieldError("timestamp", "appears twice")
			}
			v, err := s.strField("timestamp")
			if err != nil {
				return err
			}
			timeText, haveTime = v, true
		case "idempotency_key":
			if haveKey {
				return fieldError("idempotency_key", "appears twice")
			}
			haveKey = true
			if s.null() {
				break
			}
			v, err := s.strField("idempotency_key")
			if err != nil {
				return err
			}
			// An empty key is no key, as in an Event: such events are never merged.
			s.rec.key, s.rec.hasKey = v, len(v) > 0
		case "properties":
			if haveProps {
				return fieldError("properties", "appears twice")
			}
			haveProps = true
			if err := s.properties(); err != nil {
				return err
			}
		default: // customer_id and the like: not ours to read
			if err := s.skip(); err != nil {
				return err
			}
		}
		s.ws()
		if s.eat('}') {
			break
		}
		if !s.eat(',') {
			return s.syntax("want ',' or '}'")
		}
	}
	s.ws()
	if s.i != len(s.b) {
		return s.syntax("data after the object")
	}
	if !haveName || !haveTime {
		return missing(haveName, haveTime)
	}
	if len(s.rec.name) == 0 {
		return fieldError("event_name", "empty")
	}
	t, err := parseTimestamp(timeText)
	if err != nil {
		return &fieldErr{field: "timestamp", err: fmt.Errorf("%q: %w", timeText, err)}
	}
	s.rec.time = t
	return nil
}

func missing(haveName, haveTime bool) error {
	if !haveName {
		return &fieldErr{field: "event_name", err: errRequired}
	}
	if !haveTime {
		return &fieldErr{field: "timestamp", err: errRequired}
	}
	return nil
}

// key reads an object's next key and the colon after it, with the whitespace
// around them, leaving the scanner at the value.
func (s *eventScanner) key() ([]byte, error) {
	s.ws()
	key, err := s.str()
	if err != nil {
		return nil, err
	}
	s.ws()
	if !s.eat(':') {
		return nil, s.syntax("want ':' after a key")
	}
	s.ws()
	return key, nil
}

// properties reads the properties object. A null property is absent.
func (s *eventScanner) properties() error {
	if s.null() {
		return nil
	}
	if !s.eat('{') {
		return fieldError("properties", "want an object")
	}
	s.ws()
	if s.eat('}') {
		return nil
	}
	for {
		key, err := s.key()
		if err != nil {
			return err
		}
		if s.duplicate(key) {
			return &fieldErr{field: "properties." + string(key), err: errors.New("appears twice")}
		}
		p := lineProp{key: key}
		start := s.i
		switch c := s.peek(); {
		case c == '"':
			if p.text, err = s.str(); err != nil {
				return err
			}
			p.kind = KindString
		case c == 'n':
			if !s.null() {
				return s.syntax("invalid literal")
			}
			s.nulls = append(s.nulls, key)
			goto next // a null property is absent
		case c == 't' || c == 'f':
			if !s.literal("true") && !s.literal("false") {
				return s.syntax("invalid literal")
			}
			p.text, p.kind = s.b[start:s.i], KindBool
		case c == '{' || c == '[':
			if err := s.skip(); err != nil {
				return err
			}
			p.text, p.kind = s.compact(s.b[start:s.i]), KindOther
		default:
			for s.i < len(s.b) && isNumberByte(s.b[s.i]) {
				s.i++
			}
			p.text = s.b[start:s.i]
			if !isJSONNumber(p.text) {
				return &fieldErr{field: "properties." + string(key), err: fmt.Errorf("invalid JSON value %q", clip(s.b[start:min(s.i+1, len(s.b))]))}
			}
			p.kind = KindNumber
		}
		s.rec.props = append(s.rec.props, p)
	next:
		s.ws()
		if s.eat('}') {
			return nil
		}
		if !s.eat(',') {
			return s.syntax("want ',' or '}'")
		}
	}
}

// nullSeen reports whether key was a null property of the line.
// compact returns JSON already validated by skip without the whitespace between its
// tokens, so one value always has one text (it is compared as text, and an event
// written back stays on one line). Compacting only removes bytes, so the result fits
// the scratch buffer without growing it.
func (s *eventScanner) compact(raw []byte) []byte {
	out := len(s.scratch)
	inString, escaped := false, false
	for _, c := range raw {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		}
		s.scratch = append(s.scratch, c)
	}
	return s.scratch[out:len(s.scratch):len(s.scratch)]
}

// wideLine is the number of properties above which duplicate keys are found with a
// map: below it a linear scan is faster and allocates nothing; above it the scan
// would be quadratic (50,000 properties took 4.8 s).
const wideLine = 16

// duplicate reports whether a property key was already written on the line (as a
// value or as null), and records it.
func (s *eventScanner) duplicate(key []byte) bool {
	if len(s.rec.props)+len(s.nulls) < wideLine {
		return findProp(s.rec.props, key) >= 0 || s.nullSeen(key)
	}
	if s.keys == nil {
		s.keys = map[string]struct{}{}
	}
	if len(s.keys) == 0 { // the line just became wide: index the keys so far
		for _, p := range s.rec.props {
			s.keys[string(p.key)] = struct{}{}
		}
		for _, k := range s.nulls {
			s.keys[string(k)] = struct{}{}
		}
	}
	if _, dup := s.keys[string(key)]; dup {
		return true
	}
	s.keys[string(key)] = struct{}{}
	return false
}

func (s *eventScanner) nullSeen(key []byte) bool {
	for _, k := range s.nulls {
		if string(k) == string(key) {
			return true
		}
	}
	return false
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// strField reads a string field, with a field error when the value is not a string.
func (s *eventScanner) strField(field string) ([]byte, error) {
	if s.peek() != '"' {
		return nil, fieldError(field, "want a string")
	}
	return s.str()
}

// str reads a JSON string. Without escapes it is a view into the line; with them it
// is unescaped into the scratch buffer, which never grows past the line's length.
func (s *eventScanner) str() ([]byte, error) {
	if !s.eat('"') {
		return nil, s.syntax("want a string")
	}
	start := s.i
	for s.i < len(s.b) {
		switch c := s.b[s.i]; {
		case c == '"':
			v := s.b[start:s.i]
			s.i++
			return v, nil
		case c == '\\':
			return s.unescape(start)
		case c < 0x20:
			return nil, s.syntax("control character in a string")
		}
		s.i++
	}
	return nil, s.syntax("unterminated string")
}

func (s *eventScanner) unescape(start int) ([]byte, error) {
	out := len(s.scratch)
	s.scratch = append(s.scratch, s.b[start:s.i]...)
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.scratch[out:len(s.scratch):len(s.scratch)], nil
		case c < 0x20:
			return nil, s.syntax("control character in a string")
		case c != '\\':
			s.scratch = append(s.scratch, c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.b) {
			return nil, s.syntax("unterminated string")
		}
		e := s.b[s.i+1]
		s.i += 2
		switch e {
		case '"', '\\', '/':
			s.scratch = append(s.scratch, e)
		case 'b':
			s.scratch = append(s.scratch, '\b')
		case 'f':
			s.scratch = append(s.scratch, '\f')
		case 'n':
			s.scratch = append(s.scratch, '\n')
		case 'r':
			s.scratch = append(s.scratch, '\r')
		case 't':
			s.scratch = append(s.scratch, '\t')
		case 'u':
			r, ok := s.hex4()
			if !ok {
				return nil, s.syntax("invalid \\u escape")
			}
			if utf16.IsSurrogate(r) {
				// A high surrogate and an escaped low one make one rune; a lone
				// surrogate becomes U+FFFD, as encoding/json does.
				save := s.i
				r2, ok := rune(0), false
				if s.i+1 < len(s.b) && s.b[s.i] == '\\' && s.b[s.i+1] == 'u' {
					s.i += 2
					r2, ok = s.hex4()
				}
				if r = utf16.DecodeRune(r, r2); !ok || r == utf8.RuneError {
					s.i, r = save, utf8.RuneError
				}
			}
			// An unescaped string is never longer than its escaped form (6 bytes of
			// \uXXXX yield at most 3, a 12-byte pair 4), so the scratch buffer does not grow.
			s.scratch = utf8.AppendRune(s.scratch, r)
		default:
			return nil, s.syntax("invalid escape")
		}
	}
	return nil, s.syntax("unterminated string")
}

func (s *eventScanner) hex4() (rune, bool) {
	if s.i+4 > len(s.b) {
		return 0, false
	}
	var r rune
	for _, c := range s.b[s.i : s.i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	s.i += 4
	return r, true
}

// skip passes over any JSON value, validating it. Open containers are kept on an
// explicit stack, not by recursion, so deep nesting cannot exhaust the goroutine
// stack.
func (s *eventScanner) skip() error {
	var arr [32]byte
	open := arr[:0] // '{' or '[' for each open container
	for {
		s.ws()
		switch c := s.peek(); c {
		case '{', '[':
			s.i++
			s.ws()
			if c == '{' && s.eat('}') || c == '[' && s.eat(']') {
				break // an empty container is a whole value
			}
			open = append(open, c)
			if c == '{' {
				if err := s.memberKey(); err != nil {
					return err
				}
			}
			continue // read the first element
		case '"':
			if _, err := s.str(); err != nil {
				return err
			}
		case 't', 'f', 'n':
			if !s.literal("true") && !s.literal("false") && !s.null() {
				return s.syntax("invalid literal")
			}
		default:
			start := s.i
			for s.i < len(s.b) && isNumberByte(s.b[s.i]) {
				s.i++
			}
			if !isJSONNumber(s.b[start:s.i]) {
				return s.syntax("invalid value")
			}
		}
		// After a value: close the containers it ends, or go on to the next element.
		for {
			if len(open) == 0 {
				return nil
			}
			s.ws()
			top := open[len(open)-1]
			if s.eat(',') {
				if top == '{' {
					if err := s.memberKey(); err != nil {
						return err
					}
				}
				break
			}
			closer := byte('}')
			if top == '[' {
				closer = ']'
			}
			if !s.eat(closer) {
				return s.syntax("want ',' or a closing bracket")
			}
			open = open[:len(open)-1]
		}
	}
}

// memberKey reads an object member's key and the colon after it.
func (s *eventScanner) memberKey() error {
	s.ws()
	if _, err := s.str(); err != nil {
		return err
	}
	s.ws()
	if !s.eat(':') {
		return s.syntax("want ':' after a key")
	}
	return nil
}

func (s *eventScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *eventScanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

func (s *eventScanner) eat(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

func (s *eventScanner) literal(lit string) bool {
	if bytes.HasPrefix(s.b[s.i:], []byte(lit)) {
		s.i += len(lit)
		return true
	}
	return false
}

func (s *eventScanner) null() bool { return s.literal("null") }

func (s *eventScanner) syntax(why string) error {
	return fmt.Errorf("%w at byte %d: %s", errSyntax, s.i, why)
}

// fieldErr is a problem with one field of an event.
type fieldErr struct {
	field string
	err   error
}

func (e *fieldErr) Error() string { return e.field + ": " + e.err.Error() }
func (e *fieldErr) Unwrap() error { return e.err }

func fieldError(field, why string) error { return &fieldErr{field: field, err: errors.New(why)} }

// clip shortens a piece of input for an error message.
func clip(b []byte) string {
	const max = 40
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}
