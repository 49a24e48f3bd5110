/**
 * Interfaces layer: the gauges an operator scrapes from {@code /metrics} beside the counters the
 * refresh engine keeps itself: connections per status, scheduler lag, tokens still under an older
 * encryption key. Read from the database at most every few seconds, whatever the scrape rate.
 */
package io.tokenwarden.interfaces.metrics;
