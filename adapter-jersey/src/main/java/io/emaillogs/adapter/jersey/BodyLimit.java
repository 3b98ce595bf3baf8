package io.emaillogs.adapter.jersey;

import jakarta.ws.rs.WebApplicationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps a request body: reading past the limit ({@link HttpOptions#maxBodyBytes()}) answers 413, so
 * an endless body is cut off after that many bytes.
 */
final class BodyLimit extends FilterInputStream {
  private final long max;
  private long read;

  private BodyLimit(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  static InputStream of(InputStream body, long max) {
    return new BodyLimit(body, max);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void count(long n) {
    read += n;
    if (read > max) {
      throw new WebApplicationException(413);
    }
  }
}
