package io.ordertrace.cli;

/** A mistake on the command line: reported with the usage text and exit code 64. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
