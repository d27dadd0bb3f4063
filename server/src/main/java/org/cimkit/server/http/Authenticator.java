package org.cimkit.server.http;

import jakarta.servlet.http.HttpServletRequest;

/** Decides who sent a request; null means not authenticated (the servlet answers 401). */
public interface Authenticator {
    String authenticate(HttpServletRequest request);
}
