package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.admin.TenantOverview;
import io.tokenwarden.application.admin.TenantQuery;
import io.tokenwarden.application.admin.TenantRow;
import io.tokenwarden.application.admin.TenantSort;
import io.tokenwarden.domain.ConnectionStatus;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The tenants table's lazy model: PrimeFaces asks for one page (first, size, sort) and this asks
 * the database for exactly that page, never the whole table. The status and text filters come from
 * the page's own labelled controls rather than column filters.
 */
public class TenantTableModel extends LazyDataModel<TenantRow> {

  private static final long serialVersionUID = 1L;

  private final TenantOverview overview;
  private final Filters filters;

  /** The page's current filter values. */
  public interface Filters extends java.io.Serializable {
    String text();

    ConnectionStatus status();
  }

  public TenantTableModel(TenantOverview overview, Filters filters) {
    this.overview = overview;
    this.filters = filters;
  }

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    return (int) Math.min(Integer.MAX_VALUE, overview.count(query(Map.of())));
  }

  @Override
  public List<TenantRow> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    return overview.page(query(sortBy), first, pageSize);
  }

  @Override
  public String getRowKey(TenantRow row) {
    return row.getSlug();
  }

  private TenantQuery query(Map<String, SortMeta> sortBy) {
    SortMeta sort = sortBy == null ? null : sortBy.values().stream().findFirst().orElse(null);
    boolean sorted = sort != null && sort.getOrder() != SortOrder.UNSORTED;
    return new TenantQuery(
        filters.text(),
        filters.status(),
        sorted ? TenantSort.forProperty(sort.getField()) : TenantSort.SLUG,
        !sorted || sort.getOrder() == SortOrder.ASCENDING);
  }
}
