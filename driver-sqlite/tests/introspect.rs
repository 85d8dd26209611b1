//! Introspection of real SQLite databases. Every fixture schema, rendered
//! and executed, reads back as a schema that diffs empty against the lowered
//! one (DESIGN invariant 1 for SQLite); the catalog is read in the same
//! number of statements for ten tables or a thousand; and the facts only
//! the `CREATE TABLE` text holds come back from hand-written DDL too.

mod common;

use common::*;
use driver_sqlite::introspect::{introspect, introspect_with_stats};
use driver_sqlite::SqliteDialect;
use migrate_core::diff::{diff, Op};
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::{lower::lower, parse_and_validate, read_schema};
use migrate_core::schema::{
    DefaultValue, Index, IndexColumn, IndexKind, Literal, PrimaryKey, ReferentialAction, ScalarType, Schema, SortOrder,
    Table, TypeFamily,
};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Instant;

const REFERENCE: &str = include_str!("../../../shared/reference/init.schema.prisma");

fn lowered(sources: SourceFiles) -> Schema {
    let valid = parse_and_validate(sources).unwrap_or_else(|e| panic!("{e}"));
    lower(&valid.datamodel, &SqliteDialect)
}

/// A fresh database holding `schema`, created as `migrate` creates it.
fn create_database(schema: &Schema) -> Connection {
    let db = database();
    let ops = diff(&Schema::default(), schema, &SqliteDialect);
    apply(&db, &render(&ops));
    db
}

fn read_back(db: &Connection) -> Schema {
    introspect(db).unwrap_or_else(|e| panic!("introspect: {e}"))
}

/// The ops that would turn the database into `expected`, or nothing.
fn drift(db: &Connection, expected: &Schema) -> Vec<Op> {
    diff(&read_back(db), expected, &SqliteDialect)
}

fn sqlite_fixtures() -> Vec<(String, SourceFiles)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/schemas"))
        .map(|dir| dir.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    paths.push(root.join("examples/blog/schema.prisma"));
    paths.sort();
    let mut fixtures: Vec<(String, SourceFiles)> = paths
        .iter()
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "prisma"))
        .filter_map(|p| Some((p.display().to_string(), read_schema(p).ok()?)))
        .filter(|(_, sources)| sources.files.iter().any(|f| f.text.contains("\"sqlite\"")))
        .collect();
    let reference = REFERENCE.replace("\"postgresql\"", "\"sqlite\"");
    fixtures.push((
        "reference/init.schema.prisma".into(),
        SourceFiles::single("init.prisma", reference),
    ));
    fixtures
}

