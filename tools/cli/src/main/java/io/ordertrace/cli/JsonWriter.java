package io.ordertrace.cli;

import java.util.Iterator;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Writes maps, lists, strings, numbers, booleans and {@code null} as JSON, for {@code --json}
 * output. Two-space indentation, members in map order.
 */
final class JsonWriter {

  private JsonWriter() {}

  static String write(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.toString();
  }

  private static void write(@Nullable Object value, StringBuilder out, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      quote((String) value, out);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        indent(out, depth + 1);
        quote(String.valueOf(entry.getKey()), out);
        out.append(": ");
        write(entry.getValue(), out, depth + 1);
        out.append(entries.hasNext() ? ",\n" : "\n");
      }
      indent(out, depth);
      out.append('}');
    } else if (value instanceof Iterable) {
      Iterator<?> items = ((Iterable<?>) value).iterator();
      if (!items.hasNext()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      while (items.hasNext()) {
        indent(out, depth + 1);
        write(items.next(), out, depth + 1);
        out.append(items.hasNext() ? ",\n" : "\n");
      }
      indent(out, depth);
      out.append(']');
    } else {
      quote(value.toString(), out);
    }
  }

  private static void indent(StringBuilder out, int depth) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }

  /** {@code text} as a double-quoted JSON string literal. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    quote(text, out);
    return out.toString();
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
