package io.tokenwarden.application.onboarding;

/**
 * What the callback page shows.
 *
 * @param tenantName the tenant's display name, null when the attempt could not be identified
 * @param companyName the FreeAgent company now connected, only for {@link ConnectOutcome#CONNECTED}
 * @param companyChanged true when a reconnect landed on another FreeAgent company than before
 */
public record ConnectResult(
    ConnectOutcome outcome, String tenantName, String companyName, boolean companyChanged) {

  static ConnectResult refused(ConnectOutcome outcome, String tenantName) {
    return new ConnectResult(outcome, tenantName, null, false);
  }
}
