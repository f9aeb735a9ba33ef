package dev.gatehouse.bench.jmh;

/** The kinds of session store Gatehouse has; the names are {@link SessionLookupBenchmark}'s {@code store} param. */
public enum StoreKind { MEMORY, SQLITE, POSTGRES, REDIS }
