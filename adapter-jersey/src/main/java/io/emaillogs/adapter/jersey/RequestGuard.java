package io.emaillogs.adapter.jersey;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps Jersey's Grizzly handler for the failures that happen before Jersey sees a request (a query
 * string that is not a valid URI, for one). Grizzly would answer those with an HTML page that shows
 * the stack trace; here they get the API's JSON envelopes instead.
 */
final class RequestGuard extends HttpHandler {
  static final String MALFORMED_QUERY = "Malformed query string";

  /** Whatever Grizzly still renders itself: the status line's reason, nothing more. */
  static final ErrorPageGenerator ERROR_PAGES =
      (request, status, reason, description, exception) ->
          new String(JsonOutput.error(reason == null ? "Error" : reason), StandardCharsets.UTF_8);

  private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

  private final HttpHandler jersey;
  private final Draining draining;
  private final RequestExecutorProvider executors;

  RequestGuard(HttpHandler jersey, Draining draining) {
    super("email-logs");
    this.jersey = jersey;
    this.draining = draining;
    this.executors = new DrainingExecutors(super.getRequestExecutorProvider(), draining);
  }

  /** The worker pool; while the server stops, the reading thread when the pool refuses. */
  @Override
  public RequestExecutorProvider getRequestExecutorProvider() {
    return executors;
  }

  @Override
  public void start() {
    jersey.start();
  }

  @Override
  public void destroy() {
    jersey.destroy();
  }

  /** An {@code Expect} other than {@code 100-continue}: Grizzly's 417, in the envelope. */
  @Override
  protected boolean sendAcknowledgment(Request request, Response response) throws IOException {
    if (super.sendAcknowledgment(request, response)) {
      return true;
    }
    send(response, 417, Envelope.forPath(request.getRequestURI()), "Expectation Failed");
    return false;
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    if (request.getMethod() == Method.CONNECT || unframedBody(request)) {
      // Grizzly frames no body for CONNECT (a tunnel follows a 2xx), nor for TRACE: a body sent
      // with them would be read as the next request, so answer, then close
      send(
          response,
          405,
          Envelope.forPath(request.getRequestURI()),
          "Method not allowed",
          "Allow",
          "GET, POST, DELETE",
          "Connection",
          "close");
      response.finish();
      request.getContext().getConnection().close();
      return;
    }
    if (draining.isDraining()) {
      // shutting down: the requests already running finish, new ones go to another instance
      send(
          response,
          503,
          Envelope.forPath(request.getRequestURI()),
          ErrorMappers.SERVICE_UNAVAILABLE,
          "Retry-After",
          "1",
          "Connection",
          "close");
      return;
    }
    try {
      jersey.service(request, response);
    } catch (Exception e) {
      if (response.isCommitted() || response.isSuspended()) {
        throw e;
      }
      Envelope envelope = Envelope.forPath(request.getRequestURI());
      if (e instanceof URISyntaxException || e instanceof IllegalArgumentException) {
        send(response, 400, envelope, MALFORMED_QUERY);
      } else {
        LOG.error("Unexpected error on {}", request.getRequestURI(), e);
        send(response, 500, envelope, ErrorMappers.UNKNOWN_ERROR);
      }
    }
  }

  /** A body on a method whose body Grizzly never reads (TRACE, PRI): unframed on this wire. */
  private static boolean unframedBody(Request request) {
    return request.getMethod().getPayloadExpectation() == Method.PayloadExpectation.NOT_ALLOWED
        && (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null);
  }

  /** Answers {@code message} in {@code envelope}, with {@code headers} (name, value, ...). */
  private static void send(
      Response response, int status, Envelope envelope, String message, String... headers)
      throws IOException {
    byte[] body = envelope.body(message);
    response.reset();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      response.setHeader(headers[i], headers[i + 1]);
    }
    response.setStatus(status);
    response.setContentType(Envelope.JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
