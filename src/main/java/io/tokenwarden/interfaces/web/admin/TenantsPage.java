package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.admin.TenantOverview;
import io.tokenwarden.application.onboarding.IssuedLink;
import io.tokenwarden.application.onboarding.OnboardingLinkService;
import io.tokenwarden.application.refresh.ProviderStatusService;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.application.tenants.TenantSlugTakenException;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.LinkPurpose;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TenantSlug;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.primefaces.component.datatable.DataTable;

/**
 * The tenants page (/admin/): the lazy tenants table with its status and text filters, the counts
 * per status, the provider banner, and the create-tenant dialog. Polling re-reads counts and the
 * current page only; the table keeps its page and sort in the view, the filters live here.
 */
@Named
@ViewScoped
public class TenantsPage implements Serializable, TenantTableModel.Filters {

  private static final long serialVersionUID = 1L;
  static final String TABLE_ID = "tenantsForm:tenants";

  @Inject TenantOverview overview;

  @Inject TenantService tenants;

  @Inject ProviderStatusService providerStatus;

  @Inject OnboardingLinkService links;

  @Inject ConsoleUser user;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "tokenwarden.console.poll-interval-seconds", defaultValue = "10")
  int pollSeconds;

  private String text;
  private ConnectionStatus status;
  private TenantTableModel model;
  private Map<ConnectionStatus, Long> counts;
  private List<String> bannerLines;

  private String newSlug;
  private String newName;
  private String createdSlug;
  private UUID createdTenantId;
  private IssuedLink createdLink;

  @PostConstruct
  void init() {
    model = new TenantTableModel(overview, this);
    readSummary();
  }

  /** The poll and every filter change: counts and banner are re-read; the table re-renders. */
  public void poll() {
    readSummary();
  }

  public void applyFilter() {
    DataTable table =
        (DataTable) FacesContext.getCurrentInstance().getViewRoot().findComponent(TABLE_ID);
    if (table != null) {
      table.setFirst(0);
    }
    readSummary();
  }

  /** Shows only one status (a click on its count); null shows all. */
  public void showOnly(ConnectionStatus onlyStatus) {
    status = onlyStatus;
    applyFilter();
  }

  private void readSummary() {
    counts = overview.countsByStatus();
    bannerLines = ProviderBanner.lines(providerStatus.current(), clock.instant());
  }

  @AdminOnly
  public void createTenant() {
    String slug = newSlug == null ? "" : newSlug.strip();
    String slugProblem = TenantSlug.problemWith(slug);
    if (slugProblem != null) {
      Feedback.problemAt("createForm:newSlug", slugProblem);
      return;
    }
    try {
      Tenant tenant = tenants.create(slug, newName, user.actor());
      createdSlug = tenant.slug().value();
      createdTenantId = tenant.id();
      createdLink = null;
      newSlug = null;
      newName = null;
      Feedback.done("Tenant " + createdSlug + " created.");
      readSummary(); // the counts behind the dialog show the new Pending tenant at once
    } catch (TenantSlugTakenException taken) {
      Feedback.problemAt("createForm:newSlug", taken.getMessage() + " Choose another slug.");
    } catch (IllegalArgumentException invalidName) {
      Feedback.problemAt("createForm:newName", invalidName.getMessage());
    }
  }

  /** Right after creating a tenant: issue its first onboarding link. */
  @AdminOnly
  public void createLinkForNewTenant() {
    if (createdTenantId == null) {
      Feedback.problem("Create a tenant first.");
      return;
    }
    try {
      createdLink = links.issue(createdTenantId, LinkPurpose.CONNECT, user.actor());
    } catch (RuntimeException e) {
      Feedback.problem("The link could not be created: " + e.getMessage());
    }
  }

  /** Clears the dialog (and the one-time link) for the next tenant. */
  public void startNewTenant() {
    createdSlug = null;
    createdTenantId = null;
    createdLink = null;
    newSlug = null;
    newName = null;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public ConnectionStatus status() {
    return status;
  }

  public TenantTableModel getModel() {
    return model;
  }

  public long count(ConnectionStatus s) {
    return counts.getOrDefault(s, 0L);
  }

  public long getTotal() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public List<String> getBannerLines() {
    return bannerLines;
  }

  /**
   * The slug named by {@code ?deleted=} when that tenant is indeed gone: the tenant page sends the
   * operator here after a delete (a Faces flash message did not survive its Ajax redirect), and a
   * crafted link cannot announce the deletion of a tenant that exists.
   */
  public String deletedNotice(String slug) {
    if (slug == null || slug.isBlank() || slug.length() > 100) {
      return null;
    }
    return tenants.findBySlug(slug).isPresent() ? null : slug;
  }

  public int getPollSeconds() {
    return Math.max(2, pollSeconds);
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public ConnectionStatus getStatus() {
    return status;
  }

  public void setStatus(ConnectionStatus status) {
    this.status = status;
  }

  public String getNewSlug() {
    return newSlug;
  }

  public void setNewSlug(String newSlug) {
    this.newSlug = newSlug;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public String getCreatedSlug() {
    return createdSlug;
  }

  public IssuedLink getCreatedLink() {
    return createdLink;
  }
}
