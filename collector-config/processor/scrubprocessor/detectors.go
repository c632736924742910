package scrubprocessor // import "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor"

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// detector finds one kind of PII in a string. Same classes, order and pre-checks as the agent's
// Redactor.builtInDetectors (agent-extension/.../redaction/).
type detector interface {
	name() string
	appliesTo(f features) bool
	// redact returns text itself when nothing was found.
	redact(text string) string
}

// Go's RE2 has no look-around, so the agent's START/END guards are split: the end guard is a
// consuming group after the match (group 1 is always the agent's match), the start guard is
// checked in code on the text before the region. A region whose start guard fails is retried one
// character further on, which is what the Java matcher does.

// endGuard: not followed by [A-Za-z0-9_], nor by [.-] and then [A-Za-z0-9_] (agent's END).
const endGuard = `(?:$|[^A-Za-z0-9_.\-]|[.\-](?:$|[^A-Za-z0-9_]))`

func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// startOK is the agent's START: right after "%2B" (a URL-encoded '+'), or not after
// [A-Za-z0-9_] and not after [A-Za-z0-9_][.-].
func startOK(text string, i int) bool {
	if i >= 3 && (text[i-3:i] == "%2B" || text[i-3:i] == "%2b") {
		return true
	}
	if i == 0 {
		return true
	}
	p := text[i-1]
	if isWord(p) {
		return false
	}
	if (p == '.' || p == '-') && i >= 2 && isWord(text[i-2]) {
		return false
	}
	return true
}

// endOK is the agent's END, checked in code where the regex cannot consume it.
func endOK(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	c := text[i]
	if isWord(c) {
		return false
	}
	if (c == '.' || c == '-') && i+1 < len(text) && isWord(text[i+1]) {
		return false
	}
	return true
}

// verdict of an accept function.
type verdict uint8

const (
	acceptRegion verdict = iota // replace [start, end)
	rejectMatch                 // the match is not PII: continue after it (Java's REJECT)
	noMatchHere                 // a look-around failed: Java would not have matched here
)

type acceptFunc func(text string, m []int) (start, end int, v verdict)

type regexDetector struct {
	label  string
	marker string
	re     *regexp.Regexp
	check  func(features) bool
	accept acceptFunc
	// first, when set, says where a match can start. The anchored copy of re is then tried
	// only there: Go's regexp has no DFA, so an unanchored search costs the pattern's size at
	// every byte, while most bytes cannot start anything. Same leftmost match, found cheaper.
	first    func(text string, i int) bool
	anchored *regexp.Regexp
	// markerOf, when set, picks the marker per match (detectors with more than one class).
	markerOf func(m []int) string
}

// startingAt sets where matches can start (see regexDetector.first).
func (d *regexDetector) startingAt(first func(text string, i int) bool) *regexDetector {
	d.first = first
	d.anchored = regexp.MustCompile(`^(?:` + d.re.String() + `)`)
	return d
}

func (d *regexDetector) find(text string, pos int) []int {
	if d.first == nil {
		loc := d.re.FindStringSubmatchIndex(text[pos:])
		shift(loc, pos)
		return loc
	}
	for i := pos; i < len(text); i++ {
		if !d.first(text, i) {
			continue
		}
		if loc := d.anchored.FindStringSubmatchIndex(text[i:]); loc != nil {
			shift(loc, i)
			return loc
		}
	}
	return nil
}

func shift(loc []int, by int) {
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += by
		}
	}
}

func (d *regexDetector) name() string              { return d.label }
func (d *regexDetector) appliesTo(f features) bool { return d.check(f) }

func (d *regexDetector) redact(text string) string {
	var out strings.Builder
	copied, pos := 0, 0
	changed := false
	for pos <= len(text) {
		loc := d.find(text, pos)
		if loc == nil {
			break
		}
		start, end, v := d.accept(text, loc)
		switch {
		case v == noMatchHere:
			_, size := utf8.DecodeRuneInString(text[loc[0]:])
			pos = loc[0] + max(size, 1)
			continue
		case v == rejectMatch || end <= start, start < copied:
			pos = max(loc[3], loc[0]+1)
			continue
		}
		if !changed {
			out.Grow(len(text) + 16)
			changed = true
		}
		out.WriteString(text[copied:start])
		if d.markerOf != nil {
			out.WriteString(d.markerOf(loc))
		} else {
			out.WriteString(d.marker)
		}
		copied = end
		pos = max(loc[3], end)
	}
	if !changed {
		return text
	}
	out.WriteString(text[copied:])
	return out.String()
}

