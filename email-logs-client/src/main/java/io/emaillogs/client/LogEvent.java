package io.emaillogs.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of a live stream (SPEC section 5). {@code id} is the server's sequence: events arrive
 * in increasing id order. {@code details} holds {@code reason}, {@code userAgent}, {@code ip},
 * {@code url} when present; {@code campaignId} may be null.
 */
public record LogEvent(
    long id,
    EventType eventType,
    Instant timestamp,
    String refId,
    String domain,
    String sender,
    String recipient,
    String subject,
    String campaignId,
    List<String> tags,
    Map<String, String> details) {}
