package io.tokenwarden.it.refresh;

import io.tokenwarden.application.refresh.ReceivedPair;
import io.tokenwarden.application.refresh.TokenStore;
import io.tokenwarden.domain.ConnectionStatus;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double for a database that is down exactly when a received pair is to be committed: while
 * {@link #downFor} names a tenant, storing that tenant's refreshed pair fails as an unreachable
 * database would; everything else is the real store. Deployed only with {@link
 * ParkedPairJournalIT}.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class FailingTokenStore extends TokenStore {

  public static volatile UUID downFor;

  public static final AtomicInteger refusedCommits = new AtomicInteger();

  @Override
  public Optional<ConnectionStatus> storeRefreshed(ReceivedPair pair) {
    if (pair.tenantId().equals(downFor)) {
      refusedCommits.incrementAndGet();
      throw new IllegalStateException("database unreachable (FailingTokenStore)");
    }
    return super.storeRefreshed(pair);
  }

  /** A group with the failing tenant's pair fails whole, as one transaction would. */
  @Override
  public List<Optional<ConnectionStatus>> storeRefreshedTogether(List<ReceivedPair> pairs) {
    if (pairs.size() > 1 && pairs.stream().anyMatch(pair -> pair.tenantId().equals(downFor))) {
      refusedCommits.incrementAndGet();
      throw new IllegalStateException("database unreachable (FailingTokenStore)");
    }
    return super.storeRefreshedTogether(pairs);
  }
}
