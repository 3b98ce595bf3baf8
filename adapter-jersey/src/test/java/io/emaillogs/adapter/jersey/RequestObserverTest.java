package io.emaillogs.adapter.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.glassfish.jersey.uri.UriTemplate;
import org.junit.jupiter.api.Test;

class RequestObserverTest {
  @Test
  void the_route_is_the_matched_templates_outermost_first() {
    assertThat(
            RequestObserver.route(
                List.of(new UriTemplate("{refId}/events"), new UriTemplate("/v1/email/logs"))))
        .isEqualTo("/v1/email/logs/{refId}/events");
    assertThat(RequestObserver.route(List.of(new UriTemplate("/health")))).isEqualTo("/health");
  }

  @Test
  void a_template_regex_is_left_out_of_the_route() {
    assertThat(
            RequestObserver.route(List.of(new UriTemplate("{file: .+}"), new UriTemplate("/ui"))))
        .isEqualTo("/ui/{file}");
  }

  @Test
  void nothing_matched_is_unmatched_never_a_path() {
    assertThat(RequestObserver.route(List.of())).isEqualTo("unmatched");
    assertThat(RequestObserver.route(null)).isEqualTo("unmatched");
  }

  @Test
  void only_standard_methods_are_tags_of_their_own() {
    assertThat(HttpMetrics.method("GET")).isEqualTo("GET");
    assertThat(HttpMetrics.method("DELETE")).isEqualTo("DELETE");
    assertThat(HttpMetrics.method("BREW")).isEqualTo("OTHER");
  }
}
