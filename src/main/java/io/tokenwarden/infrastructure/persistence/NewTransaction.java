package io.tokenwarden.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/** Runs work in a transaction of its own; {@link TenantScope} is its only caller. */
@ApplicationScoped
public class NewTransaction {

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public <T> T call(Supplier<T> work) {
    return work.get();
  }
}
