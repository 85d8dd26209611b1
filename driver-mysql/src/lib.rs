#![warn(missing_docs)]
//! MySQL and MariaDB for `migrate`: the pure dialect (types, capabilities,
//! rendering), introspection from `information_schema`, and the connected
//! driver (apply statement by statement, history, lock, shadow database,
//! reset).

mod connected;
pub mod dialect;
pub mod introspect;

pub use connected::{create_database, drop_database, MysqlDriver, MysqlUrl, SslMode, DATABASE};
pub use dialect::MysqlDialect;
