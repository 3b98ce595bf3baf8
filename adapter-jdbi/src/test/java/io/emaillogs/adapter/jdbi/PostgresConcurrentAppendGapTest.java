package io.emaillogs.adapter.jdbi;

/** Two store instances on one schema: the writers race across "servers" too. */
class PostgresConcurrentAppendGapTest extends ConcurrentAppendGapTest {
  @Override
  Databases.Fresh freshDatabase() {
    return Databases.postgres();
  }

  @Override
  int instances() {
    return 2;
  }
}
