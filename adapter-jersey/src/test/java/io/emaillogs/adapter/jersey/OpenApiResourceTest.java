package io.emaillogs.adapter.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenApiResourceTest {
  static final List<Class<?>> RESOURCES =
      List.of(
          LogsResource.class,
          ExportResource.class,
          TimelineResource.class,
          StatsResource.class,
          AdminResource.class,
          HealthResource.class,
          ReadyResource.class,
          DomainsResource.class,
          UiResource.class,
          DocsResource.class,
          OpenApiResource.class);

  @Test
  void the_json_is_the_yaml_converted() throws Exception {
    OpenApiResource resource = OpenApiResource.load();
    JsonNode json = new ObjectMapper().readTree((byte[]) resource.json().getEntity());
    JsonNode yaml = new YAMLMapper().readTree((byte[]) resource.yaml().getEntity());
    assertThat(json).isEqualTo(yaml);
    assertThat(json.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(resource.yaml().getMediaType().toString()).startsWith("application/yaml");
  }

  /**
   * Every JAX-RS method and the stream handler's path are in the document, and the document has no
   * operation the server lacks (the viewer's {@code /ui} index and the {@code /docs/} spellings
   * aside).
   */
  @Test
  void the_document_has_every_operation_of_the_resources_and_no_other() throws Exception {
    Set<String> served = new TreeSet<>();
    for (Class<?> resource : RESOURCES) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method m : resource.getMethods()) {
        String verb =
            m.isAnnotationPresent(GET.class)
                ? "get"
                : m.isAnnotationPresent(POST.class)
                    ? "post"
                    : m.isAnnotationPresent(DELETE.class) ? "delete" : null;
        if (verb == null) {
          continue;
        }
        Path sub = m.getAnnotation(Path.class);
        String path = join(base, sub == null ? "" : sub.value());
        served.add(verb + " " + path.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}"));
      }
    }
    served.add("get /api/domains/{domain}/log/stream"); // StreamHandler, in front of Jersey
    served.remove("get /{document}"); // OpenApiResource: one method for both spellings
    served.add("get /openapi.json");
    served.add("get /openapi.yaml");
    served.remove("get /ui"); // the viewer's index: /ui/ (documented as /ui/{file})
    JsonNode paths =
        new YAMLMapper().readTree((byte[]) OpenApiResource.load().yaml().getEntity()).get("paths");
    Set<String> documented = new TreeSet<>();
    paths
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        v -> documented.add(v.toLowerCase(Locale.ROOT) + " " + p.getKey())));
    assertThat(documented).isEqualTo(served);
  }

  private static String join(String base, String sub) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    if (sub.isEmpty()) {
      return b.isEmpty() ? "/" : b;
    }
    return b + "/" + (sub.startsWith("/") ? sub.substring(1) : sub);
  }
}
