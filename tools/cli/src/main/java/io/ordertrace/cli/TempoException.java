package io.ordertrace.cli;

/**
 * Tempo could not answer: not reachable, an HTTP error, or a response that is not what Tempo
 * sends. The message is complete and meant for the user; exit code 2.
 */
final class TempoException extends Exception {

  private static final long serialVersionUID = 1L;

  TempoException(String message) {
    super(message);
  }

  static TempoException unreachable(String url, String reason) {
    return new TempoException(
        "cannot reach Tempo at "
            + url
            + " ("
            + reason
            + "). Is it running? Set --tempo or ORDERTRACE_TEMPO_URL.");
  }
}
