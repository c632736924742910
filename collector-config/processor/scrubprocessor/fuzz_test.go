package scrubprocessor

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// go test -run '^$' -fuzz FuzzScrub -fuzztime 60s
//
// Invariants for any input: no panic (a panic would become [REDACTED:error]), valid UTF-8 in
// gives valid UTF-8 out, a changed value carries a marker, and PII planted on its own line is
// gone whatever surrounds it.
func FuzzScrub(f *testing.F) {
	for _, p := range positives(f) {
		f.Add(p.text)
	}
	for _, n := range negatives(f) {
		f.Add(n)
	}
	s := corpusScrubber(f)
	planted := []string{"4111 1111 1111 1111", "ivan.petrov@mail.ru", "+7 912 345 67 89", "eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2lnbmF0dXJl"}
	f.Fuzz(func(t *testing.T, text string) {
		got := s.scrub(text)
		if got == markerError {
			t.Fatalf("a detector failed on %q", text)
		}
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Fatalf("scrub(%q) = %q: invalid UTF-8", text, got)
		}
		if got != text && !strings.Contains(got, markerPrefix) {
			t.Fatalf("scrub(%q) = %q: changed without a marker", text, got)
		}
		for _, pii := range planted {
			in := text + "\n" + pii + "\n" + text
			// text may hold the same digits legitimately (a 17-digit run is no card): count
			if out := s.scrub(in); strings.Count(out, pii) >= strings.Count(in, pii) {
				t.Fatalf("planted %q survived in %q", pii, out)
			}
		}
	})
}
