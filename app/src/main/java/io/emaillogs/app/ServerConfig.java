package io.emaillogs.app;

import io.emaillogs.adapter.jersey.HttpOptions;
import io.emaillogs.application.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The resolved settings of one server run, from flags and environment variables. The compact
 * constructor checks what the flags' types cannot: the store URL and the cursor secret's length.
 *
 * @param host address to bind
 * @param port port to bind; 0 picks a free one
 * @param db store selector, see {@link StoreKind}
 * @param dbUser database user, or null
 * @param dbPassword database password, or null
 * @param adminToken operator API token; null leaves the operator API off
 * @param cursorSecret page-token signing secret (at least 16 bytes of UTF-8); null lets the store
 *     keep a generated one
 * @param requestsPerMinute default per-account request limit
 * @param maxStreams open streams allowed per account
 * @param maxServerStreams open streams allowed on this server, all accounts together
 * @param retention age after which logs are deleted; zero keeps them forever
 * @param headTimeout longest time a request's line and headers may take to arrive
 * @param maxBodyBytes largest request body read
 */
public record ServerConfig(
    String host,
    int port,
    String db,
    String dbUser,
    String dbPassword,
    String adminToken,
    String cursorSecret,
    int requestsPerMinute,
    int maxStreams,
    int maxServerStreams,
    Duration retention,
    Duration headTimeout,
    long maxBodyBytes) {

  /** The store used when no {@code --db} is given: the H2 file database under ./data. */
  public static final String DEFAULT_DB = "jdbc:h2:file:./data/email-logs";

  /** The shortest accepted cursor secret, in bytes. */
  public static final int MIN_CURSOR_SECRET_BYTES = 16;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(retention, "retention");
    StoreKind.of(db); // refuses an unsupported URL before anything starts
    dbUser = blankToNull(dbUser);
    dbPassword = blankToNull(dbPassword);
    adminToken = blankToNull(adminToken);
    cursorSecret = blankToNull(cursorSecret);
    if (cursorSecret != null
        && cursorSecret.getBytes(StandardCharsets.UTF_8).length < MIN_CURSOR_SECRET_BYTES) {
      throw new ConfigException(
          "--cursor-secret must be at least " + MIN_CURSOR_SECRET_BYTES + " bytes long");
    }
  }

  /** The store this configuration selects. */
  public StoreKind storeKind() {
    return StoreKind.of(db);
  }

  /** The cursor secret's bytes, or null to use the store's. */
  public byte[] cursorSecretBytes() {
    return cursorSecret == null ? null : cursorSecret.getBytes(StandardCharsets.UTF_8);
  }

  /** Where and how the HTTP server listens. */
  public HttpOptions http() {
    return new HttpOptions(host, port, headTimeout, maxBodyBytes);
  }

  /** The use cases' tunables for this run. */
  public Settings settings() {
    return Settings.DEFAULTS
        .withRequestsPerMinute(requestsPerMinute)
        .withMaxStreamsPerAccount(maxStreams)
        .withMaxStreamsPerServer(maxServerStreams);
  }

  @Override
  public String toString() { // never print secrets
    return "ServerConfig[host="
        + host
        + ", port="
        + port
        + ", db="
        + StoreKind.describe(db)
        + ", adminApi="
        + (adminToken != null)
        + ", requestsPerMinute="
        + requestsPerMinute
        + ", maxStreams="
        + maxStreams
        + ", maxServerStreams="
        + maxServerStreams
        + ", retention="
        + retention
        + ", headTimeout="
        + headTimeout
        + ", maxBodyBytes="
        + maxBodyBytes
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
