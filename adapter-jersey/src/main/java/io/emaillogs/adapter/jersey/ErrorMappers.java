package io.emaillogs.adapter.jersey;

import io.emaillogs.application.MalformedCredentialsException;
import io.emaillogs.application.NotFoundException;
import io.emaillogs.application.RateLimitedException;
import io.emaillogs.application.UnauthorizedException;
import io.emaillogs.application.port.RateLimiter.RateDecision;
import io.emaillogs.application.port.StoreUnavailableException;
import io.emaillogs.domain.InvalidRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ExceptionMapper} per error family, each answering in the envelope of the endpoint
 * ({@link Envelope}). Only messages meant for the caller are shown (those of the specification and
 * fixed texts here); anything unexpected is a 500 {@code Unknown error} and one log entry.
 */
final class ErrorMappers {
  static final String NOT_FOUND = "Not found";
  static final String UNKNOWN_ERROR = "Unknown error";
  static final String SERVICE_UNAVAILABLE = "service unavailable";

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

  private static final Map<Integer, String> STATUS_MESSAGES =
      Map.of(
          400, "Bad request",
          404, NOT_FOUND,
          405, "Method not allowed",
          406, "Not acceptable",
          413, "Request body too large",
          415, "Unsupported media type");

  private ErrorMappers() {}

  /** Every mapper, for registration. */
  static List<ExceptionMapper<?>> all() {
    return List.of(
        new Unauthorized(),
        new MalformedCredentials(),
        new InvalidRequest(),
        new NotFound(),
        new RateLimited(),
        new StoreUnavailable(),
        new WebApplication(),
        new Unexpected());
  }

  /** Base: knows the envelope of the current request from its path. */
  abstract static class Base<E extends Throwable> implements ExceptionMapper<E> {
    @Context private UriInfo uriInfo;

    Envelope envelope() {
      try {
        return Envelope.forPath(uriInfo.getPath());
      } catch (RuntimeException outsideOfARequest) {
        return Envelope.PLAIN;
      }
    }

    String describeRequest() {
      try {
        return uriInfo.getRequestUri().getRawPath();
      } catch (RuntimeException outsideOfARequest) {
        return "?";
      }
    }
  }

  /** 401 {@code Unauthorized} with {@code WWW-Authenticate: Bearer}. */
  static final class Unauthorized extends Base<UnauthorizedException> {
    @Override
    public Response toResponse(UnauthorizedException e) {
      return envelope()
          .error(401, e.getMessage())
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .build();
    }
  }

  /** 400 {@code User authentication missing}. */
  static final class MalformedCredentials extends Base<MalformedCredentialsException> {
    @Override
    public Response toResponse(MalformedCredentialsException e) {
      return envelope().error(400, e.getMessage()).build();
    }
  }

  /** 400 with the specification's message (invalid parameters, events and bodies). */
  static final class InvalidRequest extends Base<InvalidRequestException> {
    @Override
    public Response toResponse(InvalidRequestException e) {
      return envelope().error(400, e.getMessage()).build();
    }
  }

  /** 404 with the use case's message (unknown account, key, or a domain not the caller's). */
  static final class NotFound extends Base<NotFoundException> {
    @Override
    public Response toResponse(NotFoundException e) {
      return envelope().error(404, e.getMessage()).build();
    }
  }

  /**
   * 429 {@code {"success":false,"message":...}} with {@code Retry-After} and the rate-limit headers
   * (those of the call's own admission, when it was admitted and then refused a stream slot, are
   * set again by {@link CustomerAuthFilter.LimitHeaders}).
   */
  static final class RateLimited extends Base<RateLimitedException> {
    @Override
    public Response toResponse(RateLimitedException e) {
      RateDecision decision = e.decision();
      Response.ResponseBuilder response =
          Response.status(429)
              .type(Envelope.JSON)
              .entity(JsonOutput.tooManyRequests(e.getMessage()))
              .header(HttpHeaders.RETRY_AFTER, Math.max(1, decision.retryAfterSeconds()))
              .header(CustomerAuthFilter.LIMIT_HEADER, decision.limit())
              .header(CustomerAuthFilter.REMAINING_HEADER, Math.max(0, decision.remaining()));
      return response.build();
    }
  }

  /**
   * 503 {@code service unavailable} with {@code Retry-After: 1}: the database cannot be reached (it
   * is down or restarting); the caller may try again, nothing was stored.
   */
  static final class StoreUnavailable extends Base<StoreUnavailableException> {
    @Override
    public Response toResponse(StoreUnavailableException e) {
      LOG.warn("store unavailable on {}: {}", describeRequest(), rootCause(e));
      return envelope().error(503, SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, 1).build();
    }
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }

  /** Jersey's own refusals: unknown path 404, wrong method 405 (with Allow), 406, 415... */
  static final class WebApplication extends Base<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      int status = original.getStatus();
      if (status >= 500) {
        LOG.error("HTTP {} on {}", status, describeRequest(), e);
        return envelope().error(500, UNKNOWN_ERROR).build();
      }
      String message = STATUS_MESSAGES.get(status);
      if (message == null) {
        message = original.getStatusInfo().getReasonPhrase();
      }
      Response.ResponseBuilder response = envelope().error(status, message);
      for (String name : List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE)) {
        if (original.getHeaderString(name) != null) {
          response.header(name, original.getHeaderString(name));
        }
      }
      return response.build();
    }
  }

  /** Anything else: 500 {@code Unknown error}, and the cause in the log. */
  static final class Unexpected extends Base<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      LOG.error("Unexpected error on {}", describeRequest(), e);
      return envelope().error(500, UNKNOWN_ERROR).build();
    }
  }
}
