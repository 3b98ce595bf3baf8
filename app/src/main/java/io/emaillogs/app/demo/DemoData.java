package io.emaillogs.app.demo;

import io.emaillogs.app.demo.DemoGenerator.Timed;
import io.emaillogs.app.demo.DemoVocabulary.Campaign;
import io.emaillogs.application.EmailLogs;
import io.emaillogs.application.ProvisioningUseCase;
import io.emaillogs.application.ProvisioningUseCase.CreateAccount;
import io.emaillogs.application.ProvisioningUseCase.NewKey;
import io.emaillogs.application.port.AppendResult;
import io.emaillogs.domain.RawEvent;
import io.emaillogs.domain.account.Account;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Seeds the demo: one shop account with its sending domains and an API key, and about {@code
 * logCount} logs spread over the last 14 days, ingested through {@link EmailLogs#recordEvents()} in
 * time order. Deterministic for a seed and a clock.
 */
public final class DemoData {
  public static final String ACCOUNT_NAME = "Acme Shop";
  public static final long TENANT_ID = 67890;

  /** The verified sending domains; streams can be opened on each. */
  public static final List<String> SENDING_DOMAINS =
      List.of("mail.acme-shop.com", "news.acme-shop.com", "billing.acme-shop.com");

  /** A registered but unverified domain: opening a stream on it answers 404. */
  public static final String UNVERIFIED_DOMAIN = "promo.acme-shop.com";

  public static final int DEFAULT_LOG_COUNT = 10_000;
  public static final long DEFAULT_SEED = 67_890L;

  /** How far back the seeded logs go. */
  public static final Duration SPAN = Duration.ofDays(14);

  static final int BATCH = 5_000;

  /**
   * When each campaign of {@link DemoGenerator#CAMPAIGNS} went out, before now (its first wave;
   * later waves follow one and two days after, when that is in the past).
   */
  private static final List<Duration> CAMPAIGN_AGES =
      List.of(
          Duration.ofDays(13).plusHours(4),
          Duration.ofDays(10).plusHours(2),
          Duration.ofDays(6).plusHours(19),
          Duration.ofDays(3).plusHours(2),
          Duration.ofHours(21));

  private DemoData() {}

  /**
   * What was seeded.
   *
   * @param accountId the shop's account
   * @param customerToken a bearer token of that account
   * @param logs logs created
   * @param events events stored
   */
  public record Seeded(long accountId, String customerToken, int logs, int events) {
    @Override
    public String toString() {
      return "Seeded[accountId=" + accountId + ", logs=" + logs + ", events=" + events + "]";
    }
  }

  /** Seeds {@link #DEFAULT_LOG_COUNT} logs with {@link #DEFAULT_SEED}. */
  public static Seeded seed(EmailLogs logs, Clock clock) {
    return seed(logs, clock, DEFAULT_LOG_COUNT, DEFAULT_SEED);
  }

  /** Seeds the account and about {@code logCount} logs (a message may add up to 2 more). */
  public static Seeded seed(EmailLogs logs, Clock clock, int logCount, long seed) {
    ProvisioningUseCase provisioning = logs.provisioning();
    Account account = provisioning.createAccount(new CreateAccount(ACCOUNT_NAME, TENANT_ID, null));
    for (String domain : SENDING_DOMAINS) {
      provisioning.registerDomain(account.id(), domain, true);
    }
    provisioning.registerDomain(account.id(), UNVERIFIED_DOMAIN, false);
    NewKey key = provisioning.createKey(account.id(), "demo");

    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant oldest = now.minus(SPAN);
    DemoGenerator generator =
        new DemoGenerator(new Random(seed), account.id(), 1.0, "demo-", 104_000);
    Random random = generator.random();
    List<Timed> events = new ArrayList<>();
    int created = 0;
    while (created < logCount) {
      Kind kind = generator.randomKind();
      Campaign campaign = null;
      Instant createdAt;
      if (kind == Kind.NEWSLETTER) {
        int c = random.nextInt(DemoVocabulary.CAMPAIGNS.size());
        campaign = DemoVocabulary.CAMPAIGNS.get(c);
        // a campaign goes out in waves: most on its day, the rest over the next two days
        double r = random.nextDouble();
        int wave = r < 0.6 ? 0 : r < 0.9 ? 1 : 2;
        Instant sent = now.minus(CAMPAIGN_AGES.get(c));
        Instant waveStart = sent.plus(Duration.ofDays(wave));
        createdAt =
            (waveStart.isAfter(now.minus(Duration.ofHours(1))) ? sent : waveStart)
                .plusMillis(random.nextInt(45 * 60_000));
      } else {
        createdAt = oldest.plusMillis((long) (random.nextDouble() * (SPAN.toMillis() - 60_000)));
      }
      for (Timed event : generator.message(kind, createdAt, campaign)) {
        if (event.event().type().equals("queued")) {
          created++;
        }
        if (!event.at().isAfter(now)) { // the rest of its life has not happened yet
          events.add(event);
        }
      }
    }
    events.sort(Comparator.comparing(Timed::at).thenComparingLong(Timed::order));
    int stored = 0;
    for (int from = 0; from < events.size(); from += BATCH) {
      List<RawEvent> batch = new ArrayList<>(BATCH);
      for (Timed event : events.subList(from, Math.min(events.size(), from + BATCH))) {
        batch.add(event.event());
      }
      AppendResult result = logs.recordEvents().record(batch);
      stored += result.accepted();
    }
    return new Seeded(account.id(), key.token(), created, stored);
  }
}
