/**
 * The reliability suite (issue 10, docs/RELIABILITY.md): scenarios R1–R7 run against a real fleet
 * of Liberty servers started by {@code bench/cluster.sh} (two Token Warden nodes on one PostgreSQL
 * database plus an emulator-only server), and assert with the emulator's counters and the
 * database's rows. Runs only with {@code mvn verify -Pfleet}; {@code -Dfleet.size=full} for the
 * bigger sizes.
 */
package io.tokenwarden.fleet;
