package scrubprocessor // import "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor"

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// The fixed replacement strings, the same as the agent's Markers.java. Fixed, not hashed, so
// nothing about the value survives.
const (
	markerPrefix   = "[REDACTED:"
	markerEmail    = "[REDACTED:email]"
	markerPhone    = "[REDACTED:phone]"
	markerCard     = "[REDACTED:card]"
	markerToken    = "[REDACTED:token]"
	markerJWT      = "[REDACTED:jwt]"
	markerSecret   = "[REDACTED:secret]"
	markerPassport = "[REDACTED:passport]"
	markerSnils    = "[REDACTED:snils]"
	markerError    = "[REDACTED:error]"
	markerIBAN     = "[REDACTED:iban]"
	markerINN      = "[REDACTED:inn]"
	markerAccount  = "[REDACTED:account]"
)

// defaultSensitiveKeys is the agent's RedactionSettings.DEFAULT_SENSITIVE_KEYS.
var defaultSensitiveKeys = []string{
	"password", "passwd", "pwd", "secret", "client_secret", "token", "access_token",
	"refresh_token", "id_token", "api_key", "apikey", "api-key", "x-api-key",
	"authorization", "cookie", "set-cookie", "session", "sessionid", "jsessionid",
	"email", "e-mail", "phone", "mobile", "card", "card_number", "cardnumber", "pan",
	"cvv", "cvc", "passport", "snils", "pass", "passphrase", "credential", "sid",
	"sessid", "private_key", "iban", "inn",
}

// ownedKeys are the ids the product is built on (the agent's ALWAYS_ALLOWED_KEYS). The agent
// only lets id-shaped values in; spans from other sources may carry anything, so here they are
// kept only while the value has the id charset, and scrubbed like any other value otherwise.
var ownedKeys = map[string]bool{
	"order.id": true, "user.id": true, "caller.service.name": true, "order.stage": true,
	"trace_id": true, "span_id": true, "trace.id": true, "span.id": true, "trace_flags": true,
}

// keyClasses maps a normalized default name to its marker; every other name is a secret.
var keyClasses = map[string]string{
	"email": markerEmail, "phone": markerPhone, "mobile": markerPhone,
	"card": markerCard, "cardnumber": markerCard, "pan": markerCard, "cvv": markerCard, "cvc": markerCard,
	"passport": markerPassport, "snils": markerSnils, "iban": markerIBAN, "inn": markerINN,
	"token": markerToken, "accesstoken": markerToken, "refreshtoken": markerToken, "idtoken": markerToken,
	"authorization": markerToken,
}

const minSubstringLength = 5

// keyMatcher decides whether a key names sensitive data and which marker replaces its value.
// Port of SensitiveKeyMatcher.java: only the last dot-component counts, compared normalized
// (lower case, '-' '_' ' ' removed). Attribute keys: names of five or more characters match
// anywhere in the component, shorter ones only as whole words (so span.kind and company stay).
// Keys in free text: the name must end the key at a word boundary (db_password, GITHUB_TOKEN).
type keyMatcher struct {
	names   []string
	markers []string
}

func newKeyMatcher(keys []string) *keyMatcher {
	m := &keyMatcher{}
	seen := map[string]bool{}
	for _, key := range keys {
		n := normalizeKey(key)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		m.names = append(m.names, n)
		marker, ok := keyClasses[n]
		if !ok {
			marker = markerSecret
		}
		m.markers = append(m.markers, marker)
	}
	return m
}

