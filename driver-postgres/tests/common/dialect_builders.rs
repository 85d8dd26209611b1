//! The shared dialect-test builders (`migrate_core::testing::builders`)
//! bound to PostgreSQL.
#![allow(dead_code, unused_imports)]

migrate_core::bind_dialect_builders!(driver_postgres::PostgresDialect);
