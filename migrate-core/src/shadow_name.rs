//! The names of the shadow databases `migrate` creates on a server (when the
//! datasource names no `shadowDatabaseUrl`): Prisma's prefix, then the time
//! of creation in seconds, the process and a counter, such as
//! `prisma_migrate_shadow_db_1733000000_4242_0` (47 characters at most:
//! within PostgreSQL's 63 and MySQL's 64).
//!
//! A `dev` killed before it dropped its shadow database leaves one behind.
//! The next `dev` on the server removes such leftovers: only names of this
//! exact shape (never Prisma's own `prisma_migrate_shadow_db_<uuid>`, nor any
//! other database), older than [`LEFTOVER_AGE`] (a `dev` creating one right
//! now has not connected to it yet), and only when no session uses them.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Prisma's prefix for shadow database names, which `migrate`'s names keep.
pub const PREFIX: &str = "prisma_migrate_shadow_db_";

/// A shadow database younger than this may still be being set up by the
/// `dev` that created it (created, not yet connected to): it is never
/// taken for a leftover.
pub const LEFTOVER_AGE: Duration = Duration::from_secs(30);

/// A new, unique shadow database name, created now.
pub fn new_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    name_at(
        SystemTime::now(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
    )
}

fn name_at(at: SystemTime, process: u32, n: u32) -> String {
    let seconds = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    format!("{PREFIX}{seconds}_{process}_{n}")
}

/// When a database of `name` was created, if the name has exactly the shape
/// `migrate` gives its shadow databases.
pub fn created_at(name: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = name.strip_prefix(PREFIX)?.split('_').collect();
    let [seconds, process, n] = parts.as_slice() else {
        return None;
    };
    if ![seconds, process, n].iter().all(|s| is_number(s)) {
        return None;
    }
    UNIX_EPOCH.checked_add(Duration::from_secs(seconds.parse().ok()?))
}

/// 1 to 10 ASCII digits (a `u32`, or seconds until the year 2286).
fn is_number(s: &str) -> bool {
    (1..=10).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a database named `name` is a shadow database `migrate` created
/// and left behind: its shape, and its age at `now`. (Whether a session
/// uses it is for the caller to check, on its server.)
pub fn is_leftover(name: &str, now: SystemTime) -> bool {
    created_at(name)
        .and_then(|at| now.duration_since(at).ok())
        .is_some_and(|age| age >= LEFTOVER_AGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_recognised_by_their_exact_shape_and_age() {
        let now = SystemTime::now();
        let name = new_name();
        assert!(name.starts_with(PREFIX) && name.len() <= 47, "{name}");
        assert!(created_at(&name).is_some());
        assert!(!is_leftover(&name, now), "a new one is not a leftover");
        assert!(is_leftover(&name, now + LEFTOVER_AGE));
        let old = name_at(UNIX_EPOCH + Duration::from_secs(1_000_000_000), 12, 3);
        assert_eq!(old, "prisma_migrate_shadow_db_1000000000_12_3");
        assert!(is_leftover(&old, now));
        for other in [
            "prisma_migrate_shadow_db_3f2a9c4e-1b2d-4c5e-9f00-112233445566",
            "prisma_migrate_shadow_db_1000000000_12",
            "prisma_migrate_shadow_db_1000000000_12_3_4",
            "prisma_migrate_shadow_db_1000000000_12_x",
            "prisma_migrate_shadow_db__12_3",
            "prisma_migrate_shadow_db_99999999999_1_1",
            "app_prisma_migrate_shadow_db_1000000000_12_3",
            "app",
        ] {
            assert!(!is_leftover(other, now), "{other}");
        }
    }
}
