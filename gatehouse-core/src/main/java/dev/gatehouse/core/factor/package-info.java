/**
 * Second factors: time-based one-time passwords (RFC 6238) of authenticator apps, and recovery
 * codes. {@link dev.gatehouse.core.factor.Totp} and {@link dev.gatehouse.core.factor.TotpSecret}
 * are pure values and functions; {@link dev.gatehouse.core.factor.SecondFactors} keeps a user's
 * factors in a {@link dev.gatehouse.core.spi.SecondFactorStore}, their secrets sealed, and makes
 * each code pass once.
 */
package dev.gatehouse.core.factor;