#[test]
fn every_sqlite_fixture_reads_back_without_drift() {
    let fixtures = sqlite_fixtures();
    assert!(fixtures.len() > 2, "no fixtures found");
    let mut failures = Vec::new();
    for (name, sources) in fixtures {
        let schema = lowered(sources);
        let ops = drift(&create_database(&schema), &schema);
        eprintln!("{name}: {}", if ops.is_empty() { "no drift" } else { "DRIFT" });
        if !ops.is_empty() {
            failures.push(format!("{name}:\n{ops:#?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "drift after introspection:\n{}",
        failures.join("\n")
    );
}

/// `n` tables, each with an autoincrement key, defaults, a unique and a
/// descending index, and a named foreign key to the table before it.
fn many_tables(n: usize) -> String {
    let mut sql = String::new();
    for i in 0..n {
        let parent = match i {
            0 => String::new(),
            _ => format!(
                ",\n    \"parentId\" INTEGER,\n    CONSTRAINT \"t{i}_parentId_fkey\" FOREIGN KEY (\"parentId\") REFERENCES \"t{}\" (\"id\") ON DELETE SET NULL ON UPDATE CASCADE",
                i - 1
            ),
        };
        sql.push_str(&format!(
            "CREATE TABLE \"t{i}\" (\n    \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    \"name\" TEXT NOT NULL DEFAULT 'x',\n    \"at\" DATETIME DEFAULT CURRENT_TIMESTAMP{parent}\n);\n\
             CREATE UNIQUE INDEX \"t{i}_name_key\" ON \"t{i}\"(\"name\");\n\
             CREATE INDEX \"t{i}_at_idx\" ON \"t{i}\"(\"at\" DESC);\n"
        ));
    }
    sql
}

#[test]
fn statement_count_does_not_grow_with_the_table_count() {
    let count = |n: usize| {
        let db = database();
        apply(&db, &many_tables(n));
        let started = Instant::now();
        let (schema, stats) = introspect_with_stats(&db).expect("introspect");
        let elapsed = started.elapsed();
        assert_eq!(schema.tables.len(), n);
        let last = &schema.tables[n - 1];
        assert_eq!(
            (last.columns.len(), last.indexes.len(), last.foreign_keys.len()),
            (4, 2, 1)
        );
        eprintln!("{n} tables: {stats:?} in {elapsed:?}");
        stats.statements
    };
    assert_eq!(count(10), count(1_000));
}

/// Prisma 6.19.3 pulls `@default(autoincrement())` for every single key
/// column declared `INTEGER` (any case, table-level key, `DESC`, `WITHOUT
/// ROWID` alike), and for no other: `INT`, `INTEGER(10)`, a composite key.
#[test]
fn a_single_integer_key_auto_increments() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);\n\
         CREATE TABLE b (id INTEGER NOT NULL, PRIMARY KEY (id AUTOINCREMENT));\n\
         CREATE TABLE c (id INTEGER PRIMARY KEY, \"AUTOINCREMENT\" TEXT DEFAULT 'AUTOINCREMENT');\n\
         CREATE TABLE d (id integer primary key desc);\n\
         CREATE TABLE e (id INTEGER, PRIMARY KEY (id));\n\
         CREATE TABLE f (id INTEGER PRIMARY KEY) WITHOUT ROWID;\n\
         CREATE TABLE g (id INT PRIMARY KEY);\n\
         CREATE TABLE h (id INTEGER(10) PRIMARY KEY);\n\
         CREATE TABLE i (id INTEGER, other INTEGER, PRIMARY KEY (id, other));\n\
         CREATE TABLE j (id BIGINT PRIMARY KEY);",
    );
    let schema = read_back(&db);
    let auto: Vec<bool> = schema.tables.iter().map(|t| t.columns[0].auto_increment).collect();
    assert_eq!(auto, [true, true, true, true, true, true, false, false, false, false]);
    assert!(!schema.tables[2].columns[1].auto_increment);
}

/// As with Prisma 6.19.3, an `INTEGER` key with or without AUTOINCREMENT
/// in the table, and a model with or without `@default(autoincrement())`,
/// are no change in any combination, whatever form the key takes.
#[test]
fn autoincrement_of_an_integer_key_is_no_drift() {
    let tables = [
        "CREATE TABLE t (id INTEGER PRIMARY KEY)",
        "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)",
        "CREATE TABLE t (id integer primary key)",
        "CREATE TABLE t (id INTEGER PRIMARY KEY DESC)",
        "CREATE TABLE t (id INTEGER, PRIMARY KEY (id))",
        "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY)",
        "CREATE TABLE t (id INTEGER PRIMARY KEY) WITHOUT ROWID",
    ];
    for table in tables {
        let db = database();
        apply(&db, table);
        for default in ["", " @default(autoincrement())"] {
            let schema = format!(
                "datasource db {{\n  provider = \"sqlite\"\n  url = \"file:x.db\"\n}}\n\
                 model t {{\n  id Int @id{default}\n}}\n"
            );
            let expected = lowered(SourceFiles::single("schema.prisma", schema));
            assert_eq!(drift(&db, &expected), [], "{table} against{default}");
        }
    }
}

#[test]
fn rowid_alias_and_without_rowid_keys_are_not_nullable() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE a (id INTEGER PRIMARY KEY, other INTEGER);\n\
         CREATE TABLE b (id TEXT PRIMARY KEY);\n\
         CREATE TABLE c (id TEXT PRIMARY KEY) WITHOUT ROWID;",
    );
    let nullable: Vec<bool> = read_back(&db).tables.iter().map(|t| t.columns[0].nullable).collect();
    assert_eq!(nullable, [false, true, false]);
}

