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
  private static final Pattern PATH = Pattern.compile("/api/domains/([^/]+)/log/stream");
  private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);

  private final HttpHandler next;
  private final AccessUseCase access;
  private final StreamLogsUseCase streams;

  StreamHandler(HttpHandler next, AccessUseCase access, StreamLogsUseCase streams) {
    super("email-logs-stream");
    this.next = next;
    this.access = access;
    this.streams = streams;
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
    if (request.getMethod() != Method.GET) {
      response.setHeader("Allow", "GET");
      send(response, 405, JsonOutput.error("Method not allowed"));
      return;
    }
    RateDecision admitted = null;
    try {
      // a request that is not well-formed is refused before anything else, as Jersey does
      String domain = decodeSegment(path.group(1));
      Map<String, List<String>> parameters = query(request.getQueryString());
      Account account = access.authenticate(request.getHeader("Authorization"));
      admitted = access.admit(account);
      limitHeaders(response, admitted);
      LogStream stream =
          streams.open(
              new OpenStream(account.id(), domain, parameters, request.getHeader("Last-Event-ID")));
      begin(stream, response);
    } catch (RuntimeException e) {
      refuse(response, e, admitted);
    }
  }

  private static void begin(LogStream stream, Response response) {
    response.setStatus(200);
    response.setContentType(EVENT_STREAM);
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    GrizzlySseSink sink = new GrizzlySseSink(response, stream::close);
    try {
      sink.sendHeaders();
    } catch (IOException clientGone) {
      stream.close();
      sink.release();
      return;
    }
    stream.start(sink);
  }

  /** The error answer of a refused stream, in the stream's envelope ({@code {"error":...}}). */
  private static void refuse(Response response, RuntimeException e, RateDecision admitted)
      throws IOException {
    if (e instanceof UnauthorizedException) {
      response.setHeader("WWW-Authenticate", "Bearer");
      send(response, 401, JsonOutput.error(e.getMessage()));
    } else if (e instanceof MalformedCredentialsException || e instanceof InvalidRequestException) {
      send(response, 400, JsonOutput.error(e.getMessage()));
    } else if (e instanceof NotFoundException) {
      send(response, 404, JsonOutput.error(e.getMessage()));
    } else if (e instanceof RateLimitedException limited) {
      RateDecision decision = admitted != null ? admitted : limited.decision();
      response.setHeader(
          "Retry-After", Long.toString(Math.max(1, limited.decision().retryAfterSeconds())));
      limitHeaders(response, decision);
      send(response, 429, JsonOutput.tooManyRequests(e.getMessage()));
    } else if (e instanceof ServerBusyException) {
      response.setHeader("Retry-After", "1");
      send(response, 503, JsonOutput.error(e.getMessage()));
    } else if (e instanceof StoreException) {
      LOG.warn("stream refused: the store failed", e);
      response.setHeader("Retry-After", "1");
      send(response, 503, JsonOutput.error(ErrorMappers.SERVICE_UNAVAILABLE));
    } else {
      LOG.error("Unexpected error on a stream request", e);
      send(response, 500, JsonOutput.error(ErrorMappers.UNKNOWN_ERROR));
    }
  }

  private static void limitHeaders(Response response, RateDecision decision) {
    response.setHeader(CustomerAuthFilter.LIMIT_HEADER, Integer.toString(decision.limit()));
    response.setHeader(
        CustomerAuthFilter.REMAINING_HEADER, Long.toString(Math.max(0, decision.remaining())));
  }

  private static void send(Response response, int status, byte[] body) throws IOException {
    if (status == 429) { // Grizzly knows no reason phrase for 429 and would write "CUSTOM"
      response.setStatus(429, "Too Many Requests");
    } else {
      response.setStatus(status);
    }
    response.setContentType(Envelope.JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
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
