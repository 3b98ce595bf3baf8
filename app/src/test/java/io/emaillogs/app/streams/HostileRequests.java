package io.emaillogs.app.streams;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates hostile requests, each from its own seed so that one failing request can be sent again
 * alone: random, malformed, repeated and unknown parameters, 100 KB values, bad UTF-8 and bad
 * percent-encoding, odd paths and methods, wrong content types, malformed and deeply nested JSON
 * and NDJSON, garbage tokens and tampered page tokens - against every endpoint.
 */
final class HostileRequests {
  /** What the generator may aim at: a real customer, its data and a real page token. */
  record Target(
      String token, long accountId, String domain, List<String> refIds, String pageToken) {}

  /** One request: its bytes and a short label for the failure message. */
  record Request(String method, String target, byte[] bytes) {
    boolean head() {
      return method.equals("HEAD");
    }

    /** The request as sent, escaped and cut at 500 characters. */
    String label() {
      return show(bytes);
    }
  }

  /** Bytes of a request, escaped and cut at 500 characters. */
  static String show(byte[] bytes) {
    {
      StringBuilder shown = new StringBuilder();
      for (int i = 0; i < bytes.length && shown.length() < 500; i++) {
        int b = bytes[i] & 0xff;
        shown.append(
            b == '\n'
                ? "\\n\n"
                : b == '\r'
                    ? "\\r"
                    : b < 0x20 || b > 0x7e
                        ? String.format("\\x%02x", b)
                        : String.valueOf((char) b));
      }
      return shown + (bytes.length > 500 ? "...(" + bytes.length + " bytes)" : "");
    }
  }

  static final String HUGE = "a".repeat(100 * 1024);
  private static final String[] LOG_PARAMS = {
    "email",
    "recipientDomain",
    "refId",
    "status",
    "fromAddress",
    "subject",
    "campaignId",
    "recipientType",
    "failedReason",
    "startCreatedAt",
    "endCreatedAt",
    "startDeliveredDate",
    "endDeliveredDate",
    "pageSize",
    "pageToken"
  };
  private static final String[] STATS_PARAMS = {
    "startCreatedAt",
    "endCreatedAt",
    "campaignId",
    "fromAddress",
    "recipientDomain",
    "interval",
    "groupBy"
  };
  private static final String[] STREAM_PARAMS = {
    "start", "end", "sender", "recipient", "subject", "event_type", "tags", "limit"
  };
  private static final String[] BAD_ENCODINGS = {
    "%00",
    "a%00b",
    "%",
    "%z",
    "%zz",
    "%ff",
    "%c3",
    "%c3%28",
    "%ed%a0%80",
    "%f0%9f",
    "%e2%82",
    "%c0%af",
    "%f8%88%80%80%80",
    "%ef%bf%bf",
    "%e2%80%ae",
    "+",
    "%2B",
    "%26",
    "%3D",
    "%25",
    "%u0041",
    "%%",
    "a%0d%0aX-Injected:%20yes",
    "%0a",
    "%09",
    "%7f",
    "%ef%bb%bf",
    "\u00ff",
    "\u0080"
  };
  private static final String[] METHODS = {
    "GET",
    "GET",
    "GET",
    "GET",
    "POST",
    "POST",
    "PUT",
    "DELETE",
    "HEAD",
    "OPTIONS",
    "PATCH",
    "TRACE",
    "FOO",
    "get",
    "M-SEARCH",
    "PROPFIND"
  };
  private static final String[] CONTENT_TYPES = {
    "application/json",
    "application/x-ndjson",
    "text/plain",
    "application/json; charset=latin1",
    "application/xml",
    "multipart/form-data; boundary=x",
    "garbage",
    "*/*",
    "",
    "application/x-www-form-urlencoded",
    "application/json; charset=\u00ff"
  };

  private final Target target;

  HostileRequests(Target target) {
    this.target = target;
  }

  /** The seed of request {@code index} of a run with seed {@code seed}. */
  static long seedOf(long seed, long index) {
    return new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextLong();
  }

