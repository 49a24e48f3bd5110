package io.tokenwarden.emulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** One set of {@link Counter}s; adders so that hot counters never contend. */
final class CounterSet {

  private final LongAdder[] adders = new LongAdder[Counter.values().length];

  CounterSet() {
    for (int i = 0; i < adders.length; i++) {
      adders[i] = new LongAdder();
    }
  }

  void increment(Counter counter) {
    adders[counter.ordinal()].increment();
  }

  long get(Counter counter) {
    return adders[counter.ordinal()].sum();
  }

  Map<Counter, Long> snapshot() {
    Map<Counter, Long> values = new EnumMap<>(Counter.class);
    for (Counter counter : Counter.values()) {
      values.put(counter, get(counter));
    }
    return values;
  }

  boolean isEmpty() {
    for (LongAdder adder : adders) {
      if (adder.sum() != 0) {
        return false;
      }
    }
    return true;
  }
}
