package io.emaillogs.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the HTTP server listens: {@code --host} and {@code --port}. */
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

  String host() {
    if (host == null || host.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--host must not be empty");
    }
    return host.trim();
  }

  int port() {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
    }
    return port;
  }
}
