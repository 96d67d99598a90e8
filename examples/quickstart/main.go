// Command quickstart rates a few Orb prices and prints an invoice-style breakdown.
//
//	go run ./examples/quickstart              # the embedded prices.json
//	go run ./examples/quickstart my.json      # your own prices, same shape
//
// Each entry of "prices" is an Orb price object (model_type and its config) with the
// usage to rate: a "quantity", matrix "groups", or bps "event_values".
package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/price"
)

//go:embed prices.json
var defaultPrices []byte

// file is the shape of prices.json.
type file struct {
	Currency     string                `json:"currency"`
	RoundingMode ratecard.RoundingMode `json:"rounding_mode"`
	Prices       []json.RawMessage     `json:"prices"`
}

// entry is the part of a price object the example reads besides its model.
type entry struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Usage struct {
		Quantity ratecard.Decimal `json:"quantity"`
		Groups   []struct {
			Values   []*string        `json:"values"`
			Quantity ratecard.Decimal `json:"quantity"`
		} `json:"groups"`
		EventValues []ratecard.Decimal `json:"event_values"`
	} `json:"usage"`
}

func main() {
	data := defaultPrices
	// One optional argument: a file of prices. (Test binaries pass -test.* flags.)
	if len(os.Args) == 2 && !strings.HasPrefix(os.Args[1], "-") {
		var err error
		if data, err = os.ReadFile(os.Args[1]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := run(os.Stdout, data); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, data []byte) error {
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return err
	}
	cur, err := ratecard.ParseCurrency(f.Currency)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d prices in %s, rounded %s\n\n", len(f.Prices), cur, f.RoundingMode)
	var total ratecard.Decimal
	for _, raw := range f.Prices {
		p, err := price.Decode(raw)
		if err != nil {
			return err
		}
		var e entry
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("price %s: usage: %w", e.ID, err)
		}
		in := price.Input{Quantity: e.Usage.Quantity, EventValues: e.Usage.EventValues}
		for _, g := range e.Usage.Groups {
			in.Groups = append(in.Groups, price.Group{Values: g.Values, Quantity: g.Quantity})
		}
		rated, err := p.Rate(in)
		if err != nil {
			return fmt.Errorf("price %s: %w", e.ID, err)
		}
		line := rated.Line(e.ID, e.Name, cur, f.RoundingMode)
		fmt.Fprintf(w, "%-20s %-8s %12s %10s\n", line.Name, p.Model(), line.Quantity, line.Amount)
		for _, s := range line.SubLines {
			fmt.Fprintf(w, "    %-14s %12s × %-8s %10s\n", s.Name(), s.Quantity, s.UnitAmount(), s.Amount)
		}
		total = total.Add(line.Amount)
	}
	fmt.Fprintf(w, "%-42s %10s\n", "Total", total)
	return nil
}
