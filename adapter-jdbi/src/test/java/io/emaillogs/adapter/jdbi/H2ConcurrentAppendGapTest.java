package io.emaillogs.adapter.jdbi;

class H2ConcurrentAppendGapTest extends ConcurrentAppendGapTest {
  @Override
  Databases.Fresh freshDatabase() {
    return Databases.h2();
  }

  @Override
  int instances() {
    return 1;
  }
}
