package io.emaillogs.adapter.jdbi;

class PostgresStoreBehaviourTest extends JdbiStoreBehaviour {
  @Override
  Databases.Fresh freshDatabase() {
    return Databases.postgres();
  }
}
