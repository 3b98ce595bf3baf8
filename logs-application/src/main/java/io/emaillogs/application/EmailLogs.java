package io.emaillogs.application;

import io.emaillogs.application.port.Directory;
import io.emaillogs.application.port.LogStore;
import io.emaillogs.application.port.RateLimiter;
import io.emaillogs.domain.query.PageTokenCodec;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * The use cases of email-logs wired to a set of ports: the entry point for embedding. Build it with
 * {@link #builder()}; every use case is thread-safe.
 *
 * <pre>{@code
 * EmailLogs logs = EmailLogs.builder()
 *     .store(new InMemoryLogStore())
 *     .directory(new InMemoryDirectory())
 *     .rateLimiter(new InMemoryRateLimiter())
 *     .build();
 * }</pre>
 */
public final class EmailLogs {
  private final SearchLogsUseCase search;
  private final StreamLogsUseCase stream;
  private final RecordEventsUseCase record;
  private final ProvisioningUseCase provisioning;
  private final AccessUseCase access;
  private final ListDomainsUseCase domains;
  private final MessageTimelineUseCase timeline;
  private final DeliveryStatsUseCase stats;
  private final ExportLogsUseCase export;
  private final LogStore store;

  private EmailLogs(Builder b) {
    SecureRandom random = new SecureRandom();
    byte[] secret =
        b.pageTokenSecret != null
            ? b.pageTokenSecret.clone()
            : b.directory.pageTokenSecret(
                () -> {
                  byte[] generated = new byte[32];
                  random.nextBytes(generated);
                  return generated;
                });
    this.store = b.store;
    this.search = new SearchLogsService(b.store, new PageTokenCodec(secret), b.clock);
    this.stream = new StreamLogsService(b.store, b.directory, b.rateLimiter, b.settings);
    this.record = new RecordEventsService(b.store, b.directory);
    this.provisioning = new ProvisioningService(b.directory, b.clock, random);
    this.access =
        new AccessService(b.directory, b.rateLimiter, b.settings.requestsPerMinute(), b.adminToken);
    this.domains = new ListDomainsService(b.directory);
    this.timeline = new MessageTimelineService(b.store);
    this.stats = new DeliveryStatsService(b.store, b.clock);
    this.export = new ExportLogsService(b.store, b.rateLimiter, b.settings, b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  public SearchLogsUseCase searchLogs() {
    return search;
  }

  public StreamLogsUseCase streamLogs() {
    return stream;
  }

  public RecordEventsUseCase recordEvents() {
    return record;
  }

  public ProvisioningUseCase provisioning() {
    return provisioning;
  }

  public AccessUseCase access() {
    return access;
  }

  public ListDomainsUseCase listDomains() {
    return domains;
  }

  public MessageTimelineUseCase messageTimeline() {
    return timeline;
  }

  public DeliveryStatsUseCase deliveryStats() {
    return stats;
  }

  public ExportLogsUseCase exportLogs() {
    return export;
  }

  /** True when the log store answers. */
  public boolean isHealthy() {
    try {
      return store.isHealthy();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Builds {@link EmailLogs}; store, directory and rate limiter are required. */
  public static final class Builder {
    private LogStore store;
    private Directory directory;
    private RateLimiter rateLimiter;
    private Clock clock = Clock.systemUTC();
    private Settings settings = Settings.DEFAULTS;
    private byte[] pageTokenSecret;
    private String adminToken;

    private Builder() {}

    public Builder store(LogStore store) {
      this.store = store;
      return this;
    }

    public Builder directory(Directory directory) {
      this.directory = directory;
      return this;
    }

    public Builder rateLimiter(RateLimiter rateLimiter) {
      this.rateLimiter = rateLimiter;
      return this;
    }

    /** The clock for the default window and key timestamps; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder settings(Settings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * The page-token signing secret (at least 16 bytes). When not set, the directory's stored
     * secret is used, generated once on first start.
     */
    public Builder pageTokenSecret(byte[] secret) {
      this.pageTokenSecret = secret == null ? null : secret.clone();
      return this;
    }

    /** The operator API's bearer token; null or empty leaves the operator API off. */
    public Builder adminToken(String adminToken) {
      this.adminToken = adminToken;
      return this;
    }

    public EmailLogs build() {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(rateLimiter, "rateLimiter");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(settings, "settings");
      return new EmailLogs(this);
    }
  }
}
