package io.emaillogs.app.cli;

import io.emaillogs.app.LogFormat;
import picocli.CommandLine.Option;

/** {@code --log-format}: how the log lines on stderr are written. */
final class LogOptions {
  @Option(
      names = "--log-format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = {
        "Log lines on stderr: text, or json (one JSON object per line).",
        "Env EMAIL_LOGS_LOG_FORMAT; default text."
      })
  String logFormat;

  /**
   * Applies the format.
   *
   * @throws io.emaillogs.app.ConfigException for a name other than text or json
   */
  void apply() {
    LogFormat format = LogFormat.of(logFormat);
    if (format != LogFormat.TEXT) {
      format.apply();
    }
  }
}
