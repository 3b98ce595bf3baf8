package io.emaillogs.app.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads an option's default from the environment variable {@code EMAIL_LOGS_<FLAG>} ({@code
 * --db-user} reads {@code EMAIL_LOGS_DB_USER}). A flag given on the command line wins; an unset or
 * blank variable leaves the option's own default.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  /** The prefix of every variable. */
  public static final String PREFIX = "EMAIL_LOGS_";

  private final Map<String, String> environment;

  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The variable read for an option: {@code --rate-limit} gives {@code EMAIL_LOGS_RATE_LIMIT}. */
  public static String variableFor(String longestName) {
    return PREFIX + longestName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = environment.get(variableFor(option.longestName()));
    return value == null || value.isBlank() ? null : value;
  }
}
