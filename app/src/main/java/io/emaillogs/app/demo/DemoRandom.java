package io.emaillogs.app.demo;

import static io.emaillogs.app.demo.DemoVocabulary.FIRST_NAMES;
import static io.emaillogs.app.demo.DemoVocabulary.LAST_NAMES;
import static io.emaillogs.app.demo.DemoVocabulary.MAILBOX_DOMAINS;
import static io.emaillogs.app.demo.DemoVocabulary.PUBLIC_BLOCKS;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The demo's {@link Random} and the draws made from it: delays, client addresses, recipients,
 * ULIDs. Every draw goes to the one source, in the order asked, so a seed gives the same traffic.
 */
final class DemoRandom {
  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private final Random random;

  DemoRandom(Random random) {
    this.random = random;
  }

  Random source() {
    return random;
  }

  double nextDouble() {
    return random.nextDouble();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  long nextLong() {
    return random.nextLong();
  }

  boolean nextBoolean() {
    return random.nextBoolean();
  }

  /** A uniform delay in [min, max) seconds, as milliseconds. */
  long seconds(long min, long max) {
    return (min * 1_000) + (long) (random.nextDouble() * (max - min) * 1_000);
  }

  /** An exponentially distributed delay of the given mean, at least {@code min} seconds. */
  long exponential(long min, long mean) {
    return (long) ((min - mean * Math.log(1 - random.nextDouble())) * 1_000);
  }

  String ip(String[] client) {
    if (client.length > 1 && !client[1].equals("*")) {
      String prefix = client[1 + random.nextInt(client.length - 1)];
      return prefix + "." + (1 + random.nextInt(254));
    }
    int first = PUBLIC_BLOCKS[random.nextInt(PUBLIC_BLOCKS.length)];
    return first
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  String customerAddress() {
    String first = pick(FIRST_NAMES);
    String last = pick(LAST_NAMES);
    String domain = MAILBOX_DOMAINS[random.nextInt(MAILBOX_DOMAINS.length)];
    String local =
        switch (random.nextInt(5)) {
          case 0 -> first + "." + last;
          case 1 -> first + last + (10 + random.nextInt(90));
          case 2 -> first.charAt(0) + "." + last;
          case 3 -> first + "_" + last;
          default -> first + "." + last + (1960 + random.nextInt(45));
        };
    if (random.nextDouble() < 0.03) { // some people type their address with capitals
      local = Character.toUpperCase(local.charAt(0)) + local.substring(1);
      domain = Character.toUpperCase(domain.charAt(0)) + domain.substring(1);
    }
    return local + "@" + domain;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A ULID: 48 bits of milliseconds then 80 random bits, in Crockford base 32. */
  String ulid(Instant at) {
    StringBuilder text = new StringBuilder(26);
    long millis = at.toEpochMilli();
    for (int i = 9; i >= 0; i--) {
      text.append(CROCKFORD.charAt((int) ((millis >>> (5 * i)) & 31)));
    }
    for (int i = 0; i < 16; i++) {
      text.append(CROCKFORD.charAt(random.nextInt(32)));
    }
    return text.toString();
  }
}