// wholeMatch accepts group 1 when the start guard holds before it.
func wholeMatch(guard func(string, int) bool) acceptFunc {
	return func(text string, m []int) (int, int, verdict) {
		if !guard(text, m[2]) {
			return 0, 0, noMatchHere
		}
		return m[2], m[3], acceptRegion
	}
}

// notAfter builds a start guard: the character before the match is none of chars.
func notAfter(chars string) func(string, int) bool {
	return func(text string, i int) bool {
		return i == 0 || strings.IndexByte(chars, text[i-1]) < 0
	}
}

const (
	alnum     = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	emailLbl  = `[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`
	wideSep   = `[ \x{00A0}\x{2007}\x{202F}-]`
	keywordRE = `(?:паспорт[а-яё]*|passport|сери[яиюей]|series)`
)

func jwtDetector() detector {
	return (&regexDetector{
		label: "jwt", marker: markerJWT,
		re:     regexp.MustCompile(`(eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)(?:$|[^A-Za-z0-9_-])`),
		check:  func(f features) bool { return f.flags&featJWT != 0 },
		accept: wholeMatch(notAfter(alnum + "_-")),
	}).startingAt(func(t string, i int) bool { return t[i] == 'e' && strings.HasPrefix(t[i:], "eyJ") })
}

// authSchemeDetector: "Bearer <token>" and "Basic <base64>"; the scheme word stays.
func authSchemeDetector() detector {
	return (&regexDetector{
		label: "auth-scheme", marker: markerToken,
		re:    regexp.MustCompile(`((?i:bearer|basic)[ \t]+([A-Za-z0-9._~+/-]+=*))(?:$|[^A-Za-z0-9._~+/=-])`),
		check: func(f features) bool { return f.flags&featAuthScheme != 0 },
		accept: func(text string, m []int) (int, int, verdict) {
			if m[2] > 0 && strings.IndexByte(alnum, text[m[2]-1]) >= 0 {
				return 0, 0, noMatchHere
			}
			if !looksLikeCredential(text[m[4]:m[5]]) {
				return 0, 0, rejectMatch
			}
			return m[4], m[5], acceptRegion
		},
	}).startingAt(func(t string, i int) bool { return t[i]|0x20 == 'b' })
}

// looksLikeCredential: prose such as "Basic information" must survive; a credential has a
// digit, a symbol, or a capital letter after its first character.
func looksLikeCredential(s string) bool {
	if len(s) < 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || i > 0 && c >= 'A' && c <= 'Z' {
			return true
		}
		if !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') {
			return true
		}
	}
	return false
}

func apiKeyDetector() detector {
	return (&regexDetector{
		label: "api-key", marker: markerSecret,
		re: regexp.MustCompile(`((?:AKIA|ASIA)[0-9A-Z]{16}` +
			// {10,}, not the agent's {16,}: the OTTL chain this replaces took 10, and
			// e2e's GatewayPipelineIT sends a 14-character one. Stricter, never looser.
			`|(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}` +
			`|gh[pousr]_[A-Za-z0-9]{30,}` +
			`|github_pat_[A-Za-z0-9_]{40,}` +
			`|xox[abposr]-[A-Za-z0-9-]{10,}` +
			`|AIza[0-9A-Za-z_-]{35}` +
			`|glpat-[0-9A-Za-z_-]{20,}` +
			`|y0_[A-Za-z0-9_-]{30,}` + // Yandex OAuth
			`)(?:$|[^A-Za-z0-9_])` +
			// Telegram bot token <bot id>:AA..., also inside .../bot<id>:<token>/sendMessage
			`|(\d{6,12}:AA[A-Za-z0-9_-]{30,40})(?:$|[^A-Za-z0-9_-])`),
		check: func(f features) bool { return f.flags&featAPIKey != 0 },
		accept: func(text string, m []int) (int, int, verdict) {
			if m[2] >= 0 {
				return wholeMatch(notAfter(alnum+"_-"))(text, m)
			}
			start := m[4]
			if !(start >= 3 && text[start-3:start] == "bot") && start > 0 && strings.IndexByte(alnum+"_-", text[start-1]) >= 0 {
				return 0, 0, noMatchHere
			}
			m[2], m[3] = m[4], m[5]
			return m[4], m[5], acceptRegion
		},
	}).startingAt(func(t string, i int) bool { return strings.IndexByte("Asrgxy", t[i]) >= 0 || isDigit(t[i]) })
}

