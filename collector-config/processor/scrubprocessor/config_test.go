package scrubprocessor

import (
	"path/filepath"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/confmaptest"

	"github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor/internal/metadata"
)

func loadConfig(t *testing.T, name string) *Config {
	t.Helper()
	cm, err := confmaptest.LoadConf(filepath.Join("testdata", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := NewFactory().CreateDefaultConfig()
	sub, err := cm.Sub(component.MustNewIDWithName(metadata.Type.String(), name).String())
	if err != nil {
		t.Fatal(err)
	}
	if err := sub.Unmarshal(cfg); err != nil {
		t.Fatal(err)
	}
	return cfg.(*Config)
}

func TestDefaultConfigIsValid(t *testing.T) {
	if err := confmap.Validate(NewFactory().CreateDefaultConfig()); err != nil {
		t.Fatal(err)
	}
}

func TestCustomConfig(t *testing.T) {
	cfg := loadConfig(t, "custom")
	if err := confmap.Validate(cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.ExtraPatterns) != 1 || cfg.ExtraPatterns[0].Name != "inn" {
		t.Fatalf("extra patterns: %+v", cfg.ExtraPatterns)
	}
	s, err := newScrubber(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.scrub("ИНН 500100732259 в заявке"); got != "ИНН [REDACTED:inn] в заявке" {
		t.Errorf("extra pattern: %q", got)
	}
}

func TestBadConfigNamesEveryBadEntry(t *testing.T) {
	err := confmap.Validate(loadConfig(t, "bad"))
	if err == nil {
		t.Fatal("a bad configuration was accepted")
	}
	for _, want := range []string{`"pass word"`, `"Bad Name"`, `"empty": the regex matches the empty string`, `"broken": not a valid RE2 regex`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}
}
