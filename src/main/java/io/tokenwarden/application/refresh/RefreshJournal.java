package io.tokenwarden.application.refresh;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The durable backing of {@link ParkedPairs}: every received pair is written here, flushed to local
 * disk, before its first commit attempt, and removed once it is stored or superseded, so the only
 * usable pair of a tenant survives a database outage that outlasts the node. One JSON file per pair
 * ({@code <node>+<tenant>+<version>.json}), ciphertexts only: the plain access token a pair carries
 * for the hand-out cache is never written. Several nodes may share the directory: each holds an OS
 * lock on its {@code <node>.lock} while it runs, and only the entries of a node whose lock is free
 * (an earlier run, or a crashed one) are adopted at start. A file that cannot be read is renamed
 * {@code .bad} and logged, never deleted.
 */
final class RefreshJournal {

  private static final Logger LOG = Logger.getLogger(RefreshJournal.class.getName());

  private static final int FORMAT = 1;
  private static final String ENTRY = ".json";
  private static final String WRITING = ".json.tmp";
  private static final String LOCK = ".lock";
  private static final String SET_ASIDE = ".bad";

  /**
   * Lock files this JVM holds. Opening and closing a channel on a file this JVM has locked releases
   * that lock on some systems, so a liveness check must not touch them.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final String owner;
  private final Clock clock;
  private FileChannel lockChannel;
  private Path lockFile;

  /**
   * @param nodeName this run's node name ({@code NodeIdentity.name()}, unique per start)
   */
  RefreshJournal(Path directory, String nodeName, Clock clock) {
    this.directory = directory.toAbsolutePath().normalize();
    this.owner = nodeName.replace('/', '@').replace('+', '-');
    this.clock = clock;
  }

  Path directory() {
    return directory;
  }

  /** Creates the directory and takes this run's lock; later calls return at once. */
  synchronized void open() throws IOException {
    if (lockChannel != null) {
      return;
    }
    Files.createDirectories(directory);
    // Locked before it gets its final name, so no other node can see it unlocked and adopt us.
    Path fresh = directory.resolve(owner + LOCK + ".tmp");
    FileChannel channel =
        FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      if (channel.tryLock() == null) {
        throw new IOException("Another process holds " + fresh);
      }
      Path target = directory.resolve(owner + LOCK);
      move(fresh, target);
      HELD_HERE.add(target);
      lockFile = target;
      lockChannel = channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Gives this run's lock up (the node stops); its entries stay for the next run to adopt. */
  synchronized void close() {
    if (lockChannel == null) {
      return;
    }
    try {
      lockChannel.close();
    } catch (IOException e) {
      LOG.fine(() -> "Closing the refresh journal lock failed: " + e.getClass().getSimpleName());
    }
    HELD_HERE.remove(lockFile);
    lockChannel = null;
  }

  /** Writes the pair and flushes it (file and directory) to disk before returning. */
  void write(ReceivedPair pair) throws IOException {
    open();
    Path target = entryFile(pair.tenantId(), pair.expectedVersion());
    Path partial = directory.resolve(target.getFileName() + ".tmp");
    byte[] bytes = toJson(pair, clock.instant()).getBytes(StandardCharsets.UTF_8);
    try (FileChannel out =
        FileChannel.open(
            partial,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    move(partial, target);
    forceDirectory();
  }

  /**
   * Removes the pair's entry. A removal the disk loses only brings the pair back at the next start,
   * where the {@code token_version} fence finds it superseded.
   */
  void remove(ReceivedPair pair) throws IOException {
    Files.deleteIfExists(entryFile(pair.tenantId(), pair.expectedVersion()));
  }

  /** This run's entries on disk, by file name (for tests and operators). */
  List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> name(f).startsWith(owner + "+") && name(f).endsWith(ENTRY))
          .sorted()
          .toList();
    }
  }

