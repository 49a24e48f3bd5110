package io.tokenwarden.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TenantSlug;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.persistence.Tenants;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Log lines name tenants by slug: looked up once, then from memory; a batch is learnt in one query;
 * while the database fails, lines name the id and no lookup is tried for a while.
 */
class TenantLabelsTest {

  private final TenantLabels labels = new TenantLabels();
  private final Map<UUID, Tenant> rows = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private final AtomicBoolean databaseDown = new AtomicBoolean();

  @BeforeEach
  void fakeDatabase() {
    labels.scope =
        new TenantScope() {
          @Override
          public <T> T asRoot(Supplier<T> work) {
            queries.incrementAndGet();
            if (databaseDown.get()) {
              throw new IllegalStateException("connection refused");
            }
            return work.get();
          }
        };
    labels.tenants =
        new Tenants() {
          @Override
          public Optional<Tenant> byId(UUID id) {
            return Optional.ofNullable(rows.get(id));
          }

          @Override
          public List<Tenant> byIds(Collection<UUID> ids) {
            return ids.stream().map(rows::get).filter(t -> t != null).toList();
          }
        };
  }

  @Test
  void namesATenantBySlugAndLooksItUpOnce() {
    Tenant acme = tenant("acme-ltd");

    assertThat(labels.of(acme.id())).isEqualTo("acme-ltd");
    assertThat(labels.of(acme.id())).isEqualTo("acme-ltd");
    assertThat(queries).hasValue(1);
  }

  @Test
  void aBatchIsLearntInOneQuery() {
    Tenant a = tenant("alpha-ltd");
    Tenant b = tenant("beta-ltd");

    labels.warm(List.of(a.id(), b.id()));
    labels.warm(List.of(a.id(), b.id()));

    assertThat(labels.of(a.id())).isEqualTo("alpha-ltd");
    assertThat(labels.of(b.id())).isEqualTo("beta-ltd");
    assertThat(queries).hasValue(1);
  }

  @Test
  void whileTheDatabaseFailsTheIdIsNamedAndLookupsPause() {
    Tenant acme = tenant("acme-ltd");
    databaseDown.set(true);

    assertThat(labels.of(acme.id())).isEqualTo(acme.id().toString());
    assertThat(labels.of(acme.id())).isEqualTo(acme.id().toString());
    assertThat(queries).as("no second lookup during the pause").hasValue(1);
  }

  @Test
  void aDeletedTenantIsNamedByItsId() {
    UUID gone = UUID.randomUUID();

    assertThat(labels.of(gone)).isEqualTo(gone.toString());
  }

  private Tenant tenant(String slug) {
    Tenant tenant = new Tenant(TenantSlug.of(slug), "Name of " + slug, Instant.now());
    rows.put(tenant.id(), tenant);
    return tenant;
  }
}
