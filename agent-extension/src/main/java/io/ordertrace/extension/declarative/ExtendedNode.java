/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import io.opentelemetry.api.incubator.config.ConfigProvider;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ExtendedDeclarativeConfigProperties;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * A configuration node as component providers expect it (the SDK hands customizers the plain node,
 * and providers the extended one, as it does itself when loading a component).
 */
final class ExtendedNode implements ExtendedDeclarativeConfigProperties {

  private final DeclarativeConfigProperties node;

  private ExtendedNode(DeclarativeConfigProperties node) {
    this.node = node;
  }

  static ExtendedDeclarativeConfigProperties of(DeclarativeConfigProperties node) {
    return node instanceof ExtendedDeclarativeConfigProperties
        ? (ExtendedDeclarativeConfigProperties) node
        : new ExtendedNode(node);
  }

  @Override
  public ConfigProvider getConfigProvider() {
    return ConfigProvider.noop();
  }

  @Override
  @Nullable
  public String getString(String name) {
    return node.getString(name);
  }

  @Override
  @Nullable
  public Boolean getBoolean(String name) {
    return node.getBoolean(name);
  }

  @Override
  @Nullable
  public Integer getInt(String name) {
    return node.getInt(name);
  }

  @Override
  @Nullable
  public Long getLong(String name) {
    return node.getLong(name);
  }

  @Override
  @Nullable
  public Double getDouble(String name) {
    return node.getDouble(name);
  }

  @Override
  @Nullable
  public <T> List<T> getScalarList(String name, Class<T> scalarType) {
    return node.getScalarList(name, scalarType);
  }

  @Override
  @Nullable
  public DeclarativeConfigProperties getStructured(String name) {
    DeclarativeConfigProperties structured = node.getStructured(name);
    return structured == null ? null : of(structured);
  }

  @Override
  @Nullable
  public List<DeclarativeConfigProperties> getStructuredList(String name) {
    return node.getStructuredList(name);
  }

  @Override
  public Set<String> getPropertyKeys() {
    return node.getPropertyKeys();
  }

  @Override
  public ComponentLoader getComponentLoader() {
    return node.getComponentLoader();
  }
}
