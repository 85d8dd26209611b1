//! A database kind as its driver crate registers it: what the library and
//! the CLI need to serve a provider without naming the driver. Each driver
//! crate exports one `pub static DATABASE: Database`; the `migrate` crate
//! lists them (one line per database, behind a cargo feature), and
//! everything else — URL checks, connecting, creating a missing database,
//! the header's "Datasource" line, the test harness — reads that list.

use crate::driver::{Dialect, Driver, DriverError};
use crate::psl::datamodel::Provider;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;

/// A boxed, `Send` future: what the registry's function pointers return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What [`Database::connect`] gives: a session, or why there is none.
pub type Connected = Result<Box<dyn Driver>, DriverError>;

/// One database kind.
pub struct Database {
    /// The datasource `provider` it serves.
    pub provider: Provider,
    /// Its name as Prisma prints it (`PostgreSQL`).
    pub display_name: &'static str,
    /// The URL schemes that select it, without the colon (`postgresql`).
    pub schemes: &'static [&'static str],
    /// Its dialect: rendering and types, no connection.
    pub dialect: &'static dyn Dialect,
    /// Opens one session on the database a URL names.
    pub connect: for<'a> fn(Connect<'a>) -> BoxFuture<'a, Connected>,
    /// Creates the (missing) database a URL names, as Prisma's
    /// `create-database` does; a no-op where opening creates it (SQLite).
    pub create_database: for<'a> fn(&'a str) -> BoxFuture<'a, Result<(), DriverError>>,
    /// Drops the database a URL names, if the server has it (test
    /// harnesses); sessions still on it are ended where the database
    /// allows it. SQLite removes the file.
    pub drop_database: for<'a> fn(&'a str) -> BoxFuture<'a, Result<(), DriverError>>,
    /// Where a URL points, without credentials, or `None` when the URL
    /// cannot be read (the connect then says why).
    pub place: fn(&str) -> Option<Place>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("provider", &self.provider)
            .finish_non_exhaustive()
    }
}

/// What [`Database::connect`] needs besides the URL. Its `Debug` shows the
/// URL without its password.
#[derive(Clone, Copy)]
pub struct Connect<'a> {
    /// The database URL (credentials included; drivers never print them).
    pub url: &'a str,
    /// The datasource's `shadowDatabaseUrl`, if any.
    pub shadow_url: Option<&'a str>,
    /// The folder a relative SQLite path is read from (the schema's folder,
    /// as Prisma reads `file:./dev.db`).
    pub base_dir: &'a Path,
    /// Whether a database that does not exist is an error
    /// ([`DriverError::DatabaseMissing`]) or, where opening creates it
    /// (a SQLite file), created.
    pub if_missing: IfMissing,
    /// Where a blocking client's calls run; drivers on an async client
    /// ignore it.
    pub blocking_calls: BlockingCalls,
    /// The datasource's `schemas` (multiSchema, PostgreSQL): the database
    /// schemas introspection reads and a reset empties besides the URL's
    /// own. Empty: the URL's schema alone.
    pub namespaces: &'a [String],
}

impl std::fmt::Debug for Connect<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connect")
            .field("url", &crate::url::redact_credentials(self.url))
            .field("shadow_url", &self.shadow_url.map(crate::url::redact_credentials))
            .field("base_dir", &self.base_dir)
            .field("if_missing", &self.if_missing)
            .field("blocking_calls", &self.blocking_calls)
            .field("namespaces", &self.namespaces)
            .finish()
    }
}

/// What connecting does when the URL's database does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMissing {
    /// [`DriverError::DatabaseMissing`], for every database.
    Fail,
    /// Created by opening, where the database allows it (a SQLite file);
    /// a server's database must still be created with
    /// [`Database::create_database`].
    Open,
}

/// Where a driver whose client library blocks (SQLite's) runs its calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockingCalls {
    /// On a thread of the driver's own, awaited: the caller's runtime is
    /// never blocked, whatever else it runs (services, several tasks).
    #[default]
    OwnThread,
    /// On the caller's thread, blocking it for the call (up to the 10 s
    /// lock wait): only for a caller that runs one task at a time, such as
    /// the CLI on its current-thread runtime, where handing each call to
    /// another thread costs more than the call (measured: `status` on
    /// SQLite 19% slower with the handoffs).
    CallerThread,
}

/// Where a database URL points, without its credentials: what the header
/// of a database command and the "created" message name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The database's name (a SQLite file's name).
    pub database: String,
    /// PostgreSQL's schema (`?schema=`, default `public`).
    pub schema: Option<String>,
    /// `host:port` or `unix:PATH` for servers; the URL as written for SQLite.
    pub location: String,
}

/// The registered database whose schemes include `url`'s, among `databases`.
pub fn for_url<'d>(databases: &[&'d Database], url: &str) -> Option<&'d Database> {
    let scheme = url.trim().split_once(':')?.0;
    databases.iter().copied().find(|d| d.schemes.contains(&scheme))
}

/// The registered database serving `provider`, among `databases`.
pub fn for_provider<'d>(databases: &[&'d Database], provider: Provider) -> Option<&'d Database> {
    databases.iter().copied().find(|d| d.provider == provider)
}
