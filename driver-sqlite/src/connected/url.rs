//! `file:` / `sqlite:` URLs. A relative path is relative to the schema
//! file's folder, as Prisma resolves it.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteUrl {
    File(PathBuf),
    Memory,
}

impl SqliteUrl {
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