  Request generate(long requestSeed) {
    SplittableRandom r = new SplittableRandom(requestSeed);
    return switch (r.nextInt(12)) {
      case 0, 1 -> get(r, "/v1/email/logs", query(r, LOG_PARAMS));
      case 2 -> get(r, "/v1/email/logs/export", query(r, LOG_PARAMS, "format"));
      case 3 -> get(r, "/v1/email/stats", query(r, STATS_PARAMS));
      case 4 ->
          get(r, "/v1/email/logs/" + segment(r) + "/events", query(r, new String[] {"recipient"}));
      case 5, 6 -> stream(r);
      case 7, 8 -> ingest(r);
      case 9 -> admin(r);
      case 10 -> odd(r);
      default -> get(r, pick(r, "/v1/domains", "/health", "/ui/", "/ui/" + segment(r)), "");
    };
  }

  // ---- endpoints ----

  private Request get(SplittableRandom r, String path, String query) {
    String method = r.nextInt(5) == 0 ? pick(r, METHODS) : "GET";
    String target = path + (query.isEmpty() && r.nextBoolean() ? "" : "?" + query);
    byte[] body = r.nextInt(8) == 0 ? jsonBody(r) : null;
    return build(r, method, target, customerAuth(r), body, r.nextInt(4) == 0);
  }

  private Request stream(SplittableRandom r) {
    String domain =
        switch (r.nextInt(6)) {
          case 0, 1 -> target.domain();
          case 2 -> target.domain().toUpperCase();
          default -> segment(r);
        };
    String query = query(r, STREAM_PARAMS);
    if (r.nextInt(3) > 0) {
      query += (query.isEmpty() ? "" : "&") + "end=" + Instant.now().minusSeconds(5);
    }
    String method = r.nextInt(8) == 0 ? pick(r, METHODS) : "GET";
    StringBuilder extra = new StringBuilder("Accept: text/event-stream\r\n");
    if (r.nextInt(3) == 0) {
      extra
          .append("Last-Event-ID: ")
          .append(pick(r, "0", "-1", "abc", "99999999999999999999999", "1e3", " 5", "", "\u00ff"))
          .append("\r\n");
    }
    return build(
        r,
        method,
        "/api/domains/" + domain + "/log/stream?" + query,
        customerAuth(r) + extra,
        null,
        false);
  }

  private Request ingest(SplittableRandom r) {
    String type = pick(r, CONTENT_TYPES);
    boolean ndjson = type.contains("ndjson") || r.nextInt(4) == 0;
    byte[] body = ndjson ? ndjsonBody(r) : jsonBody(r);
    String method = r.nextInt(10) == 0 ? pick(r, METHODS) : "POST";
    String headers = adminAuth(r) + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n");
    return build(r, method, "/admin/events", headers, body, false);
  }

  private Request admin(SplittableRandom r) {
    String id =
        pick(
            r,
            String.valueOf(target.accountId()),
            "0",
            "-1",
            "abc",
            "1e3",
            "%00",
            "99999999999999999999",
            "9223372036854775807",
            "%ff",
            "");
    String path =
        switch (r.nextInt(5)) {
          case 0 -> "/admin/accounts";
          case 1 -> "/admin/accounts/" + id + "/keys";
          case 2 -> "/admin/accounts/" + id + "/keys/" + segment(r);
          case 3 -> "/admin/accounts/" + id + "/domains";
          default -> "/admin/" + segment(r);
        };
    String method =
        r.nextInt(4) == 0 ? pick(r, METHODS) : (path.contains("/keys/") ? "DELETE" : "POST");
    String body =
        pick(
            r,
            "{\"name\":" + jsonString(r) + ",\"tenantId\":" + number(r) + "}",
            "{\"name\":"
                + jsonString(r)
                + ",\"tenantId\":1,\"rateLimitPerMinute\":"
                + number(r)
                + "}",
            "{\"name\":" + jsonString(r) + "}",
            "{\"domain\":"
                + jsonString(r)
                + ",\"verified\":"
                + pick(r, "true", "false", "1", "null", "\"yes\"")
                + "}",
            "{\"domain\":\"ex.com\",\"verified\":true,\"" + word(r) + "\":1}",
            nested(r),
            "[]",
            "null",
            "",
            garbageText(r));
    String type = r.nextInt(4) == 0 ? pick(r, CONTENT_TYPES) : "application/json";
    return build(
        r,
        method,
        path,
        adminAuth(r) + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n"),
        mutate(r, body.getBytes(StandardCharsets.UTF_8)),
        false);
  }

