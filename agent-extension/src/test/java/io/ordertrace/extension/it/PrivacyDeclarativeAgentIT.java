/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The same privacy run with the SDK configured from a file ({@code otel.config.file}): the {@code
 * otel.*} customizers never run there, and the extension still redacts every signal, reads {@code
 * edge: true} from {@code instrumentation/development.java.ordertrace}, and puts its sampler,
 * propagator and processors in place without the file naming them.
 */
class PrivacyDeclarativeAgentIT extends AbstractPrivacyAgentIT {

  @Override
  List<String> agentArgs(String agent, String service, boolean edge) throws Exception {
    String endpoint = collectorEndpoint(); // the real collector, which forwards to the receiver
    String yaml =
        "file_format: \"1.0\"\n"
            + "resource:\n"
            + "  attributes:\n"
            + "    - name: service.name\n"
            + "      value: "
            + service
            + "\n"
            + "    - name: owner.contact\n"
            + "      value: "
            + RESOURCE_EMAIL
            + "\n"
            + "propagator:\n"
            + "  composite:\n"
            + "    - tracecontext:\n"
            + "    - baggage:\n"
            + "tracer_provider:\n"
            + AppProcess.batchOtlpHttp(endpoint + "/v1/traces")
            + "logger_provider:\n"
            + AppProcess.batchOtlpHttp(endpoint + "/v1/logs")
            + "meter_provider:\n"
            + "  readers:\n"
            + "    - periodic:\n"
            + "        interval: 1000\n"
            + "        exporter:\n"
            + "          otlp_http:\n"
            + "            endpoint: "
            + endpoint
            + "/v1/metrics\n"
            + "instrumentation/development:\n"
            + "  general:\n"
            + "    http:\n"
            + "      server:\n"
            + "        request_captured_headers:\n"
            + "          - X-Note\n"
            + "  java:\n"
            + "    ordertrace:\n"
            + "      edge: "
            + edge
            + "\n";
    Path file = workDir.resolve(service + ".yaml");
    Files.writeString(file, yaml);
    List<String> args = commonArgs(agent, service);
    args.add("-Dotel.config.file=" + file);
    return args;
  }
}
