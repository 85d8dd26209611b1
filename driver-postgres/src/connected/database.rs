//! PostgreSQL's entry in the registry of databases.

use super::{create_database, drop_database, PgUrl, PostgresDriver};
use migrate_core::database::{Database, Place};
use migrate_core::driver::Driver;
use migrate_core::psl::datamodel::Provider;

/// PostgreSQL, for `postgresql://` and `postgres://` URLs.
pub static DATABASE: Database = Database {
    provider: Provider::Postgres,
    display_name: "PostgreSQL",
    schemes: &["postgresql", "postgres"],
    dialect: &crate::PostgresDialect,
    connect: |request| {
        Box::pin(async move {
            let shadow_url = request.shadow_url.map(str::to_string);
            let driver = PostgresDriver::connect(request.url, shadow_url)
                .await?
                .with_namespaces(request.namespaces.to_vec());
            Ok(Box::new(driver) as Box<dyn Driver>)
        })
    },
    create_database: |url| Box::pin(create_database(url)),
    drop_database: |url| Box::pin(drop_database(url)),
    place: |url| {
        PgUrl::parse(url).ok().map(|u| Place {
            location: u.location(),
            database: u.database,
            schema: Some(u.schema),
        })
    },
};