  private Request odd(SplittableRandom r) {
    String path =
        pick(
            r,
            "/",
            "//",
            "*",
            "/v1//email/logs",
            "/v1/email/logs/",
            "/../admin/events",
            "/%2e%2e/admin/accounts",
            "/v1/email/logs;x=y",
            "/v1/email/%00",
            "/v1/email/logs/%2F/events",
            "/api/domains//log/stream",
            "/api/domains/example.com/log/stream/extra",
            "/admin",
            "/admin/",
            "/ui/../../etc/passwd",
            "/ui/%2e%2e/%2e%2e/pom.xml",
            "/" + HUGE,
            "/v1/email/logs?" + HUGE,
            "http://127.0.0.1/v1/email/logs",
            "/v1/email/logs#frag",
            "/health?" + word(r) + "=" + pick(r, BAD_ENCODINGS));
    String headers = customerAuth(r);
    if (r.nextInt(4) == 0) {
      headers +=
          pick(r, "X-Big: " + HUGE.substring(0, 20_000), "Host: other", "Expect: 200-ok") + "\r\n";
    }
    return build(r, pick(r, METHODS), path, headers, r.nextBoolean() ? jsonBody(r) : null, false);
  }

  // ---- parts ----

  private Request build(
      SplittableRandom r,
      String method,
      String path,
      String headers,
      byte[] body,
      boolean noLength) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers;
    if (body != null) {
      head += "Content-Length: " + body.length + "\r\n";
    } else if (!noLength && !method.equals("GET") && !method.equals("HEAD")) {
      head += "Content-Length: 0\r\n";
    }
    bytes.writeBytes((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      bytes.writeBytes(body);
    }
    return new Request(method, path, bytes.toByteArray());
  }

  private String customerAuth(SplittableRandom r) {
    return switch (r.nextInt(12)) {
      case 0 -> "";
      case 1 -> "Authorization: Bearer \r\n";
      case 2 -> "Authorization: Basic YTpi\r\n";
      case 3 -> "Authorization: Bearer " + tamper(r, target.token()) + "\r\n";
      case 4 -> "Authorization: Bearer el_" + word(r) + "\r\n";
      case 5 -> "Authorization: Bearer " + StoreServer.ADMIN + "\r\n";
      case 6 -> "Authorization: " + garbageText(r) + "\r\n";
      default -> "Authorization: Bearer " + target.token() + "\r\n";
    };
  }

  private String adminAuth(SplittableRandom r) {
    return switch (r.nextInt(10)) {
      case 0 -> "";
      case 1 -> "Authorization: Bearer " + target.token() + "\r\n";
      case 2 -> "Authorization: Bearer " + tamper(r, StoreServer.ADMIN) + "\r\n";
      case 3 -> "Authorization: bearer\r\n";
      default -> "Authorization: Bearer " + StoreServer.ADMIN + "\r\n";
    };
  }

