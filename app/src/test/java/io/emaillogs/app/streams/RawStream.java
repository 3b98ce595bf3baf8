package io.emaillogs.app.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request on a plain socket, for what an HTTP client library hides: leaving a stream
 * with a FIN or a reset, half-closing, or reading exactly what the server framed.
 */
final class RawStream implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private String head;

  private RawStream(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  /** Connects and sends {@code GET path} with the bearer token; nothing is read yet. */
  static RawStream get(int port, String path, String token) throws IOException {
    return get(port, path, token, 0);
  }

  /** The same with a small receive buffer ({@code receiveBuffer} bytes; 0 for the default). */
  static RawStream get(int port, String path, String token, int receiveBuffer) throws IOException {
    return send(
        port,
        receiveBuffer,
        "GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + token
            + "\r\nAccept: text/event-stream\r\n\r\n");
  }

  /** Connects and sends {@code request} as it is. */
  static RawStream send(int port, String request) throws IOException {
    return send(port, 0, request);
  }

  private static RawStream send(int port, int receiveBuffer, String request) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return new RawStream(socket);
  }

  /** Reads the status line and headers; returns the status code. */
  int status() throws IOException {
    if (head == null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed in the headers: " + bytes);
        }
        bytes.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      head = bytes.toString(StandardCharsets.ISO_8859_1);
    }
    return Integer.parseInt(head.substring(9, 12));
  }

  String head() throws IOException {
    status();
    return head;
  }

  /** Reads until {@code text} has arrived (after the headers), at most {@code max} bytes. */
  String readUntil(String text, int max) throws IOException {
    status();
    StringBuilder read = new StringBuilder();
    while (read.length() < max) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      read.append((char) b);
      if (read.length() >= text.length()
          && read.lastIndexOf(text, read.length() - text.length()) >= 0) {
        break;
      }
    }
    return read.toString();
  }

  /** Reads whatever arrives until the server closes the connection or {@code millis} pass. */
  String readToEnd(int millis) throws IOException {
    socket.setSoTimeout(millis);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        bytes.write(buffer, 0, n);
      }
    } catch (java.net.SocketTimeoutException stillOpen) {
      return bytes.toString(StandardCharsets.ISO_8859_1) + "<still open>";
    }
    return bytes.toString(StandardCharsets.ISO_8859_1) + "<closed>";
  }

  /** Leaves with a reset: SO_LINGER 0 makes close() send RST instead of FIN. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  /** Stops sending (a FIN) but keeps the socket open for reading. */
  void halfClose() throws IOException {
    socket.shutdownOutput();
  }

  /** Leaves with a FIN. */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}
