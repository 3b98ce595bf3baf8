package io.emaillogs.adapter.jersey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml} and {@code GET /openapi.json}: the OpenAPI 3.1 document of this API,
 * kept in the repository as YAML ({@value #DOCUMENT} on the class path) and converted to JSON once,
 * when the server starts (a document that does not parse stops the start). No authentication.
 */
@Path("/{document: openapi\\.(json|yaml)}")
public final class OpenApiResource {
  static final String DOCUMENT = "/openapi/openapi.yaml";
  static final String YAML_TYPE = "application/yaml; charset=utf-8";

  private final byte[] yaml;
  private final byte[] json;

  private OpenApiResource(byte[] yaml, byte[] json) {
    this.yaml = yaml;
    this.json = json;
  }

  /** Reads and converts the document; fails when it is missing or not YAML. */
  static OpenApiResource load() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is not on the class path");
      }
      byte[] yaml = in.readAllBytes();
      JsonNode document = new YAMLMapper().readTree(yaml);
      if (document == null || !document.isObject() || !document.has("openapi")) {
        throw new IllegalStateException(DOCUMENT + " is not an OpenAPI document");
      }
      return new OpenApiResource(yaml, new ObjectMapper().writeValueAsBytes(document));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DOCUMENT, e);
    }
  }

  /**
   * {@code /openapi.json} or {@code /openapi.yaml}; a path of its own, no resource at {@code /}.
   */
  @GET
  public Response get(@PathParam("document") String document) {
    return document.endsWith(".json") ? json() : yaml();
  }

  Response json() {
    return Response.ok(json, Envelope.JSON)
        .header(HttpHeaders.CACHE_CONTROL, StaticAssets.CACHE_CONTROL)
        .build();
  }

  Response yaml() {
    return Response.ok(yaml, YAML_TYPE)
        .header(HttpHeaders.CACHE_CONTROL, StaticAssets.CACHE_CONTROL)
        .build();
  }
}