  /**
   * Takes over the entries of runs that no longer hold their lock (earlier runs of this node, or a
   * crashed node that shared the directory) and returns them, oldest first. Each is renamed to this
   * run before it is returned, so two nodes starting together never both adopt it. An unreadable
   * entry is set aside as {@code .bad}.
   *
   * @throws IOException when the directory cannot be read: the caller must not claim then
   */
  List<ReceivedPair> adoptEarlierRuns() throws IOException {
    open();
    List<Written> adopted = new ArrayList<>();
    for (String other : otherOwners()) {
      Path otherLock = directory.resolve(other + LOCK);
      if (HELD_HERE.contains(otherLock)) {
        continue; // a journal of this JVM (a redeploy, a test): never open its lock file
      }
      try (FileChannel channel =
          FileChannel.open(otherLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        if (tryLock(channel) == null) {
          continue; // a live node: its entries are its own business
        }
        for (Path file : filesOf(other)) {
          adoptOne(file).ifPresent(adopted::add);
        }
        Files.deleteIfExists(otherLock);
      }
    }
    forceDirectory();
    adopted.sort(Comparator.comparing(Written::writtenAt).thenComparing(w -> w.pair().tenantId()));
    return adopted.stream().map(Written::pair).toList();
  }

  private Optional<Written> adoptOne(Path file) throws IOException {
    Written entry;
    try {
      entry = fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty(); // adopted by another node meanwhile
    } catch (IOException | RuntimeException e) {
      setAside(file, e);
      return Optional.empty();
    }
    try {
      move(file, entryFile(entry.pair().tenantId(), entry.pair().expectedVersion()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  private void setAside(Path file, Exception cause) throws IOException {
    Path aside = file.resolveSibling(name(file) + SET_ASIDE);
    move(file, aside);
    LOG.warning(
        () ->
            "Refresh journal entry "
                + file.getFileName()
                + " cannot be read ("
                + cause.getClass().getSimpleName()
                + "); kept as "
                + aside.getFileName()
                + " for an operator. If its tenant's refresh now fails with invalid_grant, the"
                + " pair in it was the usable one.");
  }

  private Set<String> otherOwners() throws IOException {
    Set<String> owners = new TreeSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      files
          .map(RefreshJournal::name)
          .map(RefreshJournal::ownerOf)
          .filter(o -> o != null && !o.equals(owner))
          .forEach(owners::add);
    }
    return owners;
  }

  /** The run a file belongs to: entries and lock files (so stale locks are cleaned up too). */
  private static String ownerOf(String fileName) {
    if (fileName.endsWith(LOCK)) {
      return fileName.substring(0, fileName.length() - LOCK.length());
    }
    boolean entry = fileName.endsWith(ENTRY) || fileName.endsWith(WRITING);
    return entry && fileName.indexOf('+') > 0 ? fileName.substring(0, fileName.indexOf('+')) : null;
  }

  private List<Path> filesOf(String other) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> name(f).startsWith(other + "+"))
          .filter(f -> name(f).endsWith(ENTRY) || name(f).endsWith(WRITING))
          .sorted()
          .toList();
    }
  }

  /** The lock of a run, or null when that run is alive (it holds the lock). */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private Path entryFile(UUID tenantId, long version) {
    return directory.resolve(owner + "+" + tenantId + "+" + version + ENTRY);
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the renames durable; not every platform lets a directory be opened for that. */
  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UncheckedIOException e) {
      LOG.finest(() -> "Directory fsync not available: " + e.getClass().getSimpleName());
    }
  }

  /** The entry's JSON: everything {@code storeRefreshed} needs, ciphertexts only. */
  static String toJson(ReceivedPair pair, Instant writtenAt) {
    TokenGrant grant = pair.grant();
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("format", FORMAT)
            .add("writtenAt", writtenAt.toString())
            .add("tenantId", pair.tenantId().toString())
            .add("expectedVersion", pair.expectedVersion())
            .add("nextRefresh", pair.nextRefresh().toString())
            .add("trigger", pair.trigger().name())
            .add("duration", pair.duration().toString());
    addNullable(json, "accessCiphertext", grant.accessCiphertext());
    addNullable(json, "accessExpiresAt", grant.accessExpiresAt());
    addNullable(json, "refreshCiphertext", grant.refreshCiphertext());
    addNullable(json, "refreshExpiresAt", grant.refreshExpiresAt());
    addNullable(json, "irregularity", pair.irregularity());
    addNullable(json, "claimId", pair.claimId());
    return json.build().toString() + "\n";
  }

  /** Reads an entry back; the pair carries no plain access token (the cache misses after it). */
  static Written fromJson(String text) {
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      JsonObject json = reader.readObject();
      if (json.getInt("format") != FORMAT) {
        throw new JsonException("unknown journal format " + json.getInt("format"));
      }
      TokenGrant grant =
          new TokenGrant(
              text(json, "accessCiphertext"),
              instant(json, "accessExpiresAt"),
              text(json, "refreshCiphertext"),
              instant(json, "refreshExpiresAt"));
      ReceivedPair pair =
          new ReceivedPair(
              UUID.fromString(json.getString("tenantId")),
              json.getJsonNumber("expectedVersion").longValueExact(),
              // Absent in entries written before leases named their claim.
              json.containsKey("claimId") && !json.isNull("claimId")
                  ? UUID.fromString(json.getString("claimId"))
                  : null,
              grant,
              Instant.parse(json.getString("nextRefresh")),
              RefreshTrigger.valueOf(json.getString("trigger")),
              Duration.parse(json.getString("duration")),
              null,
              text(json, "irregularity"));
      return new Written(pair, Instant.parse(json.getString("writtenAt")));
    }
  }

  private static void addNullable(JsonObjectBuilder json, String key, Object value) {
    if (value == null) {
      json.addNull(key);
    } else {
      json.add(key, value.toString());
    }
  }

  private static String text(JsonObject json, String key) {
    return json.isNull(key) ? null : json.getString(key);
  }

  private static Instant instant(JsonObject json, String key) {
    String value = text(json, key);
    return value == null ? null : Instant.parse(value);
  }

  /** An entry as read back, with the time it was written (adoption replays oldest first). */
  record Written(ReceivedPair pair, Instant writtenAt) {}
}
