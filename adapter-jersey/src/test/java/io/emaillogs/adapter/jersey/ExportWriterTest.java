package io.emaillogs.adapter.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExportWriterTest {
  @Test
  void csv_fields_follow_rfc_4180() {
    assertThat(ExportWriter.Csv.quote("plain text")).isEqualTo("plain text");
    assertThat(ExportWriter.Csv.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(ExportWriter.Csv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ExportWriter.Csv.quote("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    assertThat(ExportWriter.Csv.quote("lf\nonly")).isEqualTo("\"lf\nonly\"");
    assertThat(ExportWriter.Csv.quote("")).isEqualTo("");
  }
}
