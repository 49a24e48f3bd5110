package io.tokenwarden.application.onboarding;

import java.net.URI;

/**
 * The answer to pressing Connect: where to send the browser, and the browser-binding secret to set
 * as its cookie; or, when the link is not usable, why. {@link #toString()} hides the secret and the
 * state inside the URL.
 *
 * @param refusal null when the attempt started; otherwise one of the LINK_* outcomes
 */
public record ConnectStart(URI approveUrl, String browserBinding, ConnectOutcome refusal) {

  static ConnectStart refused(ConnectOutcome refusal) {
    return new ConnectStart(null, null, refusal);
  }

  public boolean started() {
    return refusal == null;
  }

  @Override
  public String toString() {
    return started() ? "ConnectStart[started]" : "ConnectStart[" + refusal + "]";
  }
}
