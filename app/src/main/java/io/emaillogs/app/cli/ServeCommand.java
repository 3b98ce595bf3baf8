package io.emaillogs.app.cli;

import io.emaillogs.app.EmailLogsServer;
import io.emaillogs.app.ServerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: the server on the configured store. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the query API, the live stream and the operator API.",
      "Every flag also reads the environment variable EMAIL_LOGS_<FLAG>; the flag wins."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ListenOptions listen;

  @Mixin LogOptions logging;

  @Option(
      names = "--db",
      defaultValue = ServerConfig.DEFAULT_DB,
      paramLabel = "URL",
      description = {
        "Store: jdbc:h2:<path> (embedded), jdbc:postgresql://<host>:<port>/<db> or mem: (in memory).",
        "Env EMAIL_LOGS_DB; default " + ServerConfig.DEFAULT_DB + "."
      })
  String db;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "Database user. Env EMAIL_LOGS_DB_USER.")
  String dbUser;

  @Option(
      names = "--db-password",
      paramLabel = "PASSWORD",
      description = "Database password. Env EMAIL_LOGS_DB_PASSWORD.")
  String dbPassword;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description =
          "Bearer token of the operator API (/admin); the API is off without one. Env EMAIL_LOGS_ADMIN_TOKEN.")
  String adminToken;

  @Option(
      names = "--cursor-secret",
      paramLabel = "SECRET",
      description = {
        "Secret (at least 16 bytes) that signs page tokens; give every server the same one.",
        "Env EMAIL_LOGS_CURSOR_SECRET; default: a random secret kept in the store."
      })
  String cursorSecret;

  @Option(
      names = "--rate-limit",
      defaultValue = "120",
      paramLabel = "N",
      description =
          "Requests per minute per account (an account may override it). Env EMAIL_LOGS_RATE_LIMIT; default 120.")
  int rateLimit;

  @Option(
      names = "--max-streams",
      defaultValue = "5",
      paramLabel = "N",
      description = "Open streams allowed per account. Env EMAIL_LOGS_MAX_STREAMS; default 5.")
  int maxStreams;

  @Option(
      names = "--max-server-streams",
      defaultValue = "10000",
      paramLabel = "N",
      description = {
        "Open streams allowed on this server, all accounts together; one more is a 503.",
        "Env EMAIL_LOGS_MAX_SERVER_STREAMS; default 10000 (each takes a file descriptor)."
      })
  int maxServerStreams;

  @Option(
      names = "--retention-days",
      defaultValue = "30",
      paramLabel = "DAYS",
      description =
          "Delete logs created more than DAYS days ago; 0 keeps them. Env EMAIL_LOGS_RETENTION_DAYS; default 30.")
  int retentionDays;

  /**
   * The configuration the flags and environment give.
   *
   * @throws ParameterException a value out of range (a usage error)
   * @throws io.emaillogs.app.ConfigException an unsupported store URL or a short cursor secret
   */
  public ServerConfig config() {
    if (rateLimit < 1) {
      throw new ParameterException(spec.commandLine(), "--rate-limit must be at least 1");
    }
    if (maxStreams < 1) {
      throw new ParameterException(spec.commandLine(), "--max-streams must be at least 1");
    }
    if (maxServerStreams < 1) {
      throw new ParameterException(spec.commandLine(), "--max-server-streams must be at least 1");
    }
    if (retentionDays < 0) {
      throw new ParameterException(spec.commandLine(), "--retention-days must not be negative");
    }
    return new ServerConfig(
        listen.host(),
        listen.port(),
        db,
        dbUser,
        dbPassword,
        adminToken,
        cursorSecret,
        rateLimit,
        maxStreams,
        maxServerStreams,
        Duration.ofDays(retentionDays),
        listen.headTimeout(),
        listen.maxBodyBytes());
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig config = config();
    logging.apply();
    EmailLogsServer server = EmailLogsServer.start(config, Clock.systemUTC());
    return Foreground.run(server, spec.commandLine().getOut());
  }
}
