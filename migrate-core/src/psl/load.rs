//! Finding and reading schema files the way Prisma does: `--schema`, else
//! `./prisma/schema.prisma`, else `./schema.prisma`; a folder is every
//! `.prisma` file below it, merged as one schema.

use super::diagnostics::{SourceFile, SourceFiles};
use crate::utf8::NotUtf8;
use std::path::{Path, PathBuf};

/// Why a schema could not be found or read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The `--schema` path does not exist; or, without one, neither `prisma/schema.prisma` nor
    /// `schema.prisma` does.
    #[error("Could not find a schema file. Looked at {}. Pass one with --schema.", .searched.join(", "))]
    NotFound {
        /// The paths looked at, in order, as displayed.
        searched: Vec<String>,
    },
    /// A schema file or folder exists but could not be read.
    #[error("Could not read {path}: {source}")]
    Io {
        /// The file or folder, as displayed.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The schema path is a folder without any `.prisma` file (outside `migrations` folders).
    #[error("The schema folder {path} holds no .prisma file.")]
    EmptyFolder {
        /// The folder, as displayed.
        path: String,
    },
    /// A schema file holds bytes that are not UTF-8.
    #[error("{path}:{}:{}: error: the schema file is not UTF-8 text: {at}. Save it as UTF-8.", .at.line, .at.column)]
    NotUtf8 {
        /// The file, as displayed.
        path: String,
        /// Where the first invalid byte is.
        at: NotUtf8,
    },
}

/// The schema path: the given one, or Prisma's default locations.
pub fn find_schema(given: Option<&Path>) -> Result<PathBuf, LoadError> {
    if let Some(path) = given {
        return if path.exists() {
            Ok(path.to_path_buf())
        } else {
            Err(LoadError::NotFound {
                searched: vec![path.display().to_string()],
            })
        };
    }
    let candidates = [Path::new("prisma/schema.prisma"), Path::new("schema.prisma")];
    candidates
        .iter()
        .find(|p| p.exists())
        .map(|p| p.to_path_buf())
        .ok_or_else(|| LoadError::NotFound {
            searched: candidates.iter().map(|p| p.display().to_string()).collect(),
        })
}

/// Reads a schema file, or every `.prisma` file under a folder (sorted by path).
pub fn read_schema(path: &Path) -> Result<SourceFiles, LoadError> {
    let paths = if path.is_dir() {
        prisma_files(path)?
    } else {
        vec![path.to_path_buf()]
    };
    if paths.is_empty() {
        return Err(LoadError::EmptyFolder {
            path: path.display().to_string(),
        });
    }
    let files = paths
        .into_iter()
        .map(|p| {
            let path = p.display().to_string();
            let bytes = std::fs::read(&p).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            match crate::utf8::decode(&bytes) {
                Ok(text) => Ok(SourceFile {
                    text: text.to_string(),
                    path,
                }),
                Err(at) => Err(LoadError::NotUtf8 { path, at }),
            }
        })
        .collect::<Result<_, LoadError>>()?;
    Ok(SourceFiles { files })
}

fn prisma_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let io = |source| LoadError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "migrations") {
                out.extend(prisma_files(&path)?);
            }
        } else if path.extension().is_some_and(|e| e == "prisma") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}
