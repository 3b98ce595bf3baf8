package io.emaillogs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The fanout benchmark's own accounting, without a server. */
class FanoutHarnessTest {

  @Test
  void a_tally_counts_missing_duplicated_and_unexpected_events() {
    IntPredicate even = k -> k % 2 == 0;
    StreamTally t = new StreamTally();
    for (int k : new int[] {0, 2, 2, 6, 3, 8, 8, 8}) {
      t.record(k, 1_000_000);
    }
    StreamTally.Check c = t.check(10, even); // expected 0,2,4,6,8
    assertThat(c.expected()).isEqualTo(5);
    assertThat(c.missing()).as("4 never came").isEqualTo(1);
    assertThat(c.duplicated()).as("2 once more, 8 twice more").isEqualTo(3);
    assertThat(c.unexpected()).as("3 does not match the filter").isEqualTo(1);
    assertThat(t.arrivals()).hasSize(8).containsOnly(1_000_000L);
    assertThat(c.plus(c)).isEqualTo(new StreamTally.Check(10, 2, 6, 2));
  }

  @Test
  void a_complete_tally_is_clean_and_grows_past_its_first_array() {
    StreamTally t = new StreamTally();
    for (int k = 0; k < 100; k++) {
      t.record(k, k);
    }
    assertThat(t.check(100, k -> true)).isEqualTo(new StreamTally.Check(100, 0, 0, 0));
    assertThat(t.arrivals()[99]).isEqualTo(99);
    assertThat(t.indexes()[42]).isEqualTo(42);
  }

  @Test
  void the_layout_sends_every_event_to_one_filtered_stream_and_every_tenth_elsewhere() {
    FanoutLayout lay = FanoutLayout.of(1_000);
    assertThat(lay.unfiltered()).isEqualTo(10);
    assertThat(lay.filtered()).isEqualTo(990);
    assertThat(lay.others()).isEqualTo(100);
    assertThat(lay.otherDomains()).isEqualTo(10);
    int total = 30_000;
    int[] perRecipient = new int[lay.filtered()];
    int main = 0;
    for (int e = 0; e < total; e++) {
      if (FanoutLayout.onMain(e)) {
        main++;
        int matching = 0;
        for (int r = 0; r < lay.filtered(); r++) {
          matching += lay.filteredStream(r).test(e) ? 1 : 0;
        }
        assertThat(matching).isEqualTo(1);
        perRecipient[lay.recipient(e)]++;
      } else {
        assertThat(lay.otherStream(lay.otherDomain(e)).test(e)).isTrue();
        assertThat(lay.unfilteredStream().test(e)).isFalse();
      }
    }
    assertThat(main).isEqualTo(27_000);
    // round-robin: every recipient gets its share, give or take one
    for (int n : perRecipient) {
      assertThat(n).isBetween(27, 28);
    }
    assertThat(FanoutLayout.of(10).unfiltered()).isEqualTo(5);
    assertThat(FanoutLayout.of(10).others()).isEqualTo(1);
  }
}
