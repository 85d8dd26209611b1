//! The generated code compiles, for every fixture schema: the TypeScript
//! type-checks with `tsc --strict --noEmit` (against the real `kysely` package
//! where it is installed beside `tsc`), the Rust builds with `cargo check` in a
//! crate of its own under the target folder, `#![deny(warnings)]`.
//!
//! `tsc` comes from `MIGRATE_TEST_TSC` (a path; `.ci/run` installs it and sets
//! it, and then a missing `tsc` fails the test), else `tsc` on `PATH`, else
//! `~/.cache/migrate-tsc` (where `.ci/run` installs it). Without any, and
//! without `MIGRATE_TEST_TSC`, the TypeScript check is skipped with a message.

mod common;

use migrate_generate::rust::{self, DateTimeCrate, DecimalType, RustOptions};
use migrate_generate::typescript::{self, TsOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

fn find_tsc() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MIGRATE_TEST_TSC") {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "MIGRATE_TEST_TSC={} does not exist", path.display());
        return Some(path);
    }
    let on_path = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join("tsc"))
        .find(|p| p.is_file());
    let cached = std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".cache/migrate-tsc/node_modules/.bin/tsc"))
        .filter(|p| p.is_file());
    on_path.or(cached)
}

#[test]
fn typescript_type_checks_for_every_fixture() {
    let Some(tsc) = find_tsc() else {
        eprintln!(
            "SKIPPED: no tsc (set MIGRATE_TEST_TSC, or `npm install --prefix ~/.cache/migrate-tsc typescript@5 kysely`)"
        );
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generate-ts");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    // `kysely` resolves from beside tsc when installed there, else from a stub of
    // the one type the generated file imports (Kysely reads it structurally).
    let modules = tsc.parent().and_then(Path::parent).map(|m| m.join("kysely"));
    let kysely = dir.join("node_modules/kysely");
    match modules.filter(|m| m.join("package.json").is_file()) {
        Some(real) => {
            std::fs::create_dir_all(dir.join("node_modules")).unwrap();
            std::os::unix::fs::symlink(real, &kysely).unwrap();
        }
        None => {
            std::fs::create_dir_all(&kysely).unwrap();
            std::fs::write(
                kysely.join("index.d.ts"),
                "export type ColumnType<S, I = S, U = S> = { readonly __select__: S; readonly __insert__: I; readonly __update__: U };\n",
            )
            .unwrap();
        }
    }
    let mut files = Vec::new();
    for (name, schema) in common::fixtures().into_iter().chain(common::hostile()) {
        let text = typescript::render(&schema.datamodel, &TsOptions::default(), "schema.prisma");
        let file = dir.join("src").join(format!("{name}.ts"));
        std::fs::write(&file, text).unwrap();
        files.push(file);
    }
    // The settings: another Decimal type, no Kysely.
    let (_, pg) = common::fixtures()
        .into_iter()
        .find(|(n, _)| n == "postgres_features")
        .unwrap();
    let options = TsOptions {
        decimal_type: "number".into(),
        decimal_import: None,
        kysely: false,
    };
    let file = dir.join("src/options.ts");
    std::fs::write(&file, typescript::render(&pg.datamodel, &options, "schema.prisma")).unwrap();
    files.push(file);
    // Kysely's own helpers accept the DB interface (real kysely only).
    if kysely.join("package.json").exists() {
        let file = dir.join("src/use_kysely.ts");
        std::fs::write(
            &file,
            "import type { Insertable, Selectable, Kysely } from \"kysely\";\nimport type { DB } from \"./blog\";\nexport type NewUser = Insertable<DB[\"User\"]>;\nexport type UserRow = Selectable<DB[\"User\"]>;\nexport async function names(db: Kysely<DB>): Promise<string[]> {\n  const rows = await db.selectFrom(\"User\").select([\"email\"]).execute();\n  return rows.map((r) => r.email);\n}\n",
        )
        .unwrap();
        files.push(file);
    }
    let out = Command::new(&tsc)
        .args([
            "--noEmit",
            "--strict",
            "--target",
            "es2022",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
            "--skipLibCheck",
        ])
        .args(&files)
        .current_dir(&dir)
        .output()
        .expect("tsc runs");
    assert!(
        out.status.success(),
        "tsc rejected the generated TypeScript:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rust_compiles_for_every_fixture() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generate-rust");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"generated-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\nchrono = { version = \"0.4\", default-features = false, features = [\"serde\"] }\nrust_decimal = { version = \"1\", default-features = false, features = [\"serde\"] }\ntime = { version = \"0.3\", default-features = false, features = [\"serde\", \"formatting\", \"parsing\"] }\n",
    )
    .unwrap();
    let mut lib = String::from("#![deny(warnings)]\n");
    let mut write = |module: &str, text: String| {
        std::fs::write(dir.join("src").join(format!("{module}.rs")), text).unwrap();
        lib.push_str(&format!("pub mod {module};\n"));
    };
    for (name, schema) in common::fixtures().into_iter().chain(common::hostile()) {
        write(
            &name,
            rust::render(&schema.datamodel, &RustOptions::default(), "schema.prisma"),
        );
    }
    let (_, pg) = common::fixtures()
        .into_iter()
        .find(|(n, _)| n == "postgres_features")
        .unwrap();
    let options = RustOptions {
        date_time: DateTimeCrate::Time,
        decimal: DecimalType::String,
        sqlx: false,
    };
    write(
        "options_time_string",
        rust::render(&pg.datamodel, &options, "schema.prisma"),
    );
    for (name, schema) in common::hostile() {
        write(
            &format!("{name}_time_string"),
            rust::render(&schema.datamodel, &options, "schema.prisma"),
        );
    }
    // The structs round-trip through JSON with Prisma Client's field names.
    lib.push_str(
        "#[test]\nfn json_names() {\n    let p: blog::Post = serde_json::from_str(r#\"{\"id\":1,\"title\":\"t\",\"slug\":\"s\",\"content\":null,\"published\":true,\"viewCount\":0,\"publishedAt\":null,\"authorId\":2,\"createdAt\":\"2024-01-01T00:00:00Z\",\"updatedAt\":\"2024-01-01T00:00:00Z\"}\"#).unwrap();\n    assert_eq!(p.author_id, 2);\n}\n",
    );
    // Enums read and write Prisma Client's names (not the `@map` values); `time`'s
    // DateTime is RFC 3339 text like chrono's; fields kept as written or escaped keep
    // the schema's names.
    lib.push_str(
        r##"#[test]
fn json_enum_names_dates_and_escaped_fields() {
    let a: legacy_named_arguments::Account = serde_json::from_str(r#"{"id":1,"handle":"h","role":"ADMIN"}"#).unwrap();
    assert_eq!(a.role, legacy_named_arguments::Role::Admin);
    assert_eq!(serde_json::to_value(&a).unwrap()["role"], "ADMIN");
    let json = r#"{"id":1,"at":"2024-01-01T00:00:00.000Z","when":null,"dates":["2024-01-02T03:04:05Z"],"kind":"Self","kinds":["self","two_three"],"gen":"YES","type":"t","self":"s","Self":2,"super":3,"crate":4,"async":5,"fn":6,"userId":7,"user_id":8,"someField":9}"#;
    let d: hostile_names_time_string::Date = serde_json::from_str(json).unwrap();
    assert_eq!(d.kind, hostile_names_time_string::Kind::Self_);
    assert_eq!(d.at.unix_timestamp(), 1704067200);
    let back = serde_json::to_value(&d).unwrap();
    assert_eq!(back["dates"][0], "2024-01-02T03:04:05Z");
    assert_eq!(back["kinds"], serde_json::json!(["self", "two_three"]));
    assert_eq!((back["Self"].clone(), back["self"].clone(), back["someField"].clone()), (2.into(), "s".into(), 9.into()));
    let c: hostile_names::Date = serde_json::from_str(json).unwrap();
    assert_eq!(c.at.timestamp(), 1704067200);
}
"##,
    );
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["test", "--quiet"])
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .current_dir(&dir)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "the generated Rust does not compile (or its test fails):\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
