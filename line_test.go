package ratecard_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
)

func TestPart(t *testing.T) {
	west := "west"
	vals := []*string{new("alpha"), nil, &west}
	p := ratecard.NewPart("alpha / (none) / west", D("2.00"), vals)

	// The part keeps its own copy: changing the caller's values changes nothing.
	west = "east"
	vals[0] = new("beta")
	if diff := cmp.Diff([]*string{new("alpha"), nil, new("west")}, p.Group()); diff != "" {
		t.Errorf("Group() after the caller changed its values (-want +got):\n%s", diff)
	}
	// Group returns a copy: changing it changes nothing either.
	g := p.Group()
	*g[0] = "gamma"
	g[1] = new("x")
	if diff := cmp.Diff([]*string{new("alpha"), nil, new("west")}, p.Group()); diff != "" {
		t.Errorf("Group() after a caller changed a returned copy (-want +got):\n%s", diff)
	}
	if p.Name() != "alpha / (none) / west" || !p.UnitAmount().Equal(D("2")) || !p.IsGroup() {
		t.Errorf("part = %q %s group %v", p.Name(), p.UnitAmount(), p.IsGroup())
	}

	tier := ratecard.NewPart("0–10", D("0.50"), nil)
	if tier.IsGroup() || tier.Group() != nil {
		t.Errorf("a tier part reports a group: %v %v", tier.IsGroup(), tier.Group())
	}
	// An empty group is still a group (a zero-dimension key), unlike a tier.
	if !ratecard.NewPart("", D("1"), []*string{}).IsGroup() {
		t.Error("a part with an empty group is not a group")
	}
}

func TestPartEqual(t *testing.T) {
	base := ratecard.NewPart("a / b", D("2.00"), []*string{new("a"), new("b")})
	tests := []struct {
		name  string
		other *ratecard.Part
		want  bool
	}{
		{"same fields", ratecard.NewPart("a / b", D("2.00"), []*string{new("a"), new("b")}), true},
		{"rate at another scale", ratecard.NewPart("a / b", D("2"), []*string{new("a"), new("b")}), true},
		{"other rate", ratecard.NewPart("a / b", D("2.01"), []*string{new("a"), new("b")}), false},
		{"other name", ratecard.NewPart("a/b", D("2.00"), []*string{new("a"), new("b")}), false},
		{"other value", ratecard.NewPart("a / b", D("2.00"), []*string{new("a"), new("c")}), false},
		{"missing value vs empty string", ratecard.NewPart("a / b", D("2.00"), []*string{new("a"), nil}), false},
		{"shorter group", ratecard.NewPart("a / b", D("2.00"), []*string{new("a")}), false},
		{"a tier of the same name and rate", ratecard.NewPart("a / b", D("2.00"), nil), false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := base.Equal(tt.other); got != tt.want {
				t.Errorf("Equal = %v, want %v", got, tt.want)
			}
			if got := tt.other.Equal(base); got != tt.want {
				t.Errorf("Equal, reversed = %v, want %v", got, tt.want)
			}
		})
	}
	empty := ratecard.NewPart("", D("0"), []*string{new("")})
	missing := ratecard.NewPart("", D("0"), []*string{nil})
	if empty.Equal(missing) {
		t.Error(`a group with the value "" equals a group missing the property`)
	}
	var none *ratecard.Part
	if !none.Equal(nil) {
		t.Error("two nil parts are not equal")
	}
}

func TestSubLineAccessors(t *testing.T) {
	var s ratecard.SubLine // no part: the accessors do not panic
	if s.Name() != "" || !s.UnitAmount().IsZero() || s.Group() != nil {
		t.Errorf("zero sub-line: %q %s %v", s.Name(), s.UnitAmount(), s.Group())
	}
	s.Part = ratecard.NewPart("beta / east", D("3.00"), []*string{new("beta"), new("east")})
	if s.Name() != "beta / east" || !s.UnitAmount().Equal(D("3")) || len(s.Group()) != 2 {
		t.Errorf("sub-line: %q %s %v", s.Name(), s.UnitAmount(), s.Group())
	}
}

func TestGroupName(t *testing.T) {
	for _, tt := range []struct {
		in   []*string
		want string
	}{
		{[]*string{new("alpha"), new("west")}, "alpha / west"},
		{[]*string{new("alpha"), nil}, "alpha / (none)"},
		{[]*string{new("")}, ""},
		{nil, ""},
	} {
		if got := ratecard.GroupName(tt.in); got != tt.want {
			t.Errorf("GroupName(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
