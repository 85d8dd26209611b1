//! `file:` / `sqlite:` URLs. A relative path is relative to the schema
//! file's folder, as Prisma resolves it.

use std::path::{Path, PathBuf};

/// Where a SQLite datasource URL points, as [`database_path`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteUrl {
    /// The database file: the URL's path without its `?` parameters, taken
    /// literally (not percent-decoded), a relative one joined to the schema
    /// file's folder (not normalised: `/app/prisma/./dev.db`).
    File(PathBuf),
    /// `:memory:` (`file::memory:`, `sqlite::memory:`): a private in-memory
    /// database, gone when its connection closes; also the shadow database.
    Memory,
}

impl SqliteUrl {
    /// For messages: the file's path as resolved, or `:memory:`.
    pub fn describe(&self) -> String {
        match self {
            SqliteUrl::File(p) => p.display().to_string(),
            SqliteUrl::Memory => ":memory:".into(),
        }
    }
}

/// Parses `file:./dev.db`, `file:/abs/dev.db?connection_limit=1`,
/// `sqlite:dev.db` or `file::memory:`, resolving relative paths against
/// `base` (the schema file's folder). A URL without a path (`file:`) is no
/// SQLite URL: it never means a temporary database.
pub fn database_path(url: &str, base: &Path) -> Option<SqliteUrl> {
    let rest = url.strip_prefix("file:").or_else(|| url.strip_prefix("sqlite:"))?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() {
        return None;
    }
    if path == ":memory:" {
        return Some(SqliteUrl::Memory);
    }
    let path = Path::new(path);
    Some(SqliteUrl::File(if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_prisma() {
        let base = Path::new("/app/prisma");
        assert_eq!(
            database_path("file:./dev.db", base),
            Some(SqliteUrl::File("/app/prisma/./dev.db".into()))
        );
        assert_eq!(
            database_path("file:dev.db?connection_limit=1", base),
            Some(SqliteUrl::File("/app/prisma/dev.db".into()))
        );
        assert_eq!(
            database_path("file:/tmp/x.db", base),
            Some(SqliteUrl::File("/tmp/x.db".into()))
        );
        assert_eq!(database_path("sqlite::memory:", base), Some(SqliteUrl::Memory));
        assert_eq!(database_path("postgres://x", base), None);
        for empty in ["file:", "sqlite:", "file://", "file:?mode=memory"] {
            assert_eq!(database_path(empty, base), None, "{empty}");
        }
    }
}
