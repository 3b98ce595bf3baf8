package io.emaillogs.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One message to one recipient and what happened to it: the log of SPEC section 2. Immutable;
 * {@link #apply} returns the log with one more event applied.
 *
 * <p>Besides the published fields it keeps two bookkeeping timestamps that make {@link #apply}
 * independent of arrival order: {@code statusAt} (timestamp of the event that set the status) and
 * {@code failedReasonAt} (of the event that set failedReason, null when none). {@code id} is the
 * store's unique key, used to break ties in the newest-first order; it is 0 until the log is
 * stored.
 *
 * <p>Rules: the status never moves to a lower {@link LogStatus#rank()}; at an equal rank the later
 * timestamp wins (and, at an equal timestamp too, the status declared later in {@link LogStatus},
 * so the result is the same for every order). deliveredDate is the earliest {@code delivered}
 * event, set even when it does not change the status. failedReason is the reason of the latest
 * failure or deferral that carries one and is never cleared. Opens and clicks set their flag and
 * append to the track in ingestion order; a click does not imply an open. updatedAt is the latest
 * event timestamp, createdAt the earliest {@code queued} one.
 */
public record EmailLog(
    long id,
    String refId,
    long accountId,
    long tenantId,
    String fromAddress,
    String recipientAddress,
    String recipientDomain,
    RecipientType recipientType,
    String subject,
    LogStatus status,
    Priority priority,
    String campaignId,
    List<String> tags,
    boolean opened,
    boolean clicked,
    String failedReason,
    Instant createdAt,
    Instant deliveredDate,
    Instant updatedAt,
    Track track,
    Instant statusAt,
    Instant failedReasonAt) {

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.<String>naturalOrder());

  public EmailLog {
    Objects.requireNonNull(refId, "refId");
    Objects.requireNonNull(fromAddress, "fromAddress");
    Objects.requireNonNull(recipientAddress, "recipientAddress");
    Objects.requireNonNull(recipientDomain, "recipientDomain");
    Objects.requireNonNull(recipientType, "recipientType");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(statusAt, "statusAt");
    tags = tags == null ? List.of() : List.copyOf(tags);
    track = track == null ? Track.EMPTY : track;
  }

  /**
   * Creates the log a {@code queued} event announces, with the event applied.
   *
   * @throws IllegalArgumentException if the event is not {@link EventType#QUEUED}
   */
  public static EmailLog create(IngestEvent queued) {
    if (queued.type() != EventType.QUEUED) {
      throw new IllegalArgumentException(
          "a log is created by a queued event, not " + queued.type());
    }
    return new EmailLog(
        0,
        queued.refId(),
        queued.accountId(),
        queued.tenantId(),
        queued.fromAddress(),
        queued.recipientAddress(),
        LogEvent.domainOf(queued.recipientAddress()),
        queued.recipientType(),
        queued.subject(),
        LogStatus.QUEUED,
        queued.priority(),
        queued.campaignId(),
        queued.tags(),
        false,
        false,
        null,
        queued.timestamp(),
        null,
        queued.timestamp(),
        Track.EMPTY,
        queued.timestamp(),
        null);
  }

  /** The key identifying this log. */
  public LogKey key() {
    return LogKey.of(accountId, refId, recipientAddress);
  }

  /** This log as stored under {@code id}. */
  public EmailLog withId(long id) {
    return new EmailLog(
        id,
        refId,
        accountId,
        tenantId,
        fromAddress,
        recipientAddress,
        recipientDomain,
        recipientType,
        subject,
        status,
        priority,
        campaignId,
        tags,
        opened,
        clicked,
        failedReason,
        createdAt,
        deliveredDate,
        updatedAt,
        track,
        statusAt,
        failedReasonAt);
  }

  /**
   * This log with {@code event} applied by the rules in the class description. Duplicate detection
   * (by eventId) is the caller's job.
   *
   * @throws IllegalArgumentException if the event belongs to another log
   */
  public EmailLog apply(IngestEvent event) {
    if (!event.logKey().equals(key())) {
      throw new IllegalArgumentException("event " + event.eventId() + " is not for log " + key());
    }
    Instant at = event.timestamp();
    LogStatus nextStatus = status;
    Instant nextStatusAt = statusAt;
    LogStatus candidate = event.type().status().orElse(null);
    if (candidate != null && outranks(candidate, at)) {
      nextStatus = candidate;
      nextStatusAt = at;
    }
    Instant nextDelivered = deliveredDate;
    if (event.type() == EventType.DELIVERED
        && (deliveredDate == null || at.isBefore(deliveredDate))) {
      nextDelivered = at;
    }
    String nextReason = failedReason;
    Instant nextReasonAt = failedReasonAt;
    String reason = event.details().reason();
    if (event.type().recordsFailure() && reason != null && replacesReason(reason, at)) {
      nextReason = reason;
      nextReasonAt = at;
    }
    Track nextTrack = track;
    boolean nextOpened = opened;
    boolean nextClicked = clicked;
    EventDetails d = event.details();
    if (event.type() == EventType.OPENED) {
      nextOpened = true;
      nextTrack = track.withOpen(new OpenEntry(at, d.userAgent(), d.ip()));
    } else if (event.type() == EventType.CLICKED) {
      nextClicked = true;
      nextTrack = track.withClick(new ClickEntry(at, d.url(), d.userAgent(), d.ip()));
    }
    Instant nextCreated =
        event.type() == EventType.QUEUED && at.isBefore(createdAt) ? at : createdAt;
    Instant nextUpdated = at.isAfter(updatedAt) ? at : updatedAt;
    return new EmailLog(
        id,
        refId,
        accountId,
        tenantId,
        fromAddress,
        recipientAddress,
        recipientDomain,
        recipientType,
        subject,
        nextStatus,
        priority,
        campaignId,
        tags,
        nextOpened,
        nextClicked,
        nextReason,
        nextCreated,
        nextDelivered,
        nextUpdated,
        nextTrack,
        nextStatusAt,
        nextReasonAt);
  }

  private boolean outranks(LogStatus candidate, Instant at) {
    if (candidate.rank() != status.rank()) {
      return candidate.rank() > status.rank();
    }
    int byTime = at.compareTo(statusAt);
    return byTime != 0 ? byTime > 0 : candidate.ordinal() > status.ordinal();
  }

  private boolean replacesReason(String reason, Instant at) {
    if (failedReasonAt == null) {
      return true;
    }
    int byTime = at.compareTo(failedReasonAt);
    return byTime != 0 ? byTime > 0 : NULLS_FIRST.compare(reason, failedReason) > 0;
  }
}
