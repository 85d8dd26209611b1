//! The replay cache: the schema a prefix of the migrations folder builds,
//! kept so that `dev` never replays on a shadow database the migrations it
//! replayed before.
//!
//! What a list of migrations builds depends only on the scripts, in order,
//! the database kind and the server that runs them (and on the engine that
//! reads it back), so the key is the SHA-256 of migrate's version, the
//! provider, the server's version (as it reports it: a server upgrade
//! misses) and each migration's name and checksum, in order. An edited
//! script has another checksum, so it always misses. An entry is the
//! introspected [`Schema`] as JSON, with the fingerprint of the database it
//! was read from where the driver has one
//! ([`crate::driver::Driver::schema_fingerprint`]); an entry that cannot
//! be read is a miss, and a cache that cannot be written changes nothing
//! but speed.

use super::dir::{LocalMigration, MigrationsDir};
use crate::psl::datamodel::Provider;
use crate::schema::Schema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The folder name of the cache, beside the migrations folder.
pub const FOLDER: &str = ".migrate-cache";

/// How many entries the cache keeps; the least recently written go first.
const KEEP: usize = 64;

/// A cache folder of replayed schemas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayCache {
    dir: PathBuf,
}

/// What the cache holds for a list of migrations: the schema they build,
/// as introspected, and the fingerprint of the database it was read from
/// (`None` where the driver has none). A database with that fingerprint
/// introspects to this schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedSchema {
    /// The introspected schema.
    pub schema: Schema,
    /// [`crate::driver::Driver::schema_fingerprint`] of the database read.
    pub fingerprint: Option<String>,
}

/// [`CachedSchema`] borrowed, for writing.
#[derive(Serialize)]
struct CachedSchemaRef<'a> {
    schema: &'a Schema,
    fingerprint: Option<&'a str>,
}

/// What identifies the schema a list of migrations builds: a lowercase hex
/// SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheKey(String);

impl ReplayCache {
    /// The cache of `migrations`: `.migrate-cache/` in the folder that holds
    /// the migrations folder (`prisma/.migrate-cache`).
    pub fn beside(migrations: &MigrationsDir) -> Self {
        let parent = migrations.path.parent().unwrap_or(Path::new("."));
        ReplayCache::at(parent.join(FOLDER))
    }

