package io.emaillogs.client;

/** Thrown on a 404 */
public class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String serverMessage) {
    super(404, serverMessage, null);
  }
}
