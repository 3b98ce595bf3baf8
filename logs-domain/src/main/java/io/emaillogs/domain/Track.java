package io.emaillogs.domain;

import java.util.ArrayList;
import java.util.List;

/** Opens and clicks of a log, each list in ingestion order. Immutable. */
public record Track(List<OpenEntry> opens, List<ClickEntry> clicks) {
  public static final Track EMPTY = new Track(List.of(), List.of());

  public Track {
    opens = List.copyOf(opens);
    clicks = List.copyOf(clicks);
  }

  Track withOpen(OpenEntry open) {
    List<OpenEntry> next = new ArrayList<>(opens);
    next.add(open);
    return new Track(next, clicks);
  }

  Track withClick(ClickEntry click) {
    List<ClickEntry> next = new ArrayList<>(clicks);
    next.add(click);
    return new Track(opens, next);
  }
}
