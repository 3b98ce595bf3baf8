package io.emaillogs.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.app.ConfigException;
import io.emaillogs.app.ServerConfig;
import io.emaillogs.app.StoreKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class CommandLineTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine commandLine(Map<String, String> env) {
    return EmailLogsCommand.commandLine(
        env, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private ServerConfig serve(Map<String, String> env, String... args) {
    CommandLine.ParseResult parsed = commandLine(env).parseArgs(args);
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    return serve.config();
  }

  private int execute(Map<String, String> env, String... args) {
    return commandLine(env).execute(args);
  }

  @Test
  void serve_defaults_to_the_embedded_h2_file_database_on_port_8080() {
    ServerConfig config = serve(Map.of(), "serve");

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.db()).isEqualTo("jdbc:h2:file:./data/email-logs");
    assertThat(config.storeKind()).isEqualTo(StoreKind.H2);
    assertThat(config.dbUser()).isNull();
    assertThat(config.dbPassword()).isNull();
    assertThat(config.adminToken()).isNull();
    assertThat(config.cursorSecretBytes()).isNull();
    assertThat(config.requestsPerMinute()).isEqualTo(120);
    assertThat(config.maxStreams()).isEqualTo(5);
    assertThat(config.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(config.settings().requestsPerMinute()).isEqualTo(120);
    assertThat(config.settings().maxStreamsPerAccount()).isEqualTo(5);
    assertThat(config.maxServerStreams()).isEqualTo(10_000);
    assertThat(config.settings().maxStreamsPerServer()).isEqualTo(10_000);
  }

  @Test
  void serve_reads_every_flag() {
    ServerConfig config =
        serve(
            Map.of(),
            "serve",
            "--host",
            "0.0.0.0",
            "--port",
            "9090",
            "--db",
            "jdbc:postgresql://127.0.0.1:5432/test",
            "--db-user",
            "postgres",
            "--db-password",
            "pw",
            "--admin-token",
            "change-me",
            "--cursor-secret",
            "0123456789abcdef",
            "--rate-limit",
            "600",
            "--max-streams",
            "2",
            "--max-server-streams",
            "300",
            "--retention-days",
            "0",
            "--head-timeout",
            "3",
            "--max-body-bytes",
            "1048576");

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(9090);
    assertThat(config.storeKind()).isEqualTo(StoreKind.POSTGRESQL);
    assertThat(config.dbUser()).isEqualTo("postgres");
    assertThat(config.dbPassword()).isEqualTo("pw");
    assertThat(config.adminToken()).isEqualTo("change-me");
    assertThat(new String(config.cursorSecretBytes())).isEqualTo("0123456789abcdef");
    assertThat(config.requestsPerMinute()).isEqualTo(600);
    assertThat(config.settings().requestsPerMinute()).isEqualTo(600);
    assertThat(config.maxStreams()).isEqualTo(2);
    assertThat(config.settings().maxStreamsPerAccount()).isEqualTo(2);
    assertThat(config.settings().maxStreamsPerServer()).isEqualTo(300);
    assertThat(config.retention()).isEqualTo(Duration.ZERO);
    assertThat(config.http().headTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.http().maxBodyBytes()).isEqualTo(1_048_576);
  }

  @Test
  void every_flag_falls_back_to_its_environment_variable() {
    Map<String, String> env =
        Map.of(
            "EMAIL_LOGS_HOST", "::1",
            "EMAIL_LOGS_PORT", "7070",
            "EMAIL_LOGS_DB", "mem:",
            "EMAIL_LOGS_DB_USER", "u",
            "EMAIL_LOGS_DB_PASSWORD", "p",
            "EMAIL_LOGS_ADMIN_TOKEN", "from-env",
            "EMAIL_LOGS_CURSOR_SECRET", "a-secret-of-20-bytes",
            "EMAIL_LOGS_RATE_LIMIT", "30",
            "EMAIL_LOGS_MAX_STREAMS", "9",
            "EMAIL_LOGS_RETENTION_DAYS", "7");
    env = new java.util.HashMap<>(env);
    env.put("EMAIL_LOGS_MAX_SERVER_STREAMS", "90");
    env.put("EMAIL_LOGS_HEAD_TIMEOUT", "4");
    env.put("EMAIL_LOGS_MAX_BODY_BYTES", "2048");

    ServerConfig config = serve(env, "serve");

    assertThat(config.host()).isEqualTo("::1");
    assertThat(config.port()).isEqualTo(7070);
    assertThat(config.storeKind()).isEqualTo(StoreKind.MEMORY);
    assertThat(config.dbUser()).isEqualTo("u");
    assertThat(config.dbPassword()).isEqualTo("p");
    assertThat(config.adminToken()).isEqualTo("from-env");
    assertThat(new String(config.cursorSecretBytes())).isEqualTo("a-secret-of-20-bytes");
    assertThat(config.requestsPerMinute()).isEqualTo(30);
    assertThat(config.maxStreams()).isEqualTo(9);
    assertThat(config.maxServerStreams()).isEqualTo(90);
    assertThat(config.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(config.headTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(config.maxBodyBytes()).isEqualTo(2048);
  }

  @Test
  void a_flag_wins_over_its_environment_variable() {
    Map<String, String> env =
        Map.of(
            "EMAIL_LOGS_PORT",
            "7070",
            "EMAIL_LOGS_ADMIN_TOKEN",
            "from-env",
            "EMAIL_LOGS_DB",
            "mem:");

    ServerConfig config = serve(env, "serve", "--port", "6060", "--admin-token", "from-flag");

    assertThat(config.port()).isEqualTo(6060);
    assertThat(config.adminToken()).isEqualTo("from-flag");
    assertThat(config.storeKind()).isEqualTo(StoreKind.MEMORY); // not given: env still applies
  }

  @Test
  void a_blank_environment_variable_leaves_the_default() {
    ServerConfig config =
        serve(Map.of("EMAIL_LOGS_PORT", " ", "EMAIL_LOGS_ADMIN_TOKEN", ""), "serve");

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.adminToken()).isNull();
  }

  @Test
  void demo_reads_its_port_from_the_flag_or_the_environment() {
    CommandLine.ParseResult parsed =
        commandLine(Map.of("EMAIL_LOGS_PORT", "9999")).parseArgs("demo");
    DemoCommand demo = (DemoCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(demo.listen.port()).isEqualTo(9999);

    parsed = commandLine(Map.of("EMAIL_LOGS_PORT", "9999")).parseArgs("demo", "--port", "0");
    demo = (DemoCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(demo.listen.port()).isZero();
  }

  @Test
  void variable_names_follow_the_flag_names() {
    assertThat(EnvironmentDefaults.variableFor("--db-password"))
        .isEqualTo("EMAIL_LOGS_DB_PASSWORD");
    assertThat(EnvironmentDefaults.variableFor("--port")).isEqualTo("EMAIL_LOGS_PORT");
    assertThat(EnvironmentDefaults.variableFor("--retention-days"))
        .isEqualTo("EMAIL_LOGS_RETENTION_DAYS");
  }

  @Test
  void a_value_of_the_wrong_type_is_a_usage_error() {
    int exit = execute(Map.of(), "serve", "--port", "eighty");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--port'").contains("Usage:");
  }

  @Test
  void a_value_out_of_range_is_a_usage_error() {
    assertThat(execute(Map.of(), "serve", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port must be between 0 and 65535");

    assertThat(execute(Map.of(), "serve", "--db", "mem:", "--rate-limit", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--rate-limit must be at least 1");

    assertThat(execute(Map.of(), "demo", "--port", "-1")).isEqualTo(2);
  }

  @Test
  void an_unknown_flag_or_a_missing_subcommand_is_a_usage_error() {
    assertThat(execute(Map.of(), "serve", "--no-such-flag")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--no-such-flag'");

    assertThat(execute(Map.of())).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required subcommand");
  }

  @Test
  void an_unsupported_db_url_is_one_clear_line_and_exit_code_2() {
    int exit = execute(Map.of(), "serve", "--db", "jdbc:mysql://db.internal/logs?password=hunter2");

    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "email-logs: unsupported --db 'jdbc:mysql://db.internal/logs...': use jdbc:h2:<path>,"
                + " jdbc:postgresql://<host>:<port>/<database> or mem:"
                + System.lineSeparator());
  }

  @Test
  void an_unsupported_db_url_from_the_environment_is_refused_the_same_way() {
    int exit = execute(Map.of("EMAIL_LOGS_DB", "sqlite:/tmp/x.db"), "serve");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("email-logs: unsupported --db 'sqlite:/tmp/x.db'");
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void a_short_cursor_secret_is_refused() {
    int exit = execute(Map.of(), "serve", "--db", "mem:", "--cursor-secret", "too-short");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "email-logs: --cursor-secret must be at least 16 bytes long" + System.lineSeparator());
  }

  @Test
  void an_unknown_log_format_is_refused_before_the_store_opens() {
    int exit = execute(Map.of(), "serve", "--db", "mem:", "--log-format", "xml");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("email-logs: --log-format must be text or json" + System.lineSeparator());

    assertThat(execute(Map.of("EMAIL_LOGS_LOG_FORMAT", "yaml"), "demo")).isEqualTo(2);
    assertThat(err.toString()).contains("--log-format must be text or json");
  }

  @Test
  void the_cursor_secret_is_measured_in_bytes() {
    // 8 characters, 16 bytes of UTF-8
    ServerConfig config = serve(Map.of(), "serve", "--cursor-secret", "éééééééé");
    assertThat(config.cursorSecretBytes()).hasSize(16);
  }

  @Test
  void store_urls_select_their_store() {
    assertThat(StoreKind.of("mem:")).isEqualTo(StoreKind.MEMORY);
    assertThat(StoreKind.of("jdbc:h2:mem:x")).isEqualTo(StoreKind.H2);
    assertThat(StoreKind.of("JDBC:H2:file:./data/x")).isEqualTo(StoreKind.H2);
    assertThat(StoreKind.of("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"))
        .isEqualTo(StoreKind.POSTGRESQL);
    assertThatThrownBy(() -> StoreKind.of(""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unsupported --db (empty)");
    assertThatThrownBy(() -> StoreKind.of("memory")).isInstanceOf(ConfigException.class);
  }

  @Test
  void out_of_range_values_throw_a_parameter_exception_from_config() {
    CommandLine.ParseResult parsed = commandLine(Map.of()).parseArgs("serve", "--max-streams", "0");
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    assertThatThrownBy(serve::config)
        .isInstanceOf(ParameterException.class)
        .hasMessage("--max-streams must be at least 1");
    for (String flag : new String[] {"--head-timeout", "--max-body-bytes"}) {
      ServeCommand limited =
          (ServeCommand)
              commandLine(Map.of())
                  .parseArgs("serve", flag, "0")
                  .subcommand()
                  .commandSpec()
                  .userObject();
      assertThatThrownBy(limited::config)
          .isInstanceOf(ParameterException.class)
          .hasMessage(flag + " must be at least 1");
    }
  }

  @Test
  void help_names_the_environment_variables_without_showing_secrets() {
    int exit =
        execute(
            Map.of("EMAIL_LOGS_DB_PASSWORD", "s3cret", "EMAIL_LOGS_ADMIN_TOKEN", "t0ken"),
            "serve",
            "--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("--db=URL", "EMAIL_LOGS_DB", "EMAIL_LOGS_ADMIN_TOKEN", "EMAIL_LOGS_CURSOR_SECRET")
        .doesNotContain("s3cret", "t0ken");
  }
}
