package io.emaillogs.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emaillogs.domain.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageSizeTest {

  @ParameterizedTest
  @ValueSource(strings = {"0", "51", "abc", "-1", "", "00", "1e1", "٣"})
  void parse_refuses_what_is_not_1_to_50(String raw) {
    assertThatThrownBy(() -> PageSize.parse(raw))
        .isExactlyInstanceOf(InvalidRequestException.class)
        .hasMessage("pageSize must be between 1 and 50");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 51, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void the_constructor_refuses_out_of_range(int value) {
    assertThatThrownBy(() -> new PageSize(value)).hasMessage("pageSize must be between 1 and 50");
  }

  @Test
  void bounds_are_inclusive_and_null_is_the_default() {
    assertThat(PageSize.parse("1").value()).isEqualTo(1);
    assertThat(PageSize.parse("50").value()).isEqualTo(50);
    assertThat(PageSize.parse(null)).isEqualTo(PageSize.DEFAULT);
    assertThat(PageSize.DEFAULT.value()).isEqualTo(20);
  }
}
