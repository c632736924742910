#!/usr/bin/env python3
"""Writes grafana/dashboards/**/*.json (committed). Edit here, run, commit both:

    python3 grafana/generate-dashboards.py

Why a generator: three dashboards share datasources, metric names and label filters; one
place keeps them consistent (panel ids unique, datasource uids the provisioned ones).
Metric names: collector-config/otelcol.yaml (span_metrics namespace traces.span.metrics,
service_graph), docs/pipeline.md.
"""
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
JAEGER = {"type": "jaeger", "uid": "ordertrace-jaeger"}
PROM = {"type": "prometheus", "uid": "ordertrace-prometheus"}

CALLS = "traces_span_metrics_calls_total"
DUR = "traces_span_metrics_duration_seconds_bucket"
ERR = 'status_code="STATUS_CODE_ERROR"'
# requests: the spans a service SERVES (HTTP server spans, RabbitMQ consumer spans)
SERVED = 'span_kind=~"SPAN_KIND_SERVER|SPAN_KIND_CONSUMER"'
API = 'span_kind="SPAN_KIND_SERVER"'
# the span that moves an order INTO each stage (agent-extension README, ordertrace.stage.rules);
# "created" is set on shop-api's POST /api/orders and again on crm-api's POST /crm/orders: count it once
STAGE_ENTRY = ('{order_stage!="",order_stage!="created",%s,status_code!="STATUS_CODE_ERROR"}' % SERVED)
CREATED = '{order_stage="created",service_name="shop-api",%s,status_code!="STATUS_CODE_ERROR"}' % API
CONSUMER = 'span_kind="SPAN_KIND_CONSUMER",service_name="mes-api"'


class Dash:
    def __init__(self, uid, title, tags, description):
        self.d = {
            "uid": uid, "title": title, "tags": tags, "description": description,
            "editable": False, "schemaVersion": 39, "version": 1, "timezone": "browser",
            "refresh": "30s", "time": {"from": "now-6h", "to": "now"},
            "templating": {"list": []}, "annotations": {"list": []}, "links": [], "panels": [],
        }
        self.next_id = 1
        self.y = 0

    def var(self, v):
        self.d["templating"]["list"].append(v)

    def panel(self, kind, title, targets, w=12, h=8, ds=PROM, desc="", **extra):
        p = {"id": self.next_id, "type": kind, "title": title, "description": desc, "datasource": ds,
             "gridPos": {"x": 0, "y": 0, "w": w, "h": h}, "targets": targets}
        p.update(extra)
        self.next_id += 1
        self.d["panels"].append(p)
        return p

    def row(self, title):
        p = {"id": self.next_id, "type": "row", "title": title, "collapsed": False, "panels": [],
             "gridPos": {"x": 0, "y": 0, "w": 24, "h": 1}}
        self.next_id += 1
        self.d["panels"].append(p)

    def layout(self):
        x, y, rowh = 0, 0, 0
        for p in self.d["panels"]:
            g = p["gridPos"]
            if p["type"] == "row" or x + g["w"] > 24:
                x, y = 0, y + rowh
                rowh = 0
            g["x"], g["y"] = x, y
            if p["type"] == "row":
                y += 1
                continue
            x += g["w"]
            rowh = max(rowh, g["h"])
        return self.d


def prom(expr, legend="", ref="A", instant=False, fmt="time_series"):
    t = {"refId": ref, "datasource": PROM, "expr": expr, "legendFormat": legend, "format": fmt}
    if instant:
        t.update({"instant": True, "range": False})
    else:
        t.update({"range": True, "instant": False})
    return t


def ts_opts(unit="short"):
    return {"fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "options": {"legend": {"displayMode": "table", "placement": "right", "calcs": ["mean", "max"]},
                        "tooltip": {"mode": "multi"}}}


