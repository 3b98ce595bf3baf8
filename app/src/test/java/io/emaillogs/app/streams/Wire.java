package io.emaillogs.app.streams;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A keep-alive HTTP/1.1 connection on a plain socket that sends requests byte for byte as given
 * (bad percent-encoding, raw bytes, odd methods) and reads each answer as the server framed it. An
 * event stream is read for {@code streamMillis} and then the connection is dropped.
 */
final class Wire implements AutoCloseable {
  /** One answer; {@code status} is -1 when the server closed the connection without one. */
  record Answer(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private final int port;
  private final int streamMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  int connections;

  /** The request sent before the last one on the same connection, null if it was the first. */
  byte[] previousOnConnection;

  private byte[] previous;

  Wire(int port, int streamMillis) {
    this.port = port;
    this.streamMillis = streamMillis;
  }

  Answer exchange(byte[] request, boolean headRequest) throws IOException {
    boolean reused = socket != null;
    if (!reused) {
      connect();
    }
    try {
      try {
        out.write(request);
        out.flush();
      } catch (IOException cutOff) {
        // the server may answer and close before it has read everything (a head too large)
        socket.shutdownOutput();
        Answer early = read(headRequest);
        close();
        if (early.status() == -1 && reused) {
          return exchange(request, headRequest); // it had closed an idle connection
        }
        previous = request;
        return early;
      }
      Answer answer = read(headRequest);
      if (answer.status() == -1 && reused) {
        close(); // the server closed an idle keep-alive connection: once more on a new one
        return exchange(request, headRequest);
      }
      previousOnConnection = reused ? previous : null;
      previous = socket == null ? null : request;
      return answer;
    } catch (IOException e) {
      close();
      if (reused) {
        return exchange(request, headRequest);
      }
      throw e;
    }
  }

  private void connect() throws IOException {
    previous = null;
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(20_000);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
    connections++;
  }

  private Answer read(boolean headRequest) throws IOException {
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b;
      try {
        b = in.read();
      } catch (IOException reset) {
        b = -1;
      }
      if (b < 0) {
        if (headBytes.size() == 0) {
          close();
          return new Answer(-1, "", "");
        }
        throw new IOException("connection closed in the headers: " + headBytes);
      }
      headBytes.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String head = headBytes.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(head.substring(9, 12));
    Answer shell = new Answer(status, head, "");
    String type = String.valueOf(shell.header("Content-Type")).toLowerCase(Locale.ROOT);
    String length = shell.header("Content-Length");
    boolean chunked =
        String.valueOf(shell.header("Transfer-Encoding"))
            .toLowerCase(Locale.ROOT)
            .contains("chunked");
    boolean closeAfter =
        String.valueOf(shell.header("Connection")).toLowerCase(Locale.ROOT).contains("close");
    String body;
    if (headRequest || status == 204 || status == 304 || status < 200) {
      body = "";
    } else if (type.startsWith("text/event-stream")) {
      body = readFor(streamMillis);
      closeAfter = true; // a live stream never ends by itself: drop it
    } else if (chunked) {
      body = readChunked();
    } else if (length != null) {
      body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
    } else {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      closeAfter = true;
    }
    if (closeAfter) {
      close();
    }
    return new Answer(status, head, body);
  }

  private String readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line();
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(in.readNBytes(size));
      line();
    }
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("connection closed in a chunk");
      }
      if (b != '\r') {
        s.append((char) b);
      }
    }
    return s.toString();
  }

  private String readFor(int millis) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long deadline = System.nanoTime() + millis * 1_000_000L;
    byte[] buffer = new byte[8192];
    try {
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        bytes.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException stillOpen) {
      // the stream is live: enough read
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.setSoLinger(true, 0);
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
    socket = null;
  }
}