#[test]
fn foreign_key_names_come_from_quoted_identifiers() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE \"Par ent\" (\"id\" INTEGER PRIMARY KEY, \"k\" TEXT, \"l\" TEXT, UNIQUE (\"k\", \"l\"));\n\
         CREATE TABLE \"Ch\"\"ild\" (\n\
             \"a b\" INTEGER CONSTRAINT [inline, name] REFERENCES \"Par ent\",\n\
             `k` TEXT, l TEXT, m INTEGER REFERENCES \"par ent\" (id) ON DELETE CASCADE,\n\
             CONSTRAINT \"my \"\"odd\"\", fk\" FOREIGN KEY (\"k\", l) REFERENCES \"Par ent\" (\"k\", \"l\") ON UPDATE SET NULL,\n\
             CONSTRAINT 'second' FOREIGN KEY (\"a b\") REFERENCES \"Par ent\" (\"id\") ON DELETE RESTRICT ON UPDATE SET DEFAULT\n\
         );",
    );
    let schema = read_back(&db);
    let child = schema.table("Ch\"ild").expect("child table");
    use ReferentialAction::*;
    let to_parent = |name: &str, columns: &[&str], referenced: &[&str], on_delete, on_update| {
        foreign_key(name, columns, ("Par ent", referenced), on_delete, on_update)
    };
    assert_eq!(
        child.foreign_keys,
        [
            to_parent("second", &["a b"], &["id"], Restrict, SetDefault),
            to_parent("my \"odd\", fk", &["k", "l"], &["k", "l"], NoAction, SetNull),
            to_parent("inline, name", &["a b"], &["id"], NoAction, NoAction),
        ],
        "SQLite's order (the last declared first, as Prisma reads them); a key without a name \
         under Prisma's default name; implicit references resolved; `REFERENCES \"par ent\"` is no \
         key, as Prisma reads it"
    );
}

/// References as Prisma 6.19.3 reads them (checked with the kit): a table
/// named in another case than its own, or one that is gone, is no key (SQLite
/// finds the first, Prisma does not: its schema has no relation there, and
/// reading one would drop the key in every diff); a first referenced column
/// not spelled as the table spells it is the primary key, as no column is.
#[test]
fn references_are_resolved_as_prisma_resolves_them() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE \"Shelf\" (\"id\" INTEGER PRIMARY KEY, \"code\" TEXT UNIQUE, \"zone\" TEXT, UNIQUE (\"code\", \"zone\"));\n\
         CREATE TABLE \"Box\" (\n\
             \"id\" INTEGER PRIMARY KEY,\n\
             \"a\" INTEGER REFERENCES shelf (\"id\"),\n\
             \"b\" INTEGER REFERENCES \"Shelf\" (\"ID\"),\n\
             \"c\" INTEGER REFERENCES \"Gone\" (\"id\"),\n\
             \"d\" TEXT, \"e\" TEXT, \"f\" TEXT, \"g\" TEXT,\n\
             FOREIGN KEY (\"d\", \"e\") REFERENCES \"Shelf\" (\"code\", \"ZONE\"),\n\
             FOREIGN KEY (\"f\", \"g\") REFERENCES \"Shelf\" (\"CODE\", \"zone\")\n\
         );",
    );
    let schema = read_back(&db);
    let keys: Vec<(Vec<String>, Vec<String>)> = schema
        .table("Box")
        .expect("Box")
        .foreign_keys
        .iter()
        .map(|fk| (fk.columns.clone(), fk.referenced_columns.clone()))
        .collect();
    let key = |columns: &[&str], referenced: &[&str]| {
        let strings = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        (strings(columns), strings(referenced))
    };
    assert_eq!(
        keys,
        [key(&["d", "e"], &["code", "zone"]), key(&["b"], &["id"])],
        "`a` (table in another case) and `c` (no such table) are no keys; `b` references the key; \
         `f, g` (first column in another case, a key of one column) is none"
    );
}