// emailDetector: a dotted domain with an alphabetic (or punycode) TLD, any script's letters
// (иван@почта.рф), also URL-encoded (ivan%40mail.ru).
func emailDetector() detector {
	return (&regexDetector{
		label: "email", marker: markerEmail,
		// Unbounded repeats keep the RE2 program small (its cost grows with program size);
		// the agent's 64-character local part limit is checked in accept.
		re: regexp.MustCompile(`([\p{L}\p{N}][\p{L}\p{N}._%+-]*(@|%40)` + emailLbl +
			`(?:\.` + emailLbl + `)*\.(?:\p{L}{2,24}|xn--[A-Za-z0-9-]{2,59}))(?:$|[^\p{L}\p{N}-])`),
		check: func(f features) bool { return f.flags&featAt != 0 },
		accept: func(text string, m []int) (int, int, verdict) {
			if !emailStart(text, m[2]) {
				return 0, 0, noMatchHere
			}
			if utf8.RuneCountInString(text[m[2]:m[4]]) > 64 {
				return 0, 0, rejectMatch
			}
			return m[2], m[3], acceptRegion
		},
	}).startingAt(func(t string, i int) bool {
		c := t[i]
		if c < utf8.RuneSelf {
			return isAlnum(c) && emailStart(t, i)
		}
		if c < 0xC0 {
			return false // inside a character
		}
		r, _ := utf8.DecodeRuneInString(t[i:])
		return (unicode.IsLetter(r) || unicode.IsNumber(r)) && emailStart(t, i)
	})
}

// emailStart: not after a letter, digit or one of ._%+- (the agent's look-behind).
func emailStart(t string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return !(unicode.IsLetter(r) || unicode.IsNumber(r) || strings.ContainsRune("._%+-", r))
}

func isAlnum(c byte) bool { return isWord(c) && c != '_' }

// startsDigits: a digit where the agent's START holds.
func startsDigits(t string, i int) bool { return isDigit(t[i]) && startOK(t, i) }

