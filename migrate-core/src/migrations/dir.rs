//! The migrations folder: `<14-digit UTC timestamp>_<name>/migration.sql`
//! directories beside the schema, and `migration_lock.toml`.

use super::checksum::checksum;
use super::order::NameKey;
use super::time::Timestamp;
use crate::psl::datamodel::Provider;
use crate::utf8::NotUtf8;
use std::path::{Path, PathBuf};

const LOCK_FILE: &str = "migration_lock.toml";
const SCRIPT: &str = "migration.sql";
const MAX_NAME: usize = 200;

/// A migrations folder that cannot be read as one.
#[derive(Debug, thiserror::Error)]
pub enum MigrationsError {
    /// A file or folder of the migrations could not be read or written.
    #[error("Could not read {path}: {source}")]
    Io {
        /// The file or folder, as displayed.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A migration's folder has no `migration.sql` (P3015).
    #[error("The migration folder {path} has no migration.sql (P3015). Restore the file, or delete the folder if the migration was never applied.")]
    MissingScript {
        /// The migration's folder, as displayed.
        path: String,
    },
    /// A `migration.sql` holds bytes that are not UTF-8; nothing was run.
    #[error("{path} is not UTF-8 text: {at}. Migrations run as UTF-8 text, so nothing was applied. Save the file as UTF-8 (an applied migration then shows as edited in `migrate status`).")]
    NotUtf8 {
        /// The script's path, as displayed.
        path: String,
        /// Where its first invalid byte is.
        at: NotUtf8,
    },
    /// `migration_lock.toml` names another provider than the datasource's (P3019).
    #[error("migration_lock.toml says provider = \"{locked}\", but the datasource uses \"{datasource}\" (P3019). Migrations are written for one database kind: start a new migrations folder to switch.")]
    ProviderSwitched {
        /// The provider `migration_lock.toml` names, as written.
        locked: String,
        /// The datasource's provider, as `migration_lock.toml` would name it.
        datasource: String,
    },
    /// `migration_lock.toml` is not valid TOML, or its `provider` is not a string.
    #[error("{path} is not valid TOML ({message}): it should hold one line, provider = \"<provider>\". Fix it, or delete it and let `migrate dev` write it again.")]
    BadLock {
        /// The lock file, as displayed.
        path: String,
        /// What is wrong: the TOML parser's message, or a `provider` that is not a string.
        message: String,
    },
}

impl MigrationsError {
    /// Prisma's error code, where Prisma has one (P3015, P3019).
    pub fn code(&self) -> Option<&'static str> {
        match self {
            MigrationsError::MissingScript { .. } => Some("P3015"),
            MigrationsError::ProviderSwitched { .. } => Some("P3019"),
            MigrationsError::Io { .. } | MigrationsError::NotUtf8 { .. } | MigrationsError::BadLock { .. } => None,
        }
    }
}

/// One migration in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalMigration {
    /// The directory name, e.g. `20240101120000_init`.
    pub name: String,
    /// The migration's directory (for an embedded migration, the macro's folder joined with
    /// its name).
    pub path: PathBuf,
    /// The exact bytes of `migration.sql`.
    pub script: Vec<u8>,
    /// The lowercase hex SHA-256 of `script`, as `_prisma_migrations.checksum` keeps it.
    pub checksum: String,
}

impl LocalMigration {
    /// The script as text, as it is run; a script that is not UTF-8 is
    /// refused, never run with replacement characters. A byte order mark
    /// at the start (editors on Windows write one) is not part of the SQL:
    /// PostgreSQL and MySQL would read it as the start of the first word
    /// and fail on it. The checksum stays that of the file's bytes.
    pub fn script_text(&self) -> Result<&str, MigrationsError> {
        crate::utf8::decode(&self.script)
            .map(|text| text.strip_prefix('\u{feff}').unwrap_or(text))
            .map_err(|at| MigrationsError::NotUtf8 {
                path: self.path.join(SCRIPT).display().to_string(),
                at,
            })
    }
}

/// Refuses the first script that is not UTF-8 text, so that a command runs
/// none of them rather than stopping halfway.
pub fn check_scripts<'a>(migrations: impl IntoIterator<Item = &'a LocalMigration>) -> Result<(), MigrationsError> {
    migrations.into_iter().try_for_each(|m| m.script_text().map(|_| ()))
}

/// A schema's migrations folder: one directory per migration, and `migration_lock.toml`.
#[derive(Debug, Clone)]
pub struct MigrationsDir {
    /// The folder: `migrations/` beside the schema file, or inside a schema folder.
    pub path: PathBuf,
}

