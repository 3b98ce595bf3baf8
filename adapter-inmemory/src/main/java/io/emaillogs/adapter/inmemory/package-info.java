/**
 * Thread-safe in-memory implementations of every port: {@link
 * io.emaillogs.adapter.inmemory.InMemoryLogStore}, {@link
 * io.emaillogs.adapter.inmemory.InMemoryDirectory} and {@link
 * io.emaillogs.adapter.inmemory.InMemoryRateLimiter}.
 *
 * <p>They pass the same store contract suite as the H2 and PostgreSQL stores, so a user of the
 * library can use them as fixtures in their own tests and rely on them behaving like production.
 * Nothing survives the JVM.
 */
package io.emaillogs.adapter.inmemory;
