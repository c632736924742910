package io.ordertrace.cli;

/** The process exit codes (BSD sysexits for usage and internal errors). */
final class ExitCodes {

  static final int OK = 0;
  static final int NOT_FOUND = 1;
  static final int TEMPO_FAILED = 2;
  static final int USAGE = 64;
  static final int INTERNAL = 70;

  private ExitCodes() {}
}
