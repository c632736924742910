package scrubprocessor

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// go test -run '^$' -bench . -benchtime 2s
//
// The figure to read is spans/cpu-s: spans per second of this process's CPU time (user +
// system, from getrusage), which a busy shared machine distorts far less than the wall-clock
// spans/s next to it. Issue 12's goal is 50,000 spans per CPU-second for the scrub processor
// alone. docs/performance.md has figures.

func benchmarkSpans(b *testing.B, dirtyEvery int) {
	s := defaultScrubber(b)
	const batch = 100
	// Fresh copies each round: scrubbing in place would leave nothing to do after round one.
	pristine := traces(batch, dirtyEvery)
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	spans := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		td := pristine
		if dirtyEvery > 0 {
			td = traces(batch, dirtyEvery)
		}
		b.StartTimer()
		c0 := cpuTime()
		if _, err := s.processTraces(context.Background(), td); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		spans += batch
	}
	b.ReportMetric(float64(spans)/b.Elapsed().Seconds(), "spans/s")
	if cpu > 0 {
		b.ReportMetric(float64(spans)/cpu.Seconds(), "spans/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// 20 attributes of the demo's HTTP server span, nothing to scrub (the common case).
func BenchmarkTypicalSpans(b *testing.B) { benchmarkSpans(b, 0) }

// Every tenth span carries PII in its query string, a header and an exception event.
func BenchmarkTenPercentDirtySpans(b *testing.B) { benchmarkSpans(b, 10) }

// Every span carries PII.
func BenchmarkDirtySpans(b *testing.B) { benchmarkSpans(b, 1) }

func BenchmarkScrubValue(b *testing.B) {
	s := defaultScrubber(b)
	for _, c := range []struct{ name, text string }{
		{"clean-route", "/crm/orders/{id}/approve"},
		{"clean-query", "source=shop&page=2"},
		{"clean-stacktrace", "java.lang.IllegalStateException: order 100042 not found\n\tat io.shop.Orders.get(Orders.java:42)\n\tat io.shop.Api.handle(Api.java:17)"},
		{"email", "payment for ivan.petrov@mail.ru refused"},
		{"card-and-email", "payment for ivan.petrov@mail.ru with card 4111 1111 1111 1111 refused"},
		{"query-with-pii", "email=ivan.petrov%40mail.ru&phone=%2B79123456789&page=2"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_ = s.scrub(c.text)
			}
		})
	}
}
