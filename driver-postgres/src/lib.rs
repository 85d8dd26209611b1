#![warn(missing_docs)]
//! PostgreSQL for `migrate`: the pure dialect (types, capabilities,
//! rendering), introspection, and the connected driver (apply, history,
//! lock, shadow database, reset).

mod connected;
pub mod dialect;
pub mod introspect;

pub use connected::{create_database, drop_database, PgUrl, PostgresDriver, SslMode, DATABASE};
pub use dialect::PostgresDialect;