#[test]
fn composite_primary_key_in_key_order() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE t (a TEXT NOT NULL, b INTEGER NOT NULL, c TEXT, PRIMARY KEY (b, a));",
    );
    let schema = read_back(&db);
    let table = &schema.tables[0];
    assert_eq!(
        table.primary_key,
        Some(PrimaryKey {
            name: None,
            columns: vec![IndexColumn::named("b"), IndexColumn::named("a")],
        })
    );
    assert!(table.indexes.is_empty(), "the key's own index is not an index");
    assert!(table.columns.iter().all(|c| !c.auto_increment));
}

#[test]
fn index_kinds_and_sort_orders() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE t (a INT, b INT, c INT UNIQUE);\n\
         CREATE INDEX \"z idx\" ON t (a DESC, b ASC);\n\
         CREATE UNIQUE INDEX \"a_key\" ON t (b);\n\
         CREATE INDEX partial ON t (a) WHERE a > 0;\n\
         CREATE INDEX expression ON t (a + b);",
    );
    let schema = read_back(&db);
    assert_eq!(
        schema.tables[0].indexes,
        [
            index("a_key", IndexKind::Unique, &["b"]),
            sorted(
                index("z idx", IndexKind::Normal, &["a", "b"]),
                &[Some(SortOrder::Desc), None]
            ),
            Index {
                constraint: true,
                ..index("sqlite_autoindex_t_1", IndexKind::Unique, &["c"])
            },
        ],
        "index_list order (the newest first, the UNIQUE constraints' own indexes last, marked as \
         constraints); partial and expression indexes left out"
    );
}

#[test]
fn each_default_kind_reads_back() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE t (\n\
           now DATETIME DEFAULT CURRENT_TIMESTAMP, today TEXT DEFAULT current_date,\n\
           s TEXT DEFAULT 'it''s', n INTEGER DEFAULT -42, f REAL DEFAULT 1e-3, yes BOOLEAN DEFAULT TRUE,\n\
           x BLOB DEFAULT x'00FF', e INTEGER DEFAULT (abs(random()) % 100), p INTEGER DEFAULT ((1) + (2)),\n\
           c TEXT DEFAULT ('a' || 'b'), none TEXT\n\
         );",
    );
    let schema = read_back(&db);
    let defaults: Vec<Option<DefaultValue>> = schema.tables[0].columns.iter().map(|c| c.default.clone()).collect();
    let lit = |l: Literal| Some(DefaultValue::Literal(l));
    let expr = |e: &str| Some(DefaultValue::Expression(e.into()));
    assert_eq!(
        defaults,
        [
            Some(DefaultValue::Now),
            expr("current_date"),
            lit(Literal::String("it's".into())),
            lit(Literal::Number("-42".into())),
            // Prisma 6.19.3 reads a REAL's number as its value and any
            // BLOB default as an expression (`dbgenerated`).
            lit(Literal::Number("0.001".into())),
            lit(Literal::Boolean(true)),
            expr("x'00FF'"),
            expr("abs(random()) % 100"),
            expr("(1) + (2)"),
            expr("'a' || 'b'"),
            None,
        ]
    );
}

#[test]
fn every_rendered_default_kind_round_trips() {
    let columns = vec![
        int("id"),
        text("s").default(string("it's (not) \"x\"")),
        text("empty").default(string("")),
        enum_column("level", "Level", &["LOW"]).default(DefaultValue::Literal(Literal::EnumValue("LOW".into()))),
        column("json", ScalarType::Json).default(DefaultValue::Literal(Literal::Json("{\"a\": [1]}".into()))),
        column("bytes", ScalarType::Bytes).default(DefaultValue::Literal(Literal::Bytes("deadbeef".into()))),
        column("yes", ScalarType::Boolean).default(DefaultValue::Literal(Literal::Boolean(true))),
        int("negative").default(number("-42")),
        column("ratio", ScalarType::Float).default(number("0.5")),
        column("price", ScalarType::Decimal).default(number("19.99")),
        column("at", ScalarType::DateTime).default(DefaultValue::Now),
        int("random").default(expression("abs(random()) % 100")),
        text("today").default(expression("CURRENT_DATE")),
        int("parenthesized").default(expression("(1) + (2)")),
        text("concat").default(expression("('a' || 'b')")),
    ];
    let schema = Schema {
        namespaces: Default::default(),
        session_namespace: None,
        tables: vec![table("t", columns, &["id"])],
        enums: Vec::new(),
        extensions: Vec::new(),
        notes: Default::default(),
        manages_extensions: false,
    };
    let db = create_database(&schema);
    assert_eq!(drift(&db, &schema), []);
}

