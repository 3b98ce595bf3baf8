package io.emaillogs.adapter.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DialectTest {
  @Test
  void theUrlChoosesTheDialect() {
    assertThat(Dialect.of("jdbc:h2:file:./data/email-logs")).isEqualTo(Dialect.H2);
    assertThat(Dialect.of("jdbc:h2:mem:x")).isEqualTo(Dialect.H2);
    assertThat(Dialect.of("jdbc:postgresql://db:5432/logs")).isEqualTo(Dialect.POSTGRES);
  }

  @Test
  void otherUrlsAreRefusedWithTheSpecsMessage() {
    for (String url : new String[] {"mem:", "jdbc:mysql://x/y", "jdbc:h2:", "", null}) {
      assertThatThrownBy(() -> JdbiStores.open(url, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Unsupported database URL: "
                  + url
                  + " (use jdbc:h2:..., jdbc:postgresql:... or mem:)");
    }
  }

  @Test
  void h2UrlsGetLazyQueryExecutionMemoryDatabasesOutliveTheirConnectionsFilesWriteEachCommit() {
    assertThat(Dialect.H2.connectionUrl("jdbc:h2:file:./d"))
        .isEqualTo("jdbc:h2:file:./d;LAZY_QUERY_EXECUTION=TRUE;WRITE_DELAY=0");
    assertThat(
            Dialect.H2.connectionUrl("jdbc:h2:file:./d;lazy_query_execution=false;write_delay=100"))
        .isEqualTo("jdbc:h2:file:./d;lazy_query_execution=false;write_delay=100");
    assertThat(Dialect.H2.connectionUrl("jdbc:h2:mem:x"))
        .isEqualTo("jdbc:h2:mem:x;LAZY_QUERY_EXECUTION=TRUE;DB_CLOSE_DELAY=-1");
    assertThat(Dialect.POSTGRES.connectionUrl("jdbc:postgresql://h/d?user=u"))
        .isEqualTo("jdbc:postgresql://h/d?user=u");
  }

  @Test
  void anUnreachableDatabaseIsAStoreException() {
    assertThatThrownBy(
            () -> JdbiStores.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "u", "p"))
        .isInstanceOf(io.emaillogs.application.port.StoreException.class)
        .hasMessageNotContaining("p@");
  }
}
