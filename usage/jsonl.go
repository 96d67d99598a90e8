package usage

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/ratecard/ratecard"
)

// ReadJSONL adds the events of a JSON Lines stream: one event object per line, blank
// lines skipped. It reads in constant memory (the line buffer grows only to the
// longest line) and stops at the first bad line with an error naming its line number:
//
//	usage: line 42: timestamp: required
//
// After an error the aggregates are incomplete (some requests may have counted the
// bad line), so a caller reports the error and prints no invoice. It returns the
// number of events read.
func (a *Aggregator) ReadJSONL(r io.Reader) (int, error) {
	lr := newLineReader(r)
	events := 0
	for {
		line, err := lr.next()
		if err == io.EOF {
			return events, nil
		}
		if err != nil {
			return events, fmt.Errorf("usage: line %d: %w", lr.n, err)
		}
		if isBlank(line) {
			continue
		}
		events++
		if err := a.addLine(line); err != nil {
			return events, ratecard.Within("usage", ratecard.Within(fmt.Sprintf("line %d", lr.n), err))
		}
	}
}

// Reader reads Events from a JSON Lines stream, one event object per line (blank
// lines skipped).
type Reader struct {
	lr   *lineReader
	scan eventScanner
	ev   Event
	err  error
}

// NewReader returns a Reader of r.
func NewReader(r io.Reader) *Reader { return &Reader{lr: newLineReader(r)} }

// Next reads the next event, reporting false at the end of the stream or at the first
// bad line (see Err).
func (r *Reader) Next() bool {
	if r.err != nil {
		return false
	}
	for {
		line, err := r.lr.next()
		if err == io.EOF {
			return false
		}
		if err != nil {
			r.err = fmt.Errorf("usage: line %d: %w", r.lr.n, err)
			return false
		}
		if isBlank(line) {
			continue
		}
		if err := r.scan.scan(line); err != nil {
			r.err = ratecard.Within("usage", ratecard.Within(fmt.Sprintf("line %d", r.lr.n), eventError(err)))
			return false
		}
		r.ev = r.scan.rec.event()
		return true
	}
}

// Event returns the event Next read; it owns its strings.
func (r *Reader) Event() Event { return r.ev }

// Line returns the line number of the event Next read, from 1.
func (r *Reader) Line() int { return r.lr.n }

// Err returns the error that stopped Next, or nil at the end of the stream.
func (r *Reader) Err() error { return r.err }

// lineReader yields the lines of a stream without their line ends, reusing its
// buffers; a line is valid until the next call.
type lineReader struct {
	br   *bufio.Reader
	long []byte // a line longer than the bufio buffer
	n    int    // the number of the last line returned, from 1
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 1<<16)}
}

func (l *lineReader) next() ([]byte, error) {
	line, err := l.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		l.long = append(l.long[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = l.br.ReadSlice('\n')
			l.long = append(l.long, line...)
		}
		line = l.long
	}
	if err != nil && err != io.EOF {
		l.n++ // the line that could not be read
		return nil, err
	}
	if err == io.EOF && len(line) == 0 {
		return nil, io.EOF
	}
	l.n++
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), nil
}

// isBlank reports whether a line holds only JSON whitespace (space, tab, CR, LF);
// any other character makes it an event to read, or a malformed line to report.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