#[test]
/// Prisma 6.19.3's names read back as their scalar, in the renderer's
/// spelling; anything else is unsupported and lowercased, as Prisma names
/// it (`DOUBLE PRECISION` and `UNSIGNED BIG INT` are not Prisma's names).
fn odd_type_spellings_map_to_families() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE t (a VARCHAR(20), b int, c \"DOUBLE PRECISION\", d DOUBLE  PRECISION, e integer,\n\
           f NUMERIC(10, 2), g timestamp, h circle, i, j UNSIGNED BIG INT, k Text);",
    );
    let schema = read_back(&db);
    let types: Vec<(&str, TypeFamily)> = schema.tables[0]
        .columns
        .iter()
        .map(|c| (c.ty.sql.as_str(), c.ty.family.clone()))
        .collect();
    let scalar = TypeFamily::Scalar;
    assert_eq!(
        types,
        [
            ("TEXT", scalar(ScalarType::String)),
            ("INTEGER", scalar(ScalarType::Int)),
            ("double precision", TypeFamily::Unsupported),
            ("double  precision", TypeFamily::Unsupported),
            ("INTEGER", scalar(ScalarType::Int)),
            ("DECIMAL", scalar(ScalarType::Decimal)),
            ("DATETIME", scalar(ScalarType::DateTime)),
            ("circle", TypeFamily::Unsupported),
            ("", TypeFamily::Unsupported),
            ("unsigned big int", TypeFamily::Unsupported),
            ("TEXT", scalar(ScalarType::String)),
        ]
    );
}

#[test]
fn only_the_users_tables_of_the_main_schema() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE \"_prisma_migrations\" (id TEXT PRIMARY KEY);\n\
         CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT);\n\
         INSERT INTO counted DEFAULT VALUES;\n\
         CREATE VIRTUAL TABLE search USING fts5(body);\n\
         CREATE VIEW v AS SELECT 1;\n\
         CREATE TEMP TABLE counted (shadowing TEXT);\n\
         CREATE TABLE sqliteish (id INTEGER);",
    );
    let names: Vec<String> = read_back(&db).tables.into_iter().map(|t| t.name).collect();
    assert_eq!(names, ["counted", "sqliteish"]);
    let counted = read_back(&db);
    assert_eq!(counted.tables[0].columns[0].name, "id", "main, not the temp table");
}

#[test]
fn reads_inside_an_open_transaction_and_on_a_file() {
    let dir = std::env::temp_dir().join(format!("migrate-introspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("dev.db");
    let _ = std::fs::remove_file(&path);
    let db = Connection::open(&path).expect("open file");
    apply(&db, "CREATE TABLE a (id INTEGER PRIMARY KEY);");
    db.execute_batch("BEGIN; CREATE TABLE b (id INTEGER PRIMARY KEY);")
        .expect("begin");
    assert_eq!(read_back(&db).tables.len(), 2, "sees its own uncommitted table");
    db.execute_batch("COMMIT").expect("still in the caller's transaction");
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reference_schema_snapshot() {
    let reference = REFERENCE.replace("\"postgresql\"", "\"sqlite\"");
    let schema = lowered(SourceFiles::single("init.prisma", reference));
    let introspected = read_back(&create_database(&schema));
    insta::assert_debug_snapshot!(introspected);
}

/// Tables come by name in byte order, as Prisma's describer lists them:
/// the places a plan from this database is sorted by.
#[test]
fn tables_come_in_name_order() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE z (a INT); CREATE TABLE a (b INT); CREATE TABLE m (c INT); CREATE TABLE \"B\" (c INT);",
    );
    let names: Vec<String> = read_back(&db).tables.into_iter().map(|t: Table| t.name).collect();
    assert_eq!(names, ["B", "a", "m", "z"]);
}
