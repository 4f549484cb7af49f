package summary

import (
	"math"
	"strconv"
	"testing"
)

// TestAppendNum: coordinates are written as the shortest decimal of the
// value rounded to a tenth, as strconv writes it.
func TestAppendNum(t *testing.T) {
	vals := []float64{0, 0.04, 0.05, 0.15, 1, 9.95, 12.34, 206, 999.96, 1000, -3.25, -0.04, 123456.789, math.NaN(), math.Inf(1), 1e20}
	for i := 0; i < 20000; i++ {
		vals = append(vals, float64(i)*0.0137, 1000*float64(i)/20000)
	}
	for _, v := range vals {
		want := strconv.AppendFloat(nil, math.Round(v*10)/10, 'f', -1, 64)
		if string(want) == "-0" {
			want = []byte("0")
		}
		if got := appendNum([]byte("x"), v); string(got) != "x"+string(want) {
			t.Fatalf("appendNum(%v) = %q, want %q", v, got[1:], want)
		}
	}
}
