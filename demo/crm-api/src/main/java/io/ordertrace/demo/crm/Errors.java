/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The CRM's error types; each maps to an HTTP status and carries a readable reason. */
final class Errors {
  private Errors() {}

  static final class InvalidOrderException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    InvalidOrderException(String reason) {
      super(HttpStatus.BAD_REQUEST, reason);
    }
  }

  static final class OrderNotFoundException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    OrderNotFoundException(String orderId) {
      super(HttpStatus.NOT_FOUND, "no order " + orderId);
    }
  }

  static final class OrderStateException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    OrderStateException(String reason) {
      super(HttpStatus.CONFLICT, reason);
    }
  }

  /** Fault injection (CRM_FAIL_ORDER_IDS): processing this order fails inside the CRM. */
  static final class OrderProcessingException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    OrderProcessingException(String reason) {
      super(HttpStatus.INTERNAL_SERVER_ERROR, reason);
    }
  }

  static final class PaymentFailedException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    PaymentFailedException(String reason, Throwable cause) {
      super(HttpStatus.BAD_GATEWAY, reason, cause);
    }
  }

  static final class PublishFailedException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    PublishFailedException(String reason, Throwable cause) {
      super(HttpStatus.SERVICE_UNAVAILABLE, reason, cause);
    }
  }
}
