package io.emaillogs.app.cli;

import io.emaillogs.adapter.jersey.HttpOptions;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the HTTP server listens ({@code --host}, {@code --port}) and what it accepts from a client
 * ({@code --head-timeout}, {@code --max-body-bytes}).
 */
final class ListenOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address to bind; 0.0.0.0 for every interface. Env EMAIL_LOGS_HOST; default 127.0.0.1.")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free one. Env EMAIL_LOGS_PORT; default 8080.")
  int port;

  @Option(
      names = "--head-timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = {
        "Close a connection whose request line and headers take longer than SECONDS to arrive.",
        "Env EMAIL_LOGS_HEAD_TIMEOUT; default 10."
      })
  int headTimeoutSeconds;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "67108864",
      paramLabel = "BYTES",
      description = {
        "Largest request body read; a longer one is a 413. Env EMAIL_LOGS_MAX_BODY_BYTES;",
        "default 67108864 (64 MiB, above a full batch of 10,000 events)."
      })
  long maxBodyBytes;

  String host() {
    if (host == null || host.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--host must not be empty");
    }
    return host.trim();
  }

  /** The HTTP options the flags give. */
  HttpOptions http() {
    return new HttpOptions(host(), port(), headTimeout(), maxBodyBytes());
  }

  Duration headTimeout() {
    if (headTimeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--head-timeout must be at least 1");
    }
    return Duration.ofSeconds(headTimeoutSeconds);
  }

  long maxBodyBytes() {
    if (maxBodyBytes < 1) {
      throw new ParameterException(spec.commandLine(), "--max-body-bytes must be at least 1");
    }
    return maxBodyBytes;
  }

  int port() {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
    }
    return port;
  }
}
