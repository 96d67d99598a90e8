package ratecard_test

import (
	"testing"

	"github.com/ratecard/ratecard"
)

// Micro-benchmarks of Decimal: the one-word fast paths on everyday values, and the
// apd path on a 30-digit value, for comparison.

var (
	benchA   = ratecard.MustParse("1234.5678")
	benchB   = ratecard.MustParse("0.0008")
	benchC   = ratecard.MustParse("99.99")
	benchBig = ratecard.MustParse("123456789012345678901234567890.5")
	sinkD    ratecard.Decimal
	sinkI    int
)

func BenchmarkDecimalAdd(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkD = benchA.Add(benchC) // different scales: aligned
	}
}

func BenchmarkDecimalMul(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkD = benchA.Mul(benchB)
	}
}

func BenchmarkDecimalCmp(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkI = benchA.Cmp(benchC)
	}
}

func BenchmarkDecimalRound(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkD = benchA.Mul(benchB).Round(2, ratecard.HalfEven)
	}
}

func BenchmarkDecimalDiv(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkD, _ = benchA.Div(benchC, 2, ratecard.HalfUp)
	}
}

func BenchmarkDecimalParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkD, _ = ratecard.Parse("1250.125")
	}
}

func BenchmarkDecimalString(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 32)
	for b.Loop() {
		buf = benchA.Append(buf[:0])
	}
}

func BenchmarkDecimalAddBig(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkD = benchBig.Add(benchA)
	}
}

func BenchmarkDecimalMulBig(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkD = benchBig.Mul(benchB)
	}
}
