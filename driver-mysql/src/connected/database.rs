//! MySQL's (and MariaDB's) entry in the registry of databases.

use super::{create_database, drop_database, MysqlDriver, MysqlUrl};
use migrate_core::database::{Database, Place};
use migrate_core::driver::Driver;
use migrate_core::psl::datamodel::Provider;

/// MySQL 8 and MariaDB, for `mysql://` URLs.
pub static DATABASE: Database = Database {
    provider: Provider::Mysql,
    display_name: "MySQL",
    schemes: &["mysql"],
    dialect: &crate::MysqlDialect,
    connect: |request| {
        Box::pin(async move {
            let shadow_url = request.shadow_url.map(str::to_string);
            let driver = MysqlDriver::connect(request.url, shadow_url).await?;
            Ok(Box::new(driver) as Box<dyn Driver>)
        })
    },
    create_database: |url| Box::pin(create_database(url)),
    drop_database: |url| Box::pin(drop_database(url)),
    place: |url| {
        MysqlUrl::parse(url).ok().map(|u| Place {
            location: u.location(),
            database: u.database,
            schema: None,
        })
    },
};
