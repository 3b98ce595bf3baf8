package io.emaillogs.adapter.jersey;

import io.emaillogs.application.AccessUseCase;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Guards the whole {@code /admin} tree and {@code /metrics} before any matching: 404 {@code Not
 * found} when the operator API is off (no admin token configured), else the admin bearer token is
 * required, also for unknown admin paths, so the tree reveals nothing to a caller without it.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AdminGate implements ContainerRequestFilter {
  private final AccessUseCase access;

  AdminGate(AccessUseCase access) {
    this.access = access;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!isAdminPath(request.getUriInfo().getPath())) {
      return;
    }
    if (!access.adminEnabled()) {
      request.abortWith(Envelope.PLAIN.error(404, ErrorMappers.NOT_FOUND).build());
      return;
    }
    access.authorizeAdmin(request.getHeaderString(HttpHeaders.AUTHORIZATION));
  }

  static boolean isAdminPath(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.equals("admin") || p.startsWith("admin/") || p.equals("metrics");
  }
}
