package scrubprocessor // import "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor"

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// keyValueDetector finds values of sensitive keys written inline: password=... (query strings,
// logs), token: ... (headers, YAML) and "secret": "..." (JSON). The key stays, the value is cut
// at & ; , " ' } ) ] or whitespace, or at the closing quote of a quoted value. Port of
// KeyValueSecretDetector.java, hand-written for the same reason: keys are matched normalized.
type keyValueDetector struct {
	matcher *keyMatcher
	cache   sync.Map // key -> marker ("" = not sensitive)
	cached  atomic.Int32
}

const maxKeyLength = 64

func (d *keyValueDetector) name() string              { return "key-value" }
func (d *keyValueDetector) appliesTo(f features) bool { return f.flags&featSeparator != 0 }

func (d *keyValueDetector) redact(text string) string {
	var out strings.Builder
	changed := false
	copied := 0
	n := len(text)
	i := 0
	for i < n {
		c := text[i]
		if c != '=' && c != ':' {
			i++
			continue
		}
		if c == ':' && strings.HasPrefix(text[i+1:], "//") {
			i += 3 // "https://": a URL scheme, not a key
			continue
		}
		keyEnd := i
		for keyEnd > copied && text[keyEnd-1] == ' ' {
			keyEnd--
		}
		if keyEnd > copied && isQuote(text[keyEnd-1]) {
			keyEnd--
		}
		keyStart := keyEnd
		for keyStart > copied && isKeyChar(text[keyStart-1]) {
			keyStart--
		}
		if keyStart == keyEnd || keyEnd-keyStart > maxKeyLength {
			i++
			continue
		}
		key := text[keyStart:keyEnd]
		marker := d.markerFor(key)
		// OAuth's authorization code: only its value's shape tells it from error codes
		authCode := marker == "" && strings.EqualFold(key, "code")
		if authCode {
			marker = markerSecret
		}
		if marker == "" {
			i++
			continue
		}
		valueStart := i + 1
		for valueStart < n && isBlank(text[valueStart]) {
			valueStart++
		}
		if valueStart >= n {
			break
		}
		var valueEnd int
		first := text[valueStart]
		switch {
		case isQuote(first):
			valueStart++
			valueEnd = closingQuote(text, valueStart, first)
		case isCookie(text[keyStart:keyEnd]):
			valueEnd = lineEnd(text, valueStart) // a cookie header holds many "; "-separated pairs
		default:
			valueEnd = tokenEnd(text, valueStart)
			if isAuthScheme(text[valueStart:valueEnd]) {
				// "Authorization: Bearer abc": keep the scheme, hide what follows it;
				// a lone scheme word ("token_type=bearer") hides nothing.
				next := valueEnd
				for next < n && isBlank(text[next]) {
					next++
				}
				if next > valueEnd && next < n {
					valueStart = next
					valueEnd = tokenEnd(text, next)
				} else {
					valueStart = valueEnd
				}
			}
		}
		if valueEnd <= valueStart || strings.HasPrefix(text[valueStart:], markerPrefix) ||
			isPlaceholder(text[valueStart:valueEnd]) || isFlag(text[valueStart:valueEnd]) ||
			(authCode && !looksLikeAuthCode(text[valueStart:valueEnd])) {
			i = max(i+1, valueEnd)
			continue
		}
		if !changed {
			out.Grow(n + 16)
			changed = true
		}
		out.WriteString(text[copied:valueStart])
		out.WriteString(marker)
		copied = valueEnd
		i = valueEnd
	}
	if !changed {
		return text
	}
	out.WriteString(text[copied:])
	return out.String()
}

func (d *keyValueDetector) markerFor(key string) string {
	if m, ok := d.cache.Load(key); ok {
		return m.(string)
	}
	marker := d.matcher.markerFor(key, true)
	if d.cached.Load() < maxCachedKeys {
		if _, loaded := d.cache.LoadOrStore(strings.Clone(key), marker); !loaded {
			d.cached.Add(1)
		}
	}
	return marker
}

// isPlaceholder: SQL bind parameters (?, $1, :name), format holes (%s, {}, {0}) and already
// masked values (****) are not secrets. Kept narrow: a real secret must never pass for one.
func isPlaceholder(v string) bool {
	first := v[0]
	if len(v) == 1 && (first == '?' || first == '{') {
		return true // "{" because '}' ends the value
	}
	switch first {
	case '%':
		return len(v) == 2 && (v[1] == 's' || v[1] == 'd')
	case '$', '{':
		return len(v) > 1 && allIn(v[1:], '0', '9')
	case ':':
		return len(v) > 1 && isIdentifier(v[1:])
	}
	return allIn(v, '*', '*')
}

// isFlag: email_verified=true hides nothing.
func isFlag(v string) bool {
	return strings.EqualFold(v, "true") || strings.EqualFold(v, "null") || strings.EqualFold(v, "false")
}

// looksLikeAuthCode: an OAuth authorization code is long and mixes lower case with upper case
// or digits (SplxlOBeZQQYbYS6WxSbIA); ERR_PAYMENT_DECLINED and 404 are not.
func looksLikeAuthCode(v string) bool {
	if len(v) < 16 {
		return false
	}
	lower, upperOrDigit := false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		lower = lower || c >= 'a' && c <= 'z'
		upperOrDigit = upperOrDigit || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return lower && upperOrDigit
}

func isIdentifier(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			return false
		}
	}
	return true
}

func allIn(s string, low, high byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < low || s[i] > high {
			return false
		}
	}
	return true
}

func isKeyChar(c byte) bool { return isWord(c) || c == '-' || c == '.' }
func isQuote(c byte) bool   { return c == '"' || c == '\'' }
func isBlank(c byte) bool   { return c == ' ' || c == '\t' }

// isJavaWhitespace is Java's Character.isWhitespace: Unicode spaces except the no-break ones.
func isJavaWhitespace(text string, i int) (bool, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1C && c <= 0x1F, 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r) && r != 0xA0 && r != 0x2007 && r != 0x202F && r != 0x85, size
}

func tokenEnd(text string, from int) int {
	i := from
	for i < len(text) {
		switch text[i] {
		case '&', ';', ',', '"', '\'', '}', ')', ']', '?', '#':
			return i
		}
		space, size := isJavaWhitespace(text, i)
		if space {
			return i
		}
		i += size
	}
	return i
}

func lineEnd(text string, from int) int {
	for i := from; i < len(text); i++ {
		switch text[i] {
		case '\n', '\r', '"', '\'':
			return i
		}
	}
	return len(text)
}

func closingQuote(text string, from int, quote byte) int {
	i := from
	for i < len(text) {
		c := text[i]
		if c == '\\' {
			i += 2 // JSON escape, e.g. \"
			continue
		}
		if c == quote {
			return i
		}
		i++
	}
	return len(text)
}

func isCookie(key string) bool {
	return len(key) >= 6 && strings.EqualFold(key[len(key)-6:], "cookie")
}

func isAuthScheme(v string) bool {
	return strings.EqualFold(v, "bearer") || strings.EqualFold(v, "basic") || strings.EqualFold(v, "digest")
}
