package io.tokenwarden.application;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StoreUnavailableExceptionTest {

  /** Hibernate's wrapper of a refused connection (a PersistenceException) means "store down". */
  @Test
  void aPersistenceFailureBecomesStoreUnavailable() {
    assertThatThrownBy(
            () ->
                StoreUnavailableException.translating(
                    () -> {
                      throw new PersistenceException(
                          "could not open", new SQLTransientConnectionException("refused"));
                    }))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageNotContaining("refused");
  }

  /** A transaction that could not begin (JTA, around the JDBC cause) means "store down" too. */
  @Test
  void aTransactionFailureBecomesStoreUnavailable() {
    assertThatThrownBy(
            () ->
                StoreUnavailableException.translating(
                    () -> {
                      throw new TransactionalException(
                          "begin failed", new IllegalStateException("pool"));
                    }))
        .isInstanceOf(StoreUnavailableException.class);
  }

  /** Anything else is not the database's fault and passes unchanged. */
  @Test
  void otherFailuresPassUnchanged() {
    assertThatThrownBy(
            () ->
                StoreUnavailableException.translating(
                    () -> {
                      throw new IllegalArgumentException("bad slug");
                    }))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }
}
