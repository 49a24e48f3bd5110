package io.tokenwarden.application;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The database cannot answer now (unreachable, pool exhausted, timed out, transaction not begun or
 * not committed). The hand-out path turns such failures into this one type so the API can answer
 * 503 with a time to come back instead of 500; the cause is kept for the log and carries no secret
 * (statements are logged with placeholders, never with bound values).
 */
public class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(Throwable cause) {
    super("The database cannot be reached right now.", cause, false, false);
  }

  /**
   * Runs {@code work}; a failure of the database (JPA, JDBC or JTA, anywhere in the cause chain)
   * becomes a {@link StoreUnavailableException}, anything else passes unchanged.
   */
  public static <T> T translating(Supplier<T> work) {
    try {
      return work.get();
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (isStoreFailure(e)) {
        throw new StoreUnavailableException(e);
      }
      throw e;
    }
  }

  /** True when {@code failure} or one of its causes comes from the database or its transaction. */
  public static boolean isStoreFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PersistenceException
          || t instanceof SQLException
          || t instanceof TransactionalException
          || t instanceof jakarta.transaction.RollbackException
          || t instanceof jakarta.transaction.SystemException) {
        return true;
      }
    }
    return false;
  }
}
