package scrubprocessor // import "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor"

import (
	"errors"
	"fmt"
	"regexp"
)

// Config of the scrub processor. The zero value scrubs with the agent's defaults.
type Config struct {
	// SensitiveKeys replaces the default list of key names whose values are always removed,
	// as attribute keys (last dot-component, '-'/'_' ignored) and as keys in key=value text.
	// Unset: the agent's default list.
	SensitiveKeys []string `mapstructure:"sensitive_keys"`
	// AdditionalSensitiveKeys extends the list (the agent's "+name" form).
	AdditionalSensitiveKeys []string `mapstructure:"additional_sensitive_keys"`
	// AllowedKeys are attribute keys never altered, exact or with '*' wildcards.
	AllowedKeys []string `mapstructure:"allowed_keys"`
	// ExtraPatterns are extra detectors; matches become [REDACTED:<name>].
	ExtraPatterns []ExtraPattern `mapstructure:"extra_patterns"`

	// prevent unkeyed literal initialization
	_ struct{}
}

// ExtraPattern is one configured detector: an RE2 regular expression. If it has a capturing
// group, only the first group is replaced (RE2 has no look-around: match the context around a
// value, capture the value).
type ExtraPattern struct {
	Name  string `mapstructure:"name"`
	Regex string `mapstructure:"regex"`
}

var (
	patternName = regexp.MustCompile(`^[a-z0-9_-]+$`)
	keyName     = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	allowedKey  = regexp.MustCompile(`^[A-Za-z0-9_.*/:-]+$`)
)

// Validate checks every entry and names the bad one: a typo must not switch scrubbing off.
func (c *Config) Validate() error {
	var errs []error
	for _, key := range append(append([]string{}, c.SensitiveKeys...), c.AdditionalSensitiveKeys...) {
		if !keyName.MatchString(key) {
			errs = append(errs, fmt.Errorf("sensitive key %q: a key name may hold only [A-Za-z0-9_.-]", key))
		}
	}
	for _, key := range c.AllowedKeys {
		if !allowedKey.MatchString(key) {
			errs = append(errs, fmt.Errorf("allowed key %q: may hold only [A-Za-z0-9_.:/-] and * wildcards", key))
		}
	}
	seen := map[string]bool{}
	for _, p := range c.ExtraPatterns {
		if !patternName.MatchString(p.Name) {
			errs = append(errs, fmt.Errorf("extra_patterns: the name %q must match [a-z0-9_-]+", p.Name))
			continue
		}
		if seen[p.Name] {
			errs = append(errs, fmt.Errorf("extra_patterns: the name %q is used twice", p.Name))
			continue
		}
		seen[p.Name] = true
		if p.Regex == "" {
			errs = append(errs, fmt.Errorf("extra_patterns %q: the regex is empty", p.Name))
			continue
		}
		re, err := regexp.Compile(p.Regex)
		if err != nil {
			errs = append(errs, fmt.Errorf("extra_patterns %q: not a valid RE2 regex: %w", p.Name, err))
			continue
		}
		if re.MatchString("") {
			errs = append(errs, fmt.Errorf("extra_patterns %q: the regex matches the empty string", p.Name))
		}
	}
	return errors.Join(errs...)
}
