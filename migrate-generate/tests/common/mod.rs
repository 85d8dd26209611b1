//! The fixture schemas every generator test runs over.

use migrate_core::psl::{parse_and_validate, read_schema, ValidatedSchema};
use std::path::{Path, PathBuf};

/// `(name, schema)` for every valid fixture schema: `tests/fixtures/schemas/*`
/// (files and folders) and the corpus's `schema.prisma` (or `schema/` folder) of each project.
pub fn fixtures() -> Vec<(String, ValidatedSchema)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut paths: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(root.join("schemas")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        paths.push((name, path));
    }
    for entry in std::fs::read_dir(root.join("corpus")).unwrap() {
        let dir = entry.unwrap().path();
        let schema = [dir.join("schema.prisma"), dir.join("schema")]
            .into_iter()
            .find(|p| p.exists());
        if let Some(schema) = schema {
            paths.push((format!("corpus_{}", dir.file_name().unwrap().to_string_lossy()), schema));
        }
    }
    paths.sort();
    let fixtures: Vec<_> = paths
        .into_iter()
        .filter_map(|(name, path)| match parse_and_validate(read_schema(&path).unwrap()) {
            Ok(valid) => Some((name, valid)),
            // The corpus holds a few schemas migrate refuses on purpose (see its README).
            Err(_) if name.starts_with("corpus_") => None,
            Err(e) => panic!("{name}: {e}"),
        })
        .collect();
    assert!(fixtures.len() >= 30, "fixtures missing: {}", fixtures.len());
    fixtures
}

/// `(name, schema)` for the schemas of `migrate-generate/tests/hostile`: names
/// that the generated code must survive (see each file's header).
#[allow(dead_code)] // not every test binary uses it
pub fn hostile() -> Vec<(String, ValidatedSchema)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = format!("hostile_{}", path.file_stem().unwrap().to_string_lossy());
            let valid = parse_and_validate(read_schema(&path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, valid)
        })
        .collect()
}
