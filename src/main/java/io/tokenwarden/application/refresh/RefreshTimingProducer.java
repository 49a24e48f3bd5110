package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTiming;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Makes the refresh timing ({@link RefreshSettings#timing()}) and the one schedule policy every use
 * case shares injectable, so the domain policy never touches configuration itself.
 */
@ApplicationScoped
public class RefreshTimingProducer {

  // @Singleton, not @ApplicationScoped: the produced type is final, and a normal scope needs a
  // client proxy (Weld refuses the deployment once something injects it).
  @Produces
  @Singleton
  RefreshTiming refreshTiming(@ConfigProperties RefreshSettings settings) {
    return settings.timing();
  }

  @Produces
  @Singleton
  RefreshSchedulePolicy refreshSchedulePolicy(RefreshTiming timing) {
    return new RefreshSchedulePolicy(timing, () -> ThreadLocalRandom.current().nextDouble());
  }
}
