package io.emaillogs.adapter.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DisconnectLogFilterTest {
  @Test
  void drops_records_of_a_failed_write_and_keeps_the_rest() {
    DisconnectLogFilter.install();
    Logger responder = Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");
    assertThat(responder.getFilter()).isInstanceOf(DisconnectLogFilter.class);

    assertThat(responder.getFilter().isLoggable(record(new IOException("Broken pipe")))).isFalse();
    assertThat(
            responder
                .getFilter()
                .isLoggable(
                    record(new RuntimeException(new UncheckedIOException(new IOException())))))
        .isFalse();
    assertThat(responder.getFilter().isLoggable(record(new IllegalStateException("bug")))).isTrue();
    assertThat(responder.getFilter().isLoggable(record(null))).isTrue();
  }

  private static LogRecord record(Throwable thrown) {
    LogRecord record = new LogRecord(Level.SEVERE, "An I/O error has occurred");
    record.setThrown(thrown);
    return record;
  }
}
