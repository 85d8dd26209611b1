//! The scripts of `tests/schemas/steps`, each step planned from the one
//! before (the first from nothing): every op a schema change can plan on
//! MySQL. `migrate-tests`' `mysql_dialect_exec` runs the same steps on
//! MariaDB.

#[path = "common/dialect_builders.rs"]
mod builders;

use builders::*;
use migrate_core::schema::Schema;

fn step_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(schemas_dir().join("steps"))
        .expect("steps folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_step_renders() {
    let mut previous = Schema::default();
    let files = step_files();
    assert_eq!(files.len(), 4);
    for name in files {
        let next = schema_file(&format!("steps/{name}"));
        let script = script(&previous, &next);
        insta::assert_snapshot!(name.trim_end_matches(".prisma").to_string(), script);
        previous = next;
    }
}
