//! Every fixture schema through the offline pipeline. SQLite fixtures are
//! rendered, snapshotted and executed on an in-memory database; PostgreSQL
//! and MySQL fixtures are validated. Evolutions (before → after) are applied
//! to a database holding rows, which must survive.

use migrate_core::psl::datamodel::Provider;
use migrate_core::schema::Schema;
use migrate_tests::*;
use std::collections::BTreeSet;

/// Validates the fixture, renders its schema from empty, executes the SQL,
/// and checks that the database is the lowered schema and that diffing the
/// schema against itself plans nothing.
fn check_sqlite_fixture(name: &str) {
    let fixture = fixtures_in("schemas")
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"));
    let valid = fixture
        .validate()
        .unwrap_or_else(|e| panic!("{name} does not validate:\n{e}"));
    assert_eq!(
        provider(&valid),
        Some(Provider::Sqlite),
        "{name} is not a SQLite fixture"
    );
    let schema = lower_sqlite(&valid);
    let sql = render_sqlite(&plan_sqlite(&Schema::default(), &schema));
    insta::assert_snapshot!(name, sql);

    let db = memory_db();
    db.execute_batch(&sql)
        .unwrap_or_else(|e| panic!("SQLite rejects the script of {name}: {e}\n{sql}"));
    assert_database_is(&db, &schema, name);
    let again = plan_sqlite(&schema, &schema);
    assert!(
        again.is_empty(),
        "{name}: diffing the schema against itself plans {again:?}"
    );
}

/// The tables, columns and indexes of the database are those of `schema`.
fn assert_database_is(db: &rusqlite::Connection, schema: &Schema, name: &str) {
    let mut lowered: Vec<String> = schema.tables.iter().map(|t| t.name.clone()).collect();
    lowered.sort();
    assert_eq!(table_names(db), lowered, "{name}: tables in the database");
    for table in &schema.tables {
        let expected: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            column_names(db, &table.name),
            expected,
            "{name}: columns of {}",
            table.name
        );
        let expected: BTreeSet<&str> = table.indexes.iter().map(|i| i.name.as_str()).collect();
        let actual = index_names(db, &table.name);
        assert_eq!(
            actual.iter().map(String::as_str).collect::<BTreeSet<_>>(),
            expected,
            "{name}: indexes of {}",
            table.name
        );
        let fks = db.query_row(
            "SELECT COUNT(DISTINCT id) FROM pragma_foreign_key_list(?1)",
            [&table.name],
            |r| r.get::<_, usize>(0),
        );
        assert_eq!(
            fks.expect("foreign key list"),
            table.foreign_keys.len(),
            "{name}: foreign keys of {}",
            table.name
        );
    }
}

fn column_names(db: &rusqlite::Connection, table: &str) -> Vec<String> {
    let mut stmt = db
        .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
        .expect("table_info");
    let rows = stmt.query_map([table], |r| r.get::<_, String>(0)).expect("columns");
    rows.map(|r| r.expect("column")).collect()
}

fn index_names(db: &rusqlite::Connection, table: &str) -> Vec<String> {
    let sql =
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND name NOT LIKE 'sqlite_autoindex_%'";
    let mut stmt = db.prepare(sql).expect("indexes");
    let rows = stmt.query_map([table], |r| r.get::<_, String>(0)).expect("indexes");
    rows.map(|r| r.expect("index")).collect()
}

macro_rules! sqlite_fixtures {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_sqlite_fixture(stringify!($name));
            }
        )*

        /// Every SQLite fixture in the folder has a test above.
        #[test]
        fn every_sqlite_fixture_has_a_test() {
            let listed: BTreeSet<&str> = [$(stringify!($name)),*].into_iter().collect();
            let on_disk: BTreeSet<String> = fixtures_in("schemas")
                .into_iter()
                .filter(|f| f.validate().ok().and_then(|v| provider(&v)) == Some(Provider::Sqlite))
                .map(|f| f.name)
                .collect();
            assert_eq!(on_disk.iter().map(String::as_str).collect::<BTreeSet<_>>(), listed, "add new fixtures to sqlite_fixtures!");
        }
    };
}

sqlite_fixtures!(
    auth_sessions,
    blog,
    defaults_everything,
    generators_and_docs,
    ignore_and_unsupported,
    indexes_and_keys,
    legacy_spellings,
    many_to_many,
    mapped_names,
    multi_file,
    one_to_one,
    referential_actions,
    relation_mode_prisma,
    saas_multi_tenant,
    shop,
    social_graph,
    views,
);

