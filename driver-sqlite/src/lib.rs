#![warn(missing_docs)]
//! SQLite for `migrate`: the pure dialect (type mapping, capabilities,
//! rendering plans as Prisma 6 writes SQLite migrations), introspection
//! from `sqlite_schema` and the pragmas, and the connected driver (on a
//! connection thread of its own).

mod connected;
mod dialect;
pub mod introspect;

pub use connected::{database_path, SqliteDriver, SqliteUrl, DATABASE};
pub use dialect::SqliteDialect;