def stat_opts(unit="short", thresholds=None):
    steps = thresholds or [{"color": "green", "value": None}]
    return {"fieldConfig": {"defaults": {"unit": unit, "thresholds": {"mode": "absolute", "steps": steps}},
                            "overrides": []},
            "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "colorMode": "value", "graphMode": "area"}}


# ------------------------------------------------------------------ Order lookup (U1, support)
# Stages of the order flow (agent-extension README, ordertrace.stage.rules): a step that succeeded
# carries order.stage=<stage>, a step that failed carries order.stage.failed=<stage> instead.
STAGES = ["created", "approved", "in_production", "shipped"]


def jaeger_search(tags, ref="A", limit=100):
    """A Jaeger datasource search WITHOUT a service: the gateway fans it out over all services.

    Grafana's Jaeger datasource refuses a search whose service is empty before sending anything
    ("You must select a service."), but checks the raw query: the service is the hidden constant
    ${any_service}, whose value is empty, so the request Grafana sends carries no service at all.
    """
    return {"refId": ref, "datasource": JAEGER, "queryType": "search", "service": "${any_service}",
            "tags": tags, "limit": limit}


def order_lookup():
    d = Dash("ordertrace-order-lookup", "Order lookup", ["ordertrace", "support"],
             "U1: every trace of one order by its id, without choosing a service. Type the order id; "
             "click a trace id to open its waterfall below. Queries go through the trace access "
             "gateway (audited).")
    d.d["time"] = {"from": "now-30d", "to": "now"}
    d.d["refresh"] = ""
    d.var({"type": "textbox", "name": "order_id", "label": "Order id", "query": "", "current": {"text": "", "value": ""},
           "description": "The order id as the customer/CRM knows it (X-Order-Id)."})
    # set by the trace id links below, never typed: hidden
    d.var({"type": "textbox", "name": "trace_id", "label": "Trace id", "query": "", "hide": 2,
           "current": {"text": "", "value": ""},
           "description": "Set by clicking a trace id in one of the tables."})
    d.var({"type": "constant", "name": "any_service", "label": "", "query": "", "hide": 2,
           "current": {"text": "", "value": ""},
           "description": "Empty on purpose: the searches name no service, the gateway searches all of them."})
    link = ("/d/ordertrace-order-lookup/order-lookup?${__url_time_range}&var-order_id=${order_id}"
            "&var-trace_id=${__value.raw}")
    links = {"defaults": {}, "overrides": [
        {"matcher": {"id": "byName", "options": name},
         "properties": [{"id": "links", "value": [{"title": "Open the waterfall", "url": link}]}]}
        for name in ("Trace ID", "traceID")]}
    order = "order.id=${order_id:json}"
    d.row("Traces of the order")
    d.panel("table", "Traces of the order", [jaeger_search(order)], w=24, h=9, ds=JAEGER,
            desc="Every trace carrying this order id, in every service. Click a trace id: its waterfall opens below.",
            fieldConfig=links, options={"showHeader": True, "sortBy": [{"displayName": "Start time", "desc": True}]})
    # one table per stage: the traces whose step reached it, then those whose step towards it failed
    for row, title, tag, desc in (
            ("Stages reached (the step succeeded)", "Reached", "order.stage",
             "The trace(s) whose step moved the order into '%s' successfully (order.stage=%s), "
             "with their start time. Empty: the order never got there."),
            ("Failed steps (where the order broke)", "Failed", "order.stage.failed",
             "The trace(s) in which the step towards '%s' failed (order.stage.failed=%s). Open one: "
             "the failed span shows the service, the exception type and the redacted message.")):
        d.row(row)
        for stage in STAGES:
            d.panel("table", "%s: %s" % (title, stage), [jaeger_search("%s %s=%s" % (order, tag, stage), limit=20)],
                    w=6, h=6, ds=JAEGER, fieldConfig=links, options={"showHeader": True}, desc=desc % (stage, stage))
    d.row("Waterfall")
    d.panel("traces", "Trace waterfall", [{"refId": "A", "datasource": JAEGER, "query": "${trace_id}"}],
            w=24, h=16, ds=JAEGER, desc="The trace whose id was clicked above (empty until then).")
    return d.layout()


# ------------------------------------------------------------------ Order flow health (U2-U4)
def order_flow_health():
    d = Dash("ordertrace-order-flow-health", "Order flow health", ["ordertrace", "engineering"],
             "Orders per stage, stage transitions, errors per service and route, RabbitMQ hop, and the "
             "U4 key indicators. RED metrics of ALL spans (before sampling) from the collector.")
    r = "[$__rate_interval]"
    d.row("Key indicators (U4)")
    d.panel("stat", "API success rate",
            [prom('sum(rate(%s{%s,status_code!="STATUS_CODE_ERROR"}%s)) / sum(rate(%s{%s}%s))'
                  % (CALLS, API, r, CALLS, API, r), "success")],
            w=4, h=5, desc="Share of HTTP server requests of all services that did not end in error.",
            **stat_opts("percentunit", [{"color": "red", "value": None}, {"color": "orange", "value": 0.95},
                                        {"color": "green", "value": 0.99}]))
    d.panel("stat", "Errors per 1000 requests",
            [prom('1000 * sum(increase(%s{%s,%s}[$__range])) / sum(increase(%s{%s}[$__range]))'
                  % (CALLS, SERVED, ERR, CALLS, SERVED), "errors/1000", instant=True)],
            w=4, h=5, desc="Failed requests (HTTP server and RabbitMQ consumer spans) per 1000, over the time range.",
            **stat_opts("short", [{"color": "green", "value": None}, {"color": "orange", "value": 5},
                                  {"color": "red", "value": 20}]))
    d.panel("stat", "Order step processing time (p95)",
            [prom('histogram_quantile(0.95, sum by (le) (rate(%s{order_stage!="",%s}%s)))' % (DUR, SERVED, r), "p95")],
            w=4, h=5, desc="p95 duration of the requests/messages that move an order to its next stage. "
                           "End-to-end order time (created -> shipped, days) is per order: see Order lookup.",
            **stat_opts("s"))
    d.panel("stat", "Queue processing time (p95)",
            [prom('histogram_quantile(0.95, sum by (le) (rate(%s{%s}%s)))' % (DUR, CONSUMER, r), "p95")],
            w=4, h=5, desc="p95 of MES processing one RabbitMQ order message (consumer span).",
            **stat_opts("s"))
    d.panel("stat", "Unfinished orders (created - shipped)",
            [prom('sum(increase(%s%s[$__range])) - sum(increase(%s{order_stage="shipped",%s,status_code!="STATUS_CODE_ERROR"}[$__range]))'
                  % (CALLS, CREATED, CALLS, SERVED), "unfinished", instant=True)],
            w=4, h=5, desc="Orders created in the time range minus orders shipped in it. Long-lived orders "
                           "(weeks) make this an indicator, not a count: Order lookup tells per order.",
            **stat_opts("short"))
    d.panel("stat", "Lost after approval (approved - in production)",
            [prom('sum(increase(%s{order_stage="approved",%s,status_code!="STATUS_CODE_ERROR"}[$__range])) '
                  '- sum(increase(%s{order_stage="in_production",%s,status_code!="STATUS_CODE_ERROR"}[$__range]))'
                  % (CALLS, API, CALLS, CONSUMER), "lost", instant=True)],
            w=4, h=5, desc="Orders approved but never taken into production by MES (message lost, nacked, "
                           "dead-lettered) in the time range.",
            **stat_opts("short", [{"color": "green", "value": None}, {"color": "red", "value": 1}]))
    d.row("Orders per stage")
    d.panel("timeseries", "Orders entering each stage (per minute)",
            [prom('60 * sum by (order_stage) (rate(%s%s%s))' % (CALLS, STAGE_ENTRY, r), "{{order_stage}}", "A"),
             prom('60 * sum by (order_stage) (rate(%s%s%s))' % (CALLS, CREATED, r), "{{order_stage}}", "B")],
            w=12, h=8, desc="Successful stage transitions per minute: created (shop-api), approved (crm-api), "
                            "in_production (mes-api consumer), shipped (mes-api).", **ts_opts("short"))
    d.panel("bargauge", "Orders per stage (time range)",
            [prom('sum by (order_stage) (increase(%s%s[$__range]))' % (CALLS, STAGE_ENTRY), "{{order_stage}}", "A", instant=True),
             prom('sum by (order_stage) (increase(%s%s[$__range]))' % (CALLS, CREATED), "{{order_stage}}", "B", instant=True)],
            w=12, h=8, desc="How many orders reached each stage in the time range; a drop from one stage "
                            "to the next is orders stuck in between.",
            fieldConfig={"defaults": {"unit": "short"}, "overrides": []},
            options={"orientation": "horizontal", "displayMode": "gradient",
                     "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}})
    d.panel("timeseries", "Stage transition latency p95 (by stage)",
            [prom('histogram_quantile(0.95, sum by (le, order_stage) (rate(%s{order_stage!="",%s}%s)))' % (DUR, SERVED, r),
                  "{{order_stage}}")],
            w=12, h=8, desc="p95 of the span that moves an order into each stage.", **ts_opts("s"))
    d.panel("timeseries", "Stage-to-stage hop latency p95 (service graph)",
            [prom('histogram_quantile(0.95, sum by (le, client, server) (rate(traces_service_graph_request_server_seconds_bucket%s)))' % r,
                  "{{client}} -> {{server}}")],
            w=12, h=8, desc="p95 of each service-to-service hop as seen by the called side (shop-api -> crm-api, "
                            "crm-api -> mes-api over RabbitMQ, mes-api -> calculation-service ...).",
            **ts_opts("s"))
    d.row("Errors")
    d.panel("timeseries", "Error rate per service and route",
            [prom('sum by (service_name, http_route) (rate(%s{%s,%s}%s)) / sum by (service_name, http_route) (rate(%s{%s}%s))'
                  % (CALLS, SERVED, ERR, r, CALLS, SERVED, r), "{{service_name}} {{http_route}}")],
            w=12, h=8, desc="Share of failed requests per service and route (consumer spans have no route).",
            **ts_opts("percentunit"))
    d.panel("timeseries", "Failed calls between services",
            [prom('sum by (client, server) (rate(traces_service_graph_request_failed_total%s))' % r, "{{client}} -> {{server}}")],
            w=12, h=8, desc="Failed service-to-service requests per second (service graph).", **ts_opts("reqps"))
    d.row("RabbitMQ: CRM -> orders exchange -> MES")
    d.panel("timeseries", "Publish to process latency (p50/p95)",
            [prom('histogram_quantile(0.95, sum by (le) (rate(traces_service_graph_request_server_seconds_bucket{connection_type="messaging_system"}%s)))' % r, "process p95", "A"),
             prom('histogram_quantile(0.50, sum by (le) (rate(traces_service_graph_request_server_seconds_bucket{connection_type="messaging_system"}%s)))' % r, "process p50", "B"),
             prom('histogram_quantile(0.95, sum by (le) (rate(traces_service_graph_request_client_seconds_bucket{connection_type="messaging_system"}%s)))' % r, "publish p95", "C")],
            w=12, h=8, desc="RabbitMQ edges of the service graph: 'publish' is the producer span (CRM, incl. "
                            "publisher confirm), 'process' the consumer span (MES). The wait in the queue "
                            "itself needs the collector's enable_messaging_system_latency_histogram (docs).",
            **ts_opts("s"))
    d.panel("timeseries", "Messages processed / failed (MES consumer)",
            [prom('sum by (status_code) (rate(%s{%s}%s))' % (CALLS, CONSUMER, r), "{{status_code}}")],
            w=12, h=8, desc="MES consumer spans per second by status: errors are nacks/redeliveries.",
            **ts_opts("ops"))
    d.panel("nodeGraph", "Service map", [{"refId": "A", "datasource": JAEGER, "queryType": "dependencyGraph"}],
            w=24, h=10, ds=JAEGER, desc="Which service calls which, with call counts, from the stored traces "
                                        "(Jaeger's dependency graph, through the gateway; developers only).")
    return d.layout()


# ------------------------------------------------------------------ Service RED (U2)
def service_red():
    d = Dash("ordertrace-service-red", "Service RED", ["ordertrace", "engineering"],
             "Rate, errors and duration per service and route, from span_metrics (all spans, before sampling).")
    d.var({"type": "query", "name": "service", "label": "Service", "datasource": PROM,
           "query": {"query": "label_values(%s, service_name)" % CALLS, "refId": "service"},
           "definition": "label_values(%s, service_name)" % CALLS,
           "refresh": 2, "multi": True, "includeAll": True, "allValue": ".+", "sort": 1,
           "current": {"text": "All", "value": "$__all"}})
    d.var({"type": "query", "name": "route", "label": "Route", "datasource": PROM,
           "query": {"query": 'label_values(%s{service_name=~"$service"}, http_route)' % CALLS, "refId": "route"},
           "definition": 'label_values(%s{service_name=~"$service"}, http_route)' % CALLS,
           "refresh": 2, "multi": True, "includeAll": True, "allValue": ".+", "sort": 1,
           "current": {"text": "All", "value": "$__all"}})
    r = "[$__rate_interval]"
    sel = 'service_name=~"$service",http_route=~"$route",%s' % API
    d.row("HTTP routes")
    d.panel("timeseries", "Rate (requests/s)",
            [prom('sum by (service_name, http_route) (rate(%s{%s}%s))' % (CALLS, sel, r), "{{service_name}} {{http_route}}")],
            w=8, h=8, **ts_opts("reqps"))
    d.panel("timeseries", "Errors (requests/s)",
            [prom('sum by (service_name, http_route) (rate(%s{%s,%s}%s))' % (CALLS, sel, ERR, r), "{{service_name}} {{http_route}}")],
            w=8, h=8, **ts_opts("reqps"))
    d.panel("timeseries", "Error ratio",
            [prom('sum by (service_name, http_route) (rate(%s{%s,%s}%s)) / sum by (service_name, http_route) (rate(%s{%s}%s))'
                  % (CALLS, sel, ERR, r, CALLS, sel, r), "{{service_name}} {{http_route}}")],
            w=8, h=8, **ts_opts("percentunit"))
    for q in ("0.5", "0.95", "0.99"):
        d.panel("timeseries", "Duration p%s" % str(int(float(q) * 100)),
                [prom('histogram_quantile(%s, sum by (le, service_name, http_route) (rate(%s{%s}%s)))' % (q, DUR, sel, r),
                      "{{service_name}} {{http_route}}")],
                w=8, h=8, **ts_opts("s"))
    d.panel("table", "Routes (time range)",
            [prom('sum by (service_name, http_route) (increase(%s{%s}[$__range]))' % (CALLS, sel), "", "A", True, "table"),
             prom('sum by (service_name, http_route) (increase(%s{%s,%s}[$__range]))' % (CALLS, sel, ERR), "", "B", True, "table"),
             prom('histogram_quantile(0.95, sum by (le, service_name, http_route) (rate(%s{%s}[$__range])))' % (DUR, sel), "", "C", True, "table")],
            w=24, h=8, desc="A: requests, B: errors, C: p95 seconds over the time range.",
            transformations=[{"id": "merge", "options": {}}])
    d.row("Messaging and outgoing calls")
    d.panel("timeseries", "RabbitMQ publish/consume rate by destination",
            [prom('sum by (service_name, span_kind, messaging_destination_name) (rate(%s{service_name=~"$service",span_kind=~"SPAN_KIND_PRODUCER|SPAN_KIND_CONSUMER"}%s))' % (CALLS, r),
                  "{{service_name}} {{span_kind}} {{messaging_destination_name}}")],
            w=12, h=8, **ts_opts("ops"))
    d.panel("timeseries", "Outgoing calls p95 (client spans)",
            [prom('histogram_quantile(0.95, sum by (le, service_name, span_name) (rate(%s{service_name=~"$service",span_kind="SPAN_KIND_CLIENT"}%s)))' % (DUR, r),
                  "{{service_name}} {{span_name}}")],
            w=12, h=8, desc="Calls to other services, the MES DB and third parties (payment ...).", **ts_opts("s"))
    return d.layout()


def write(path, dash):
    (HERE / "dashboards" / path).write_text(json.dumps(dash, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write("support/order-lookup.json", order_lookup())
    write("engineering/order-flow-health.json", order_flow_health())
    write("engineering/service-red.json", service_red())
