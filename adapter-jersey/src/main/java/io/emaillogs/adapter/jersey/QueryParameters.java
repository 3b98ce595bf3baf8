package io.emaillogs.adapter.jersey;

import io.emaillogs.domain.InvalidRequestException;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** The decoded query string as the use cases take it: each name to every value given. */
final class QueryParameters {
  private QueryParameters() {}

  static Map<String, List<String>> of(UriInfo uri) {
    try {
      return uri.getQueryParameters(true);
    } catch (IllegalArgumentException badEncoding) {
      throw new InvalidRequestException(RequestGuard.MALFORMED_QUERY);
    }
  }

  /**
   * Refuses any query parameter, for an endpoint that takes none.
   *
   * @throws InvalidRequestException {@code Invalid query parameter: <name>} (the first by name)
   */
  static void noneExpected(UriInfo uri) {
    Map<String, List<String>> given = of(uri);
    if (!given.isEmpty()) {
      String first = new java.util.TreeSet<>(given.keySet()).first();
      throw new InvalidRequestException("Invalid query parameter: " + first);
    }
  }
}
