//! The DMMF `datamodel` we send to protocol generators is Prisma's, byte for
//! byte: each golden file in `tests/dmmf/` is Prisma 6.19.3's own (`regen.sh`
//! beside them), for the fixture schema of the same name.

use migrate_core::psl::{parse_and_validate, read_schema};
use std::path::Path;

#[test]
fn dmmf_datamodel_matches_prismas_for_every_golden() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("../tests/fixtures/schemas");
    let mut goldens: Vec<_> = std::fs::read_dir(root.join("tests/dmmf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    goldens.sort();
    assert!(goldens.len() >= 10, "the goldens are missing: {goldens:?}");
    let mut failures = Vec::new();
    for golden in &goldens {
        let name = golden.file_stem().unwrap().to_str().unwrap();
        let schema = match fixtures.join(name) {
            dir if dir.is_dir() => dir,
            _ => fixtures.join(format!("{name}.prisma")),
        };
        let valid = parse_and_validate(read_schema(&schema).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ours = migrate_generate::dmmf::to_json_text(&migrate_generate::dmmf::datamodel(&valid)) + "\n";
        let prismas = std::fs::read_to_string(golden).unwrap();
        if ours != prismas {
            let line = ours.lines().zip(prismas.lines()).position(|(a, b)| a != b).unwrap_or(0);
            let show = |t: &str| {
                t.lines()
                    .skip(line.saturating_sub(3))
                    .take(7)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            failures.push(format!(
                "{name}: first difference at line {}\n--- ours\n{}\n--- Prisma's\n{}",
                line + 1,
                show(&ours),
                show(&prismas)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n\n{}",
        failures.len(),
        goldens.len(),
        failures.join("\n\n")
    );
}
