package io.emaillogs.domain.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacSha256Test {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] repeat(int b, int n) {
    byte[] a = new byte[n];
    Arrays.fill(a, (byte) b);
    return a;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String hmac(byte[] key, byte[] data) {
    return HEX.formatHex(new HmacSha256(key).sign(data, 0, data.length));
  }

  private static byte[] jdkMac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  /** RFC 4231, section 4: test cases 1 to 7, HMAC-SHA-256. */
  @Test
  void rfc_4231_test_vectors() {
    assertThat(hmac(repeat(0x0b, 20), ascii("Hi There")))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assertThat(hmac(ascii("Jefe"), ascii("what do ya want for nothing?")))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(hmac(repeat(0xaa, 20), repeat(0xdd, 50)))
        .isEqualTo("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    assertThat(
            hmac(
                HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                repeat(0xcd, 50)))
        .isEqualTo("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    // case 5 publishes the output truncated to 128 bits
    assertThat(hmac(repeat(0x0c, 20), ascii("Test With Truncation")))
        .startsWith("a3b6167473100ee06e0c796c2955552b");
    assertThat(
            hmac(
                repeat(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First")))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    assertThat(
            hmac(
                repeat(0xaa, 131),
                ascii(
                    "This is a test using a larger than block-size key and a larger than block-size"
                        + " data. The key needs to be hashed before being used by the HMAC"
                        + " algorithm.")))
        .isEqualTo("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "63, 1", "64, 64", "65, 65", "128, 200", "200, 1000"})
  void agrees_with_the_jdk_around_the_block_size(int keyLength, int dataLength) throws Exception {
    byte[] key = new byte[keyLength];
    byte[] data = new byte[dataLength];
    for (int i = 0; i < keyLength; i++) {
      key[i] = (byte) (i * 31 + 7);
    }
    for (int i = 0; i < dataLength; i++) {
      data[i] = (byte) (i * 17 + 3);
    }
    assertThat(new HmacSha256(key).sign(data, 0, data.length)).isEqualTo(jdkMac(key, data));
  }

  @Property(tries = 300)
  void agrees_with_javax_crypto_mac_for_random_keys_and_messages(
      @ForAll @Size(min = 1, max = 200) byte[] key, @ForAll @Size(max = 300) byte[] message)
      throws Exception {
    assertThat(new HmacSha256(key).sign(message, 0, message.length))
        .isEqualTo(jdkMac(key, message));
  }

  @Property(tries = 200)
  void signs_exactly_the_given_slice(
      @ForAll @Size(min = 1, max = 100) byte[] key,
      @ForAll @Size(min = 0, max = 100) byte[] message,
      @ForAll @IntRange(min = 0, max = 100) int from,
      @ForAll @IntRange(min = 0, max = 100) int to)
      throws Exception {
    int start = Math.min(from, message.length);
    int end = Math.max(start, Math.min(to, message.length));
    byte[] framed = new byte[message.length + 3];
    System.arraycopy(message, 0, framed, 1, message.length);
    assertThat(new HmacSha256(key).sign(framed, 1 + start, end - start))
        .isEqualTo(jdkMac(key, Arrays.copyOfRange(message, start, end)));
  }

  @Test
  void one_instance_is_safe_to_share_between_threads() throws Exception {
    byte[] key = ascii("a shared secret of the server");
    HmacSha256 mac = new HmacSha256(key);
    List<byte[]> messages = IntStream.range(0, 2000).mapToObj(i -> ascii("message " + i)).toList();
    List<String> parallel =
        messages.parallelStream().map(m -> HEX.formatHex(mac.sign(m, 0, m.length))).toList();
    for (int i = 0; i < messages.size(); i++) {
      assertThat(parallel.get(i)).isEqualTo(HEX.formatHex(jdkMac(key, messages.get(i))));
    }
  }
}
