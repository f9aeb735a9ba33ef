/**
 * Rate limits: counters of attempts in fixed windows ({@link dev.gatehouse.core.spi.RateLimitStore}),
 * kept in memory or, for several instances, in Redis.
 */
package dev.gatehouse.core.ratelimit;
