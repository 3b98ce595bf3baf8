package io.emaillogs.app.cli;

import io.emaillogs.app.ConfigException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code email-logs} command: a server ({@code serve}) or a seeded demo ({@code demo}). */
@Command(
    name = "email-logs",
    mixinStandardHelpOptions = true,
    versionProvider = EmailLogsCommand.Version.class,
    description = "Email delivery logs: query API, live SSE stream and operator API.",
    subcommands = {ServeCommand.class, DemoCommand.class})
public final class EmailLogsCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EmailLogsCommand.class);

  /** Exit code of a configuration the program cannot run with (as picocli's usage errors). */
  public static final int EXIT_CONFIG = CommandLine.ExitCode.USAGE;

  /** Exit code of a start that failed for another reason (port taken, database unreachable). */
  public static final int EXIT_FAILED = CommandLine.ExitCode.SOFTWARE;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand: serve or demo");
  }

  /** The command line reading defaults from {@code environment}, writing to stdout and stderr. */
  public static CommandLine commandLine(Map<String, String> environment) {
    return commandLine(
        environment, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }

  /**
   * The command line reading defaults from {@code environment}, writing to {@code out}/{@code err}.
   */
  public static CommandLine commandLine(
      Map<String, String> environment, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new EmailLogsCommand());
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setUsageHelpWidth(110);
    commandLine.setExecutionExceptionHandler(
        (e, failed, parseResult) -> {
          if (e instanceof ConfigException) {
            failed.getErr().println("email-logs: " + e.getMessage());
            return EXIT_CONFIG;
          }
          LOG.debug("start failed", e);
          failed.getErr().println("email-logs: cannot start: " + oneLine(e));
          return EXIT_FAILED;
        });
    return commandLine;
  }

  /** The messages of {@code e} and its causes on one line. */
  static String oneLine(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 5; t = t.getCause()) {
      String raw = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      String message = raw.replaceAll("\\s+", " ").trim();
      if (parts.stream().noneMatch(p -> p.contains(message))) {
        parts.add(message);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return String.join(": ", parts);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = EmailLogsCommand.class.getPackage().getImplementationVersion();
      return new String[] {"email-logs " + (version == null ? "(development build)" : version)};
    }
  }
}
