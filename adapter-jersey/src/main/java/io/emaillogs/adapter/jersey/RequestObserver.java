package io.emaillogs.adapter.jersey;

import io.emaillogs.domain.account.Account;
import java.util.List;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every request Jersey serves and, when it finishes, records it in {@link HttpMetrics} and
 * writes its {@link AccessLog} line, by route template. (Streams are served in front of Jersey:
 * {@link StreamHandler} does the same for them.)
 */
final class RequestObserver implements ApplicationEventListener {
  private static final Pattern TEMPLATE_REGEX = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

  private final HttpMetrics metrics;

  RequestObserver(HttpMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void onEvent(ApplicationEvent event) {
    // only requests matter
  }

  @Override
  public RequestEventListener onRequest(RequestEvent start) {
    long started = System.nanoTime();
    return event -> {
      if (event.getType() == RequestEvent.Type.FINISHED) {
        finished(event, System.nanoTime() - started);
      }
    };
  }

  private void finished(RequestEvent event, long nanos) {
    ContainerRequest request = event.getContainerRequest();
    ContainerResponse response = event.getContainerResponse();
    int status = response == null ? 500 : response.getStatus();
    String route = route(event.getUriInfo().getMatchedTemplates());
    String method = HttpMetrics.method(request.getMethod());
    Long account =
        request.getProperty(CustomerAuthFilter.ACCOUNT) instanceof Account a ? a.id() : null;
    metrics.request(method, route, status, nanos);
    AccessLog.request(method, route, status, nanos, account, -1);
  }

  /**
   * The route template of the matched resource method, e.g. {@code /v1/email/logs/{refId}/events}
   * ({@code templates} is innermost first); {@link HttpMetrics#UNMATCHED} when nothing matched.
   */
  static String route(List<UriTemplate> templates) {
    if (templates == null || templates.isEmpty()) {
      return HttpMetrics.UNMATCHED;
    }
    StringBuilder route = new StringBuilder();
    for (int i = templates.size() - 1; i >= 0; i--) {
      String part = templates.get(i).getTemplate();
      if (part.isEmpty() || part.equals("/")) {
        continue;
      }
      if (!part.startsWith("/")) {
        route.append('/');
      }
      route.append(part.endsWith("/") ? part.substring(0, part.length() - 1) : part);
    }
    String joined = route.length() == 0 ? "/" : route.toString();
    return TEMPLATE_REGEX.matcher(joined).replaceAll("{$1}");
  }
}