impl MigrationsDir {
    /// `migrations/` beside a schema file, or inside a schema folder.
    pub fn for_schema(schema_path: &Path) -> Self {
        let base = if schema_path.is_dir() {
            schema_path
        } else {
            schema_path.parent().unwrap_or(Path::new("."))
        };
        MigrationsDir {
            path: base.join("migrations"),
        }
    }

    /// Every migration, in Prisma's order (by name). A missing folder has none.
    pub fn list(&self) -> Result<Vec<LocalMigration>, MigrationsError> {
        self.folders()?.into_iter().map(|dir| read_migration(&dir)).collect()
    }

    /// The migration folders, sorted, without reading their scripts.
    fn folders(&self) -> Result<Vec<PathBuf>, MigrationsError> {
        if !self.path.exists() {
            return Ok(Vec::new());
        }
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&self.path)
            .map_err(|e| io(&self.path, e))?
            .filter_map(Result::ok)
            // The entry's own type where the listing gives it (no `stat`); a
            // link is followed.
            .filter(|e| match e.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => e.path().is_dir(),
            })
            .map(|e| e.path())
            .collect();
        // Prisma's order of the names (ICU's, not the bytes': see `order`).
        dirs.sort_by_cached_key(|dir| NameKey::of(&dir.file_name().unwrap_or_default().to_string_lossy()));
        Ok(dirs)
    }

    /// The provider named in `migration_lock.toml`, if the file exists.
    pub fn locked_provider(&self) -> Result<Option<String>, MigrationsError> {
        let path = self.path.join(LOCK_FILE);
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let bad = |message: String| MigrationsError::BadLock {
            path: path.display().to_string(),
            message,
        };
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| bad(e.message().to_string()))?;
        match table.get("provider") {
            None => Ok(None),
            Some(toml::Value::String(provider)) => Ok(Some(provider.clone())),
            Some(_) => Err(bad("`provider` is not a string".into())),
        }
    }

    /// Writes `migration_lock.toml` naming `provider`, as Prisma writes it, creating the
    /// folder if needed.
    pub fn write_lock(&self, provider: Provider) -> Result<(), MigrationsError> {
        let text = format!(
            "# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = \"{}\"\n",
            provider.name()
        );
        std::fs::create_dir_all(&self.path).map_err(|e| io(&self.path, e))?;
        let path = self.path.join(LOCK_FILE);
        std::fs::write(&path, text).map_err(|e| io(&path, e))
    }

    /// Writes `<timestamp>_<name>/migration.sql` and rewrites the lock file.
    pub fn create(
        &self,
        name: &str,
        script: &str,
        at: Timestamp,
        provider: Provider,
    ) -> Result<LocalMigration, MigrationsError> {
        // Prisma names a migration without a name by its timestamp alone.
        let dir_name = match slugify(name) {
            slug if slug.is_empty() => self.next_prefix(at)?,
            slug => format!("{}_{slug}", self.next_prefix(at)?),
        };
        let dir = self.path.join(&dir_name);
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        let file = dir.join(SCRIPT);
        std::fs::write(&file, script).map_err(|e| io(&file, e))?;
        self.write_lock(provider)?;
        Ok(LocalMigration {
            name: dir_name,
            path: dir,
            script: script.as_bytes().to_vec(),
            checksum: checksum(script.as_bytes()),
        })
    }
}

impl MigrationsDir {
    /// `at` as a prefix, moved past the newest existing migration so that a
    /// new migration always sorts last (two in one second, or a clock behind).
    fn next_prefix(&self, at: Timestamp) -> Result<String, MigrationsError> {
        let newest = self
            .folders()?
            .iter()
            .filter_map(|dir| {
                dir.file_name()?
                    .to_str()?
                    .get(..14)
                    .and_then(Timestamp::from_migration_prefix)
            })
            .max();
        Ok(match newest {
            Some(t) if t.0 >= at.0 - at.0.rem_euclid(1000) => Timestamp(t.0 + 1000).migration_prefix(),
            _ => at.migration_prefix(),
        })
    }
}

fn read_migration(dir: &Path) -> Result<LocalMigration, MigrationsError> {
    let file = dir.join(SCRIPT);
    let script = std::fs::read(&file).map_err(|e| match e.kind() {
        // Not there, or a folder under that name.
        std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory => MigrationsError::MissingScript {
            path: dir.display().to_string(),
        },
        _ => io(&file, e),
    })?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(LocalMigration {
        name,
        path: dir.to_path_buf(),
        checksum: checksum(&script),
        script,
    })
}

/// A migration name as Prisma writes it: lowercase words joined by `_`,
/// at most 200 characters.
pub fn slugify(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("_").chars().take(MAX_NAME).collect()
}

