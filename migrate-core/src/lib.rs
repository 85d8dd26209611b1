#![warn(missing_docs)]

//! Everything dialect-neutral in `migrate`: the Prisma schema language, the
//! schema model, the differ, and the [`Dialect`](driver::Dialect) contract.

pub mod commands;
pub mod database;
pub mod diff;
pub mod driver;
pub mod introspection;
pub mod migrations;
pub mod number;
pub mod psl;
pub mod schema;
pub mod script;
pub mod shadow_name;
pub mod sql_quote;
pub mod url;
pub mod utf8;

#[cfg(any(test, feature = "testing"))]
pub mod testing;
