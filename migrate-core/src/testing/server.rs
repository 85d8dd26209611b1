//! Names and URLs of the per-test databases that the test harnesses create
//! on a PostgreSQL or MySQL server (the drivers' own tests and the
//! cross-driver suite alike).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// `migrate_test_<pid>_<counter>_<nanos>`: unique among the tests of all the
/// processes sharing one server.
pub fn unique_database_name() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let counter = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("migrate_test_{}_{counter}_{nanos}", std::process::id())
}

/// `url` with its database path replaced by `database`, the query kept.
pub fn with_database(url: &str, database: &str) -> String {
    let (main, query) = url.split_once('?').map_or((url, None), |(m, q)| (m, Some(q)));
    let authority_start = main.find("://").map_or(0, |i| i + 3);
    let base = match main[authority_start..].find('/') {
        Some(i) => &main[..authority_start + i],
        None => main,
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_database_urls() {
        let url = "postgres://me:pw@db.local:5433/postgres?sslmode=disable";
        assert_eq!(
            with_database(url, "x"),
            "postgres://me:pw@db.local:5433/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://me@h", "x"), "postgres://me@h/x");
        assert_eq!(with_database("mysql://root@h:3306/", "x"), "mysql://root@h:3306/x");
    }

    #[test]
    fn names_are_unique() {
        assert_ne!(unique_database_name(), unique_database_name());
        assert!(unique_database_name().starts_with(&format!("migrate_test_{}_", std::process::id())));
    }
}
