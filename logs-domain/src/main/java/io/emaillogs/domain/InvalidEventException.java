package io.emaillogs.domain;

/**
 * Thrown when an event of an ingestion batch is invalid or belongs to no known log; the message is
 * {@code event <index>: <what is wrong>} and the whole batch is refused.
 */
public class InvalidEventException extends InvalidRequestException {
  private final int index;

  public InvalidEventException(int index, String problem) {
    super("event " + index + ": " + problem);
    this.index = index;
  }

  /** The position of the offending event in its batch, from 0. */
  public int index() {
    return index;
  }
}
