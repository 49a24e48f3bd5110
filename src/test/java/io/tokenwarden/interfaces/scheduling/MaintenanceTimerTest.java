package io.tokenwarden.interfaces.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerHandle;
import jakarta.ejb.TimerService;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The maintenance timer exists once: found again at every start, created when missing, and an
 * earlier interval's timer or a duplicate two nodes created together is cancelled.
 */
class MaintenanceTimerTest {

  private static final String INFO = MaintenanceTimer.NAME + " every 900000 ms";

  private final FakeTimers timers = new FakeTimers();
  private final MaintenanceTimer bean = new MaintenanceTimer();

  MaintenanceTimerTest() {
    bean.timers = timers;
    bean.interval = Duration.ofMinutes(15);
  }

  /** No timer yet: one is created, persistent as asked. */
  @Test
  void createsTheTimerWhenMissing() {
    bean.findOrCreate(INFO, 900_000, true);

    assertThat(timers.live()).extracting(FakeTimer::getInfo).containsExactly(INFO);
    assertThat(timers.live().get(0).isPersistent()).isTrue();
  }

  /** A timer with the same interval is kept, and nothing is created. */
  @Test
  void keepsTheTimerItFinds() {
    FakeTimer existing = timers.add(INFO);

    bean.findOrCreate(INFO, 900_000, true);

    assertThat(timers.live()).containsExactly(existing);
  }

  /** Two timers of the same name (nodes that started together): one is cancelled. */
  @Test
  void cancelsDuplicates() {
    timers.add(INFO);
    timers.add(INFO);

    bean.findOrCreate(INFO, 900_000, true);

    assertThat(timers.live()).hasSize(1);
  }

  /** A timer of an earlier interval is replaced; other timers of the bean are left alone. */
  @Test
  void replacesAnEarlierInterval() {
    timers.add(MaintenanceTimer.NAME + " every 60000 ms");
    FakeTimer unrelated = timers.add("something else");

    bean.findOrCreate(INFO, 900_000, false);

    assertThat(timers.live())
        .extracting(FakeTimer::getInfo)
        .containsExactly("something else", INFO);
    assertThat(timers.live()).contains(unrelated);
  }

  /** The few TimerService calls the bean makes, over a list. */
  private static final class FakeTimers implements TimerService {
    private final List<FakeTimer> all = new ArrayList<>();

    FakeTimer add(String info) {
      FakeTimer timer = new FakeTimer(info, true);
      all.add(timer);
      return timer;
    }

    List<FakeTimer> live() {
      return all.stream().filter(t -> !t.cancelled).toList();
    }

    @Override
    public Collection<Timer> getTimers() {
      return new ArrayList<>(live());
    }

    @Override
    public Timer createIntervalTimer(long initial, long interval, TimerConfig config) {
      FakeTimer timer = new FakeTimer((String) config.getInfo(), config.isPersistent());
      all.add(timer);
      return timer;
    }

    @Override
    public Timer createTimer(long duration, Serializable info) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer createSingleActionTimer(long duration, TimerConfig config) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer createTimer(long initial, long interval, Serializable info) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer createTimer(Date expiration, Serializable info) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer createSingleActionTimer(Date expiration, TimerConfig config) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer createTimer(Date initial, long interval, Serializable info) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer createIntervalTimer(Date initial, long interval, TimerConfig config) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer createCalendarTimer(ScheduleExpression schedule) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Timer createCalendarTimer(ScheduleExpression schedule, TimerConfig config) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Collection<Timer> getAllTimers() {
      return getTimers();
    }
  }

  /** A timer that remembers whether it was cancelled. */
  private static final class FakeTimer implements Timer {
    private final String info;
    private final boolean persistent;
    private boolean cancelled;

    FakeTimer(String info, boolean persistent) {
      this.info = info;
      this.persistent = persistent;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public Serializable getInfo() {
      return info;
    }

    @Override
    public boolean isPersistent() {
      return persistent;
    }

    @Override
    public long getTimeRemaining() {
      return 0;
    }

    @Override
    public Date getNextTimeout() {
      return new Date();
    }

    @Override
    public ScheduleExpression getSchedule() {
      throw new IllegalStateException("not a calendar timer");
    }

    @Override
    public TimerHandle getHandle() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isCalendarTimer() {
      return false;
    }
  }
}