#[test]
fn every_fixture_validates_without_errors() {
    let fixtures = fixtures_in("schemas");
    let mut providers = Vec::new();
    for fixture in &fixtures {
        match fixture.validate() {
            Ok(valid) => providers.push(provider(&valid)),
            Err(e) => panic!("{} does not validate:\n{e}", fixture.name),
        }
    }
    let count = |p| providers.iter().filter(|x| **x == Some(p)).count();
    assert!(count(Provider::Sqlite) >= 15, "at least 15 SQLite fixtures");
    assert!(
        count(Provider::Postgres) >= 1 && count(Provider::Mysql) >= 1,
        "PostgreSQL and MySQL fixtures"
    );
}

#[test]
fn the_multi_file_fixture_is_several_files() {
    let fixture = fixtures_in("schemas")
        .into_iter()
        .find(|f| f.name == "multi_file")
        .expect("multi_file");
    assert!(fixture.files().len() >= 3);
    let valid = fixture.validate().expect("valid");
    assert_eq!(valid.datamodel.models.len(), 4, "models from every file");
    assert_eq!(valid.datamodel.enums.len(), 1);
}

#[test]
fn views_are_kept_but_not_migrated() {
    let fixture = fixtures_in("schemas")
        .into_iter()
        .find(|f| f.name == "views")
        .expect("views");
    let valid = fixture.validate().expect("valid");
    assert_eq!(valid.datamodel.views.len(), 2);
    let schema = lower_sqlite(&valid);
    assert!(schema.table("DepartmentPayroll").is_none() && schema.table("employee_directory").is_none());
}

/// Applies `before`, inserts `seed.sql`, applies the diff to `after`, then
/// checks that every table kept its rows and that each query of
/// `expect.sql` returns true.
fn check_evolution(name: &str) {
    let (_, before, after) = evolutions()
        .into_iter()
        .find(|(n, ..)| n == name)
        .unwrap_or_else(|| panic!("no evolution {name}"));
    let dir = before.path.parent().expect("evolution folder").to_path_buf();
    let lowered = |f: &Fixture| lower_sqlite(&f.validate().unwrap_or_else(|e| panic!("{}:\n{e}", f.name)));
    let (from, to) = (lowered(&before), lowered(&after));
    let create = render_sqlite(&plan_sqlite(&Schema::default(), &from));
    let migrate = render_sqlite(&plan_sqlite(&from, &to));
    assert!(!migrate.trim().is_empty(), "{name}: the evolution plans nothing");
    insta::assert_snapshot!(format!("evolution_{name}"), migrate);

    let db = memory_db();
    db.execute_batch(&create)
        .unwrap_or_else(|e| panic!("{name}: before.prisma's script fails: {e}"));
    db.execute_batch(&read(&dir.join("seed.sql")))
        .unwrap_or_else(|e| panic!("{name}: seed.sql fails: {e}"));
    let counts: Vec<(String, i64)> = table_names(&db)
        .into_iter()
        .map(|t| (row_count(&db, &t), t))
        .map(|(c, t)| (t, c))
        .collect();
    db.execute_batch(&migrate)
        .unwrap_or_else(|e| panic!("{name}: the migration fails: {e}\n{migrate}"));

    assert_database_is(&db, &to, name);
    for (table, rows) in counts.iter().filter(|(t, _)| to.table(t).is_some()) {
        assert_eq!(row_count(&db, table), *rows, "{name}: rows of {table} survive");
    }
    let violations: i64 = db
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .expect("foreign_key_check");
    assert_eq!(violations, 0, "{name}: foreign keys hold after the migration");
    for query in read(&dir.join("expect.sql")).lines().filter(|l| !l.trim().is_empty()) {
        let ok: bool = db
            .query_row(query, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{name}: {query}: {e}"));
        assert!(ok, "{name}: expected true: {query}\nafter:\n{migrate}");
    }
    assert!(
        plan_sqlite(&to, &to).is_empty(),
        "{name}: after.prisma against itself plans nothing"
    );
}

macro_rules! evolutions {
    ($($name:ident),* $(,)?) => {
        mod evolution {
            $(
                #[test]
                fn $name() {
                    super::check_evolution(stringify!($name));
                }
            )*
        }

        #[test]
        fn every_evolution_has_a_test() {
            let listed: BTreeSet<&str> = [$(stringify!($name)),*].into_iter().collect();
            let names: Vec<String> = evolutions().into_iter().map(|(n, ..)| n).collect();
            assert_eq!(names.iter().map(String::as_str).collect::<BTreeSet<_>>(), listed, "add new evolutions to evolutions!");
        }
    };
}

evolutions!(
    add_and_drop_table,
    add_column,
    add_foreign_key,
    change_type,
    drop_column,
    rename_index
);
