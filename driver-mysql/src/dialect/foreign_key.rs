//! Foreign keys: added after every table exists, dropped before anything
//! they use goes (`DROP FOREIGN KEY`; the index MySQL made for the key
//! stays, see `Capabilities::foreign_key_indexes`).

use super::quote::quote_ident;
use migrate_core::script::ForeignKeyStatements;

/// `` ALTER TABLE `T` ADD CONSTRAINT `n` FOREIGN KEY (`a`) REFERENCES `U`(`id`)
/// ON DELETE .. ON UPDATE .. `` and `` ALTER TABLE `T` DROP FOREIGN KEY `n` ``.
pub(crate) const FOREIGN_KEYS: ForeignKeyStatements = ForeignKeyStatements {
    quote: quote_ident,
    drop: "DROP FOREIGN KEY",
};