// cardDetector: 13-19 digits, optionally grouped; a contiguous run of whole groups must have
// a known issuer prefix and a valid Luhn digit.
func cardDetector() detector {
	return (&regexDetector{
		label: "card", marker: markerCard,
		re:    regexp.MustCompile(`(\d{4}(?:\.\d{4}){3}(?:\.\d{1,3})?|\d(?:` + wideSep + `?\d){12,18})` + endGuard),
		check: func(f features) bool { return f.longest >= 13 || f.more&featDotted != 0 },
		accept: func(text string, m []int) (int, int, verdict) {
			if !startOK(text, m[2]) {
				return 0, 0, noMatchHere
			}
			start, end := m[2], m[3]
			var groupStarts, groupEnds [19]int
			// groups of digits; a separator may be several bytes (a no-break space)
			groups := 0
			for i := start; i < end && groups < len(groupStarts); {
				if !isDigit(text[i]) {
					i++
					continue
				}
				groupStarts[groups] = i
				for i < end && isDigit(text[i]) {
					i++
				}
				groupEnds[groups] = i
				groups++
			}
			var buf [19]byte
			for span := groups; span >= 1; span-- {
				for first := 0; first+span <= groups; first++ {
					digits := buf[:0]
					for g := first; g < first+span && len(digits) <= 19; g++ {
						for i := groupStarts[g]; i < groupEnds[g] && len(digits) < 19; i++ {
							digits = append(digits, text[i])
						}
					}
					n := 0
					for g := first; g < first+span; g++ {
						n += groupEnds[g] - groupStarts[g]
					}
					if n >= 13 && n <= 19 && knownCardBrand(digits) && luhnValid(digits) {
						return groupStarts[first], groupEnds[first+span-1], acceptRegion
					}
				}
			}
			return 0, 0, rejectMatch
		},
	}).startingAt(startsDigits)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// phoneDetector: phone numbers in the shapes people write them. A bare digit run is a phone only
// as a Russian mobile ([78]9 + 9 digits).
func phoneDetector() detector {
	const sep = wideSep + `?`
	return (&regexDetector{
		label: "phone", marker: markerPhone,
		re: regexp.MustCompile(`(` +
			`\+7` + sep + `\(?\d{3}\)?` + sep + `\d{3}` + sep + `\d{2}` + sep + `\d{2}` +
			`|8` + sep + `\(\d{3}\)` + sep + `\d{3}` + sep + `\d{2}` + sep + `\d{2}` +
			`|8` + wideSep + `\d{3}` + wideSep + `\d{3}` + sep + `\d{2}` + sep + `\d{2}` +
			`|[78]9\d{9}` +
			`|\+[1-9]\d{0,2}(?:` + sep + `\(?\d{1,4}\)?){2,6}` +
			`)` + endGuard),
		check: func(f features) bool { return f.longest >= 10 },
		accept: func(text string, m []int) (int, int, verdict) {
			if !startOK(text, m[2]) {
				return 0, 0, noMatchHere
			}
			digits := 0
			for i := m[2]; i < m[3]; i++ {
				if isDigit(text[i]) {
					digits++
				}
			}
			// E.164 allows at most 15 digits; fewer than 10 is an extension or a price.
			if digits < 10 || digits > 15 {
				return 0, 0, rejectMatch
			}
			return m[2], m[3], acceptRegion
		},
	}).startingAt(func(t string, i int) bool {
		c := t[i]
		return (c == '+' || c == '7' || c == '8') && startOK(t, i)
	})
}

// passportDetector: Russian internal passports, series (4 digits) and number (6 digits). The
// spaced "45 06 123456" form counts alone; "4506 123456" and "4506123456" only near a keyword.
func passportDetector(keyword bool) detector {
	d := &regexDetector{label: "passport", marker: markerPassport}
	if keyword {
		d.re = regexp.MustCompile(`(?i)(` + keywordRE + `[^0-9\n]{0,30}?(\d{2} ?\d{2}(?:[^0-9\n]{1,15}?)?\d{6})` + endGuard + `)` +
			`|((\d{2} \d{2} \d{6})` + endGuard + `)` +
			`|((\d{4} ?\d{6})[^0-9\n]{0,20}?` + keywordRE + `)`)
		d.check = func(f features) bool { return f.flags&featDocKeyword != 0 && f.digits >= 10 }
	} else {
		d.re = regexp.MustCompile(`((\d{2} \d{2} \d{6}))` + endGuard)
		d.check = func(f features) bool { return f.flags&featDocKeyword == 0 && f.longest >= 10 }
		d.startingAt(startsDigits)
	}
	d.accept = func(text string, m []int) (int, int, verdict) {
		// pairs: outer group, inner digits group; the outer group ends where Java's match ends
		for g := 1; 2*g+3 < len(m); g += 2 {
			outerStart, start, end := m[2*g], m[2*g+2], m[2*g+3]
			if outerStart < 0 || start < 0 {
				continue
			}
			// the caller skips ahead from group 1's end: Java's match ends with the digits
			// (its look-ahead consumes nothing)
			m[2], m[3] = outerStart, end
			if !startOK(text, start) || !endOK(text, end) {
				return 0, 0, noMatchHere
			}
			return start, end, acceptRegion
		}
		return 0, 0, rejectMatch
	}
	return d
}

// snilsDetector: the grouped "123-456-789 01" form counts alone; a bare 11-digit run only next
// to СНИЛС/snils. The control number is always verified.
func snilsDetector(keyword bool) detector {
	d := &regexDetector{label: "snils", marker: markerSnils}
	if keyword {
		d.re = regexp.MustCompile(`(?i)((?:(снилс|snils)[^0-9\n]{0,20}?)?(\d{3}[ -]?\d{3}[ -]?\d{3}[ -]?\d{2}))` + endGuard)
	} else {
		d.re = regexp.MustCompile(`(()(\d{3}-\d{3}-\d{3}[ -]\d{2}))` + endGuard)
		d.startingAt(startsDigits)
	}
	d.check = func(f features) bool { return (f.flags&featDocKeyword != 0) == keyword && f.longest >= 11 }
	d.accept = func(text string, m []int) (int, int, verdict) {
		start, end := m[6], m[7]
		if !startOK(text, start) {
			return 0, 0, noMatchHere
		}
		hasKeyword := m[5] > m[4]
		if !hasKeyword && !isGroupedSnils(text, start, end) {
			return 0, 0, rejectMatch
		}
		var digits []byte
		for i := start; i < end; i++ {
			if isDigit(text[i]) {
				digits = append(digits, text[i])
			}
		}
		// next to its keyword a SNILS is one even with a mistyped control number
		if !hasKeyword && !snilsValid(digits) {
			return 0, 0, rejectMatch
		}
		return start, end, acceptRegion
	}
	return d
}

func isGroupedSnils(text string, start, end int) bool {
	return end-start == 14 && text[start+3] == '-' && text[start+7] == '-' &&
		(text[start+11] == ' ' || text[start+11] == '-')
}

// extraPatternDetector: a configured RE2 pattern. With a capturing group, only the first
// group is replaced (RE2 has no look-around: match the context, capture the value).
func extraPatternDetector(name string, re *regexp.Regexp) detector {
	wrapped := regexp.MustCompile("(" + re.String() + ")")
	groups := re.NumSubexp()
	return &regexDetector{
		label: "extra:" + name, marker: markerPrefix + name + "]",
		re:    wrapped,
		check: func(features) bool { return true },
		accept: func(text string, m []int) (int, int, verdict) {
			if groups > 0 && m[4] >= 0 {
				return m[4], m[5], acceptRegion
			}
			return m[2], m[3], acceptRegion
		},
	}
}

// knownCardBrand: issuer prefixes and lengths (CardBrand.java). Requiring a real brand on top
// of Luhn keeps one in ten random long numbers from being taken for a card.
func knownCardBrand(d []byte) bool {
	n := len(d)
	if n < 13 || n > 19 {
		return false
	}
	prefix := func(count int) int {
		v := 0
		for i := 0; i < count; i++ {
			v = v*10 + int(d[i]-'0')
		}
		return v
	}
	p1, p2, p3, p4 := prefix(1), prefix(2), prefix(3), prefix(4)
	switch {
	case p1 == 4: // Visa
		return n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720: // Mastercard
		return n == 16
	case p2 == 34 || p2 == 37: // American Express
		return n == 15
	case p4 >= 2200 && p4 <= 2204: // Mir
		return n >= 16
	case p4 == 6011 || p2 == 65 || p3 >= 644 && p3 <= 649: // Discover
		return n >= 16
	case p4 >= 3528 && p4 <= 3589: // JCB
		return n >= 16
	case p2 == 62: // UnionPay
		return n >= 16
	}
	// Maestro
	return p2 == 50 || p2 >= 56 && p2 <= 58 || p4 == 6304 || p4 == 6759 || p4 >= 6761 && p4 <= 6763
}

func luhnValid(d []byte) bool {
	if len(d) == 0 {
		return false
	}
	sum, doubled := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if v < 0 || v > 9 {
			return false
		}
		if doubled {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		doubled = !doubled
	}
	return sum%10 == 0
}

// snilsValid: digits 1..9 weighted 9..1; a sum below 100 is the control, 100 and 101 give 00,
// larger sums are taken mod 101 (a remainder of 100 gives 00 again). Numbers up to 001-001-998
// were issued before the control number existed.
func snilsValid(d []byte) bool {
	if len(d) != 11 {
		return false
	}
	number, sum := 0, 0
	for i := 0; i < 9; i++ {
		v := int(d[i] - '0')
		number = number*10 + v
		sum += v * (9 - i)
	}
	control := int(d[9]-'0')*10 + int(d[10]-'0')
	if number <= 1001998 {
		return false
	}
	expected := sum
	switch {
	case sum < 100:
	case sum == 100 || sum == 101:
		expected = 0
	default:
		expected = sum % 101
		if expected == 100 {
			expected = 0
		}
	}
	return control == expected
}

// pemKeyDetector: a PEM private key block (to its END line, or the end of a cut value), and a
// bare DER body (MII..., 60 or more base64 characters, line breaks allowed).
func pemKeyDetector() detector {
	return &regexDetector{
		label: "private-key", marker: markerSecret,
		re: regexp.MustCompile(`(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|\z)` +
			`|MII[A-Za-z0-9+/]{20,}(?:[\r\n]+[A-Za-z0-9+/]{4,})*={0,2})`),
		check: func(f features) bool { return f.flags&featCredential != 0 },
		accept: func(text string, m []int) (int, int, verdict) {
			if text[m[2]] == 'M' {
				if m[2] > 0 && strings.IndexByte(alnum+"+/", text[m[2]-1]) >= 0 {
					return 0, 0, noMatchHere
				}
				if m[3]-m[2]-strings.Count(text[m[2]:m[3]], "\n")-strings.Count(text[m[2]:m[3]], "\r") < 60 {
					return 0, 0, rejectMatch
				}
			}
			return m[2], m[3], acceptRegion
		},
	}
}

// urlCredentialsDetector: passwords in connection strings (postgres://app:S3cret@db,
// jdbc:oracle:thin:scott/tiger@host); user and host stay. Before e-mail, which would take
// "pw@mysql.io" for an address.
func urlCredentialsDetector() detector {
	return &regexDetector{
		label: "url-credentials", marker: markerSecret,
		re: regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]{0,30}://[^\s/?#@:"'<>]*:([^\s/?#"'<>]+)@)` +
			`|(jdbc:oracle:[a-z0-9]+:[^\s/@:"']+/([^\s@"']+)@)`),
		check: func(f features) bool { return f.flags&featCredential != 0 && f.flags&featAt != 0 },
		accept: func(text string, m []int) (int, int, verdict) {
			g := 4 // password of the URL form
			if m[2] < 0 {
				g = 8 // of the Oracle form
				m[2], m[3] = m[6], m[7]
			} else if m[2] > 0 && strings.IndexByte(alnum+"+.-", text[m[2]-1]) >= 0 {
				return 0, 0, noMatchHere
			}
			if strings.HasPrefix(text[m[g]:], markerPrefix) {
				return 0, 0, rejectMatch
			}
			return m[g], m[g+1], acceptRegion
		},
	}
}

