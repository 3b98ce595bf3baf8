package io.emaillogs.client;

/** Thrown on a 401 */
public class UnauthorizedException extends ApiException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String serverMessage) {
    super(401, serverMessage, null);
  }
}
