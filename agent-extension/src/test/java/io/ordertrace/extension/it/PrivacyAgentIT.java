/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The privacy run with {@code otel.*} properties: {@code ordertrace.edge=true} is set only in the
 * edge's agent configuration file ({@code otel.javaagent.configuration-file}); nothing sets the
 * traces, metrics or logs exporter, so all three are the default OTLP.
 */
class PrivacyAgentIT extends AbstractPrivacyAgentIT {

  @Override
  List<String> agentArgs(String agent, String service, boolean edge) throws Exception {
    Path file = workDir.resolve(service + ".properties");
    StringBuilder properties = new StringBuilder();
    properties.append("otel.service.name=").append(service).append('\n');
    properties
        .append("otel.resource.attributes=deployment.environment.name=it,owner.contact=")
        .append(RESOURCE_EMAIL)
        .append('\n');
    properties.append("otel.exporter.otlp.endpoint=").append(collectorEndpoint()).append('\n');
    properties.append("otel.instrumentation.http.server.capture-request-headers=X-Note\n");
    if (edge) {
      properties.append("ordertrace.edge=true\n");
    }
    Files.writeString(file, properties.toString());
    List<String> args = commonArgs(agent, service);
    args.add("-Dotel.javaagent.configuration-file=" + file);
    return args;
  }
}
