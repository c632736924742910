/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import java.util.concurrent.atomic.AtomicReference;

/** Resources are shared by all data of an SDK: the last one is remembered by identity. */
final class ResourceCache {

  private final Redactor redactor;
  private final AtomicReference<Resource[]> last = new AtomicReference<>();

  ResourceCache(Redactor redactor) {
    this.redactor = redactor;
  }

  Resource redact(Resource resource) {
    Resource[] cached = last.get();
    if (cached != null && cached[0] == resource) {
      return cached[1];
    }
    Attributes attributes = redactor.redact(resource.getAttributes());
    Resource redacted =
        attributes == resource.getAttributes()
            ? resource
            : Resource.create(attributes, resource.getSchemaUrl());
    last.set(new Resource[] {resource, redacted});
    return redacted;
  }
}
