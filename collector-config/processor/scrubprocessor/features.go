package scrubprocessor // import "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor"

import (
	"strings"
	"unicode/utf8"
)

// features is the result of one cheap pass over a value: which detectors can possibly match.
// Port of the agent's TextFeatures (agent-extension/.../redaction/TextFeatures.java): flags,
// the longest run of grouped digits and the number of ASCII digits. Most values never reach
// a regular expression because of it.
//
// A digit run is digits joined by at most two of ' ', '-', '(', ')', the way phones, cards and
// documents are grouped: "+7 (912) 345-67-89" is one run of 11.
type features struct {
	flags   uint8
	longest int // longest digit run, capped at 255
	digits  int
}

const (
	featAt         uint8 = 1 << iota // '@' or "%40": e-mail candidates
	featSeparator                    // '=' or ':': key=value candidates
	featJWT                          // "eyJ"
	featAuthScheme                   // "bearer" / "basic", any case
	featAPIKey                       // AKIA, ASIA, AIza, sk_, rk_, gh?_, github_pat_, glpat-, xox
	featDocKeyword                   // паспорт, passport, серия, series, СНИЛС, snils
)

const maxGap = 2

// interesting marks the ASCII bytes the switch in scan looks at; everything else takes the
// fast path.
var interesting = func() (t [256]bool) {
	for _, c := range []byte("@%=:ebBAsrSgxpP") {
		t[c] = true
	}
	// lead bytes of the Cyrillic keyword letters п П с С (U+043F, U+041F, U+0441, U+0421)
	t[0xD0] = true
	t[0xD1] = true
	return t
}()

func scan(text string) features {
	var f features
	digits, run, maxRun, gap := 0, 0, 0, 0
	n := len(text)
	for i := 0; i < n; i++ {
		c := text[i]
		if c >= '0' && c <= '9' {
			digits++
			run++
			gap = 0
			if run > maxRun {
				maxRun = run
			}
			continue
		}
		if c == ' ' || c == '-' || c == '(' || c == ')' {
			gap++
			if gap > maxGap {
				run = 0
			}
			continue
		}
		// every byte of a multi-byte character resets too: same as one Java char
		run, gap = 0, 0
		if !interesting[c] {
			continue
		}
		rest := text[i+1:]
		switch c {
		case '@':
			f.flags |= featAt
		case '%':
			if strings.HasPrefix(rest, "40") {
				f.flags |= featAt
			}
		case '=', ':':
			f.flags |= featSeparator
		case 'e':
			if strings.HasPrefix(rest, "yJ") {
				f.flags |= featJWT
			}
		case 'b', 'B':
			if hasPrefixFold(rest, "earer") || hasPrefixFold(rest, "asic") {
				f.flags |= featAuthScheme
			}
		case 'A':
			if strings.HasPrefix(rest, "KIA") || strings.HasPrefix(rest, "SIA") || strings.HasPrefix(rest, "Iza") {
				f.flags |= featAPIKey
			}
		case 's':
			if strings.HasPrefix(rest, "k_") {
				f.flags |= featAPIKey
			} else if hasPrefixFold(rest, "eries") || hasPrefixFold(rest, "nils") {
				f.flags |= featDocKeyword
			}
		case 'r':
			if strings.HasPrefix(rest, "k_") {
				f.flags |= featAPIKey
			}
		case 'S':
			if hasPrefixFold(rest, "eries") || hasPrefixFold(rest, "nils") {
				f.flags |= featDocKeyword
			}
		case 'p', 'P':
			if hasPrefixFold(rest, "assport") {
				f.flags |= featDocKeyword
			}
		case 'g':
			if strings.HasPrefix(rest, "lpat-") || strings.HasPrefix(rest, "ithub_pat_") || isGithubToken(rest) {
				f.flags |= featAPIKey
			}
		case 'x':
			if strings.HasPrefix(rest, "ox") {
				f.flags |= featAPIKey
			}
		case 0xD0, 0xD1:
			r, size := utf8.DecodeRuneInString(text[i:])
			after := text[i+size:]
			switch r {
			case 'п', 'П':
				if hasPrefixFold(after, "аспорт") {
					f.flags |= featDocKeyword
				}
			case 'с', 'С':
				if hasPrefixFold(after, "ери") || hasPrefixFold(after, "нилс") {
					f.flags |= featDocKeyword
				}
			}
		}
	}
	if maxRun > 255 {
		maxRun = 255
	}
	f.longest = maxRun
	f.digits = digits
	return f
}

// hasPrefixFold reports whether s starts with prefix, ignoring case (Unicode simple folding).
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		// Cyrillic upper and lower case letters have the same UTF-8 length, so a shorter s
		// cannot match.
		return false
	}
	return strings.EqualFold(s[:len(prefix)], prefix)
}

// isGithubToken: ghp_, gho_, ghu_, ghs_, ghr_ after the 'g'.
func isGithubToken(rest string) bool {
	return len(rest) >= 3 && rest[0] == 'h' && strings.IndexByte("pousr", rest[1]) >= 0 && rest[2] == '_'
}
