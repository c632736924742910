package scrubprocessor // import "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor"

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"go.uber.org/zap"
)

// scrubber removes PII from strings. Built once from the configuration, safe for concurrent
// use, cheap on clean values: one scan decides which precompiled detectors can match at all,
// and a value without findings comes back as the same string, with no allocation.
type scrubber struct {
	detectors []detector
	keys      *keyPolicy
	logger    *zap.Logger
	failed    atomic.Bool
}

func newScrubber(cfg *Config, logger *zap.Logger) (*scrubber, error) {
	sensitive := cfg.SensitiveKeys
	if sensitive == nil {
		sensitive = defaultSensitiveKeys
	}
	sensitive = append(append([]string{}, sensitive...), cfg.AdditionalSensitiveKeys...)
	matcher := newKeyMatcher(sensitive)
	// Shape detectors before key=value, so "phone: +7 912 345 67 89" loses the whole number;
	// the most specific shapes first. Phone before passport: "+49 30 901820 12" is no passport.
	detectors := []detector{
		pemKeyDetector(),
		jwtDetector(),
		authSchemeDetector(),
		apiKeyDetector(),
		urlCredentialsDetector(), // before e-mail: "pw@db.example.com" is a password
		emailDetector(),
		ibanDetector(),            // before cards and phones: its digits are part of it
		financialIDDetector(true), // before cards: 20 account digits hold a "card"
		cardDetector(),
		snilsDetector(false),
		snilsDetector(true),
		phoneDetector(),
		passportDetector(false),
		passportDetector(true),
		financialIDDetector(false), // a bare 12-digit INN with valid control digits
		&keyValueDetector{matcher: matcher},
	}
	for _, extra := range cfg.ExtraPatterns {
		re, err := regexp.Compile(extra.Regex)
		if err != nil {
			return nil, fmt.Errorf("extra_patterns %q: %w", extra.Name, err)
		}
		detectors = append(detectors, extraPatternDetector(extra.Name, re))
	}
	if logger == nil {
		logger = zap.NewNop()
	}
	return &scrubber{detectors: detectors, keys: newKeyPolicy(matcher, cfg.AllowedKeys), logger: logger}, nil
}

// scrub returns text itself when it holds nothing to redact.
func (s *scrubber) scrub(text string) (result string) {
	if text == "" {
		return text
	}
	f := scan(text)
	if f.more&featMojibake != 0 {
		// UTF-8 read as Latin-1 (a header with "паспорт" decoded by a server as ISO-8859-1):
		// the keywords only show in the repaired text, which is then what leaves, scrubbed
		if repaired, ok := repairMojibake(text); ok {
			if scrubbed := s.scrubScanned(repaired, scan(repaired)); scrubbed != repaired {
				return scrubbed
			}
		}
	}
	if f.more&featPercent != 0 {
		// "4111%201111%201111%201111" in a path or query: the digits only group when decoded;
		// when the decoded text hides something, the decoded text is what leaves, scrubbed
		// Two readings: servers differ in what they already decoded (URI.getQuery turns %2B
		// into '+' but leaves the '+' that stood for spaces), so the second one keeps a '+'
		// unless it sits between two digits.
		for _, keepPlus := range []bool{false, true} {
			if decoded, ok := percentDecode(text, keepPlus); ok {
				if scrubbed := s.scrubScanned(decoded, scan(decoded)); scrubbed != decoded {
					return scrubbed
				}
			}
		}
	}
	return s.scrubScanned(text, f)
}

// percentDecode undoes URL encoding (%XX as UTF-8 bytes; '+' as a space where the text has a
// '=', with keepPlus only between two digits), so the detectors see what the user typed. Not ok
// when the result is not UTF-8.
func percentDecode(text string, keepPlus bool) (string, bool) {
	query := strings.IndexByte(text, '=') >= 0
	out := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '%' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]) {
			out = append(out, unhex(text[i+1])<<4|unhex(text[i+2]))
			i += 2
			continue
		}
		if c == '+' && query && (!keepPlus || i > 0 && isDigit(text[i-1]) && i+1 < len(text) && isDigit(text[i+1])) {
			c = ' '
		}
		out = append(out, c)
	}
	if !utf8.Valid(out) {
		return "", false
	}
	return string(out), true
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func (s *scrubber) scrubScanned(text string, f features) (result string) {
	result = text
	var current detector
	defer func() {
		if r := recover(); r != nil {
			// Half-scrubbed text could still hold the value: give none of it away.
			s.reportFailure(current, r)
			result = markerError
		}
	}()
	for _, d := range s.detectors {
		if !d.appliesTo(f) {
			continue
		}
		current = d
		result = d.redact(result)
	}
	return result
}

// reportFailure logs a detector failure once, without the value: it may be the very data.
func (s *scrubber) reportFailure(d detector, r any) {
	if s.failed.CompareAndSwap(false, true) {
		name := "?"
		if d != nil {
			name = d.name()
		}
		s.logger.Warn("PII detector failed; the value was replaced by "+markerError+
			". Further failures are not logged.",
			zap.String("detector", name), zap.String("panic", fmt.Sprintf("%T", r)))
	}
}

// repairMojibake undoes UTF-8 that was decoded as Latin-1: every character must be one byte
// (<= U+00FF) and the bytes must be valid UTF-8.
func repairMojibake(text string) (string, bool) {
	b := make([]byte, 0, len(text))
	for _, r := range text {
		if r > 0xFF {
			return "", false
		}
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}
