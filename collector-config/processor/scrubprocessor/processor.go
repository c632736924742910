package scrubprocessor // import "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor"

import (
	"context"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// What is scrubbed, in one pass per value:
//   traces:  resource and scope attributes; span name, attributes, status message; event names
//            and attributes; link attributes
//   logs:    resource and scope attributes; body (string, or strings inside maps and slices);
//            record attributes
//   metrics: resource and scope attributes; data point attributes of every metric type
// Keys decide first (allow-listed, owned id, sensitive, or scan the value); see keyPolicy.

func (s *scrubber) processTraces(_ context.Context, td ptrace.Traces) (ptrace.Traces, error) {
	rss := td.ResourceSpans()
	for i := 0; i < rss.Len(); i++ {
		rs := rss.At(i)
		s.scrubMap(rs.Resource().Attributes())
		sss := rs.ScopeSpans()
		for j := 0; j < sss.Len(); j++ {
			ss := sss.At(j)
			s.scrubMap(ss.Scope().Attributes())
			spans := ss.Spans()
			for k := 0; k < spans.Len(); k++ {
				s.scrubSpan(spans.At(k))
			}
		}
	}
	return td, nil
}

func (s *scrubber) scrubSpan(span ptrace.Span) {
	if name := span.Name(); name != "" {
		if scrubbed := s.scrub(name); scrubbed != name {
			span.SetName(scrubbed)
		}
	}
	s.scrubMap(span.Attributes())
	status := span.Status()
	if msg := status.Message(); msg != "" {
		if scrubbed := s.scrub(msg); scrubbed != msg {
			status.SetMessage(scrubbed)
		}
	}
	events := span.Events()
	for i := 0; i < events.Len(); i++ {
		event := events.At(i)
		if name := event.Name(); name != "" {
			if scrubbed := s.scrub(name); scrubbed != name {
				event.SetName(scrubbed)
			}
		}
		s.scrubMap(event.Attributes())
	}
	links := span.Links()
	for i := 0; i < links.Len(); i++ {
		s.scrubMap(links.At(i).Attributes())
	}
}

func (s *scrubber) processLogs(_ context.Context, ld plog.Logs) (plog.Logs, error) {
	rls := ld.ResourceLogs()
	for i := 0; i < rls.Len(); i++ {
		rl := rls.At(i)
		s.scrubMap(rl.Resource().Attributes())
		sls := rl.ScopeLogs()
		for j := 0; j < sls.Len(); j++ {
			sl := sls.At(j)
			s.scrubMap(sl.Scope().Attributes())
			records := sl.LogRecords()
			for k := 0; k < records.Len(); k++ {
				record := records.At(k)
				s.scrubValue(record.Body(), keyDecision{action: actionScan})
				s.scrubMap(record.Attributes())
			}
		}
	}
	return ld, nil
}

func (s *scrubber) processMetrics(_ context.Context, md pmetric.Metrics) (pmetric.Metrics, error) {
	rms := md.ResourceMetrics()
	for i := 0; i < rms.Len(); i++ {
		rm := rms.At(i)
		s.scrubMap(rm.Resource().Attributes())
		sms := rm.ScopeMetrics()
		for j := 0; j < sms.Len(); j++ {
			sm := sms.At(j)
			s.scrubMap(sm.Scope().Attributes())
			metrics := sm.Metrics()
			for k := 0; k < metrics.Len(); k++ {
				s.scrubMetric(metrics.At(k))
			}
		}
	}
	return md, nil
}

func (s *scrubber) scrubMetric(m pmetric.Metric) {
	switch m.Type() {
	case pmetric.MetricTypeGauge:
		dps := m.Gauge().DataPoints()
		for i := 0; i < dps.Len(); i++ {
			s.scrubMap(dps.At(i).Attributes())
		}
	case pmetric.MetricTypeSum:
		dps := m.Sum().DataPoints()
		for i := 0; i < dps.Len(); i++ {
			s.scrubMap(dps.At(i).Attributes())
		}
	case pmetric.MetricTypeHistogram:
		dps := m.Histogram().DataPoints()
		for i := 0; i < dps.Len(); i++ {
			s.scrubMap(dps.At(i).Attributes())
		}
	case pmetric.MetricTypeExponentialHistogram:
		dps := m.ExponentialHistogram().DataPoints()
		for i := 0; i < dps.Len(); i++ {
			s.scrubMap(dps.At(i).Attributes())
		}
	case pmetric.MetricTypeSummary:
		dps := m.Summary().DataPoints()
		for i := 0; i < dps.Len(); i++ {
			s.scrubMap(dps.At(i).Attributes())
		}
	}
}

func (s *scrubber) scrubMap(attrs pcommon.Map) {
	if attrs.Len() == 0 {
		return
	}
	attrs.Range(func(key string, value pcommon.Value) bool {
		s.scrubValue(value, s.keys.decide(key))
		return true
	})
}

// scrubValue applies a key's decision to its value, in place.
func (s *scrubber) scrubValue(value pcommon.Value, d keyDecision) {
	switch d.action {
	case actionAllow:
		return
	case actionReplace:
		// Any type: a card number sent as an int leaks as surely as one sent as a string.
		if value.Type() == pcommon.ValueTypeStr && value.Str() == d.marker {
			return
		}
		value.SetStr(d.marker)
		return
	case actionIfID:
		if value.Type() != pcommon.ValueTypeStr || isID(value.Str()) {
			return
		}
	}
	switch value.Type() {
	case pcommon.ValueTypeStr:
		text := value.Str()
		if scrubbed := s.scrub(text); scrubbed != text {
			value.SetStr(scrubbed)
		}
	case pcommon.ValueTypeMap:
		s.scrubMap(value.Map())
	case pcommon.ValueTypeSlice:
		slice := value.Slice()
		for i := 0; i < slice.Len(); i++ {
			s.scrubValue(slice.At(i), keyDecision{action: actionScan})
		}
	}
}
