package io.emaillogs.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParametersTest {
  private static final Set<String> ALLOWED = Set.of("a", "b", "c");

  @Test
  void reads_one_value_per_name_and_null_when_absent() {
    Parameters p = Parameters.check(Params.of("a", "1", "b", ""), ALLOWED);
    assertThat(p.get("a")).isEqualTo("1");
    assertThat(p.get("b")).isEmpty();
    assertThat(p.get("c")).isNull();
  }

  @Test
  void a_name_without_values_counts_as_absent() {
    Parameters p = Parameters.check(Map.of("a", List.of()), ALLOWED);
    assertThat(p.get("a")).isNull();
  }

  @Test
  void unknown_names_are_refused_first_alphabetically() {
    assertThatThrownBy(
            () -> Parameters.check(Params.of("z", "1", "y", "2", "a", "1", "a", "2"), ALLOWED))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid query parameter: y");
  }

  @Test
  void repeated_names_are_refused_first_alphabetically() {
    assertThatThrownBy(
            () -> Parameters.check(Params.of("c", "1", "c", "1", "b", "2", "b", "3"), ALLOWED))
        .hasMessage("Duplicate query parameter: b");
  }

  @Test
  void names_are_case_sensitive() {
    assertThatThrownBy(() -> Parameters.check(Params.of("A", "1"), ALLOWED))
        .hasMessage("Invalid query parameter: A");
  }

  @Test
  void an_empty_name_is_unknown() {
    assertThatThrownBy(() -> Parameters.check(Params.of("", "1"), ALLOWED))
        .hasMessage("Invalid query parameter: ");
  }
}
