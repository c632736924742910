// Command loadgen offers OTLP/HTTP (protobuf) trace load to a collector at a fixed rate or as
// fast as it takes it, for collector-config/bench/run.sh. Spans look like the demo's HTTP server
// spans (20 attributes, the same as the scrub processor's benchmark); every -pii-every-th span
// also carries PII, the way a client without the agent would send it. Every request has fresh
// trace ids, so tail sampling sees distinct traces.
//
// It prints one line of key=value counts at the end: requests and spans sent, accepted (HTTP
// 200), refused (HTTP 429/503, the collector's back-pressure) and failed (anything else).
package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"go.opentelemetry.io/collector/pdata/ptrace/ptraceotlp"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:4318/v1/traces", "OTLP/HTTP traces endpoint (loopback)")
	rate := flag.Int("rate", 1000, "spans per second offered; 0 = saturation (as fast as accepted)")
	duration := flag.Duration("duration", 20*time.Second, "how long to send")
	batch := flag.Int("batch", 50, "spans per request")
	workers := flag.Int("workers", 4, "concurrent requests")
	piiEvery := flag.Int("pii-every", 10, "every n-th span carries PII (0 = none)")
	bodies := flag.Int("bodies", 400, "distinct pre-built requests to cycle through")
	flag.Parse()
	if *batch < 1 || *workers < 1 || *rate < 0 || *duration <= 0 || *bodies < 1 || *piiEvery < 0 {
		fmt.Fprintln(os.Stderr, "loadgen: -batch, -workers, -bodies must be >= 1, -rate and -pii-every >= 0, -duration > 0")
		os.Exit(2)
	}

	// Pre-built requests: marshalling is the sender's cost, not the collector's.
	payloads := make([][]byte, *bodies)
	seq := 0
	for i := range payloads {
		td := traces(*batch, *piiEvery, &seq)
		body, err := ptraceotlp.NewExportRequestFromTraces(td).MarshalProto()
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
		payloads[i] = body
	}

	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *workers}}
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()

	var sent, accepted, refused, failed, requests atomic.Int64
	tickets := make(chan int, *workers)
	go func() { // the pacer: one ticket per request
		defer close(tickets)
		next := 0
		if *rate == 0 {
			for ctx.Err() == nil {
				select {
				case tickets <- next % len(payloads):
					next++
				case <-ctx.Done():
				}
			}
			return
		}
		interval := time.Duration(float64(time.Second) * float64(*batch) / float64(*rate))
		start := time.Now()
		for ctx.Err() == nil {
			due := start.Add(time.Duration(next) * interval)
			if d := time.Until(due); d > 0 {
				select {
				case <-time.After(d):
				case <-ctx.Done():
					return
				}
			}
			select {
			case tickets <- next % len(payloads):
				next++
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range tickets {
				requests.Add(1)
				sent.Add(int64(*batch))
				req, _ := http.NewRequest(http.MethodPost, *url, bytes.NewReader(payloads[i]))
				req.Header.Set("Content-Type", "application/x-protobuf")
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(int64(*batch))
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				switch {
				case resp.StatusCode == http.StatusOK:
					accepted.Add(int64(*batch))
				case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
					refused.Add(int64(*batch))
				default:
					failed.Add(int64(*batch))
				}
			}
		}()
	}
	wg.Wait()
	fmt.Printf("requests=%d sent_spans=%d accepted_spans=%d refused_spans=%d failed_spans=%d\n",
		requests.Load(), sent.Load(), accepted.Load(), refused.Load(), failed.Load())
}

func traces(spans, piiEvery int, seq *int) ptrace.Traces {
	td := ptrace.NewTraces()
	rs := td.ResourceSpans().AppendEmpty()
	res := rs.Resource().Attributes()
	res.PutStr("service.name", "crm-api")
	res.PutStr("deployment.environment.name", "bench")
	res.PutStr("tenant.id", "alexandrite")
	res.PutStr("host.name", "crm-api-7d9f")
	ss := rs.ScopeSpans().AppendEmpty()
	now := time.Now()
	for i := 0; i < spans; i++ {
		*seq++
		span := ss.Spans().AppendEmpty()
		var tid [16]byte
		binary.BigEndian.PutUint64(tid[:8], rand.Uint64())
		binary.BigEndian.PutUint64(tid[8:], uint64(*seq))
		var sid [8]byte
		binary.BigEndian.PutUint64(sid[:], rand.Uint64()|1)
		span.SetTraceID(pcommon.TraceID(tid))
		span.SetSpanID(pcommon.SpanID(sid))
		span.SetName("POST /crm/orders/{id}/approve")
		span.SetKind(ptrace.SpanKindServer)
		span.SetStartTimestamp(pcommon.NewTimestampFromTime(now))
		span.SetEndTimestamp(pcommon.NewTimestampFromTime(now.Add(12 * time.Millisecond)))
		order := fmt.Sprintf("%d", 100000+*seq%50000)
		a := span.Attributes()
		a.PutStr("http.request.method", "POST")
		a.PutStr("http.route", "/crm/orders/{id}/approve")
		a.PutStr("url.path", "/crm/orders/"+order+"/approve")
		a.PutStr("url.scheme", "http")
		a.PutStr("url.query", "source=shop&page=2")
		a.PutInt("http.response.status_code", 200)
		a.PutInt("http.request.body.size", 512)
		a.PutInt("http.response.body.size", 128)
		a.PutStr("network.protocol.version", "1.1")
		a.PutStr("network.peer.address", "10.0.3.17")
		a.PutInt("network.peer.port", 51234)
		a.PutStr("server.address", "crm-api")
		a.PutInt("server.port", 8081)
		a.PutStr("client.address", "10.0.3.17")
		a.PutStr("user_agent.original", "Java-http-client/17.0.15")
		a.PutStr("thread.name", "http-nio-8081-exec-3")
		if *seq%4 != 0 { // a quarter are not order traces: tail sampling has work to do
			a.PutStr("order.id", order)
			a.PutStr("order.stage", "approved")
		}
		a.PutStr("user.id", "u-1001")
		a.PutStr("caller.service.name", "shop-api")
		if piiEvery > 0 && *seq%piiEvery == 0 {
			a.PutStr("url.query", "email=ivan.petrov%40mail.ru&phone=%2B79123456789&page=2")
			a.PutStr("http.request.header.authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")
			ev := span.Events().AppendEmpty()
			ev.SetName("exception")
			ev.Attributes().PutStr("exception.type", "java.lang.IllegalStateException")
			ev.Attributes().PutStr("exception.message", "payment for ivan.petrov@mail.ru with card 4111 1111 1111 1111 refused")
		}
	}
	return td
}
