package io.emaillogs.app.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emaillogs.app.streams.Wire.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, item 2: whatever account A asks - queries with B's values as filters, B's page tokens,
 * streams on B's domain, timelines of B's refIds, stats and export - no byte of account B's data
 * comes back. B shares A's tenant id and also sends from A's domain, so only the account separates
 * them. A seeded random sequence ({@code -Dtenancy.seed=...} replays it) on every store.
 */
@Timeout(300)
class TenancyPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String A_DOMAIN = "a-shop.example";
  private static final String B_DOMAIN = "b-corp.example";

  /** Every marker of B's data; none may appear in any answer to A (case-insensitive). */
  private static final Pattern B_DATA =
      Pattern.compile("bref|bmark|bsecret|bcamp|b-corp|bdata|bspoof", Pattern.CASE_INSENSITIVE);

  @ParameterizedTest
  @ValueSource(strings = {"mem", "h2", "postgresql"})
  void no_call_of_account_a_returns_a_byte_of_account_b(String store) throws Exception {
    long seed = Long.getLong("tenancy.seed", System.nanoTime());
    int calls = Integer.getInteger("tenancy.calls", 400);
    try (StoreServer s = StoreServer.start(store, 50);
        Wire wire = new Wire(s.port(), 300)) {
      String a = s.customer(A_DOMAIN);
      String b = s.customer(B_DOMAIN);
      Instant at = Instant.now().minusSeconds(1_800);
      ingest(wire, s.accountOf(a), "amark", "news@" + A_DOMAIN, "acamp", at);
      ingest(wire, s.accountOf(b), "b", "news@" + B_DOMAIN, "bcamp", at);
      ingest(wire, s.accountOf(b), "bspoof", "news@" + A_DOMAIN, "bcamp", at); // from A's domain
      List<String> bTokens = new ArrayList<>();
      JsonNode bPage = JSON.readTree(call(wire, b, "/v1/email/logs?pageSize=5").body());
      assertThat(bPage.toString()).as("B sees its own data").contains("BSECRET");
      bTokens.add(bPage.path("nextPageToken").asText());
      bTokens.add(
          JSON.readTree(call(wire, b, "/v1/email/logs?pageSize=5&campaignId=bcamp").body())
              .path("nextPageToken")
              .asText());

      SplittableRandom random = new SplittableRandom(seed);
      int sawOwnData = 0;
      for (int i = 0; i < calls; i++) {
        String target = aCall(random, bTokens, at);
        Answer answer = call(wire, a, target);
        String all = answer.head() + answer.body();
        assertThat(B_DATA.matcher(all).find())
            .as(
                "seed %d, call %d: %s%n-> %s (replay with -Dtenancy.seed=%d)",
                seed, i, target, all, seed)
            .isFalse();
        assertThat(answer.status())
            .as("seed %d, call %d: %s -> %s", seed, i, target, all)
            .isLessThan(500);
        if (answer.body().contains("amark") || answer.body().contains("ASUBJECT")) {
          sawOwnData++;
        }
      }
      System.out.printf(
          "tenancy on %s: seed %d, %d calls of A, none with B's data, %d with A's own data%n",
          store, seed, calls, sawOwnData);
      assertThat(sawOwnData)
          .as("A's calls do reach A's data, seed %d", seed)
          .isGreaterThan(calls / 20);
    }
  }

  /** A random call of A, aimed at B's data. */
  private static String aCall(SplittableRandom r, List<String> bTokens, Instant at) {
    String window =
        r.nextBoolean()
            ? ""
            : "startCreatedAt="
                + at.minusSeconds(60)
                + "&endCreatedAt="
                + at.plusSeconds(3_600)
                + "&";
    int n = r.nextInt(40);
    String bRef = "bref" + n;
    return switch (r.nextInt(9)) {
      case 0 -> "/v1/email/logs?" + window + filter(r, n) + "&pageSize=" + (1 + r.nextInt(50));
      case 1 ->
          "/v1/email/logs?"
              + window
              + "pageToken="
              + bTokens.get(r.nextInt(bTokens.size()))
              + (r.nextBoolean() ? "" : "&campaignId=bcamp");
      case 2 ->
          "/v1/email/logs/"
              + (r.nextBoolean() ? bRef : "bspoof" + n)
              + "/events"
              + (r.nextBoolean() ? "" : "?recipient=bmark" + n + "@bdata.example");
      case 3 ->
          "/v1/email/stats?"
              + window
              + pick(
                  r,
                  "campaignId=bcamp",
                  "fromAddress=news@" + B_DOMAIN,
                  "recipientDomain=bdata.example",
                  "groupBy=campaign",
                  "groupBy=domain",
                  "fromAddress=news@" + A_DOMAIN,
                  "interval=hour");
      case 4 ->
          "/v1/email/logs/export?" + window + filter(r, n) + "&format=" + pick(r, "csv", "ndjson");
      case 5 ->
          "/api/domains/"
              + pick(r, B_DOMAIN, B_DOMAIN.toUpperCase(Locale.ROOT), "bdata.example")
              + "/log/stream?start="
              + at.minusSeconds(60)
              + (r.nextBoolean() ? "&end=" + Instant.now() : "");
      case 6 ->
          "/api/domains/"
              + A_DOMAIN
              + "/log/stream?start="
              + at.minusSeconds(60)
              + "&end="
              + Instant.now()
              + pick(
                  r,
                  "",
                  "&sender=news@" + A_DOMAIN,
                  "&subject=bsecret",
                  "&recipient=bspoof" + n + "@bdata.example",
                  "&tags=bcamp");
      case 7 -> "/v1/domains";
      default -> "/v1/email/logs?" + window + "fromAddress=news@" + A_DOMAIN;
    };
  }

  private static String filter(SplittableRandom r, int n) {
    return pick(
        r,
        "email=bmark" + n + "@bdata.example",
        "email=bspoof" + n + "@bdata.example",
        "refId=bref" + n,
        "fromAddress=news@" + B_DOMAIN,
        "fromAddress=news@" + A_DOMAIN,
        "subject=BSECRET%20" + n,
        "campaignId=bcamp",
        "recipientDomain=bdata.example",
        "status=queued",
        "recipientType=to");
  }

  /** 40 queued events of {@code account}; B's carry its markers in every text field. */
  private static void ingest(
      Wire wire, long account, String prefix, String from, String campaign, Instant at)
      throws Exception {
    StringBuilder ndjson = new StringBuilder();
    boolean b = !prefix.equals("amark");
    for (int i = 0; i < 40; i++) {
      String ref = (b ? (prefix.equals("b") ? "bref" : "bspoof") : "amark") + i;
      String recipient =
          (b
              ? (prefix.equals("b") ? "bmark" : "bspoof") + i + "@bdata.example"
              : "amark" + i + "@adata.example");
      ndjson.append(
          String.format(
              "{\"type\":\"queued\",\"accountId\":%d,\"refId\":\"%s\",\"recipientAddress\":\"%s\","
                  + "\"timestamp\":\"%s\",\"fromAddress\":\"%s\",\"subject\":\"%s %d\",\"campaignId\":\"%s\",\"tags\":[\"%s\"]}\n",
              account,
              ref,
              recipient,
              at.plusSeconds(i),
              from,
              b ? "BSECRET" : "ASUBJECT",
              i,
              campaign,
              campaign));
    }
    byte[] body = ndjson.toString().getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /admin/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + StoreServer.ADMIN
            + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    Answer answer = wire.exchange(all, false);
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
  }

  private static Answer call(Wire wire, String token, String target) throws Exception {
    return wire.exchange(
        ("GET "
                + target
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + token
                + "\r\nAccept: */*\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII),
        false);
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom r, T... options) {
    return options[r.nextInt(options.length)];
  }
}
