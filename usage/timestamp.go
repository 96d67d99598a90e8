package usage

import (
	"errors"
	"math"
	"time"
)

// Timestamps are held as Unix nanoseconds: one int64 compares fast, and it covers
// the years 1678 to 2262, beyond any billing period.

var (
	errTimestamp      = errors.New(`not an RFC 3339 timestamp ("2026-01-31T12:00:00Z")`)
	errTimestampRange = errors.New("outside the years 1678–2262")
)

// unixNano returns t in Unix nanoseconds, or false outside the representable range.
func unixNano(t time.Time) (int64, bool) {
	if t.Before(minTime) || t.After(maxTime) {
		return 0, false
	}
	return t.UnixNano(), true
}

var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

// parseTimestamp reads an RFC 3339 timestamp ("2026-01-31T12:34:56.789Z", with an
// optional fraction of up to 9 digits and a Z or ±hh:mm offset) as Unix nanoseconds,
// without allocating.
func parseTimestamp[T text](s T) (int64, error) {
	// 2006-01-02T15:04:05 is 19 bytes; then an optional fraction and the zone.
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':' {
		return 0, errTimestamp
	}
	year, ok1 := digits(s, 0, 4)
	month, ok2 := digits(s, 5, 2)
	day, ok3 := digits(s, 8, 2)
	hour, ok4 := digits(s, 11, 2)
	minute, ok5 := digits(s, 14, 2)
	sec, ok6 := digits(s, 17, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(year, month) || hour > 23 || minute > 59 || sec > 59 {
		return 0, errTimestamp
	}
	i, nanos := 19, int64(0)
	if s[i] == '.' {
		i++
		n := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if n < 9 {
				nanos = nanos*10 + int64(s[i]-'0')
				n++
			} else if s[i] != '0' {
				return 0, errTimestamp // finer than a nanosecond
			}
		}
		if n == 0 {
			return 0, errTimestamp
		}
		for ; n < 9; n++ {
			nanos *= 10
		}
	}
	offset := int64(0)
	switch {
	case i == len(s)-1 && (s[i] == 'Z' || s[i] == 'z'):
	case i == len(s)-6 && (s[i] == '+' || s[i] == '-') && s[i+3] == ':':
		oh, ok1 := digits(s, i+1, 2)
		om, ok2 := digits(s, i+4, 2)
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return 0, errTimestamp
		}
		offset = (oh*60 + om) * 60
		if s[i] == '-' {
			offset = -offset
		}
	default:
		return 0, errTimestamp
	}
	secs := daysFromCivil(year, month, day)*86400 + hour*3600 + minute*60 + sec - offset
	// Unix nanoseconds cover 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z.
	const maxSecs = math.MaxInt64 / 1_000_000_000
	if secs < -maxSecs || secs >= maxSecs {
		return 0, errTimestampRange
	}
	return secs*1e9 + nanos, nil
}

// digits reads n decimal digits of s at i.
func digits[T text](s T, i, n int) (int64, bool) {
	v := int64(0)
	for j := i; j < i+n; j++ {
		c := s[j]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}

func daysIn(year, month int64) int64 {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian date
// (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400 // y ≥ 0 here: years are four digits
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
