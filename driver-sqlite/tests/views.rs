//! Views of real SQLite databases, as `db pull` reads them with the `views`
//! preview feature: by name, their columns typed as table columns of the
//! same declared type (nullable, without defaults), their queries as
//! Prisma 6.19.3 writes them (sqlparser's rendering of the `CREATE VIEW`'s
//! query, then `;`); and that tables and views do not mix.

mod common;

use common::{apply, database};
use driver_sqlite::introspect::{introspect, introspect_views};
use driver_sqlite::{SqliteDriver, SqliteUrl};
use migrate_core::driver::Driver;
use migrate_core::schema::{Column, ColumnType, ScalarType, TypeFamily, View};
use rusqlite::Connection;

/// A table of every kind of column a view selects from, and `Post` to join.
const TABLES: &str = "
CREATE TABLE \"Item\" (
    \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    \"count\" INT NOT NULL DEFAULT 0,
    \"label\" TEXT NOT NULL DEFAULT 'x',
    \"code\" VARCHAR(20),
    \"price\" DECIMAL(10,2) NOT NULL DEFAULT 1.5,
    \"active\" BOOLEAN NOT NULL DEFAULT true,
    \"createdAt\" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    \"doc\" JSONB,
    \"plainJson\" JSON
);
CREATE TABLE \"Post\" (
    \"id\" INTEGER NOT NULL PRIMARY KEY,
    \"itemId\" INTEGER NOT NULL REFERENCES \"Item\" (\"id\"),
    \"title\" TEXT NOT NULL
);
";

fn views(db: &Connection) -> Vec<View> {
    introspect_views(db).unwrap_or_else(|e| panic!("introspect_views: {e}"))
}

fn ty(family: TypeFamily, sql: &str) -> ColumnType {
    ColumnType {
        family,
        sql: sql.to_string(),
        list: false,
    }
}

fn scalar(scalar: ScalarType, sql: &str) -> ColumnType {
    ty(TypeFamily::Scalar(scalar), sql)
}

/// A view column: nullable, no default, no auto-increment.
fn view_column(name: &str, ty: ColumnType) -> Column {
    Column {
        name: name.to_string(),
        ty,
        nullable: true,
        default: None,
        auto_increment: false,
        sequence: None,
    }
}

fn names(views: &[View]) -> Vec<&str> {
    views.iter().map(|v| v.name.as_str()).collect()
}

#[test]
fn a_view_over_every_column_kind_types_its_columns_as_the_table_does() {
    let db = database();
    apply(&db, TABLES);
    apply(&db, "CREATE VIEW \"ItemView\" AS SELECT * FROM \"Item\";");
    let expected = View {
        commented: false,
        namespace: None,
        enums: Vec::new(),
        name: "ItemView".into(),
        columns: vec![
            view_column("id", scalar(ScalarType::Int, "INTEGER")),
            view_column("count", scalar(ScalarType::Int, "INTEGER")),
            view_column("label", scalar(ScalarType::String, "TEXT")),
            view_column("code", scalar(ScalarType::String, "TEXT")),
            view_column("price", scalar(ScalarType::Decimal, "DECIMAL")),
            view_column("active", scalar(ScalarType::Boolean, "BOOLEAN")),
            view_column("createdAt", scalar(ScalarType::DateTime, "DATETIME")),
            view_column("doc", scalar(ScalarType::Json, "JSONB")),
            view_column("plainJson", ty(TypeFamily::Unsupported, "json")),
        ],
        definition: "SELECT * FROM \"Item\";".into(),
    };
    assert_eq!(views(&db), std::slice::from_ref(&expected));

    // The same types as the table's columns: the table path converts both.
    let schema = introspect(&db).unwrap();
    let item = schema.table("Item").expect("Item");
    let table_types: Vec<&ColumnType> = item.columns.iter().map(|c| &c.ty).collect();
    let view_types: Vec<&ColumnType> = expected.columns.iter().map(|c| &c.ty).collect();
    assert_eq!(view_types, table_types);
}

#[test]
fn a_view_with_a_join_and_expressions() {
    let db = database();
    apply(&db, TABLES);
    apply(
        &db,
        "CREATE VIEW \"PostItem\" AS SELECT p.\"id\" AS \"postId\", p.title, i.label AS \"itemLabel\", \
         i.price * 2 AS \"double\", upper(p.title) FROM \"Post\" AS p JOIN \"Item\" AS i ON i.id = p.\"itemId\" \
         WHERE i.active = 1;",
    );
    let expected = View {
        commented: false,
        namespace: None,
        enums: Vec::new(),
        name: "PostItem".into(),
        columns: vec![
            view_column("postId", scalar(ScalarType::Int, "INTEGER")),
            view_column("title", scalar(ScalarType::String, "TEXT")),
            view_column("itemLabel", scalar(ScalarType::String, "TEXT")),
            // An expression has no declared type: unsupported, as a table
            // column without one.
            view_column("double", ty(TypeFamily::Unsupported, "")),
            view_column("upper(p.title)", ty(TypeFamily::Unsupported, "")),
        ],
        definition: "SELECT p.\"id\" AS \"postId\", p.title, i.label AS \"itemLabel\", i.price * 2 AS \"double\", \
                     upper(p.title) FROM \"Post\" AS p JOIN \"Item\" AS i ON i.id = p.\"itemId\" WHERE i.active = 1;"
            .into(),
    };
    assert_eq!(views(&db), [expected]);
}

