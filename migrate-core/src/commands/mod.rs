//! The workflow commands, written once over the [`Driver`](crate::driver::Driver) trait.

mod data_loss;
mod deploy;
mod dev;
mod error;
mod lock;
mod push;
mod reset;
mod resolve;
mod shadow;
mod status;
mod stored_columns;

pub use data_loss::DataLoss;
pub use deploy::{deploy, Applied};
pub use dev::{dev, DevOptions, DevOutcome};
pub use error::EngineError;
pub use push::{push, PushOutcome};
pub use reset::reset;
pub use resolve::{resolve_applied, resolve_rolled_back};
pub use shadow::schema_of as schema_of_migrations;
pub use status::{status, Status};
pub use stored_columns::align_with_database;
