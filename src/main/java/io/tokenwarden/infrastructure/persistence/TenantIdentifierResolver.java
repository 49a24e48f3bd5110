package io.tokenwarden.infrastructure.persistence;

import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Tells Hibernate which tenant a new session belongs to. Outside {@link TenantScope} there is no
 * tenant, and opening a session fails loudly instead of silently reading another tenant's rows.
 */
public class TenantIdentifierResolver implements CurrentTenantIdentifierResolver<Object> {

  @Override
  public Object resolveCurrentTenantIdentifier() {
    UUID current = TenantContext.current();
    if (current == null) {
      throw new IllegalStateException(
          "No tenant context: open the unit of work with TenantScope.asTenant or asRoot");
    }
    return current;
  }

  @Override
  public boolean validateExistingCurrentSessions() {
    return false;
  }

  @Override
  public boolean isRoot(Object tenantId) {
    return TenantContext.ROOT.equals(tenantId);
  }
}