#[test]
fn odd_names_come_back_as_they_are_in_byte_order() {
    let db = database();
    apply(&db, TABLES);
    apply(
        &db,
        "CREATE VIEW \"odd \"\"view\"\" name\" AS SELECT \"label\" AS \"the label\" FROM \"Item\";\n\
         CREATE VIEW `b` AS SELECT 1 AS one;\n\
         CREATE VIEW [A] AS SELECT id FROM \"Post\";\n\
         CREATE VIEW \"Zed\" AS SELECT id FROM \"Post\";",
    );
    let views = views(&db);
    assert_eq!(names(&views), ["A", "Zed", "b", "odd \"view\" name"]);
    let odd = &views[3];
    assert_eq!(
        odd.columns,
        [view_column("the label", scalar(ScalarType::String, "TEXT"))]
    );
    assert_eq!(odd.definition, "SELECT \"label\" AS \"the label\" FROM \"Item\";");
    assert_eq!(views[0].definition, "SELECT id FROM \"Post\";");
    assert_eq!(views[2].definition, "SELECT 1 AS one;");
}

/// The stored statement keeps its spelling; the definition is sqlparser's.
#[test]
fn lowercase_keywords_and_odd_whitespace_come_back_in_sqlparsers_spelling() {
    let db = database();
    apply(&db, TABLES);
    apply(
        &db,
        "create   view  lowered\n  as\n\tselect   id,title   from  \"Post\"\n   where  id>1   order by  title  desc;",
    );
    let stored: String = db
        .query_row("SELECT sql FROM sqlite_schema WHERE name = 'lowered'", [], |r| r.get(0))
        .unwrap();
    // SQLite rewrites the statement's first words, never the query.
    assert!(
        stored.ends_with("lowered\n  as\n\tselect   id,title   from  \"Post\"\n   where  id>1   order by  title  desc"),
        "{stored}"
    );
    let views = views(&db);
    assert_eq!(
        views[0].definition,
        "SELECT id, title FROM \"Post\" WHERE id > 1 ORDER BY title DESC;"
    );
    assert_eq!(
        views[0].columns,
        [
            view_column("id", scalar(ScalarType::Int, "INTEGER")),
            view_column("title", scalar(ScalarType::String, "TEXT")),
        ]
    );
}

/// A view whose text sqlparser does not read as one `CREATE VIEW` keeps
/// its stored text, without a `;` added.
#[test]
fn a_view_sqlparser_cannot_read_keeps_its_stored_text() {
    let db = database();
    apply(&db, TABLES);
    // SQLite's postfix `ISNULL`: sqlparser reads no such operator.
    apply(
        &db,
        "CREATE VIEW \"untitled\" AS SELECT id FROM \"Post\" WHERE title  ISNULL;",
    );
    let views = views(&db);
    assert_eq!(
        views[0].definition,
        "CREATE VIEW \"untitled\" AS SELECT id FROM \"Post\" WHERE title  ISNULL"
    );
    assert_eq!(
        views[0].columns,
        [view_column("id", scalar(ScalarType::Int, "INTEGER"))]
    );
}

/// Views are not tables, tables are not views, and a temporary view (of
/// the `temp` schema) is not among the main schema's views.
#[test]
fn tables_and_views_do_not_mix_and_temporary_views_are_left_out() {
    let db = database();
    apply(&db, TABLES);
    let before = introspect(&db).unwrap();
    apply(
        &db,
        "CREATE VIEW \"ItemView\" AS SELECT * FROM \"Item\";\n\
         CREATE TEMP VIEW \"TempView\" AS SELECT 1 AS one;\n\
         CREATE TEMP VIEW \"ItemViewTemp\" AS SELECT id FROM \"Post\";",
    );
    assert_eq!(introspect(&db).unwrap(), before);
    let views = views(&db);
    assert_eq!(names(&views), ["ItemView"]);
    assert_eq!(views[0].columns.len(), 9);
}

#[test]
fn a_database_without_views_has_none() {
    let db = database();
    assert_eq!(views(&db), []);
    apply(&db, TABLES);
    assert_eq!(views(&db), []);
}

/// SQLite works a view's columns out by compiling its query: a view over a
/// dropped table fails as selecting from it does.
#[test]
fn a_view_over_a_dropped_table_is_an_error() {
    let db = database();
    apply(
        &db,
        "CREATE TABLE gone (a INT);\nCREATE VIEW broken AS SELECT a FROM gone;\nDROP TABLE gone;",
    );
    let error = introspect_views(&db).unwrap_err();
    assert!(error.to_string().contains("no such table"), "{error}");
    assert_eq!(introspect(&db).unwrap().tables, [], "tables still read");
}

/// Through the driver, on its own connection thread, on a file.
#[tokio::test]
async fn the_driver_reads_the_views_of_its_file() {
    let dir = std::env::temp_dir().join(format!("migrate-views-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("dev.db");
    let _ = std::fs::remove_file(&path);
    let mut driver = SqliteDriver::open(&SqliteUrl::File(path.clone())).unwrap();
    driver.apply_script(TABLES).await.unwrap();
    driver
        .apply_script("CREATE VIEW \"TitleView\" AS SELECT title FROM \"Post\";")
        .await
        .unwrap();
    let views = driver.introspect_views().await.unwrap();
    assert_eq!(
        views,
        [View {
            commented: false,
            namespace: None,
            enums: Vec::new(),
            name: "TitleView".into(),
            columns: vec![view_column("title", scalar(ScalarType::String, "TEXT"))],
            definition: "SELECT title FROM \"Post\";".into(),
        }]
    );
    let tables: Vec<String> = driver
        .introspect()
        .await
        .unwrap()
        .tables
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(tables, ["Item", "Post"]);
    drop(driver);
    let _ = std::fs::remove_dir_all(&dir);
}
