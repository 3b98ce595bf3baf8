package io.emaillogs.client;

/** Thrown on a 400 */
public class BadRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String serverMessage) {
    super(400, serverMessage, null);
  }
}
