/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.apache.catalina.LifecycleException;

/** An internal service that logs what it gets and fails with it in the exception message. */
public final class PrivacyInternalApp {

  private static final Logger logger = Logger.getLogger("crm.payments");

  public static void main(String[] args) throws IOException, LifecycleException {
    int port = Integer.parseInt(args[0]);
    TomcatApp.serve(
        port,
        "privacy internal",
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response)
              throws IOException {
            if (request.getRequestURI().equals("/health")) {
              response.getWriter().write("UP");
              return;
            }
            String note = request.getParameter("note");
            logger.info("payment attempt with note " + note);
            throw new IllegalStateException("payment refused: " + note);
          }
        });
  }

  private PrivacyInternalApp() {}
}