func normalizeKey(key string) string {
	var b strings.Builder
	for _, r := range key {
		if r != '-' && r != '_' && !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return strings.ToLower(b.String())
}

// markerFor returns the marker for a sensitive key, or "" when it is not sensitive.
func (m *keyMatcher) markerFor(key string, suffixOnly bool) string {
	component := key[strings.LastIndexByte(key, '.')+1:]
	if component == "" || len(m.names) == 0 {
		return ""
	}
	normalized := make([]rune, 0, len(component))
	// wordStart[i]: normalized[i] begins a word; wordStart[len] is the end of the last word.
	wordStart := make([]bool, 0, len(component)+1)
	boundary := true
	var previous rune
	for _, c := range component {
		if c == '-' || c == '_' || c == ' ' {
			boundary = true
			continue
		}
		if len(normalized) > 0 &&
			(unicode.IsUpper(c) && unicode.IsLower(previous) || unicode.IsDigit(c) != unicode.IsDigit(previous)) {
			boundary = true // camelCase and letter/digit changes start a new word
		}
		wordStart = append(wordStart, boundary)
		normalized = append(normalized, unicode.ToLower(c))
		boundary = false
		previous = c
	}
	wordStart = append(wordStart, true)
	best, bestLength := "", 0
	for k, name := range m.names {
		nameRunes := []rune(name)
		if len(nameRunes) > bestLength && matchesName(normalized, wordStart, nameRunes, suffixOnly) {
			best, bestLength = m.markers[k], len(nameRunes)
		}
	}
	return best
}

func matchesName(component []rune, wordStart []bool, name []rune, suffixOnly bool) bool {
	if suffixOnly {
		// In text the name may sit anywhere, but only words that name the value itself may
		// follow it (aws_secret_access_key, session_id, password_hash): text is full of
		// token_count=42, card_type=VISA and session_timeout=30m that hide nothing.
		for at := 0; at+len(name) <= len(component); at++ {
			if !runesEqual(component[at:at+len(name)], name) {
				continue
			}
			end := at + len(name)
			aligned := wordStart[end] && (len(name) >= minSubstringLength || wordStart[at])
			if aligned && onlyValueWordsFrom(component, wordStart, end) {
				return true
			}
		}
		return false
	}
	for at := 0; at+len(name) <= len(component); at++ {
		if !runesEqual(component[at:at+len(name)], name) {
			continue
		}
		if len(name) >= minSubstringLength || (wordStart[at] && wordStart[at+len(name)]) {
			return true
		}
	}
	return false
}

// valueWords may follow a sensitive name in a text key and still name the secret value itself.
var valueWords = map[string]bool{
	"key": true, "value": true, "access": true, "id": true, "hash": true, "str": true, "string": true,
	"text": true, "data": true, "b64": true, "base64": true, "raw": true, "plain": true, "enc": true,
	"encoded": true, "hex": true, "num": true, "no": true, "number": true,
}

func onlyValueWordsFrom(component []rune, wordStart []bool, from int) bool {
	for start := from; start < len(component); {
		end := start + 1
		for !wordStart[end] {
			end++
		}
		if !valueWords[string(component[start:end])] {
			return false
		}
		start = end
	}
	return true
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// keyAction is what happens to a value, decided once per key and cached.
type keyAction uint8

const (
	actionScan    keyAction = iota // run the detectors over the value
	actionAllow                    // allow-listed: never altered
	actionIfID                     // owned key: kept while the value is id-shaped, scanned otherwise
	actionReplace                  // sensitive key: the whole value becomes the marker
)

type keyDecision struct {
	action keyAction
	marker string
}

const maxCachedKeys = 10_000

// keyPolicy caches decisions per attribute key; keys repeat from span to span. The cache is
// bounded because keys may be built from user input.
type keyPolicy struct {
	matcher   *keyMatcher
	allowed   map[string]bool
	wildcards []*regexp.Regexp
	cache     sync.Map // string -> keyDecision
	cached    atomic.Int32
}

func newKeyPolicy(matcher *keyMatcher, allowedKeys []string) *keyPolicy {
	p := &keyPolicy{matcher: matcher, allowed: map[string]bool{}}
	for _, key := range allowedKeys {
		if strings.Contains(key, "*") {
			parts := strings.Split(key, "*")
			for i := range parts {
				parts[i] = regexp.QuoteMeta(parts[i])
			}
			p.wildcards = append(p.wildcards, regexp.MustCompile("^"+strings.Join(parts, ".*")+"$"))
		} else {
			p.allowed[key] = true
		}
	}
	return p
}

func (p *keyPolicy) decide(key string) keyDecision {
	if d, ok := p.cache.Load(key); ok {
		return d.(keyDecision)
	}
	d := p.compute(key)
	if p.cached.Load() < maxCachedKeys {
		if _, loaded := p.cache.LoadOrStore(key, d); !loaded {
			p.cached.Add(1)
		}
	}
	return d
}

func (p *keyPolicy) compute(key string) keyDecision {
	if p.allowed[key] {
		return keyDecision{action: actionAllow}
	}
	for _, w := range p.wildcards {
		if w.MatchString(key) {
			return keyDecision{action: actionAllow}
		}
	}
	if ownedKeys[key] {
		return keyDecision{action: actionIfID}
	}
	if marker := p.matcher.markerFor(key, false); marker != "" {
		return keyDecision{action: actionReplace, marker: marker}
	}
	return keyDecision{action: actionScan}
}

// isID reports whether a value of an owned key has the agent's id shape: [A-Za-z0-9._:-]{1,64}.
func isID(value string) bool {
	if value == "" || len(value) > 64 {
		return false
	}
	for i := 0; i < len(value); i++ {
		c := value[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == ':' || c == '-') {
			return false
		}
	}
	return true
}
