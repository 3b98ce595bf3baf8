package io.emaillogs.adapter.jdbi;

class H2StoreBehaviourTest extends JdbiStoreBehaviour {
  @Override
  Databases.Fresh freshDatabase() {
    return Databases.h2();
  }
}
