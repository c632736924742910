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
	more    uint16
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
	featFinance                      // ИНН, inn, tax, IBAN, счёт, р/с, к/с, account, acct
	featCredential                   // ://user:pass@, -----BEGIN, MII..., jdbc:
)

// Flags beyond the first byte.
const (
	featDotted    uint16 = 1 << iota // 13+ digits in dotted groups (4111.1111.1111.1111)
	featMojibake                     // UTF-8 read as Latin-1 ("Ð¿Ð°Ñ..."): may hide Cyrillic keywords
	featPercent                      // URL-encoded: a %XX other than %40, or a '+' between digits
	featIBANShape                    // two ASCII capitals right before a digit run (DE89...)
)

const maxGap = 2

// interesting marks the ASCII bytes the switch in scan looks at; everything else takes the
// fast path.
var interesting = func() (t [256]bool) {
	for _, c := range []byte("@%=:+ebBAsrSgxpPiItTaMjy") {
		t[c] = true
	}
	// lead bytes of the Cyrillic keyword letters (п П с С и И р Р к К) and of Ð Ñ (mojibake)
	t[0xD0] = true
	t[0xD1] = true
	t[0xC3] = true
	return t
}()

func scan(text string) features {
	var f features
	digits, run, maxRun, gap, dotted := 0, 0, 0, 0, 0
	n := len(text)
	for i := 0; i < n; i++ {
		c := text[i]
		if c >= '0' && c <= '9' {
			if run == 0 && i >= 2 && isUpperASCII(text[i-1]) && isUpperASCII(text[i-2]) {
				f.more |= featIBANShape
			}
			digits++
			run++
			dotted++
			gap = 0
			if run > maxRun {
				maxRun = run
			}
			if dotted >= 13 {
				f.more |= featDotted
			}
			continue
		}
		wide := wideSpace(text, i)
		if c == ' ' || c == '-' || c == '(' || c == ')' || wide > 0 {
			gap++
			if gap > maxGap {
				run, dotted = 0, 0
			}
			if wide > 0 {
				i += wide - 1
			}
			continue
		}
		if c == '.' && gap == 0 && run > 0 && i+1 < n && isDigit(text[i+1]) {
			run = 0 // a dot ends the run, but not a dotted group
			continue
		}
		// every byte of a multi-byte character resets too: same as one Java char
		run, gap, dotted = 0, 0, 0
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
			} else if len(rest) >= 2 && isHex(rest[0]) && isHex(rest[1]) {
				f.more |= featPercent
			}
		case '+':
			if i > 0 && isDigit(text[i-1]) && i+1 < n && isDigit(text[i+1]) {
				f.more |= featPercent // 4111+1111+... in a query string
			}
		case '=':
			f.flags |= featSeparator
		case ':':
			f.flags |= featSeparator
			if strings.HasPrefix(rest, "//") && strings.IndexByte(text[i:], '@') > 0 {
				f.flags |= featCredential // scheme://user:pass@host
			} else if strings.HasPrefix(rest, "AA") {
				f.flags |= featAPIKey // Telegram bot token: <bot id>:AA...
			}
		case 'j':
			if strings.HasPrefix(rest, "dbc:") {
				f.flags |= featCredential
			}
		case 'M':
			if strings.HasPrefix(rest, "II") {
				f.flags |= featCredential
			}
		case 'y':
			if strings.HasPrefix(rest, "0_") {
				f.flags |= featAPIKey // Yandex OAuth token
			}
		case 'i', 'I':
			if hasPrefixFold(rest, "nn") || hasPrefixFold(rest, "ban") {
				f.flags |= featFinance
			}
		case 't', 'T':
			if hasPrefixFold(rest, "ax") {
				f.flags |= featFinance
			}
		case 'a':
			if strings.HasPrefix(rest, "cc") {
				f.flags |= featFinance // account, acct
			}
		case 'e':
			if strings.HasPrefix(rest, "yJ") {
				f.flags |= featJWT
			}
		case 'b', 'B':
			if strings.HasPrefix(rest, "EGIN ") {
				f.flags |= featCredential // -----BEGIN ... PRIVATE KEY-----
			}
			if hasPrefixFold(rest, "earer") || hasPrefixFold(rest, "asic") {
				f.flags |= featAuthScheme
			}
		case 'A':
			if strings.HasPrefix(rest, "CC") || strings.HasPrefix(rest, "cc") {
				f.flags |= featFinance
			}
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
				} else if hasPrefixFold(after, "ч") {
					f.flags |= featFinance // счёт, счет
				}
			case 'и', 'И':
				if hasPrefixFold(after, "нн") {
					f.flags |= featFinance
				}
			case 'р', 'Р', 'к', 'К':
				if strings.HasPrefix(after, "/с") || strings.HasPrefix(after, "/С") {
					f.flags |= featFinance
				}
			}
		case 0xC3:
			// 'Ð' or 'Ñ' (U+00D0, U+00D1) followed by U+0080..U+00BF: Latin-1-read UTF-8 Cyrillic
			if len(rest) >= 3 && (rest[0] == 0x90 || rest[0] == 0x91) && rest[1] == 0xC2 && rest[2] >= 0x80 && rest[2] <= 0xBF {
				f.more |= featMojibake
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
// wideSpace returns the byte length of a no-break space at i (U+00A0, U+2007, U+202F), or 0.
func wideSpace(text string, i int) int {
	switch text[i] {
	case 0xC2:
		if i+1 < len(text) && text[i+1] == 0xA0 {
			return 2
		}
	case 0xE2:
		if i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0x87 || text[i+2] == 0xAF) {
			return 3
		}
	}
	return 0
}

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

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }
