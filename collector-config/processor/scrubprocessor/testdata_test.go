package scrubprocessor

import (
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// typicalAttributes is the demo's HTTP server span: the same 20 attributes as the agent's
// RedactionBenchmark, so the two cost figures compare.
func putTypicalAttributes(m pcommon.Map) {
	m.PutStr("http.request.method", "POST")
	m.PutStr("http.route", "/crm/orders/{id}/approve")
	m.PutStr("url.path", "/crm/orders/100042/approve")
	m.PutStr("url.scheme", "http")
	m.PutStr("url.query", "source=shop&page=2")
	m.PutInt("http.response.status_code", 200)
	m.PutInt("http.request.body.size", 512)
	m.PutInt("http.response.body.size", 128)
	m.PutStr("network.protocol.version", "1.1")
	m.PutStr("network.peer.address", "10.0.3.17")
	m.PutInt("network.peer.port", 51234)
	m.PutStr("server.address", "crm-api")
	m.PutInt("server.port", 8081)
	m.PutStr("client.address", "10.0.3.17")
	m.PutStr("user_agent.original", "Java-http-client/17.0.15")
	m.PutStr("thread.name", "http-nio-8081-exec-3")
	m.PutStr("order.id", "100042")
	m.PutStr("user.id", "u-1001")
	m.PutStr("caller.service.name", "shop-api")
	m.PutStr("order.stage", "approved")
}

// traces builds one resource with `spans` typical spans; every `dirtyEvery`-th span (0: none)
// also carries PII in its query string, a captured header and an exception event.
func traces(spans, dirtyEvery int) ptrace.Traces {
	td := ptrace.NewTraces()
	rs := td.ResourceSpans().AppendEmpty()
	res := rs.Resource().Attributes()
	res.PutStr("service.name", "crm-api")
	res.PutStr("deployment.environment.name", "prod")
	res.PutStr("tenant.id", "alexandrite")
	res.PutStr("host.name", "crm-api-7d9f")
	ss := rs.ScopeSpans().AppendEmpty()
	for i := 0; i < spans; i++ {
		span := ss.Spans().AppendEmpty()
		span.SetName("POST /crm/orders/{id}/approve")
		span.SetKind(ptrace.SpanKindServer)
		span.SetTraceID(pcommon.TraceID{0x4b, 0xf9, byte(i)})
		span.SetSpanID(pcommon.SpanID{0x00, 0xf0, byte(i)})
		putTypicalAttributes(span.Attributes())
		if dirtyEvery > 0 && i%dirtyEvery == 0 {
			addPii(span)
		}
	}
	return td
}

func addPii(span ptrace.Span) {
	span.Attributes().PutStr("url.query", "email=ivan.petrov%40mail.ru&phone=%2B79123456789&page=2")
	span.Attributes().PutStr("http.request.header.authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")
	ev := span.Events().AppendEmpty()
	ev.SetName("exception")
	ev.Attributes().PutStr("exception.type", "java.lang.IllegalStateException")
	ev.Attributes().PutStr("exception.message", "payment for ivan.petrov@mail.ru with card 4111 1111 1111 1111 refused")
}
