/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.messaging;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * Calls a no-argument getter by name on objects of classes this extension cannot link against (the
 * agent's request types, the client library's envelope). Lookups are cached per class and name; a
 * missing method is cached too, as "absent".
 */
final class Reflection {

  private static final Method ABSENT;

  static {
    try {
      ABSENT = Reflection.class.getDeclaredMethod("absentMarker");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private final ConcurrentHashMap<String, Method> cache = new ConcurrentHashMap<>();

  @SuppressWarnings("unused") // never called: its Method is the ABSENT sentinel
  private static void absentMarker() {}

  @SuppressWarnings("ReferenceEquality") // ABSENT is a sentinel: identity is what it means
  @Nullable
  Object call(@Nullable Object target, String getter) {
    if (target == null) {
      return null;
    }
    Class<?> type = target.getClass();
    String key =
        type.getName() + '#' + getter + '@' + System.identityHashCode(type.getClassLoader());
    Method method = cache.get(key);
    if (method == null) {
      method = find(type, getter);
      cache.put(key, method);
    }
    if (method == ABSENT) {
      return null;
    }
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Method find(Class<?> type, String getter) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Method method = c.getDeclaredMethod(getter);
        method.setAccessible(true);
        return method;
      } catch (NoSuchMethodException | RuntimeException e) {
        // try the superclass
      }
    }
    return ABSENT;
  }
}
