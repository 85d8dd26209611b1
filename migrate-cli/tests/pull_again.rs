//! `db pull` over an existing schema writes what Prisma 6.19.3 writes and
//! warns as it warns: names kept from the schema (`@map`, `@@map`) and
//! relations copied where the database has no foreign keys
//! (`relationMode = "prisma"`). Each `tests/fixtures/pull_again/<name>/`
//! holds the SQL that makes the database (`sqlite.sql` or `postgres.sql`),
//! the schema pulled over (`schema.prisma`), and the real Prisma's result:
//! the file (`prisma-6.19.3.<provider>.prisma`) and its warnings
//! (`prisma-6.19.3.<provider>.warnings`), generated, never edited.

mod common;

use common::{assert_no_drift, migrate_on, utf8, write};
use migrate_tests::fixtures_dir;
use migrate_tests::harness::{DbKind, TempDir, TestDb};

fn fixture_file(fixture: &str, name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join("pull_again").join(fixture).join(name)).unwrap()
}

/// Pulls the fixture over its schema at `url`; checks the file against
/// Prisma's and returns the project and the warnings printed (from
/// `*** WARNING ***` to the end). Before, `--print` (which writes nothing)
/// must print the file, then a blank line, and the same warnings on
/// standard error, each line after `// `, as Prisma's does.
///
/// `differences`: where ours writes something else than Prisma on purpose,
/// `(Prisma's text, ours)`, each found once in Prisma's file.
fn pull_again(fixture: &str, kind: DbKind, url: &str, differences: &[(&str, &str)]) -> (TempDir, String) {
    let project = TempDir::new("pull-again");
    write(
        &project.0,
        "prisma/schema.prisma",
        &fixture_file(fixture, "schema.prisma"),
    );
    let mut golden = fixture_file(fixture, &format!("prisma-6.19.3.{}.prisma", kind.provider()));
    for (prisma, ours) in differences {
        assert_eq!(golden.matches(prisma).count(), 1, "{fixture}: {prisma}");
        golden = golden.replace(prisma, ours);
    }
    let printed = migrate_on(&project.0, url, &["db", "pull", "--print"]);
    assert_eq!(utf8(&printed.stdout), format!("{golden}\n\n"), "{fixture}: --print");
    let printed = utf8(&printed.stderr);
    let pull = migrate_on(&project.0, url, &["db", "pull"]);
    assert!(pull.status.success(), "{fixture}: {}", utf8(&pull.stderr));
    let pulled = std::fs::read_to_string(project.0.join("prisma/schema.prisma")).unwrap();
    assert_eq!(pulled, golden, "{fixture}: the schema Prisma 6.19.3 pulls");
    let stdout = utf8(&pull.stdout);
    let warnings = stdout
        .find("*** WARNING ***")
        .map_or(String::new(), |at| stdout[at..].to_string());
    let commented: String = warnings
        .trim_end()
        .split('\n')
        .map(|line| format!("// {line}\n"))
        .collect::<String>()
        + "// \n";
    assert!(
        warnings.is_empty() || printed.ends_with(&commented),
        "{fixture}:\n{printed}"
    );
    (project, warnings)
}

fn golden_warnings(fixture: &str, kind: DbKind) -> String {
    fixture_file(fixture, &format!("prisma-6.19.3.{}.warnings", kind.provider()))
}

/// Prisma's warnings, then the blank line that ends the output (none when
/// there is nothing to warn of).
fn expected_warnings(fixture: &str, kind: DbKind) -> String {
    let golden = golden_warnings(fixture, kind);
    if golden.is_empty() {
        golden
    } else {
        golden + "\n"
    }
}

/// [`pull_again`] on PostgreSQL over the fixture's `postgres.sql`: the
/// warnings are Prisma's, byte for byte, and the file diffs to nothing.
/// Returns the database and the project pulled into, `None` where
/// PostgreSQL is not tested.
async fn postgres_pull_again(fixture: &str, differences: &[(&str, &str)]) -> Option<(TestDb, TempDir)> {
    let db = TestDb::if_selected(DbKind::Postgres)?;
    let sql = fixture_file(fixture, "postgres.sql");
    db.driver().await.apply_script(&sql).await.unwrap();
    let (project, warnings) = pull_again(fixture, DbKind::Postgres, &db.url, differences);
    assert_eq!(warnings, expected_warnings(fixture, DbKind::Postgres));
    assert_no_drift(&project.0, &db.url, "prisma/schema.prisma");
    Some((db, project))
}

