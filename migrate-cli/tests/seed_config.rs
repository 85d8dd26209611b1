//! Where `migrate db seed` finds its command, through the binary: a
//! misspelt `migrate.toml` key is an error, and the help names every place.

mod common;

use common::migrate;
use migrate_tests::harness::TempDir;

#[test]
fn a_misspelt_migrate_toml_key_is_an_error_naming_it() {
    let dir = TempDir::new("seed-toml");
    std::fs::write(dir.0.join("migrate.toml"), "[seed]\ncomand = 'sh seed.sh'\n").unwrap();
    let out = migrate(&dir.0, &["db", "seed"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("migrate.toml:2:1: unknown field `comand`, expected `command`"),
        "{stderr}"
    );
}

#[test]
fn the_help_names_every_place_a_seed_is_configured() {
    let dir = TempDir::new("seed-help");
    let out = migrate(&dir.0, &["db", "seed", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for place in ["migrate.toml", "prisma.config.ts (migrations.seed)", "package.json"] {
        assert!(help.contains(place), "{help}");
    }
}
