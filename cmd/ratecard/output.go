package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/ratecard/ratecard"
)

// printTable writes an invoice as an aligned table: each line with its service period,
// quantity and subtotal, its sub-lines and adjustments indented under it, then the
// totals. Descriptions are left-aligned, the other columns right-aligned.
func printTable(w io.Writer, inv *ratecard.Invoice) error {
	zone := "" // times are in the invoice's zone, named unless UTC
	if name := inv.Period.Start.Location().String(); name != "UTC" && name != "" {
		zone = " (" + name + ")"
	}
	fmt.Fprintf(w, "Invoice %s %s%s\n\n", inv.Currency, span(inv.Period), zone)
	rows := [][4]string{{"Description", "Service", "Quantity", "Amount"}}
	for _, l := range inv.Lines {
		name := l.PriceID
		if l.Name != "" && l.Name != l.PriceID {
			name = l.Name + " (" + l.PriceID + ")"
		}
		rows = append(rows, [4]string{name, span(l.Service), l.Quantity.String(), l.Subtotal.String()})
		for _, s := range l.SubLines {
			rows = append(rows, [4]string{"    " + s.Name(), "", s.Quantity.String() + " × " + s.UnitAmount().String(), s.Amount.String()})
		}
		for _, a := range l.Adjustments {
			rows = append(rows, [4]string{"    " + string(a.Kind) + " (" + a.Source + ")", "", "", a.Amount.String()})
		}
		if len(l.Adjustments) > 0 {
			rows = append(rows, [4]string{"    amount", "", "", l.Amount.String()})
		}
	}
	rows = append(rows, [4]string{"Subtotal", "", "", inv.Subtotal.String()}, [4]string{"Total", "", "", inv.Total.String()})
	width := 0
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r[0]))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range rows {
		desc := r[0] + strings.Repeat(" ", width-utf8.RuneCountInString(r[0]))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", desc, r[1], r[2], r[3])
	}
	return tw.Flush()
}

// span formats a period compactly: dates when both ends are at midnight in their zone,
// times otherwise.
func span(p ratecard.Period) string {
	f := func(t time.Time) string {
		if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
			return t.Format("2006-01-02")
		}
		return t.Format("2006-01-02 15:04")
	}
	return f(p.Start) + " – " + f(p.End)
}

// progress reports the events read, and their rate, on a terminal; elsewhere it is
// silent (a pipe or a file gets only the invoice).
type progress struct {
	r      io.Reader
	w      io.Writer
	on     bool
	lines  int
	start  time.Time
	shown  time.Time
	prints int
}

func newProgress(r io.Reader, stderr io.Writer) *progress {
	on := false
	if f, ok := stderr.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	now := time.Now()
	return &progress{r: r, w: stderr, on: on, start: now, shown: now}
}

func (p *progress) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if p.on {
		p.lines += bytes.Count(b[:n], []byte{'\n'})
		if now := time.Now(); now.Sub(p.shown) >= 250*time.Millisecond {
			p.shown = now
			p.show(now)
		}
	}
	return n, err
}

func (p *progress) show(now time.Time) {
	secs := now.Sub(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(p.lines) / secs // display only
	}
	fmt.Fprintf(p.w, "\rread %d events (%.0f events/s)", p.lines, rate)
	p.prints++
}

// done ends the progress line.
func (p *progress) done() {
	if p.on && p.prints > 0 {
		p.show(time.Now())
		fmt.Fprintln(p.w)
	}
}
