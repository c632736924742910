package scrubprocessor

import (
	"context"
	"strings"
	"testing"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor/internal/metadata"
)

func defaultScrubber(t testing.TB) *scrubber {
	t.Helper()
	s, err := newScrubber(&Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Attribute decisions, one row per rule: key first, then the value's shape.
func TestAttributeValues(t *testing.T) {
	cases := []struct {
		name  string
		key   string
		value any
		want  any
	}{
		{"clean value stays", "http.route", "/crm/orders/{id}/approve", "/crm/orders/{id}/approve"},
		{"e-mail in free text", "app.note", "write to ivan@mail.ru today", "write to [REDACTED:email] today"},
		{"query string keeps names", "url.query", "email=a%40b.ru&page=2&password=x1", "email=[REDACTED:email]&page=2&password=[REDACTED:secret]"},
		{"sensitive header, whole value", "http.request.header.authorization", "Bearer abc", "[REDACTED:token]"},
		{"cookie header", "http.request.header.cookie", "JSESSIONID=1; theme=dark", "[REDACTED:secret]"},
		{"set-cookie header", "http.response.header.set-cookie", "sid=31d4; Path=/", "[REDACTED:secret]"},
		{"x-api-key header", "http.request.header.x-api-key", "k-123", "[REDACTED:secret]"},
		{"customer_email key", "app.customer_email", "not-an-address", "[REDACTED:email]"},
		{"sensitive key, int value", "payment.card_number", int64(4111111111111111), "[REDACTED:card]"},
		{"short names need whole words: span.kind", "span.kind", "server", "server"},
		{"short names need whole words: company", "company", "Acme", "Acme"},
		{"discard.count is not a card", "discard.count", int64(3), int64(3)},
		{"owned id that looks like a phone", "order.id", "89123456789", "89123456789"},
		{"owned key with foreign e-mail is scrubbed", "user.id", "ivan@mail.ru", "[REDACTED:email]"},
		{"trace_id stays", "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "4bf92f3577b34da6a3ce929d0e0e4736"},
		{"numbers under plain keys stay", "http.response.status_code", int64(200), int64(200)},
		{"phone elsewhere", "app.contact", "+7 912 345 67 89", "[REDACTED:phone]"},
	}
	s := defaultScrubber(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := pcommon.NewMap()
			if err := m.FromRaw(map[string]any{c.key: c.value}); err != nil {
				t.Fatal(err)
			}
			s.scrubMap(m)
			got, _ := m.Get(c.key)
			if got.AsRaw() != c.want {
				t.Errorf("%s=%v: got %v, want %v", c.key, c.value, got.AsRaw(), c.want)
			}
		})
	}
}

func TestNestedMapsAndSlices(t *testing.T) {
	s := defaultScrubber(t)
	m := pcommon.NewMap()
	_ = m.FromRaw(map[string]any{
		"app.payload": map[string]any{"password": "hunter2", "note": "call +7 912 345 67 89"},
		"app.list":    []any{"ivan@mail.ru", "plain", int64(5)},
	})
	s.scrubMap(m)
	payload, _ := m.Get("app.payload")
	if got := payload.Map().AsRaw(); got["password"] != "[REDACTED:secret]" || got["note"] != "call [REDACTED:phone]" {
		t.Errorf("nested map: %v", got)
	}
	list, _ := m.Get("app.list")
	if got := list.Slice().AsRaw(); got[0] != "[REDACTED:email]" || got[1] != "plain" || got[2] != int64(5) {
		t.Errorf("slice: %v", got)
	}
}

func TestAllowedKeysWinOverSensitiveKeys(t *testing.T) {
	s, err := newScrubber(&Config{AllowedKeys: []string{"app.public.*", "app.session"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := pcommon.NewMap()
	m.PutStr("app.public.email", "ivan@mail.ru")
	m.PutStr("app.session", "abc")
	m.PutStr("app.private.email", "x")
	s.scrubMap(m)
	want := map[string]any{"app.public.email": "ivan@mail.ru", "app.session": "abc", "app.private.email": "[REDACTED:email]"}
	for k, v := range want {
		if got, _ := m.Get(k); got.AsRaw() != v {
			t.Errorf("%s: got %v, want %v", k, got.AsRaw(), v)
		}
	}
}

func TestSensitiveKeysReplaceOrExtendTheDefaults(t *testing.T) {
	replaced, _ := newScrubber(&Config{SensitiveKeys: []string{"inn"}}, nil)
	extended, _ := newScrubber(&Config{AdditionalSensitiveKeys: []string{"inn"}}, nil)
	for _, c := range []struct {
		s        *scrubber
		key      string
		redacted bool
	}{
		{replaced, "tax.inn", true}, {replaced, "app.password", false},
		{extended, "tax.inn", true}, {extended, "app.password", true},
	} {
		m := pcommon.NewMap()
		m.PutStr(c.key, "v")
		c.s.scrubMap(m)
		got, _ := m.Get(c.key)
		if (got.Str() != "v") != c.redacted {
			t.Errorf("%s: got %q, redacted want %v", c.key, got.Str(), c.redacted)
		}
	}
}

// Given a span with PII in every place the agent scrubs, every place comes out clean.
func TestEverySpanFieldIsScrubbed(t *testing.T) {
	td := ptrace.NewTraces()
	rs := td.ResourceSpans().AppendEmpty()
	rs.Resource().Attributes().PutStr("host.owner", "ivan@mail.ru")
	ss := rs.ScopeSpans().AppendEmpty()
	ss.Scope().Attributes().PutStr("scope.note", "ivan@mail.ru")
	span := ss.Spans().AppendEmpty()
	span.SetName("GET /users/ivan@mail.ru")
	span.Status().SetMessage("card 4111 1111 1111 1111 refused")
	span.Attributes().PutStr("order.id", "100042")
	ev := span.Events().AppendEmpty()
	ev.SetName("sent to +7 912 345 67 89")
	ev.Attributes().PutStr("exception.message", "token: 5f4dcc3b5aa765d61d8327deb882cf99")
	span.Links().AppendEmpty().Attributes().PutStr("note", "ivan@mail.ru")

	sink := new(consumertest.TracesSink)
	p, err := NewFactory().CreateTraces(context.Background(), processortest.NewNopSettings(metadata.Type), &Config{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.ConsumeTraces(context.Background(), td); err != nil {
		t.Fatal(err)
	}
	out := sink.AllTraces()[0].ResourceSpans().At(0)
	got := out.ScopeSpans().At(0).Spans().At(0)
	checks := map[string]string{
		"resource":   str(out.Resource().Attributes(), "host.owner"),
		"scope":      str(out.ScopeSpans().At(0).Scope().Attributes(), "scope.note"),
		"name":       got.Name(),
		"status":     got.Status().Message(),
		"event name": got.Events().At(0).Name(),
		"event attr": str(got.Events().At(0).Attributes(), "exception.message"),
		"link attr":  str(got.Links().At(0).Attributes(), "note"),
	}
	want := map[string]string{
		"resource":   "[REDACTED:email]",
		"scope":      "[REDACTED:email]",
		"name":       "GET /users/[REDACTED:email]",
		"status":     "card [REDACTED:card] refused",
		"event name": "sent to [REDACTED:phone]",
		"event attr": "token: [REDACTED:token]",
		"link attr":  "[REDACTED:email]",
	}
	for k, v := range want {
		if checks[k] != v {
			t.Errorf("%s: got %q, want %q", k, checks[k], v)
		}
	}
	if id := str(got.Attributes(), "order.id"); id != "100042" {
		t.Errorf("order.id changed to %q", id)
	}
}

func str(m pcommon.Map, key string) string {
	v, _ := m.Get(key)
	return v.AsString()
}

func TestLogsBodyAndAttributes(t *testing.T) {
	ld := plog.NewLogs()
	rec := ld.ResourceLogs().AppendEmpty().ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	rec.Body().SetStr("login for ivan@mail.ru with password=hunter22")
	rec.Attributes().PutStr("user.phone", "+79123456789")
	sink := new(consumertest.LogsSink)
	p, err := NewFactory().CreateLogs(context.Background(), processortest.NewNopSettings(metadata.Type), &Config{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.ConsumeLogs(context.Background(), ld); err != nil {
		t.Fatal(err)
	}
	got := sink.AllLogs()[0].ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
	if b := got.Body().Str(); b != "login for [REDACTED:email] with password=[REDACTED:secret]" {
		t.Errorf("body: %q", b)
	}
	if v := str(got.Attributes(), "user.phone"); v != "[REDACTED:phone]" {
		t.Errorf("attribute: %q", v)
	}
}

func TestMetricDataPointAttributes(t *testing.T) {
	md := pmetric.NewMetrics()
	m := md.ResourceMetrics().AppendEmpty().ScopeMetrics().AppendEmpty().Metrics().AppendEmpty()
	m.SetName("requests")
	dp := m.SetEmptySum().DataPoints().AppendEmpty()
	dp.Attributes().PutStr("http.route", "/orders/{id}")
	dp.Attributes().PutStr("customer", "ivan@mail.ru")
	sink := new(consumertest.MetricsSink)
	p, err := NewFactory().CreateMetrics(context.Background(), processortest.NewNopSettings(metadata.Type), &Config{}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.ConsumeMetrics(context.Background(), md); err != nil {
		t.Fatal(err)
	}
	attrs := sink.AllMetrics()[0].ResourceMetrics().At(0).ScopeMetrics().At(0).Metrics().At(0).Sum().DataPoints().At(0).Attributes()
	if v := str(attrs, "customer"); v != "[REDACTED:email]" {
		t.Errorf("customer: %q", v)
	}
	if v := str(attrs, "http.route"); v != "/orders/{id}" {
		t.Errorf("route: %q", v)
	}
}

func TestLifecycle(t *testing.T) {
	p, err := NewFactory().CreateTraces(context.Background(), processortest.NewNopSettings(metadata.Type), &Config{}, consumertest.NewNop())
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	if !p.Capabilities().MutatesData {
		t.Error("the processor changes data in place and must say so")
	}
	if err := p.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// A clean span is not touched: same strings, nothing rewritten.
func TestCleanSpansAreLeftAsTheyAre(t *testing.T) {
	td := traces(10, 0)
	want := traces(10, 0)
	s := defaultScrubber(t)
	if _, err := s.processTraces(context.Background(), td); err != nil {
		t.Fatal(err)
	}
	if !td.ResourceSpans().At(0).ScopeSpans().At(0).Spans().At(3).Attributes().Equal(
		want.ResourceSpans().At(0).ScopeSpans().At(0).Spans().At(3).Attributes()) {
		t.Error("a clean span changed")
	}
}

// The span e2e's GatewayPipelineIT sends straight to the collector (a client without the
// agent): every PII sample goes, the ids and the look-alikes stay.
func TestForeignClientSpanOfTheGatewayPipelineIT(t *testing.T) {
	m := pcommon.NewMap()
	_ = m.FromRaw(map[string]any{
		"order.id":                          "89161234567",
		"user.id":                           "u-3003",
		"caller.service.name":               "shop-api",
		"order.stage":                       "created",
		"customer.note":                     "write to ivan.petrov@mail.ru or ivan.petrov%40mail.ru",
		"customer.contact":                  "call +7 (916) 555-12-34, 8 916 555 12 34, 89165551234, +79165551234 or +44 20 7946 0958",
		"payment.details":                   "paid by 4111 1111 1111 1111, refund to 5500-0000-0000-0004",
		"url.full":                          "https://shop.example/login?user=a&password=hunter2&page=2",
		"http.request.header.authorization": "Bearer abcdef123456tok",
		"http.request.header.cookie":        "JSESSIONID=s3cr3t",
		"app.debug":                         "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl key sk_live_abcdefghij0123 passport 45 06 123456",
		"app.customer_password":             "Tverskaya-13-secret",
		"url.path":                          "/api/orders/4242",
		"timestamp.text":                    "2025-01-01T10:00:00Z 1700000000000 v1.2.3 10.1.2.3",
	})
	defaultScrubber(t).scrubMap(m)
	all := ""
	m.Range(func(k string, v pcommon.Value) bool { all += k + "=" + v.AsString() + "\n"; return true })
	for i, pii := range []string{
		"ivan.petrov@mail.ru", "ivan.petrov%40mail.ru", "+7 (916) 555-12-34", "8 916 555 12 34", "89165551234",
		"+79165551234", "+44 20 7946 0958", "4111 1111 1111 1111", "5500-0000-0000-0004", "hunter2",
		"abcdef123456tok", "eyJhbGciOiJIUzI1NiJ9", "JSESSIONID=s3cr3t", "sk_live_abcdefghij0123", "45 06 123456",
		"Tverskaya-13-secret",
	} {
		if strings.Contains(all, pii) && !strings.Contains(all, "order.id="+pii) {
			t.Errorf("PII sample #%d survived:\n%s", i, all)
		}
	}
	for k, v := range map[string]string{"order.id": "89161234567", "url.path": "/api/orders/4242",
		"timestamp.text": "2025-01-01T10:00:00Z 1700000000000 v1.2.3 10.1.2.3"} {
		if got := str(m, k); got != v {
			t.Errorf("%s changed to %q", k, got)
		}
	}
}
