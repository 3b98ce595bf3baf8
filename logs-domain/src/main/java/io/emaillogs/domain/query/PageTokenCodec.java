package io.emaillogs.domain.query;

import io.emaillogs.domain.InvalidRequestException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Turns a {@link PageToken} into an opaque, URL-safe string signed with HMAC-SHA256, and back.
 * Opening checks the signature first (in constant time), then the account and the query
 * fingerprint; any failure is {@link InvalidPageTokenException}, never another exception.
 * Thread-safe.
 *
 * <p>Layout before Base64url (no padding): version (1), accountId (8), fingerprint (16), flags (1),
 * each present window as two instants (12 each), the position (12 + 8), then the 32-byte MAC.
 */
public final class PageTokenCodec {
  /** Shortest secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 16;

  private static final byte VERSION = 1;
  private static final int MAC_LENGTH = 32;
  private static final int CREATED = 1;
  private static final int DELIVERED = 2;

  private final HmacSha256 mac;

  /**
   * @param secret the server's signing secret, at least {@value #MIN_SECRET_BYTES} bytes
   */
  public PageTokenCodec(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("page-token secret must be at least 16 bytes");
    }
    this.mac = new HmacSha256(secret.clone());
  }

  /** The signed, URL-safe text of {@code token}. */
  public String encode(PageToken token) {
    ByteBuffer buf = ByteBuffer.allocate(1 + 8 + 16 + 1 + 24 + 24 + 20 + MAC_LENGTH);
    buf.put(VERSION);
    buf.putLong(token.accountId());
    buf.put(token.fingerprint());
    int flags =
        (token.createdWindow() != null ? CREATED : 0)
            | (token.deliveredWindow() != null ? DELIVERED : 0);
    buf.put((byte) flags);
    putWindow(buf, token.createdWindow());
    putWindow(buf, token.deliveredWindow());
    putInstant(buf, token.after().createdAt());
    buf.putLong(token.after().id());
    int payloadLength = buf.position();
    buf.put(mac.sign(buf.array(), 0, payloadLength));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOf(buf.array(), buf.position()));
  }

  /**
   * Opens a token for the next page of {@code query}, asked by {@code accountId}.
   *
   * @throws InvalidPageTokenException when the token is malformed, altered, signed with another
   *     secret, issued to another account or for other filters
   */
  public PageToken decode(String text, long accountId, byte[] fingerprint) {
    PageToken token = open(text);
    if (token.accountId() != accountId
        || !MessageDigest.isEqual(token.fingerprint(), fingerprint)) {
      throw new InvalidPageTokenException();
    }
    return token;
  }

  private PageToken open(String text) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(text);
      if (bytes.length <= MAC_LENGTH
          || !text.equals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))) {
        throw new InvalidPageTokenException(); // not the one canonical spelling
      }
      int payloadLength = bytes.length - MAC_LENGTH;
      byte[] expected = mac.sign(bytes, 0, payloadLength);
      byte[] actual = Arrays.copyOfRange(bytes, payloadLength, bytes.length);
      if (!MessageDigest.isEqual(expected, actual)) {
        throw new InvalidPageTokenException();
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes, 0, payloadLength);
      if (buf.get() != VERSION) {
        throw new InvalidPageTokenException();
      }
      long account = buf.getLong();
      byte[] fingerprint = new byte[PageToken.FINGERPRINT_LENGTH];
      buf.get(fingerprint);
      int flags = buf.get();
      if ((flags & ~(CREATED | DELIVERED)) != 0) {
        throw new InvalidPageTokenException();
      }
      DateWindow created = (flags & CREATED) != 0 ? getWindow(buf) : null;
      DateWindow delivered = (flags & DELIVERED) != 0 ? getWindow(buf) : null;
      Position after = new Position(getInstant(buf), buf.getLong());
      if (buf.hasRemaining()) {
        throw new InvalidPageTokenException();
      }
      return new PageToken(account, fingerprint, created, delivered, after);
    } catch (InvalidPageTokenException e) {
      throw e;
    } catch (IllegalArgumentException
        | BufferUnderflowException
        | DateTimeException
        | NullPointerException e) {
      // Base64 errors, truncated payloads, impossible instants or windows
      throw new InvalidPageTokenException();
    }
  }

  private static void putWindow(ByteBuffer buf, DateWindow window) {
    if (window != null) {
      putInstant(buf, window.start());
      putInstant(buf, window.end());
    }
  }

  private static DateWindow getWindow(ByteBuffer buf) {
    return DateWindow.of(getInstant(buf), getInstant(buf));
  }

  private static void putInstant(ByteBuffer buf, Instant instant) {
    buf.putLong(instant.getEpochSecond());
    buf.putInt(instant.getNano());
  }

  private static Instant getInstant(ByteBuffer buf) {
    return Instant.ofEpochSecond(buf.getLong(), buf.getInt());
  }

  /** Thrown when a page token cannot be used: {@code invalid page token}. */
  public static final class InvalidPageTokenException extends InvalidRequestException {
    public InvalidPageTokenException() {
      super("invalid page token");
    }
  }
}
