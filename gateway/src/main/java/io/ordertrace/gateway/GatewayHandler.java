/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrace.store.GatewayHeaders;
import io.ordertrace.store.JaegerQueryClient;
import io.ordertrace.store.StoreException;
import io.ordertrace.store.TraceSearch;
import io.ordertrace.store.TraceSearchResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request: authenticate the caller, read user and role, parse the query string, ask the role's
 * policy, ask Jaeger what is allowed, audit, answer; in that order. Bad input never reaches Jaeger
 * and never gets a 500.
 */
final class GatewayHandler extends Handler.Abstract {

  static final String USER_HEADER = GatewayHeaders.USER;
  static final String ROLE_HEADER = GatewayHeaders.ROLE;
  private static final int MAX_USER_LENGTH = 256;

  private final CallerAuthenticator authenticator;
  private final JaegerUpstream jaeger;
  private final AuditLog audit;
  private final GatewayConfig.Limits limits;
  private final JaegerQueryClient store;

  GatewayHandler(
      CallerAuthenticator authenticator,
      JaegerUpstream jaeger,
      AuditLog audit,
      GatewayConfig.Limits limits) {
    super(InvocationType.BLOCKING);
    this.authenticator = authenticator;
    this.jaeger = jaeger;
    this.audit = audit;
    this.limits = limits;
    this.store =
        JaegerQueryClient.builder(jaeger.base())
            .timeout(limits.upstreamTimeout())
            .maxConcurrency(8)
            .build();
  }

