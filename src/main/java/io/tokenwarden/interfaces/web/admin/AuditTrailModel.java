package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.admin.TenantDetails;
import io.tokenwarden.domain.RefreshEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** One tenant's audit trail, newest first, loaded a page at a time in the tenant's own context. */
public class AuditTrailModel extends LazyDataModel<RefreshEvent> {

  private static final long serialVersionUID = 1L;

  private final TenantDetails details;
  private final UUID tenantId;

  public AuditTrailModel(TenantDetails details, UUID tenantId) {
    this.details = details;
    this.tenantId = tenantId;
  }

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    return (int) Math.min(Integer.MAX_VALUE, details.auditTrailSize(tenantId));
  }

  @Override
  public List<RefreshEvent> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    return details.auditTrail(tenantId, first, pageSize);
  }

  @Override
  public String getRowKey(RefreshEvent event) {
    return event.id().toString();
  }
}
