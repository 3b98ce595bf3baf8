package io.emaillogs.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.emaillogs.app.http.HttpFixture.Reply;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document as the server serves it, and a check of real responses against it: the
 * status must be documented for the operation, the content type must be one of its media types, the
 * body must match the media type's schema (JSON Schema 2020-12 in the OpenAPI 3.1 dialect,
 * validated by networknt's json-schema-validator), the required headers must be there and every
 * documented header present must match its schema. Bodies that are not JSON are checked by the
 * schema's {@code $defs}: {@code line} (each line of NDJSON is JSON of that schema) or, for {@code
 * text/event-stream}, one entry per event name (each frame's data is JSON of that schema; an event
 * not listed fails). Remembers which operation answered which status, for the coverage check.
 */
final class OpenApiContract {
  private static final String BASE = "https://email-logs.invalid/openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Headers whose presence on a response the document must admit. */
  private static final Set<String> GOVERNED =
      Set.of(
          "x-ratelimit-limit",
          "x-ratelimit-remaining",
          "retry-after",
          "www-authenticate",
          "content-disposition",
          "allow");

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Set<String> answered = ConcurrentHashMap.newKeySet();

  private OpenApiContract(JsonNode document, String text) {
    this.document = document;
    this.registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(BASE, text)));
  }

  static OpenApiContract of(String documentJson) {
    try {
      return new OpenApiContract(JSON.readTree(documentJson), documentJson);
    } catch (IOException e) {
      throw new AssertionError("the served document is not JSON", e);
    }
  }

  JsonNode document() {
    return document;
  }

  /** Every operation of the document, as {@code operationId}. */
  Set<String> operations() {
    Set<String> ids = new TreeSet<>();
    document
        .get("paths")
        .forEach(item -> item.forEach(op -> ids.add(op.get("operationId").asText())));
    return ids;
  }

  /** {@code operationId status} pairs the checked responses answered. */
  Set<String> answered() {
    return Set.copyOf(answered);
  }

  /**
   * Checks {@code reply}, the answer to {@code method} on {@code pathAndQuery}, against the
   * document; returns it for further assertions.
   *
   * @throws AssertionError listing every way the answer differs from the document
   */
  Reply check(String method, String pathAndQuery, Reply reply) {
    return check(method, pathAndQuery, null, null, reply);
  }

  /**
   * As {@link #check(String, String, Reply)}; when the server accepted the request (a 2xx), its
   * body, sent as {@code requestType}, must also be valid by the operation's request body: the
   * document may not be stricter than the server.
   */
  Reply check(String method, String pathAndQuery, String requestType, String request, Reply reply) {
    String path = URI.create("http://h" + pathAndQuery).getRawPath();
    String template = template(path);
    String verb = method.toLowerCase(Locale.ROOT);
    JsonNode operation = document.get("paths").get(template).get(verb);
    String where = method + " " + pathAndQuery + " -> " + reply.status();
    if (operation == null && reply.status() == 405) {
      // OpenAPI has no place for a method a path lacks: its 405 is documented on the path's own
      // operations, and checked against the first that documents one
      verb = methodDocumenting405(template);
      operation = verb == null ? null : document.get("paths").get(template).get(verb);
    }
    if (operation == null) {
      throw new AssertionError(where + ": the document has no " + method + " on " + template);
    }
    String status = Integer.toString(reply.status());
    String pointer = "/paths/" + escape(template) + "/" + verb;
    if (!operation.get("responses").has(status)) {
      throw new AssertionError(where + ": status not documented; body " + reply.body());
    }
    Resolved response = resolve(pointer + "/responses/" + status);
    List<String> problems = new ArrayList<>();
    checkHeaders(response, reply, problems);
    checkBody(response, reply, problems);
    if (request != null && reply.status() / 100 == 2) {
      checkRequest(pointer, operation, requestType, request, problems);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          where
              + " differs from the document:\n  "
              + String.join("\n  ", problems)
              + "\n  body: "
              + abbreviate(reply.body()));
    }
    answered.add(operation.get("operationId").asText() + " " + reply.status());
    return reply;
  }

  private void checkRequest(
      String pointer, JsonNode operation, String type, String body, List<String> problems) {
    JsonNode content = operation.path("requestBody").path("content");
    String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!content.has(mediaType)) {
      problems.add("request Content-Type " + type + " is not one of " + fieldNames(content));
      return;
    }
    String schema = pointer + "/requestBody/content/" + escape(mediaType) + "/schema";
    if (mediaType.equals("application/json")) {
      validate(schema, parse(body, problems), "request", problems);
      return;
    }
    int n = 0;
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        validate(schema + "/$defs/line", parse(line, problems), "request line " + n++, problems);
      }
    }
  }

  private void checkHeaders(Resolved response, Reply reply, List<String> problems) {
    JsonNode headers = response.node().path("headers");
    Set<String> documented = new TreeSet<>();
    for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      documented.add(name.toLowerCase(Locale.ROOT));
      Resolved header = resolve(response.pointer() + "/headers/" + escape(name));
      Optional<String> value = reply.headers().firstValue(name);
      if (value.isEmpty()) {
        if (header.node().path("required").asBoolean(false)) {
          problems.add("required header " + name + " is missing");
        }
        continue;
      }
      String schemaPointer = header.pointer() + "/schema";
      JsonNode instance = headerValue(value.get(), resolve(schemaPointer).node());
      validate(schemaPointer, instance, "header " + name, problems);
    }
    for (String name : reply.headers().map().keySet()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (GOVERNED.contains(lower) && !documented.contains(lower)) {
        problems.add("header " + name + " is not documented for this response");
      }
    }
  }

  private void checkBody(Resolved response, Reply reply, List<String> problems) {
    JsonNode content = response.node().get("content");
    String contentType = reply.header("Content-Type");
    if (content == null) {
      if (!reply.body().isEmpty()) {
        problems.add("a body is not documented for this response");
      }
      return;
    }
    if (contentType == null) {
      problems.add("no Content-Type; documented: " + fieldNames(content));
      return;
    }
    String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!content.has(mediaType)) {
      problems.add("Content-Type " + contentType + " is not one of " + fieldNames(content));
      return;
    }
    String schema = response.pointer() + "/content/" + escape(mediaType) + "/schema";
    JsonNode defs = resolve(schema).node().path("$defs");
    if (mediaType.equals("application/json")) {
      validate(schema, parse(reply.body(), problems), "body", problems);
    } else if (mediaType.equals("text/event-stream")) {
      checkFrames(schema, defs, reply.body(), problems);
    } else {
      validate(schema, JsonNodeFactory.instance.textNode(reply.body()), "body", problems);
      if (defs.has("line")) {
        int n = 0;
        for (String line : reply.body().split("\n")) {
          if (!line.isBlank()) {
            validate(schema + "/$defs/line", parse(line, problems), "line " + n++, problems);
          }
        }
      }
    }
  }

  /** Each frame's {@code data} against the schema of its event name in {@code $defs}. */
  private void checkFrames(String schema, JsonNode defs, String body, List<String> problems) {
    int n = 0;
    for (String frame : body.split("\n\n")) {
      String event = "message";
      StringBuilder data = new StringBuilder();
      for (String line : frame.split("\n")) {
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(data.length() == 0 ? "" : "\n").append(line.substring(5).stripLeading());
        }
      }
      if (data.length() == 0) {
        continue; // a comment (keep-alive) or an empty frame
      }
      if (!defs.has(event)) {
        problems.add("frame " + n + ": event " + event + " is not documented");
      } else {
        validate(
            schema + "/$defs/" + escape(event),
            parse(data.toString(), problems),
            "frame " + n + " (" + event + ")",
            problems);
      }
      n++;
    }
  }

  private void validate(String pointer, JsonNode instance, String what, List<String> problems) {
    if (instance == null) {
      return;
    }
    Schema schema =
        schemas.computeIfAbsent(
            pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
    for (Error error : schema.validate(instance)) {
      problems.add(what + ": " + error);
    }
  }

  /**
   * A header's text as the JSON value its schema describes (an integer stays text if it is not
   * one).
   */
  private static JsonNode headerValue(String value, JsonNode schema) {
    if ("integer".equals(schema.path("type").asText())) {
      try {
        return JsonNodeFactory.instance.numberNode(Long.parseLong(value.trim()));
      } catch (NumberFormatException notAnInteger) {
        return JsonNodeFactory.instance.textNode(value);
      }
    }
    return JsonNodeFactory.instance.textNode(value);
  }

  private static JsonNode parse(String text, List<String> problems) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      problems.add("not JSON: " + abbreviate(text));
      return null;
    }
  }

  private String methodDocumenting405(String template) {
    for (Iterator<Map.Entry<String, JsonNode>> ops = document.get("paths").get(template).fields();
        ops.hasNext(); ) {
      Map.Entry<String, JsonNode> op = ops.next();
      if (op.getValue().path("responses").has("405")) {
        return op.getKey();
      }
    }
    return null;
  }

  /** The path template of {@code path}: literal segments win over parameters. */
  private String template(String path) {
    String best = null;
    int bestLiterals = -1;
    for (Iterator<String> names = document.get("paths").fieldNames(); names.hasNext(); ) {
      String candidate = names.next();
      String regex = Pattern.quote(candidate).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      if (Pattern.matches(regex, path)) {
        int literals = candidate.replaceAll("\\{[^}]+}", "").length();
        if (literals > bestLiterals) {
          best = candidate;
          bestLiterals = literals;
        }
      }
    }
    if (best == null) {
      throw new AssertionError(path + " is not a path of the document");
    }
    return best;
  }

  /** A node and its JSON pointer, after following {@code $ref}s within the document. */
  record Resolved(String pointer, JsonNode node) {}

  private Resolved resolve(String pointer) {
    JsonNode node = document.at(pointer);
    if (node.isMissingNode()) {
      throw new AssertionError("no " + pointer + " in the document");
    }
    if (node.has("$ref") && node.get("$ref").asText().startsWith("#/")) {
      return resolve(node.get("$ref").asText().substring(1));
    }
    return new Resolved(pointer, node);
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String abbreviate(String text) {
    return text.length() <= 400 ? text : text.substring(0, 400) + "...";
  }
}
