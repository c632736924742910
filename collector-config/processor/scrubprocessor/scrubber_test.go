package scrubprocessor

import (
	"strings"
	"testing"
)

// Cases beyond the shared corpus: the Go-specific edges (RE2 without look-around, UTF-8).
func TestScrubEdges(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"adjacent cards", "4111 1111 1111 1111,5555555555554444", "[REDACTED:card],[REDACTED:card]"},
		{"card inside a longer run is not cut out", "41111111111111112222", "41111111111111112222"},
		{"card before a letter is part of a token", "4111111111111111x", "4111111111111111x"},
		{"grouped card followed by a stray group", "4111 1111 1111 1111 22x", "[REDACTED:card] 22x"},
		{"url-encoded plus before a phone: the decoded text leaves (as in the agent)", "to=%2B79123456789", "to=[REDACTED:phone]"},
		{"two phones", "+79123456789 / +7 903 111 22 33", "[REDACTED:phone] / [REDACTED:phone]"},
		{"cyrillic around a phone", "тел.89031112233, спасибо", "тел.[REDACTED:phone], спасибо"},
		{"local part over 64 characters is no e-mail (as in the agent)", strings.Repeat("a", 70) + "@mail.ru", strings.Repeat("a", 70) + "@mail.ru"},
		{"passport keyword in upper-case Cyrillic", "ПАСПОРТ: 4506 123456", "ПАСПОРТ: [REDACTED:passport]"},
		{"snils with a bad checksum stays without its keyword", "ref 112-233-445 96", "ref 112-233-445 96"},
		{"next to its keyword a bad checksum still goes (as in the agent)", "СНИЛС 112-233-445 96", "СНИЛС [REDACTED:snils]"},
		{"URL-encoded card in a path", "/pay/4111%201111%201111%201111/confirm", "/pay/[REDACTED:card]/confirm"},
		{"card with no-break spaces", "4111\u00a01111\u00a01111\u00a01111", "[REDACTED:card]"},
		{"invalid UTF-8 survives", "\xff\xfe ivan@mail.ru", "\xff\xfe [REDACTED:email]"},
		{"markers are not re-scrubbed", "password=[REDACTED:secret]", "password=[REDACTED:secret]"},
	}
	s := defaultScrubber(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := s.scrub(c.in); got != c.want {
				t.Errorf("scrub(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestFeaturesKeepCleanValuesAwayFromPatterns(t *testing.T) {
	for _, text := range []string{"POST", "/crm/orders/{id}/approve", "10.0.3.17", "Java-http-client/17.0.15", "http-nio-8081-exec-3"} {
		f := scan(text)
		for _, d := range defaultScrubber(t).detectors {
			if d.appliesTo(f) && d.name() != "key-value" {
				t.Errorf("%q reaches detector %s", text, d.name())
			}
		}
	}
}

func TestKeyMatcher(t *testing.T) {
	m := newKeyMatcher(defaultSensitiveKeys)
	cases := []struct {
		key        string
		suffixOnly bool
		want       string
	}{
		{"http.request.header.authorization", false, markerToken},
		{"app.customerEmail", false, markerEmail},
		{"telephone", false, markerPhone},
		{"span.kind", false, ""},
		{"company", false, ""},
		{"card_type", false, markerCard},
		{"db_password", true, markerSecret},
		{"GITHUB_TOKEN", true, markerToken},
		{"token_type", true, ""},
		{"email_verified", true, ""},
	}
	for _, c := range cases {
		if got := m.markerFor(c.key, c.suffixOnly); got != c.want {
			t.Errorf("markerFor(%q, %v) = %q, want %q", c.key, c.suffixOnly, got, c.want)
		}
	}
}

// A header value with "паспорт" that a server decoded as ISO-8859-1: the keyword only shows in
// the repaired text, which is then what leaves, scrubbed.
func TestMojibakeIsRepairedBeforeScanning(t *testing.T) {
	latin1 := func(s string) string {
		var r []rune
		for _, b := range []byte(s) {
			r = append(r, rune(b))
		}
		return string(r)
	}
	in := latin1("паспорт 4506 123456")
	if got := defaultScrubber(t).scrub(in); got != "паспорт [REDACTED:passport]" {
		t.Errorf("scrub(%q) = %q", in, got)
	}
	clean := latin1("Ð¿ just text")
	if got := defaultScrubber(t).scrub(clean); got != clean {
		t.Errorf("a value without findings must stay as it came: %q", got)
	}
}
