package io.emaillogs.application.port;

/** What an append stored: {@code accepted} new events, {@code duplicates} skipped by eventId. */
public record AppendResult(int accepted, int duplicates) {}