// ibanDetector: IBANs, compact or in groups of four. Without the keyword the ISO 13616 mod-97
// check must pass; right after "IBAN" it need not.
func ibanDetector() detector {
	return (&regexDetector{
		label: "iban", marker: markerIBAN,
		re: regexp.MustCompile(`((?i:(iban)[^A-Za-z0-9\n]{0,10})?([A-Z]{2}\d{2}(?:[ \x{00A0}]?[A-Z0-9]{4}){2,7}(?:[ \x{00A0}]?[A-Z0-9]{1,3})?))(?:$|[^A-Za-z0-9])`),
		// only where two capitals start a digit run, as the agent
		check: func(f features) bool { return f.more&featIBANShape != 0 && f.digits >= 10 },
		accept: func(text string, m []int) (int, int, verdict) {
			start, end := m[6], m[7]
			if start > 0 && strings.IndexByte(alnum, text[start-1]) >= 0 {
				return 0, 0, noMatchHere
			}
			if m[4] < 0 && !ibanValid(text[start:end]) {
				return 0, 0, rejectMatch
			}
			return start, end, acceptRegion
		},
	}).startingAt(func(t string, i int) bool {
		c := t[i]
		return (c >= 'A' && c <= 'Z' || c == 'i') && (i == 0 || strings.IndexByte(alnum, t[i-1]) < 0)
	})
}

