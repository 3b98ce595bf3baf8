package io.emaillogs.adapter.jersey;

import jakarta.ws.rs.core.Response;

/**
 * The two error shapes: the query API's {@code {"success":false,"error":...}} and {@code
 * {"error":...}} everywhere else (stream, operator API, health, unknown paths).
 */
enum Envelope {
  QUERY,
  PLAIN;

  static final String JSON = "application/json";

  /** The envelope of a request path (relative to the base URI, with or without a leading /). */
  static Envelope forPath(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.equals("v1") || p.startsWith("v1/") ? QUERY : PLAIN;
  }

  /** The JSON body of this envelope around {@code message}. */
  byte[] body(String message) {
    return this == QUERY ? JsonOutput.queryError(message) : JsonOutput.error(message);
  }

  /** A response with this envelope around {@code message}. */
  Response.ResponseBuilder error(int status, String message) {
    return Response.status(status).type(JSON).entity(body(message));
  }
}
