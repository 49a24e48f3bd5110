package io.tokenwarden.emulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's people and companies: three users in two companies at start, more through the
 * control API (one at a time, or thousands for a benchmark).
 */
final class SandboxDirectory {

  private final ConcurrentHashMap<Long, SandboxUser> users = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, SandboxCompany> companies = new ConcurrentHashMap<>();
  private final AtomicLong nextUserId = new AtomicLong(1);
  private final AtomicLong nextCompanyId = new AtomicLong(1);

  /** The directory every emulator starts with (and returns to on reset). */
  static SandboxDirectory withDefaultUsers() {
    SandboxDirectory directory = new SandboxDirectory();
    SandboxCompany engines =
        directory.addCompany("Analytical Engines Ltd", "analytical-engines", null, null);
    SandboxCompany compilers =
        directory.addCompany(
            "Compiler Works LLP", "compiler-works", "UkLimitedLiabilityPartnership", null);
    directory.addUser("ada@analytical-engines.example", "Ada", "Lovelace", "Owner", 8, engines);
    directory.addUser(
        "charles@analytical-engines.example", "Charles", "Babbage", "Director", 6, engines);
    directory.addUser("grace@compiler-works.example", "Grace", "Hopper", "Owner", 8, compilers);
    return directory;
  }

  SandboxCompany addCompany(String name, String subdomain, String type, String currency) {
    SandboxCompany company =
        new SandboxCompany(nextCompanyId.getAndIncrement(), name, subdomain, type, currency);
    companies.put(company.id(), company);
    return company;
  }

  SandboxUser addUser(
      String email,
      String firstName,
      String lastName,
      String role,
      int permissionLevel,
      SandboxCompany company) {
    SandboxUser user =
        new SandboxUser(
            nextUserId.getAndIncrement(),
            email,
            firstName,
            lastName,
            role,
            permissionLevel,
            company);
    users.put(user.id(), user);
    return user;
  }

  Optional<SandboxUser> user(long id) {
    return Optional.ofNullable(users.get(id));
  }

  Optional<SandboxCompany> company(long id) {
    return Optional.ofNullable(companies.get(id));
  }

  /** Users in id order, at most {@code limit} of them (the approval page lists a page full). */
  List<SandboxUser> users(int limit) {
    List<SandboxUser> all = new ArrayList<>(users.values());
    all.sort(Comparator.comparingLong(SandboxUser::id));
    return all.size() <= limit ? all : all.subList(0, limit);
  }

  Collection<SandboxCompany> companies() {
    return companies.values();
  }

  int userCount() {
    return users.size();
  }
}
