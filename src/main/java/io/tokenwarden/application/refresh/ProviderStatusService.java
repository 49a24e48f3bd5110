package io.tokenwarden.application.refresh;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * The provider-wide state for the console's banner: whether refreshing is paused cluster-wide, why,
 * and how fast it is resuming. Read from the shared database row, so every node shows the same.
 */
@ApplicationScoped
public class ProviderStatusService {

  @Inject ProviderStateStore store;

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject Clock clock;

  public ProviderStatus current() {
    ProviderState state = store.read();
    Instant now = clock.instant();
    ProviderAdmission admission = settings.admission();
    int admitted = admission.admittedPerTick(state, now);
    boolean paused = admitted == 0;
    String message = state.alarmMessage();
    if (message == null && paused) {
      message =
          "FreeAgent is throttling many users at once; refreshing is paused cluster-wide until "
              + state.throttlePausedUntil()
              + " and then resumes slowly, most urgent tenants first.";
    } else if (message == null && admitted < admission.maxPerTick()) {
      message =
          "Recovering from a FreeAgent throttle: "
              + admitted
              + " refreshes per tick per node, growing.";
    }
    return new ProviderStatus(
        paused, state.throttlePausedUntil(), admitted, state.credentialsRejectedAt(), message);
  }
}
