package io.emaillogs.adapter.jersey;

import java.util.regex.Pattern;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Gives the errors that Grizzly's HTTP codec answers itself - before any handler sees the request -
 * the API's JSON envelope instead of an empty body: a malformed request line or header, a body on a
 * GET or DELETE, a head over the size limit, a broken chunk. A request line whose protocol is not
 * {@code HTTP/<digit>.<digit>} (a raw space in the target, say) is a 400, not the codec's 505 "HTTP
 * Version Not Supported", which stays for real versions it does not speak.
 *
 * <p>The add-on swaps the codec for a subclass built with the listener's settings; it must be
 * registered before any add-on that looks the codec up.
 */
final class CodecErrors implements AddOn {
  private static final Pattern VERSION = Pattern.compile("HTTP/\\d\\.\\d");

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int index = builder.indexOfType(HttpServerFilter.class);
    HttpServerFilter grizzly = (HttpServerFilter) builder.get(index);
    Codec codec =
        new Codec(
            listener.isChunkingEnabled(),
            listener.getMaxHttpHeaderSize() == -1
                ? HttpServerFilter.DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE
                : listener.getMaxHttpHeaderSize(),
            listener.getKeepAlive(),
            listener.getMaxRequestHeaders(),
            listener.getMaxResponseHeaders());
    for (ContentEncoding encoding : grizzly.getContentEncodings()) {
      codec.addContentEncoding(encoding);
    }
    codec.setAllowPayloadForUndefinedHttpMethods(grizzly.isAllowPayloadForUndefinedHttpMethods());
    codec.setMaxPayloadRemainderToSkip(grizzly.getMaxPayloadRemainderToSkip());
    codec.getMonitoringConfig().addProbes(grizzly.getMonitoringConfig().getProbes());
    builder.set(index, codec);
  }

  /** The body of an error the codec answers, in the envelope of the request's path. */
  static byte[] body(int status, String reason, String path) {
    String message = reason == null || reason.isBlank() ? "Error " + status : reason;
    // an unread path: the query API's envelope, the one that has both fields
    return (path == null || path.isEmpty() ? Envelope.QUERY : Envelope.forPath(path)).body(message);
  }

  private static final class Codec extends HttpServerFilter {
    @SuppressWarnings("deprecation") // the constructor Grizzly's own HttpServer uses
    Codec(
        boolean chunking,
        int maxHeadersSize,
        org.glassfish.grizzly.http.KeepAlive keepAlive,
        int maxRequestHeaders,
        int maxResponseHeaders) {
      super(chunking, maxHeadersSize, null, keepAlive, null, maxRequestHeaders, maxResponseHeaders);
    }

    @Override
    protected boolean onHttpHeaderParsed(HttpHeader header, Buffer buffer, FilterChainContext ctx) {
      // Grizzly overwrites an unreadable protocol with HTTP/1.1 and answers 505: look first
      String protocol = header.getProtocolString();
      boolean error = super.onHttpHeaderParsed(header, buffer, ctx);
      if (error
          && header instanceof HttpRequestPacket request
          && request.getResponse().getStatus() == 505
          && (protocol == null || !VERSION.matcher(protocol).matches())) {
        HttpStatus.BAD_REQUEST_400.setValues(request.getResponse());
      }
      return error;
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
      HttpRequestPacket request = response.getRequest();
      String path = null;
      if (request != null) {
        try {
          path = request.getRequestURI();
        } catch (RuntimeException unreadable) {
          path = null;
        }
      }
      byte[] body = body(response.getStatus(), response.getReasonPhrase(), path);
      response.setContentType(Envelope.JSON);
      // as a raw header too: Grizzly writes the content type only for a request it could read
      response.setHeader(Header.ContentType, Envelope.JSON);
      response.setContentLength(body.length);
      return HttpContent.builder(response).content(Buffers.wrap(null, body)).last(true).build();
    }
  }
}