  /** What goes back to the caller. */
  @SuppressWarnings("ArrayRecordComponent") // written once, sent once; never compared or hashed
  record Reply(int status, String contentType, byte[] body) {
    static Reply error(int status, String message) {
      return new Reply(status, "application/json", JaegerTraces.error(message));
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    AuditEntry entry = new AuditEntry();
    Reply reply;
    try {
      reply = decideAndAsk(request, entry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply = Reply.error(503, "gateway shutting down");
      entry.reason = "interrupted";
    } catch (RuntimeException e) {
      reply = Reply.error(500, "internal gateway error");
      entry.decision = "denied";
      entry.reason = "internal error: " + e;
    }
    if ("none".equals(entry.caller)) {
      entry.unauthenticated();
    }
    entry.status = reply.status();
    request.setAttribute(AuditingErrorHandler.AUDITED, true);
    try {
      audit.write(entry);
    } catch (IOException e) {
      // fail closed: nothing is served that is not in the audit log
      System.err.println("ordertrace-gateway: cannot write the audit log: " + e.getMessage());
      reply = Reply.error(500, "audit log unavailable");
    }
    response.setStatus(reply.status());
    if (reply.contentType() != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
    return true;
  }

  private Reply decideAndAsk(Request request, AuditEntry entry) throws InterruptedException {
    entry.client = Request.getRemoteAddr(request);
    entry.method = request.getMethod();
    entry.path = request.getHttpURI().getPath();

    Optional<String> caller = authenticator.authenticate(request);
    if (caller.isEmpty()) {
      entry.reason = "caller not authenticated (shared secret / client certificate)";
      return Reply.error(401, "caller not authenticated");
    }
    entry.caller = caller.get();

    List<String> users = request.getHeaders().getValuesList(USER_HEADER);
    String user = users.size() == 1 ? HeaderValues.utf8(users.get(0)).strip() : null;
    if (user == null
        || user.isEmpty()
        || user.length() > MAX_USER_LENGTH
        || HeaderValues.hasControlCharacter(user)) {
      entry.reason = "missing or invalid " + USER_HEADER;
      return Reply.error(
          401,
          "missing or invalid " + USER_HEADER + " (Grafana: [dataproxy] send_user_header = true)");
    }
    entry.user = user;

    List<String> roles = request.getHeaders().getValuesList(ROLE_HEADER);
    String roleHeader = roles.size() == 1 ? HeaderValues.utf8(roles.get(0)) : null;
    entry.role = roleHeader;
    Optional<Role> role = Role.parse(roleHeader);
    if (role.isEmpty()) {
      entry.reason = "unknown role";
      return Reply.error(403, "unknown role: " + ROLE_HEADER + " must be support or developer");
    }

    QueryParameters parameters;
    try {
      parameters = QueryParameters.parse(request.getHttpURI().getQuery());
    } catch (BadRequestException e) {
      entry.reason = e.getMessage();
      return Reply.error(400, e.getMessage());
    }
    entry.query = parameters.values();

    GatewayRequest gatewayRequest = new GatewayRequest(entry.method, entry.path, parameters);
    Decision decision = AccessPolicy.decide(role.get(), gatewayRequest, limits);
    entry.reason = decision.reason();
    if (decision.denied()) {
      return Reply.error(decision.status(), decision.reason());
    }
    try {
      Reply reply =
          switch (decision.outcome()) {
            case PROXY -> proxy(gatewayRequest.path(), decision, entry);
            case ORDER_TRACE -> orderTrace(gatewayRequest.path(), decision, entry);
            case SEARCH -> search(decision, entry);
            case DENY -> throw new IllegalStateException("handled above");
          };
      // allowed: Jaeger's answer is passed on (a 404 of Jaeger's too); denied: the gateway refused
      if (reply.status() < 400
          || (entry.upstreamStatus != null && reply.status() == entry.upstreamStatus)) {
        entry.decision = "allowed";
      }
      return reply;
    } catch (JaegerUpstream.UnavailableException e) {
      entry.decision = "denied";
      entry.reason = e.getMessage();
      return Reply.error(e.status(), e.getMessage());
    } catch (BadSearchException e) {
      entry.decision = "denied";
      entry.reason = e.getMessage();
      return Reply.error(400, e.getMessage());
    } catch (JaegerTraces.MalformedAnswerException e) {
      entry.decision = "denied";
      entry.reason = e.getMessage();
      return Reply.error(502, e.getMessage());
    }
  }

  private Reply proxy(String path, Decision decision, AuditEntry entry)
      throws JaegerUpstream.UnavailableException, InterruptedException {
    JaegerUpstream.Response response = jaeger.get(path, decision.forward());
    entry.upstreamCalls = 1;
    entry.upstreamStatus = response.status();
    return new Reply(response.status(), response.contentType(), response.body());
  }

  private Reply orderTrace(String path, Decision decision, AuditEntry entry)
      throws JaegerUpstream.UnavailableException,
          InterruptedException,
          JaegerTraces.MalformedAnswerException {
    JaegerUpstream.Response response = jaeger.get(path, decision.forward());
    entry.upstreamCalls = 1;
    entry.upstreamStatus = response.status();
    if (response.status() != 200) {
      entry.resultCount = 0;
      return new Reply(response.status(), response.contentType(), response.body());
    }
    ArrayNode traces = JaegerTraces.data(response.body());
    for (JsonNode trace : traces) {
      if (!JaegerTraces.hasOrderId(trace)) {
        entry.reason = "trace carries no order.id";
        entry.resultCount = 0;
        return Reply.error(
            403, "support may only open order traces: this trace carries no order.id");
      }
    }
    entry.resultCount = traces.size();
    return new Reply(200, "application/json", response.body());
  }

  private Reply search(Decision decision, AuditEntry entry)
      throws JaegerUpstream.UnavailableException,
          InterruptedException,
          JaegerTraces.MalformedAnswerException,
          BadSearchException {
    Map<String, String> forward = decision.forward();
    List<ArrayNode> answers = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (forward.containsKey("service") || forward.containsKey("traceID")) {
      JaegerUpstream.Response response = jaeger.get(AccessPolicy.TRACES, forward);
      entry.upstreamCalls = 1;
      entry.upstreamStatus = response.status();
      if (response.status() != 200) {
        entry.resultCount = 0;
        return new Reply(response.status(), response.contentType(), response.body());
      }
      answers.add(JaegerTraces.data(response.body()));
    } else {
      TraceSearch search = fanOutSearch(forward);
      TraceSearchResult result;
      try {
        result = store.findTraces(search);
      } catch (StoreException e) {
        throw new JaegerUpstream.UnavailableException(
            e.getMessage() != null && e.getMessage().contains("within") ? 504 : 502,
            "search over all services failed: " + e.getMessage());
      }
      answers.add(result.traces());
      errors.addAll(result.errors());
      entry.reason =
          decision.reason()
              + " (no service: fanned out over Jaeger's services)"
              + (errors.isEmpty() ? "" : "; " + errors.size() + " services failed");
    }
    Predicate<JsonNode> keep =
        decision.orderId() == null
            ? trace -> true
            : trace -> JaegerTraces.hasOrderId(trace, decision.orderId());
    List<JsonNode> traces = JaegerTraces.merge(answers, keep, decision.maxTraces());
    byte[] body = JaegerTraces.answer(traces, errors);
    if (body.length > limits.maxResponseBytes()) {
      throw new JaegerUpstream.UnavailableException(
          502,
          "the answer is larger than "
              + limits.maxResponseBytes()
              + " bytes ("
              + GatewayConfig.MAX_RESPONSE_BYTES
              + "); narrow the query");
    }
    entry.resultCount = traces.size();
    return new Reply(200, "application/json", body);
  }

  /**
   * The store-client search for checked {@code forward} parameters without a service. Throws {@link
   * BadSearchException} for what store-client cannot express.
   */
  static TraceSearch fanOutSearch(Map<String, String> forward) throws BadSearchException {
    TraceSearch.Builder search = TraceSearch.builder();
    try {
      for (Map.Entry<String, String> parameter : forward.entrySet()) {
        String value = parameter.getValue();
        switch (parameter.getKey()) {
          case "operation" -> search.operation(value);
          case "tags" -> {
            JsonNode tags = JaegerTraces.JSON.readTree(value);
            if (!(tags instanceof ObjectNode object)) {
              throw new BadSearchException("tags is not a JSON object");
            }
            object.properties().forEach(tag -> search.tag(tag.getKey(), tag.getValue().asText()));
          }
          case "start" ->
              search.start(Instant.EPOCH.plus(Long.parseLong(value), ChronoUnit.MICROS));
          case "end" -> search.end(Instant.EPOCH.plus(Long.parseLong(value), ChronoUnit.MICROS));
          case "limit" -> search.limit(Integer.parseInt(value));
          case "minDuration" -> search.minDuration(value);
          case "maxDuration" -> search.maxDuration(value);
          case "lookback" -> {} // Jaeger UI's own field; start and end carry the window
          default ->
              throw new BadSearchException(
                  "parameter '" + AuditEntry.prefix(parameter.getKey(), 64) + "' needs a service");
        }
      }
      return search.build();
    } catch (IOException | RuntimeException e) {
      throw new BadSearchException("bad search: " + e.getMessage());
    }
  }

  /** A search without a service that cannot be fanned out as asked: a 400. */
  static final class BadSearchException extends Exception {
    private static final long serialVersionUID = 1L;

    BadSearchException(String message) {
      super(message);
    }
  }
}
