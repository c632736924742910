package io.ordertrace.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks TraceQL before it reaches Tempo.
 *
 * <ul>
 *   <li>{@link #checkSyntax}: every role. The query must tokenise (terminated strings, known
 *       characters), contain a spanset {@code { }}, and its braces and parentheses must be
 *       balanced and properly nested. Not a full parser: Tempo rejects the rest itself.
 *   <li>{@link #orderConstraintViolation}: Support. The query must be exactly one spanset whose
 *       conditions are joined by {@code &&}, each {@code <attribute> <op> <literal>} with op one
 *       of {@code = != < <= > >=}, and one of them {@code span.order.id = "<id>"} or
 *       {@code .order.id = "<id>"} with the id matching {@value #ORDER_ID}. The one pipeline
 *       stage allowed after it is {@code | select(<attribute>, ...)}: it only picks attributes
 *       of spans that already belong to the order, which Support may fetch whole anyway.
 *       Anything else ({@code ||}, regexes, negation, parentheses, other pipelines, aggregates,
 *       structural operators, several spansets) is refused.
 * </ul>
 */
final class TraceQlGuard {

  static final String ORDER_ID = "[A-Za-z0-9._:-]{1,64}";
  private static final Pattern ORDER_ID_PATTERN = Pattern.compile(ORDER_ID);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_.][A-Za-z0-9_.:]*");
  private static final Set<String> ORDER_ID_ATTRIBUTES = Set.of("span.order.id", ".order.id");
  private static final Set<String> COMPARISONS = Set.of("=", "!=", "<", "<=", ">", ">=");
  private static final Set<String> KEYWORD_LITERALS =
      Set.of("true", "false", "nil", "ok", "error", "unset",
          "server", "client", "producer", "consumer", "internal", "unspecified");
  /** Longest first, so that {@code >=} is not read as {@code >}. */
  private static final List<String> OPERATORS =
      List.of("!>>", "!<<", "!~", "=~", "!=", "<=", ">=", "&&", "||", ">>", "<<",
          "=", "<", ">", "!", "|", "~", "+", "-", "*", "/", "%", "^", ",");

  private TraceQlGuard() {}

  enum Kind { OPEN_BRACE, CLOSE_BRACE, OPEN_PAREN, CLOSE_PAREN, STRING, IDENTIFIER, NUMBER, OPERATOR }

  record Token(Kind kind, String text, int position) {}

  /** Throws unless {@code query} is basically well-formed TraceQL. */
  static List<Token> checkSyntax(String query) throws MalformedTraceQlException {
    if (query == null || query.isBlank()) {
      throw new MalformedTraceQlException("empty query");
    }
    List<Token> tokens = tokenize(query);
    Deque<Token> open = new ArrayDeque<>();
    boolean spanset = false;
    for (Token token : tokens) {
      switch (token.kind()) {
        case OPEN_BRACE, OPEN_PAREN -> {
          open.push(token);
          spanset |= token.kind() == Kind.OPEN_BRACE;
        }
        case CLOSE_BRACE, CLOSE_PAREN -> {
          Kind expected = token.kind() == Kind.CLOSE_BRACE ? Kind.OPEN_BRACE : Kind.OPEN_PAREN;
          if (open.isEmpty() || open.peek().kind() != expected) {
            throw new MalformedTraceQlException(
                "unexpected '" + token.text() + "' at position " + token.position()
                    + (open.isEmpty() ? "" : " (open '" + open.peek().text() + "' at position " + open.peek().position() + ")"));
          }
          open.pop();
        }
        default -> { }
      }
    }
    if (!open.isEmpty()) {
      Token unclosed = open.peek();
      throw new MalformedTraceQlException(
          "'" + unclosed.text() + "' at position " + unclosed.position() + " is never closed");
    }
    if (!spanset) {
      throw new MalformedTraceQlException("no spanset: a TraceQL query looks like { span.order.id = \"123\" }");
    }
    return tokens;
  }

  /**
   * Why {@code query} is not constrained to one order (Support's rule), or empty if it is.
   *
   * @throws MalformedTraceQlException if it is not even well-formed
   */
  static Optional<String> orderConstraintViolation(String query) throws MalformedTraceQlException {
    List<Token> tokens = checkSyntax(query);
    int close = spansetEnd(tokens);
    if (tokens.get(0).kind() != Kind.OPEN_BRACE || close < 0) {
      return Optional.of("support queries must be a single spanset { ... }");
    }
    if (close != tokens.size() - 1 && !isSelectStage(tokens.subList(close + 1, tokens.size()))) {
      return Optional.of("support queries may only be followed by '| select(<attribute>, ...)'");
    }
    List<Token> body = tokens.subList(1, close);
    boolean constrained = false;
    int i = 0;
    while (true) {
      if (i + 3 > body.size()) {
        return Optional.of("support queries must be conditions '<attribute> <op> <value>' joined by &&");
      }
      Token attribute = body.get(i);
      Token operator = body.get(i + 1);
      Token literal = body.get(i + 2);
      Optional<String> bad = conditionViolation(attribute, operator, literal);
      if (bad.isPresent()) {
        return bad;
      }
      if (ORDER_ID_ATTRIBUTES.contains(attribute.text())
          && operator.text().equals("=")
          && literal.kind() == Kind.STRING
          && ORDER_ID_PATTERN.matcher(unquote(literal.text())).matches()) {
        constrained = true;
      }
      i += 3;
      if (i == body.size()) {
        break;
      }
      Token joiner = body.get(i);
      if (!(joiner.kind() == Kind.OPERATOR && joiner.text().equals("&&"))) {
        return Optional.of("support queries may only join conditions with && (found '"
            + joiner.text() + "' at position " + joiner.position() + ")");
      }
      i++;
    }
    if (!constrained) {
      return Optional.of("support queries must include span.order.id = \"<order id>\" (id matching "
          + ORDER_ID + ")");
    }
    return Optional.empty();
  }

  /** Index of the brace closing the first spanset, or -1. */
  private static int spansetEnd(List<Token> tokens) {
    for (int i = 1; i < tokens.size(); i++) {
      Kind kind = tokens.get(i).kind();
      if (kind == Kind.CLOSE_BRACE) {
        return i;
      }
      if (kind == Kind.OPEN_BRACE) {
        return -1;
      }
    }
    return -1;
  }

  /** Exactly {@code | select ( attribute [, attribute]* )}. */
  private static boolean isSelectStage(List<Token> stage) {
    if (stage.size() < 5
        || !isOperator(stage.get(0), "|")
        || stage.get(1).kind() != Kind.IDENTIFIER
        || !stage.get(1).text().equals("select")
        || stage.get(2).kind() != Kind.OPEN_PAREN
        || stage.get(stage.size() - 1).kind() != Kind.CLOSE_PAREN) {
      return false;
    }
    for (int i = 3; i < stage.size() - 1; i++) {
      Token token = stage.get(i);
      boolean attributeSlot = (i - 3) % 2 == 0;
      if (attributeSlot ? token.kind() != Kind.IDENTIFIER : !isOperator(token, ",")) {
        return false;
      }
    }
    // an attribute must come last, not a trailing comma
    return (stage.size() - 4) % 2 == 1;
  }

  private static boolean isOperator(Token token, String text) {
    return token.kind() == Kind.OPERATOR && token.text().equals(text);
  }

  private static Optional<String> conditionViolation(Token attribute, Token operator, Token literal) {
    if (attribute.kind() != Kind.IDENTIFIER || KEYWORD_LITERALS.contains(attribute.text())) {
      return Optional.of("expected an attribute at position " + attribute.position() + ", found '" + attribute.text() + "'");
    }
    if (operator.kind() != Kind.OPERATOR || !COMPARISONS.contains(operator.text())) {
      return Optional.of("operator '" + operator.text() + "' at position " + operator.position()
          + " is not allowed for support (only = != < <= > >=)");
    }
    boolean literalOk =
        literal.kind() == Kind.STRING
            || literal.kind() == Kind.NUMBER
            || (literal.kind() == Kind.IDENTIFIER && KEYWORD_LITERALS.contains(literal.text()));
    if (!literalOk) {
      return Optional.of("expected a literal value at position " + literal.position() + ", found '" + literal.text() + "'");
    }
    return Optional.empty();
  }

  /** The value of a string token (escapes resolved). */
  static String unquote(String literal) {
    if (literal.startsWith("`")) {
      return literal.substring(1, literal.length() - 1);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length() - 1) {
        char next = literal.charAt(++i);
        out.append(switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> next;
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static List<Token> tokenize(String query) throws MalformedTraceQlException {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = query.length();
    while (i < n) {
      char c = query.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '{' || c == '}' || c == '(' || c == ')') {
        Kind kind = switch (c) {
          case '{' -> Kind.OPEN_BRACE;
          case '}' -> Kind.CLOSE_BRACE;
          case '(' -> Kind.OPEN_PAREN;
          default -> Kind.CLOSE_PAREN;
        };
        tokens.add(new Token(kind, String.valueOf(c), i));
        i++;
      } else if (c == '"') {
        int start = i++;
        boolean closed = false;
        while (i < n) {
          char d = query.charAt(i);
          if (d == '\\') {
            i += 2;
          } else if (d == '"') {
            i++;
            closed = true;
            break;
          } else {
            i++;
          }
        }
        if (!closed) {
          throw new MalformedTraceQlException("unterminated string starting at position " + start);
        }
        tokens.add(new Token(Kind.STRING, query.substring(start, i), start));
      } else if (c == '`') {
        int end = query.indexOf('`', i + 1);
        if (end < 0) {
          throw new MalformedTraceQlException("unterminated string starting at position " + i);
        }
        tokens.add(new Token(Kind.STRING, query.substring(i, end + 1), i));
        i = end + 1;
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '.')) {
          i++;
        }
        tokens.add(new Token(Kind.NUMBER, query.substring(start, i), start));
      } else if (Character.isLetter(c) || c == '_' || c == '.') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(query.charAt(i)) || "_.:".indexOf(query.charAt(i)) >= 0)) {
          i++;
        }
        String text = query.substring(start, i);
        if (!IDENTIFIER.matcher(text).matches()) {
          throw new MalformedTraceQlException("bad name '" + text + "' at position " + start);
        }
        tokens.add(new Token(Kind.IDENTIFIER, text, start));
      } else {
        String operator = null;
        for (String candidate : OPERATORS) {
          if (query.startsWith(candidate, i)) {
            operator = candidate;
            break;
          }
        }
        if (operator == null) {
          throw new MalformedTraceQlException("unexpected character '" + c + "' at position " + i);
        }
        tokens.add(new Token(Kind.OPERATOR, operator, i));
        i += operator.length();
      }
    }
    return tokens;
  }
}