fn io(path: &Path, source: std::io::Error) -> MigrationsError {
    MigrationsError::Io {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrations::MigrationSource;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("migrate-dir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Add user profile!"), "add_user_profile");
        assert_eq!(slugify("  init  "), "init");
        assert_eq!(slugify(&"x".repeat(300)).len(), 200);
    }

    #[test]
    fn creates_lists_and_locks() {
        let root = temp("create");
        let dir = MigrationsDir {
            path: root.join("migrations"),
        };
        assert!(dir.list().unwrap().is_empty());
        dir.create("first", "SELECT 1;\n", Timestamp(1_700_000_000_000), Provider::Sqlite)
            .unwrap();
        dir.create("second", "SELECT 2;\n", Timestamp(1_700_000_100_000), Provider::Sqlite)
            .unwrap();
        dir.create(
            "same_second",
            "SELECT 3;\n",
            Timestamp(1_700_000_100_500),
            Provider::Sqlite,
        )
        .unwrap();
        dir.create(
            "clock_behind",
            "SELECT 4;\n",
            Timestamp(1_600_000_000_000),
            Provider::Sqlite,
        )
        .unwrap();
        let names: Vec<String> = dir.list().unwrap().into_iter().map(|m| m.name).collect();
        let expected = [
            "20231114221320_first",
            "20231114221500_second",
            "20231114221501_same_second",
            "20231114221502_clock_behind",
        ];
        assert_eq!(names, expected);
        assert_eq!(dir.locked_provider().unwrap().as_deref(), Some("sqlite"));
        // Either quote style, comments, blank lines: TOML, which the old
        // line reader misread (`'postgresql'` kept its quotes, a trailing
        // comment became part of the value).
        let lock = dir.path.join(LOCK_FILE);
        for text in [
            "provider = 'postgresql'\n",
            "# hand-edited\n\nprovider = \"postgresql\" # the database\n",
            "providers = \"mysql\"\nprovider=\"postgresql\"\n",
        ] {
            std::fs::write(&lock, text).unwrap();
            assert_eq!(dir.locked_provider().unwrap().as_deref(), Some("postgresql"), "{text}");
            assert!(dir.check_provider(Provider::Postgres).is_ok(), "{text}");
        }
        std::fs::write(&lock, "provider = \"postgresql\n").unwrap();
        let e = dir.locked_provider().unwrap_err().to_string();
        assert!(e.contains("migration_lock.toml is not valid TOML"), "{e}");
        std::fs::write(&lock, "provider = 1\n").unwrap();
        assert!(dir
            .locked_provider()
            .unwrap_err()
            .to_string()
            .contains("`provider` is not a string"));
        dir.write_lock(Provider::Sqlite).unwrap();
        assert!(dir.check_provider(Provider::Sqlite).is_ok());
        let err = dir.check_provider(Provider::Postgres).unwrap_err().to_string();
        assert!(err.contains("P3019"), "{err}");
        let latin1 = dir.path.join("20231114221503_latin1");
        std::fs::create_dir_all(&latin1).unwrap();
        std::fs::write(latin1.join(SCRIPT), b"SELECT 'caf\xe9';\n").unwrap();
        let listed = dir.list().unwrap();
        let err = listed[4].script_text().unwrap_err().to_string();
        assert!(
            err.contains("20231114221503_latin1/migration.sql is not UTF-8 text: byte 11 (line 1, column 12)"),
            "{err}"
        );
        assert_eq!(listed[4].checksum, checksum(b"SELECT 'caf\xe9';\n"));
        let bom = LocalMigration {
            script: b"\xef\xbb\xbfSELECT 1;\r\n".to_vec(),
            ..listed[0].clone()
        };
        assert_eq!(bom.script_text().unwrap(), "SELECT 1;\r\n");
        // A migration folder reached through a link is listed.
        #[cfg(unix)]
        {
            let elsewhere = root.join("elsewhere");
            std::fs::create_dir_all(&elsewhere).unwrap();
            std::fs::write(elsewhere.join(SCRIPT), "SELECT 2;\n").unwrap();
            std::os::unix::fs::symlink(&elsewhere, dir.path.join("20990101000000_linked")).unwrap();
            let last = dir.list().unwrap().pop().unwrap();
            assert_eq!(
                (last.name.as_str(), last.script.as_slice()),
                ("20990101000000_linked", &b"SELECT 2;\n"[..])
            );
        }
        std::fs::create_dir_all(dir.path.join("0_broken")).unwrap();
        assert!(matches!(dir.list(), Err(MigrationsError::MissingScript { .. })));
        std::fs::remove_dir_all(dir.path.join("0_broken")).unwrap();
        std::fs::create_dir_all(dir.path.join("0_folder").join(SCRIPT)).unwrap();
        assert!(matches!(dir.list(), Err(MigrationsError::MissingScript { .. })));
        let _ = std::fs::remove_dir_all(root);
    }
}
