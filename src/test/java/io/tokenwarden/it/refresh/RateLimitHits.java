package io.tokenwarden.it.refresh;

import io.tokenwarden.application.refresh.ProviderStateStore;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test probe: records a 429 the way a failed refresh does, inside a unit of work, and can hold that
 * unit of work open until the test lets it commit, so concurrent 429s can be interleaved exactly.
 * Deployed only with ProviderWideIT.
 */
@ApplicationScoped
public class RateLimitHits {

  @Inject TenantScope scope;

  @Inject ProviderStateStore provider;

  /** Records a 429 for {@code userKey} and commits at once. */
  public Optional<Instant> record(String userKey, Instant retryAt) {
    return scope.asRoot(() -> provider.recordRateLimitInScope(userKey, retryAt));
  }

  /**
   * Records a 429 for {@code userKey}, counts {@code recorded} down, and commits only once {@code
   * release} is counted down (or after 30 s).
   */
  public Optional<Instant> recordAndHold(
      String userKey, Instant retryAt, CountDownLatch recorded, CountDownLatch release) {
    return scope.asRoot(
        () -> {
          Optional<Instant> pause = provider.recordRateLimitInScope(userKey, retryAt);
          recorded.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return pause;
        });
  }
}
