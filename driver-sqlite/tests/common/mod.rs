//! Builders for hand-made schemas and a real in-memory SQLite database to run
//! every rendered script on.
#![allow(dead_code)]

use migrate_core::diff::Op;
use migrate_core::driver::FieldTypeRef;
use migrate_core::schema::{
    Column, DefaultValue, ForeignKey, Index, IndexColumn, IndexKind, ReferentialAction, SortOrder, Table,
};
use rusqlite::types::Value;
use rusqlite::Connection;

// Each test binary uses some of these.
migrate_core::bind_dialect_builders!(driver_sqlite::SqliteDialect);

/// A required column of a Prisma enum (text on SQLite).
pub fn enum_column(name: &str, enum_name: &str, values: &[&str]) -> Column {
    let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    let field = FieldTypeRef::Enum {
        namespace: Default::default(),
        name: enum_name,
        values: &values,
        list: false,
    };
    typed(name, field)
}

/// A required `Unsupported("...")` column.
pub fn unsupported(name: &str, sql: &str) -> Column {
    typed(name, FieldTypeRef::Unsupported(sql))
}

pub fn expression(text: &str) -> DefaultValue {
    DefaultValue::Expression(text.to_string())
}

/// `Post.authorId` referencing `User.id`, with Prisma's default actions
/// (`ON DELETE RESTRICT ON UPDATE CASCADE`).
pub fn post_author_key() -> ForeignKey {
    foreign_key(
        "Post_authorId_fkey",
        &["authorId"],
        ("User", &["id"]),
        ReferentialAction::Restrict,
        ReferentialAction::Cascade,
    )
}

/// `User(id INTEGER autoincrement pk, email unique, name?)`.
pub fn user_table() -> Table {
    let mut user = table(
        "User",
        vec![int("id").auto_increment(), text("email"), text("name").nullable()],
        &["id"],
    );
    user.indexes
        .push(index("User_email_key", IndexKind::Unique, &["email"]));
    user
}

pub fn index(name: &str, kind: IndexKind, columns: &[&str]) -> Index {
    Index {
        name: name.to_string(),
        kind,
        columns: columns.iter().map(|c| IndexColumn::named(*c)).collect(),
        algorithm: None,
        constraint: false,
    }
}

pub fn sorted(mut index: Index, sorts: &[Option<SortOrder>]) -> Index {
    for (column, sort) in index.columns.iter_mut().zip(sorts) {
        column.sort = *sort;
    }
    index
}

pub fn foreign_key(
    name: &str,
    columns: &[&str],
    referenced: (&str, &[&str]),
    on_delete: ReferentialAction,
    on_update: ReferentialAction,
) -> ForeignKey {
    ForeignKey {
        referenced_namespace: Default::default(),
        name: name.to_string(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        referenced_table: referenced.0.to_string(),
        referenced_columns: referenced.1.iter().map(|c| c.to_string()).collect(),
        on_delete,
        on_update,
    }
}

/// An empty in-memory database with foreign keys enforced.
pub fn database() -> Connection {
    let db = Connection::open_in_memory().expect("open in-memory database");
    db.execute_batch("PRAGMA foreign_keys=ON;")
        .expect("enable foreign keys");
    db
}

/// Runs a script the way apply does on SQLite: as one batch.
pub fn apply(db: &Connection, script: &str) {
    if let Err(e) = db.execute_batch(script) {
        panic!("script failed: {e}\n{script}");
    }
}

/// Creates `tables` (rendered as a plan of `CreateTable` and `CreateIndex`
/// steps) and returns the script.
pub fn create(db: &Connection, tables: &[Table]) -> String {
    let mut ops: Vec<Op> = tables.iter().cloned().map(Op::CreateTable).collect();
    for t in tables {
        ops.extend(t.indexes.iter().map(|i| Op::CreateIndex {
            table: t.qualified_name(),
            index: i.clone(),
        }));
    }
    let script = render(&ops);
    apply(db, &script);
    script
}

/// Every row of `sql`, every column as a dynamic value.
pub fn rows(db: &Connection, sql: &str) -> Vec<Vec<Value>> {
    let mut statement = db.prepare(sql).expect("prepare");
    let width = statement.column_count();
    statement
        .query_map([], |row| (0..width).map(|i| row.get::<_, Value>(i)).collect())
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// The names of the user tables and indexes, sorted.
pub fn objects(db: &Connection) -> Vec<String> {
    rows(
        db,
        "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1",
    )
    .into_iter()
    .map(|r| match &r[0] {
        Value::Text(t) => t.clone(),
        other => format!("{other:?}"),
    })
    .collect()
}

pub fn t(text: &str) -> Value {
    Value::Text(text.to_string())
}

pub fn i(n: i64) -> Value {
    Value::Integer(n)
}