func ibanValid(s string) bool {
	compact := make([]byte, 0, 34)
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ' ':
		case s[i] == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			i++
		default:
			compact = append(compact, s[i])
		}
	}
	if len(compact) < 15 || len(compact) > 34 {
		return false
	}
	remainder := 0
	for k := range compact {
		c := compact[(k+4)%len(compact)]
		switch {
		case c >= '0' && c <= '9':
			remainder = (remainder*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			remainder = (remainder*100 + int(c-'A'+10)) % 97
		default:
			return false
		}
	}
	return remainder == 1
}

// financialIDDetector: Russian tax ids (ИНН, 10 or 12 digits) and bank accounts (20 digits)
// next to their keywords, no checksum needed there; without a keyword only a 12-digit number
// whose INN control digits are right.
func financialIDDetector(keyword bool) detector {
	const gap = `[^0-9\n]{0,25}?`
	if keyword {
		return &regexDetector{
			label: "tax-or-account", marker: markerINN,
			re: regexp.MustCompile(`(?i)(?:инн|inn|tax[ _-]?id|taxpayer[ _-]?id)` + gap +
				`(\d{12}|\d{10})(?:$|[^\d\p{L}])` +
				`|(?:[рк]/сч?|(?:расч[её]тн\p{L}*|корр?\.?|лицев\p{L}*)?\s*сч[её]т\p{L}*|(?:bank[ _-]?)?acc(?:oun)?t(?:[ _-]?(?:no|number|num))?)` + gap +
				`(\d{5}[ \x{00A0}-]?\d{3}[ \x{00A0}-]?\d[ \x{00A0}-]?\d{4}[ \x{00A0}-]?\d{7}|\d{4}(?:[ \x{00A0}]\d{4}){4})(?:$|[^\d\p{L}])`),
			check: func(f features) bool { return f.flags&featFinance != 0 && f.digits >= 10 },
			accept: func(text string, m []int) (int, int, verdict) {
				if m[0] > 0 {
					if r, _ := utf8.DecodeLastRuneInString(text[:m[0]]); unicode.IsLetter(r) || unicode.IsNumber(r) {
						return 0, 0, noMatchHere
					}
				}
				g := 2
				if m[2] < 0 {
					g = 4
				}
				m[2], m[3] = m[g], m[g+1]
				return m[g], m[g+1], acceptRegion
			},
			markerOf: func(m []int) string {
				if len(m) > 4 && m[4] >= 0 {
					return markerAccount
				}
				return markerINN
			},
		}
	}
	return (&regexDetector{
		label: "inn", marker: markerINN,
		re:    regexp.MustCompile(`(\d{12})(?:$|[^\w.-]|\.(?:$|\D))`),
		check: func(f features) bool { return f.longest >= 12 },
		accept: func(text string, m []int) (int, int, verdict) {
			if m[2] > 0 && strings.IndexByte(alnum+"_.-", text[m[2]-1]) >= 0 {
				return 0, 0, noMatchHere
			}
			if !innValid(text[m[2]:m[3]]) {
				return 0, 0, rejectMatch
			}
			return m[2], m[3], acceptRegion
		},
	}).startingAt(func(t string, i int) bool {
		return isDigit(t[i]) && (i == 0 || strings.IndexByte(alnum+"_.-", t[i-1]) < 0)
	})
}

// innValid: the control digits of a Russian tax id, 10 or 12 digits.
func innValid(s string) bool {
	control := func(weights []int) int {
		sum := 0
		for i, w := range weights {
			sum += int(s[i]-'0') * w
		}
		return sum % 11 % 10
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	switch len(s) {
	case 10:
		return control([]int{2, 4, 10, 3, 5, 9, 4, 6, 8}) == int(s[9]-'0')
	case 12:
		return control([]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == int(s[10]-'0') &&
			control([]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == int(s[11]-'0')
	}
	return false
}
