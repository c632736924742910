package scrubprocessor // import "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor"

import (
	"fmt"
	"regexp"
	"sync/atomic"

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
		jwtDetector(),
		authSchemeDetector(),
		apiKeyDetector(),
		emailDetector(),
		cardDetector(),
		snilsDetector(false),
		snilsDetector(true),
		phoneDetector(),
		passportDetector(false),
		passportDetector(true),
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