    /// A cache in `dir` (created when first written).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        ReplayCache { dir: dir.into() }
    }

    /// The cache's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of what `migrations`, applied in this order to an empty
    /// database of `provider` on a server of version `server_version`, build.
    pub fn key(
        provider: Provider,
        server_version: &str,
        namespaces: &[String],
        migrations: &[&LocalMigration],
    ) -> CacheKey {
        let mut hash = Sha256::new();
        // The engine's version too: a new release may introspect otherwise.
        // The format's number changes with what a cached schema holds
        // (2: the session's database schema; 3: generated columns; 4: their
        // definitions; 5: check constraints' text; 6: PostgreSQL UUID and
        // unsupported constant defaults as their expressions; 7: the entry
        // holds the read database's fingerprint beside the schema).
        hash.update(format!(
            "migrate replay cache 7\n{}\n{}\n{server_version}\n",
            env!("CARGO_PKG_VERSION"),
            provider.name()
        ));
        // What introspection reads (`Driver::namespaces`): another list of
        // database schemas reads another schema from the same database.
        hash.update(format!("{}\n", namespaces.join("\0")));
        for m in migrations {
            hash.update(format!("{}\0{}\n", m.name, m.checksum));
        }
        CacheKey(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The entry stored under `key`, if there is one that reads.
    pub fn get(&self, key: &CacheKey) -> Option<CachedSchema> {
        let text = std::fs::read(self.entry(key)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Stores `schema`, read from a database with `fingerprint`, under
    /// `key` (written whole or not at all), then drops the oldest entries
    /// beyond the most recent 64. Writes a `.gitignore` that keeps the
    /// folder out of version control.
    pub fn put(&self, key: &CacheKey, schema: &Schema, fingerprint: Option<&str>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let ignore = self.dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# Written by migrate: a cache, never committed.\n*\n")?;
        }
        let entry = CachedSchemaRef { schema, fingerprint };
        let json = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        let partial = self.dir.join(format!("{}.{}.partial", key.0, std::process::id()));
        std::fs::write(&partial, json)?;
        std::fs::rename(&partial, self.entry(key))?;
        self.prune()
    }

    /// Removes every entry; returns how many there were. A missing folder
    /// has none.
    pub fn clear(&self) -> std::io::Result<usize> {
        let entries = self.entries()?;
        for (path, _) in &entries {
            std::fs::remove_file(path)?;
        }
        Ok(entries.len())
    }

    fn entry(&self, key: &CacheKey) -> PathBuf {
        self.dir.join(format!("{}.json", key.0))
    }

    /// Every entry with the time it was written.
    fn entries(&self) -> std::io::Result<Vec<(PathBuf, std::time::SystemTime)>> {
        let listing = match std::fs::read_dir(&self.dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            other => other?,
        };
        Ok(listing
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter_map(|p| Some((p.clone(), p.metadata().ok()?.modified().ok()?)))
            .collect())
    }

    fn prune(&self) -> std::io::Result<()> {
        let mut entries = self.entries()?;
        if entries.len() <= KEEP {
            return Ok(());
        }
        entries.sort_by_key(|(_, written)| std::cmp::Reverse(*written));
        for (path, _) in &entries[KEEP..] {
            std::fs::remove_file(path)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrations::checksum::checksum;

    fn migration(name: &str, script: &str) -> LocalMigration {
        LocalMigration {
            name: name.into(),
            path: name.into(),
            script: script.as_bytes().to_vec(),
            checksum: checksum(script.as_bytes()),
        }
    }

    #[test]
    fn the_key_changes_with_any_script_the_order_the_provider_or_the_server() {
        let (a, b) = (
            migration("1_a", "CREATE TABLE a (x INT);"),
            migration("2_b", "CREATE TABLE b (x INT);"),
        );
        let edited = migration("2_b", "CREATE TABLE b (y INT);");
        let key = |p, v, m: &[&LocalMigration]| ReplayCache::key(p, v, &[], m);
        let base = key(Provider::Postgres, "16.4", &[&a, &b]);
        let public = ["public".to_string()];
        assert_ne!(base, ReplayCache::key(Provider::Postgres, "16.4", &public, &[&a, &b]));
        let listed = ["public".to_string(), "auth".to_string()];
        assert_ne!(
            ReplayCache::key(Provider::Postgres, "16.4", &public, &[&a, &b]),
            ReplayCache::key(Provider::Postgres, "16.4", &listed, &[&a, &b])
        );
        assert_eq!(base, key(Provider::Postgres, "16.4", &[&a, &b]));
        for other in [
            key(Provider::Postgres, "16.4", &[&a, &edited]),
            key(Provider::Postgres, "16.4", &[&b, &a]),
            key(Provider::Postgres, "16.4", &[&a]),
            key(Provider::Mysql, "16.4", &[&a, &b]),
            key(Provider::Postgres, "17.0", &[&a, &b]),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn entries_round_trip_and_clear_removes_them() {
        let dir = std::env::temp_dir().join(format!("migrate-replay-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cache = ReplayCache::at(&dir);
        let key = ReplayCache::key(Provider::Sqlite, "3.46.0", &[], &[]);
        assert_eq!(cache.get(&key), None);
        let schema = crate::testing::builders::lowered(
            &crate::testing::PgNames,
            "model User {\n  id Int @id @default(autoincrement())\n  email String @unique @default(\"x\")\n}\n",
        );
        assert!(!schema.tables.is_empty());
        cache.put(&key, &schema, Some("f1")).unwrap();
        let fingerprint = Some("f1".to_string());
        assert_eq!(cache.get(&key), Some(CachedSchema { schema, fingerprint }));
        assert!(std::fs::read_to_string(dir.join(".gitignore")).unwrap().contains('*'));
        std::fs::write(cache.entry(&key), "not json").unwrap();
        assert_eq!(cache.get(&key), None, "an unreadable entry is a miss");
        assert_eq!(cache.clear().unwrap(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
