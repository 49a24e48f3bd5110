package io.tokenwarden.application.admin;

/** A change to console users that the rules refuse; the message is for the operator. */
public class AdminUserException extends RuntimeException {

  public AdminUserException(String message) {
    super(message);
  }
}
