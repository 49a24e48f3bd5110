package io.tokenwarden.infrastructure.crypto;

/** A stored token could not be decrypted; the message never contains key or token material. */
public class TokenDecryptionException extends RuntimeException {

  public TokenDecryptionException(String message) {
    super(message);
  }
}