/// [`pull_again`] on SQLite over the fixture's `sqlite.sql`: the warnings
/// are Prisma's, byte for byte, and the file diffs to nothing.
fn sqlite_pull_again(fixture: &str, differences: &[(&str, &str)]) {
    let project = TempDir::new("pull-again-db");
    let file = project.0.join("pulled.db");
    let sql = fixture_file(fixture, "sqlite.sql");
    rusqlite::Connection::open(&file).unwrap().execute_batch(&sql).unwrap();
    let url = format!("file:{}", file.display());
    let (pulled, warnings) = pull_again(fixture, DbKind::Sqlite, &url, differences);
    assert_eq!(warnings, expected_warnings(fixture, DbKind::Sqlite));
    assert_no_drift(&pulled.0, &url, "prisma/schema.prisma");
}

/// The generators come first, then the datasource, wherever the file had
/// them, as Prisma 6.19.3 writes them.
#[test]
fn generators_come_before_the_datasource() {
    sqlite_pull_again("generators_before_datasource", &[]);
}

/// SQLite has no enum types: every enum of the schema pulled over stays,
/// after the models, in its order, used or not. A text column whose field
/// had an enum type keeps it; a column of another type does not.
#[test]
fn sqlite_keeps_the_enums_of_the_schema() {
    sqlite_pull_again("sqlite_enums_kept", &[]);
}

/// Prisma 6.19.3 writes the default of an enum field kept on SQLite as a
/// string (`@default("in-transit")`, which its own validator rejects:
/// "Expected an enum value"), and drops the enums' `@map`s and `@@map`,
/// which changes what the client stores. Ours writes the value the default
/// stands for and keeps the maps; a field whose default is none of its
/// enum's values becomes a `String`.
#[test]
fn sqlite_enum_defaults_are_values_and_maps_stay() {
    let ours = [
        (
            "state ParcelState @default(\"in-transit\")",
            "state ParcelState @default(IN_TRANSIT)",
        ),
        ("size  Size        @default(\"S\")", "size  Size        @default(S)"),
        ("speed Speed?      @default", "speed String?     @default"),
        (
            "  IN_TRANSIT\n  DELIVERED\n}",
            "  IN_TRANSIT @map(\"in-transit\")\n  DELIVERED  @map(\"delivered\")\n\n  @@map(\"parcel_state\")\n}",
        ),
        ("  M\n", "  M @map(\"M\")\n"),
    ];
    sqlite_pull_again("sqlite_enum_maps_and_defaults", &ours);
}

/// A schema folder (`prismaSchemaFolder`): `--print` prints each file
/// after a `// <path>` line, the files in the order of their paths
/// (JavaScript's `localeCompare`: `_tools` first, `garden/seedling` before
/// `Greenhouse`), a file left empty as a blank line, as Prisma 6.19.3 prints
/// them (`prisma-6.19.3.sqlite.print`: its standard output, less the
/// reference kit's notice that its driver adapter ignores `url`). The pull
/// then writes each file as printed, the new model in `introspected.prisma`.
#[test]
fn a_schema_folder_prints_each_file_under_its_path() {
    let fixture = "schema_folder";
    let project = TempDir::new("pull-again-folder");
    let folder = fixtures_dir().join("pull_again").join(fixture);
    for file in ["main", "Greenhouse", "_tools", "compost", "garden/seedling"] {
        let rel = format!("schema/{file}.prisma");
        write(&project.0, &format!("prisma/{rel}"), &fixture_file(fixture, &rel));
    }
    let db = project.0.join("pulled.db");
    let sql = std::fs::read_to_string(folder.join("sqlite.sql")).unwrap();
    rusqlite::Connection::open(&db).unwrap().execute_batch(&sql).unwrap();
    let url = format!("file:{}", db.display());
    let args = ["db", "pull", "--print", "--schema", "prisma/schema"];
    let printed = migrate_on(&project.0, &url, &args);
    assert!(printed.status.success(), "{}", utf8(&printed.stderr));
    let golden = fixture_file(fixture, "prisma-6.19.3.sqlite.print");
    assert_eq!(utf8(&printed.stdout), golden);
    let pull = migrate_on(&project.0, &url, &["db", "pull", "--schema", "prisma/schema"]);
    assert!(pull.status.success(), "{}", utf8(&pull.stderr));
    // Each file after its header, with the line break that joins it to the next.
    let files = golden.strip_suffix('\n').unwrap().split("// prisma/schema/").skip(1);
    for section in files {
        let (path, text) = section.split_once('\n').unwrap();
        let written = std::fs::read_to_string(project.0.join("prisma/schema").join(path)).unwrap();
        assert_eq!(Some(written.as_str()), text.strip_suffix('\n'), "{path}");
    }
    assert_no_drift(&project.0, &url, "prisma/schema");
}

