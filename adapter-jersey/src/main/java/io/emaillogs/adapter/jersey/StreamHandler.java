package io.emaillogs.adapter.jersey;

import io.emaillogs.application.AccessUseCase;
import io.emaillogs.application.MalformedCredentialsException;
import io.emaillogs.application.NotFoundException;
import io.emaillogs.application.RateLimitedException;
import io.emaillogs.application.ServerBusyException;
import io.emaillogs.application.StreamLogsUseCase;
import io.emaillogs.application.StreamLogsUseCase.LogStream;
import io.emaillogs.application.StreamLogsUseCase.OpenStream;
import io.emaillogs.application.UnauthorizedException;
import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.application.port.StoreException;
import io.emaillogs.domain.InvalidRequestException;
import io.emaillogs.domain.account.Account;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.jersey.uri.UriComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/domains/{domain}/log/stream} (SPEC section 5), served on Grizzly directly, in
 * front of Jersey: a stream must outlive its request thread without holding one, which Jersey's
 * blocking entity writers cannot do. The request is authenticated, counted and validated here on
 * Grizzly's worker, with the same use cases and messages as every other customer call; then the
 * response is suspended and the stream runs on the use case's few workers, writing through a {@link
 * GrizzlySseSink}. Every other path goes to Jersey.
 */
final class StreamHandler extends HttpHandler {
  static final String EVENT_STREAM = "text/event-stream";
  static final String ROUTE = "/api/domains/{domain}/log/stream";
  private static final Pattern PATH = Pattern.compile("/api/domains/([^/]+)/log/stream");
  private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);

  private final HttpHandler next;
  private final AccessUseCase access;
  private final StreamLogsUseCase streams;
  private final HttpMetrics metrics;

  StreamHandler(
      HttpHandler next, AccessUseCase access, StreamLogsUseCase streams, HttpMetrics metrics) {
    super("email-logs-stream");
    this.next = next;
    this.access = access;
    this.streams = streams;
    this.metrics = metrics;
  }

  @Override
  public void start() {
    next.start();
  }

  @Override
  public void destroy() {
    next.destroy();
  }

  @Override
  public void service(Request request, Response response) throws Exception {
    Matcher path = PATH.matcher(request.getRequestURI());
    if (!path.matches()) {
      next.service(request, response);
      return;
    }
    long started = System.nanoTime();
    String method = HttpMetrics.method(request.getMethod().getMethodString());
    if (request.getMethod() != Method.GET) {
      response.setHeader("Allow", "GET");
      send(response, 405, JsonOutput.error("Method not allowed"));
      finished(method, 405, started, null, -1);
      return;
    }
    RateDecision admitted = null;
    Long accountId = null;
    try {
      // a request that is not well-formed is refused before anything else, as Jersey does
      String domain = decodeSegment(path.group(1));
      Map<String, List<String>> parameters = query(request.getQueryString());
      Account account = access.authenticate(request.getHeader("Authorization"));
      accountId = account.id();
      admitted = access.admit(account);
      limitHeaders(response, admitted);
      LogStream stream =
          streams.open(
              new OpenStream(account.id(), domain, parameters, request.getHeader("Last-Event-ID")));
      Long streamAccount = accountId;
      begin(stream, response, sent -> finished(method, 200, started, streamAccount, sent));
    } catch (RuntimeException e) {
      int status = refuse(response, e, admitted);
      finished(method, status, started, accountId, -1);
    }
  }

  /** Measures and logs a stream request once it is answered or, if it streamed, once it ended. */
  private void finished(String method, int status, long startedNanos, Long account, long sent) {
    long nanos = System.nanoTime() - startedNanos;
    metrics.request(method, ROUTE, status, nanos);
    AccessLog.request(method, ROUTE, status, nanos, account, Math.max(0, sent));
  }

  private void begin(LogStream stream, Response response, LongConsumer onReleased) {
    response.setStatus(200);
    response.setContentType(EVENT_STREAM);
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    GrizzlySseSink sink = new GrizzlySseSink(response, stream::close, metrics, onReleased);
    try {
      sink.sendHeaders();
    } catch (IOException clientGone) {
      stream.close();
      sink.release();
      return;
    }
    stream.start(sink);
  }

  /**
   * The error answer of a refused stream, in the stream's envelope ({@code {"error":...}}); returns
   * its status.
   */
  private static int refuse(Response response, RuntimeException e, RateDecision admitted)
      throws IOException {
    if (e instanceof UnauthorizedException) {
      response.setHeader("WWW-Authenticate", "Bearer");
      return send(response, 401, JsonOutput.error(e.getMessage()));
    } else if (e instanceof MalformedCredentialsException || e instanceof InvalidRequestException) {
      return send(response, 400, JsonOutput.error(e.getMessage()));
    } else if (e instanceof NotFoundException) {
      return send(response, 404, JsonOutput.error(e.getMessage()));
    } else if (e instanceof RateLimitedException limited) {
      RateDecision decision = admitted != null ? admitted : limited.decision();
      response.setHeader(
          "Retry-After", Long.toString(Math.max(1, limited.decision().retryAfterSeconds())));
      limitHeaders(response, decision);
      return send(response, 429, JsonOutput.tooManyRequests(e.getMessage()));
    } else if (e instanceof ServerBusyException) {
      response.setHeader("Retry-After", "1");
      return send(response, 503, JsonOutput.error(e.getMessage()));
    } else if (e instanceof StoreException) {
      LOG.warn("stream refused: the store failed", e);
      response.setHeader("Retry-After", "1");
      return send(response, 503, JsonOutput.error(ErrorMappers.SERVICE_UNAVAILABLE));
    } else {
      LOG.error("Unexpected error on a stream request", e);
      return send(response, 500, JsonOutput.error(ErrorMappers.UNKNOWN_ERROR));
    }
  }

  private static void limitHeaders(Response response, RateDecision decision) {
    response.setHeader(CustomerAuthFilter.LIMIT_HEADER, Integer.toString(decision.limit()));
    response.setHeader(
        CustomerAuthFilter.REMAINING_HEADER, Long.toString(Math.max(0, decision.remaining())));
  }

  private static int send(Response response, int status, byte[] body) throws IOException {
    if (status == 429) { // Grizzly knows no reason phrase for 429 and would write "CUSTOM"
      response.setStatus(429, "Too Many Requests");
    } else {
      response.setStatus(status);
    }
    response.setContentType(Envelope.JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    return status;
  }

  private static String decodeSegment(String raw) {
    try {
      return UriComponent.decode(raw, UriComponent.Type.PATH_SEGMENT);
    } catch (IllegalArgumentException badEncoding) {
      throw new InvalidRequestException(RequestGuard.MALFORMED_QUERY);
    }
  }

  /** The decoded query string, as Jersey's {@code UriInfo#getQueryParameters(true)} gives it. */
  private static Map<String, List<String>> query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    try {
      return Map.copyOf(UriComponent.decodeQuery(raw, true));
    } catch (IllegalArgumentException badEncoding) {
      throw new InvalidRequestException(RequestGuard.MALFORMED_QUERY);
    }
  }
}
