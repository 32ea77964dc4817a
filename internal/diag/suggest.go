package diag

import (
	"math"
	"strings"
)

// Suggest returns the candidate closest to got by edit distance (ignoring
// case), or "" if none is close enough to be a plausible typo. Messages use
// it for "did you mean …?".
func Suggest(got string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := EditDistance(strings.ToLower(got), strings.ToLower(c), math.MaxInt)
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	n := len([]rune(got))
	if bestDist < 0 || bestDist > max(2, n/3) || bestDist >= n {
		return ""
	}
	return best
}

// SuggestTypo returns the candidate one edit away from got (a letter
// added, dropped or changed, ignoring case), or "": for words where a
// larger difference is more likely another word than a typo.
func SuggestTypo(got string, candidates []string) string {
	for _, c := range candidates {
		if c != got && EditDistance(strings.ToLower(got), strings.ToLower(c), 2) == 1 {
			return c
		}
	}
	return ""
}

// EditDistance is the Levenshtein distance between a and b, in runes, or
// limit when it is limit or more: a caller looking for close words stops
// early on the many that are not (search's "did you mean" compares a word
// with thousands).
func EditDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}
