package io.emaillogs.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SendingDomainTest {

  @ParameterizedTest
  @CsvSource({
    "example.com, example.com",
    "Example.COM, example.com",
    "mail.acme.co.uk, mail.acme.co.uk",
    "a-b.c0m, a-b.c0m",
    "xn--bcher-kva.example, xn--bcher-kva.example"
  })
  void normalises_to_lower_case(String raw, String normalised) {
    assertThat(SendingDomain.normalise(raw)).isEqualTo(normalised);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "-acme.com",
        "acme-.com",
        "a..com",
        ".acme.com",
        "acme.com.",
        "ac me.com",
        "ac_me.com",
        "bob@acme.com",
        "acme.com/x"
      })
  void refuses_what_is_not_a_domain_name(String raw) {
    assertThatThrownBy(() -> SendingDomain.normalise(raw))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid domain: " + raw);
  }

  @org.junit.jupiter.api.Test
  void label_and_name_lengths_are_bounded() {
    String label63 = "a".repeat(63);
    assertThat(SendingDomain.normalise(label63 + ".com")).isEqualTo(label63 + ".com");
    assertThatThrownBy(() -> SendingDomain.normalise("a" + label63 + ".com"))
        .isInstanceOf(InvalidRequestException.class);
    String longName = (label63 + ".").repeat(4) + "com"; // 259 characters
    assertThatThrownBy(() -> SendingDomain.normalise(longName))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> SendingDomain.normalise(null)).hasMessage("Invalid domain: null");
  }
}