/// The existing names are kept, and each kept `@map` and `@@map` is
/// listed, in Prisma's words and order.
#[tokio::test]
async fn remapped_names_are_kept_and_listed() {
    postgres_pull_again("remapped", &[]).await;
}

/// A `@map` / `@@map` the schema writes to the name it maps (a field `id`
/// with `@map("id")`, a model `Kettle` with `@@map("Kettle")`) is kept on
/// fields, models, views, enums and enum values, and listed as the other
/// kept maps are.
#[tokio::test]
async fn maps_to_their_own_names_are_kept() {
    postgres_pull_again("identity_maps_kept", &[]).await;
}

/// A model the schema ignores by hand (`@@ignore`, though it has a primary
/// key) keeps it, and the relation fields that point at it stay `@ignore`,
/// as Prisma's validator requires. Prisma 6.19.3 drops that `@ignore` and
/// writes a schema its own `validate` refuses: ours keeps it, on purpose.
#[tokio::test]
async fn fields_pointing_at_an_ignored_model_stay_ignored() {
    let keeps_ignore = [("legacy  Legacy[]\n", "legacy  Legacy[]  @ignore\n")];
    let Some((db, project)) = postgres_pull_again("ignored_model_back_relation", &keeps_ignore).await else {
        return;
    };
    let valid = migrate_on(&project.0, &db.url, &["validate"]);
    assert!(valid.status.success(), "{}", utf8(&valid.stderr));
}

/// Implicit many-to-many relations the schema has keep their field names
/// and get their relation name written out (`@relation("PostToTag")`), as
/// Prisma 6.19.3 writes them on a pull over a schema. On a relation of a
/// model with itself, Prisma loses the schema's field names (`User_A`,
/// `User_B`): ours keeps them, on purpose.
#[tokio::test]
async fn many_to_many_relations_keep_their_fields_and_are_named() {
    let self_relation_names_kept = [(
        "  id     Int    @id\n  User_A User[] @relation(\"Follows\")\n  User_B User[] @relation(\"Follows\")\n",
        "  id        Int    @id\n  followers User[] @relation(\"Follows\")\n  following User[] @relation(\"Follows\")\n",
    )];
    postgres_pull_again("many_to_many_named", &self_relation_names_kept).await;
}

/// Without foreign keys, the relations come from the schema pulled over,
/// each model's in the order it had them, and each copied relation
/// field's model is listed. Prisma 6.19.3 lists the same models in an
/// order of its own (neither the file's nor the tables'): the lists are
/// compared as sets with counts.
#[test]
fn relations_are_copied_in_prisma_relation_mode() {
    let fixture = "relation_mode_prisma";
    let project = TempDir::new("pull-again-relation-mode-db");
    let file = project.0.join("library.db");
    let sql = fixture_file(fixture, "sqlite.sql");
    rusqlite::Connection::open(&file).unwrap().execute_batch(&sql).unwrap();
    let url = format!("file:{}", file.display());
    let (pulled, warnings) = pull_again(fixture, DbKind::Sqlite, &url, &[]);
    let items = |text: &str| {
        let mut items: Vec<String> = text
            .lines()
            .filter(|l| l.starts_with("  - "))
            .map(str::to_string)
            .collect();
        items.sort();
        items
    };
    let golden = golden_warnings(fixture, DbKind::Sqlite);
    assert_eq!(items(&warnings), items(&golden), "{warnings}");
    let heading = |text: &str| text.lines().nth(2).map(str::to_string);
    assert_eq!(heading(&warnings), heading(&golden));
    assert_no_drift(&pulled.0, &url, "prisma/schema.prisma");
}

/// Over a schema that has every model, enum and view already, Prisma 6.19.3
/// adds no note above them but the expression index's (check constraints,
/// comments, row level security, partitions... are noted above new blocks
/// only), and warns of all of them.
#[tokio::test]
async fn notes_go_above_new_blocks_only() {
    postgres_pull_again("notes_kept_off_existing_models", &[]).await;
}

/// Several database schemas with tables and enum types of one name: only
/// the new blocks whose names would clash (with each other, or with a block
/// the schema has) are named `<schema>_<name>`; a table whose twin the
/// schema maps to a name of its own keeps its name, as Prisma 6.19.3 names
/// them.
#[tokio::test]
async fn twins_in_several_schemas_are_renamed_only_where_names_clash() {
    postgres_pull_again("several_schemas_twins", &[]).await;
}