  private String query(SplittableRandom r, String[] names, String... more) {
    StringBuilder q = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      if (q.length() > 0) {
        q.append(r.nextInt(20) == 0 ? "&&" : "&");
      }
      String name =
          switch (r.nextInt(10)) {
            case 0 -> word(r); // unknown
            case 1 -> pick(r, BAD_ENCODINGS);
            case 2 -> more.length > 0 ? more[0] : pick(r, names);
            default -> pick(r, names);
          };
      q.append(name);
      if (r.nextInt(15) != 0) {
        q.append('=').append(value(r, name));
      }
      if (r.nextInt(12) == 0) { // repeated
        q.append('&').append(name).append('=').append(value(r, name));
      }
    }
    return q.toString();
  }

  private String value(SplittableRandom r, String name) {
    if (name.equals("pageToken") && r.nextInt(3) > 0) {
      return r.nextBoolean() ? target.pageToken() : tamper(r, target.pageToken());
    }
    return switch (r.nextInt(14)) {
      case 0 -> pick(r, BAD_ENCODINGS);
      case 1 -> word(r) + pick(r, BAD_ENCODINGS) + word(r);
      case 2 -> r.nextInt(10) == 0 ? HUGE : "x".repeat(r.nextInt(2_000));
      case 3 ->
          pick(
              r,
              "2026-12-01T00:00:00Z",
              Instant.now().toString(),
              "2026-13-45T99:99:99Z",
              "1700000000",
              "2026-12-01",
              "2026-12-01T00:00:00",
              "-999999999-01-01T00:00:00Z",
              "+999999999-12-31T23:59:59Z",
              Instant.now().minusSeconds(86_400L * 8).toString());
      case 4 ->
          pick(
              r,
              "0",
              "1",
              "20",
              "50",
              "51",
              "-1",
              "500000",
              "500001",
              "1e3",
              "0x10",
              "99999999999999999999999",
              "%205",
              "NaN");
      case 5 ->
          pick(
              r,
              "bounced",
              "delivered",
              "queued",
              "opened",
              "BOUNCED",
              "to",
              "cc",
              "bcc",
              "day",
              "hour",
              "week",
              "campaign",
              "domain",
              "sender",
              "csv",
              "ndjson",
              "json",
              "");
      case 6 -> target.refIds().get(r.nextInt(target.refIds().size()));
      case 7 ->
          pick(r, "a@x.org", "A@X.ORG", "r1@x.org", "@", "a@", "x.org", "news@" + target.domain());
      case 8 -> percentEncoded(r);
      case 9 -> tamper(r, target.pageToken());
      default -> word(r);
    };
  }

  private String segment(SplittableRandom r) {
    return switch (r.nextInt(10)) {
      case 0 -> target.refIds().get(r.nextInt(target.refIds().size()));
      case 1 -> pick(r, BAD_ENCODINGS);
      case 2 -> "x".repeat(65 + r.nextInt(300));
      case 3 -> pick(r, "..", ".", "%2e%2e", "%2F", "a%2Fb", "-", "_", "a.b", "UPPER.COM", "%20");
      case 4 -> percentEncoded(r);
      default -> word(r) + (r.nextBoolean() ? "." + word(r) : "");
    };
  }

  private static String percentEncoded(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    int n = 1 + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append('%').append(String.format("%02x", r.nextInt(256)));
    }
    return s.toString();
  }

  private byte[] jsonBody(SplittableRandom r) {
    StringBuilder s = new StringBuilder("[");
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : ",").append(event(r));
    }
    String body = r.nextInt(6) == 0 ? nested(r) : s.append(']').toString();
    return mutate(r, body.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] ndjsonBody(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      s.append(r.nextInt(8) == 0 ? pick(r, "", "[1]", "{", "null", "\"x\"", nested(r)) : event(r))
          .append(pick(r, "\n", "\n", "\r\n", "\n\n"));
    }
    return mutate(r, s.toString().getBytes(StandardCharsets.UTF_8));
  }

  private String event(SplittableRandom r) {
    StringBuilder e = new StringBuilder("{");
    String refId =
        r.nextInt(3) == 0
            ? "fz" + r.nextInt(1_000_000)
            : target.refIds().get(r.nextInt(target.refIds().size()));
    field(e, r, "eventId", r.nextInt(3) == 0 ? null : jsonString(r));
    field(
        e,
        r,
        "type",
        "\""
            + pick(
                r,
                "queued",
                "queued",
                "delivered",
                "bounced",
                "opened",
                "clicked",
                "nope",
                "QUEUED")
            + "\"");
    field(e, r, "accountId", r.nextInt(6) == 0 ? number(r) : String.valueOf(target.accountId()));
    field(e, r, "refId", r.nextInt(6) == 0 ? jsonString(r) : "\"" + refId + "\"");
    field(e, r, "recipientAddress", r.nextInt(6) == 0 ? jsonString(r) : "\"r@x.org\"");
    field(
        e, r, "timestamp", "\"" + (r.nextInt(6) == 0 ? word(r) : Instant.now().toString()) + "\"");
    field(
        e,
        r,
        "fromAddress",
        r.nextInt(6) == 0 ? jsonString(r) : "\"news@" + target.domain() + "\"");
    field(e, r, "subject", jsonString(r));
    if (r.nextInt(3) == 0) {
      field(e, r, "tags", "[" + jsonString(r) + "," + jsonString(r) + "]");
    }
    if (r.nextInt(3) == 0) {
      field(
          e,
          r,
          pick(
              r,
              "reason",
              "userAgent",
              "ip",
              "url",
              "campaignId",
              "priority",
              "recipientType",
              word(r)),
          jsonString(r));
    }
    e.append('}');
    return e.toString();
  }

  private static void field(StringBuilder e, SplittableRandom r, String name, String json) {
    if (json == null || r.nextInt(20) == 0) {
      return; // left out
    }
    e.append(e.length() > 1 ? "," : "").append('"').append(name).append("\":").append(json);
  }

  private static String jsonString(SplittableRandom r) {
    return switch (r.nextInt(12)) {
      case 0 -> "\"a\\u0000b\"";
      case 1 -> "\"\\ud800\"";
      case 2 -> "\"x\\udc00y\"";
      case 3 -> "\"" + (r.nextInt(4) == 0 ? HUGE : "s".repeat(990 + r.nextInt(20))) + "\"";
      case 4 -> pick(r, "null", "1", "true", "[]", "{}", "-0", "1e999", "\"\"");
      case 5 -> "\"\\uZZZZ\"";
      case 6 -> "\"\\ud83d\\ude00 ok\"";
      default -> "\"" + word(r) + "\"";
    };
  }

  private static String number(SplittableRandom r) {
    return pick(
        r,
        "0",
        "-1",
        "1",
        "1.5",
        "1e400",
        "99999999999999999999999",
        "\"1\"",
        "null",
        "true",
        "9223372036854775807");
  }

  private static String nested(SplittableRandom r) {
    int depth = pickInt(r, 100, 1_000, 5_000, 50_000);
    String open = r.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return open.repeat(depth) + "1" + (r.nextBoolean() ? close.repeat(depth) : "");
  }

  /** Sometimes damages the bytes: a flipped byte, a cut, bad UTF-8, a stray NUL. */
  private static byte[] mutate(SplittableRandom r, byte[] body) {
    if (body.length == 0 || r.nextInt(3) > 0) {
      return body;
    }
    byte[] b = body.clone();
    switch (r.nextInt(5)) {
      case 0 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
      case 2 -> b[r.nextInt(b.length)] = (byte) pickInt(r, 0xff, 0xc0, 0xed, 0x80, 0xf8);
      case 3 -> b[r.nextInt(b.length)] = 0;
      default -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b);
        out.writeBytes(new byte[] {(byte) 0xc3, 0x28, (byte) 0xe2, (byte) 0x82});
        b = out.toByteArray();
      }
    }
    return b;
  }

  private static String tamper(SplittableRandom r, String s) {
    if (s.isEmpty()) {
      return "x";
    }
    char[] c = s.toCharArray();
    return switch (r.nextInt(4)) {
      case 0 -> s.substring(0, r.nextInt(s.length()));
      case 1 -> s + pick(r, "A", "==", "%00", ".", "x");
      default -> {
        int i = r.nextInt(c.length);
        c[i] = "ABCxyz019-_.~".charAt(r.nextInt(13));
        yield new String(c);
      }
    };
  }

  private static String garbageText(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    int n = 1 + r.nextInt(40);
    for (int i = 0; i < n; i++) {
      s.append((char) (0x21 + r.nextInt(0x5e)));
    }
    return s.toString();
  }

  /** A short random word that can never spell a class name. */
  private static String word(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    int n = 1 + r.nextInt(10);
    for (int i = 0; i < n; i++) {
      s.append("bdfghkmnpqrtvwxz0123456789".charAt(r.nextInt(26)));
    }
    return s.toString();
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom r, T... options) {
    return options[r.nextInt(options.length)];
  }

  private static int pickInt(SplittableRandom r, int... options) {
    return options[r.nextInt(options.length)];
  }
}
