//! The catalog queries (`src/queries/*.sql`) and their rows. Every statement
//! goes through [`Catalog::run`], which counts it: the number is the same
//! for one table or a thousand.

use migrate_core::introspection::IntrospectStats;
use rusqlite::{Connection, Row};

const TABLES: &str = migrate_core::catalog_query!("tables.sql");
const COLUMNS: &str = migrate_core::catalog_query!("columns.sql");
const INDEXES: &str = migrate_core::catalog_query!("indexes.sql");
const FOREIGN_KEYS: &str = migrate_core::catalog_query!("foreign_keys.sql");
const UNMODELLED: &str = migrate_core::catalog_query!("unmodelled.sql");

pub(super) struct TableRow {
    pub name: String,
    pub sql: String,
    pub without_rowid: bool,
}

/// One column of a table (or of a view: `table` is then the view's name).
pub(super) struct ColumnRow {
    pub table: String,
    pub name: String,
    pub declared_type: String,
    pub not_null: bool,
    pub default: Option<String>,
    /// Position in the primary key, from 1; 0 when not part of it.
    pub pk: u32,
    /// A generated column, which no schema describes.
    pub generated: bool,
}

/// One key column of one index.
pub(super) struct IndexRow {
    pub table: String,
    pub index: String,
    pub unique: bool,
    pub partial: bool,
    /// -1 for the rowid, -2 for an expression.
    pub cid: i64,
    pub column: Option<String>,
    pub desc: bool,
    /// The index of a UNIQUE constraint of the table's definition.
    pub constraint: bool,
}

/// One column of one foreign key.
pub(super) struct ForeignKeyRow {
    pub table: String,
    pub id: i64,
    pub referenced_table: String,
    pub column: String,
    /// `None` when the parent's primary key is referenced implicitly.
    pub referenced_column: Option<String>,
    pub on_delete: String,
    pub on_update: String,
}

/// A trigger or an index, with its text.
pub(super) struct UnmodelledRow {
    pub table: String,
    /// `trigger` or `index`.
    pub kind: String,
    pub name: String,
    pub sql: String,
}

/// Every row introspection needs, read in one snapshot.
pub(super) struct CatalogRows {
    pub tables: Vec<TableRow>,
    pub columns: Vec<ColumnRow>,
    pub indexes: Vec<IndexRow>,
    pub foreign_keys: Vec<ForeignKeyRow>,
    pub unmodelled: Vec<UnmodelledRow>,
}

pub(super) struct Catalog<'c> {
    conn: &'c Connection,
    pub stats: IntrospectStats,
}

impl<'c> Catalog<'c> {
    pub fn new(conn: &'c Connection) -> Self {
        Catalog {
            conn,
            stats: IntrospectStats::default(),
        }
    }

    /// All catalog rows, in one [`Catalog::snapshot`].
    pub fn read(&mut self) -> rusqlite::Result<CatalogRows> {
        self.snapshot(Self::read_rows)
    }

    /// Runs `read` so that its queries see one state of the schema: in a
    /// read transaction of its own outside a transaction, else in the
    /// caller's.
    pub fn snapshot<T>(&mut self, read: impl FnOnce(&mut Self) -> rusqlite::Result<T>) -> rusqlite::Result<T> {
        if !self.conn.is_autocommit() {
            return read(self);
        }
        self.run("BEGIN", |_| Ok(()))?;
        let rows = read(self);
        let end = if rows.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.run(end, |_| Ok(()));
        let rows = rows?;
        ended.map(|_| rows)
    }

    fn read_rows(&mut self) -> rusqlite::Result<CatalogRows> {
        Ok(CatalogRows {
            tables: self.run(TABLES, table_row)?,
            columns: self.run(COLUMNS, column_row)?,
            indexes: self.run(INDEXES, index_row)?,
            foreign_keys: self.run(FOREIGN_KEYS, foreign_key_row)?,
            unmodelled: self.run(UNMODELLED, unmodelled_row)?,
        })
    }

    /// Runs one statement and reads its rows: the only way a query is sent.
    pub fn run<T>(&mut self, sql: &str, read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>) -> rusqlite::Result<Vec<T>> {
        self.stats.statements += 1;
        let mut statement = self.conn.prepare(sql)?;
        let rows = statement.query_map([], read)?.collect::<rusqlite::Result<Vec<T>>>()?;
        self.stats.rows += rows.len();
        Ok(rows)
    }
}

fn unmodelled_row(row: &Row<'_>) -> rusqlite::Result<UnmodelledRow> {
    Ok(UnmodelledRow {
        table: row.get(0)?,
        kind: row.get(1)?,
        name: row.get(2)?,
        sql: row.get(3)?,
    })
}

fn table_row(row: &Row<'_>) -> rusqlite::Result<TableRow> {
    Ok(TableRow {
        name: row.get(0)?,
        sql: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
        without_rowid: row.get(2)?,
    })
}

pub(super) fn column_row(row: &Row<'_>) -> rusqlite::Result<ColumnRow> {
    Ok(ColumnRow {
        table: row.get(0)?,
        name: row.get(1)?,
        declared_type: row.get::<_, Option<String>>(2)?.unwrap_or_default(),
        not_null: row.get(3)?,
        default: row.get(4)?,
        pk: row.get(5)?,
        generated: row.get(6)?,
    })
}

fn index_row(row: &Row<'_>) -> rusqlite::Result<IndexRow> {
    Ok(IndexRow {
        table: row.get(0)?,
        index: row.get(1)?,
        unique: row.get(2)?,
        partial: row.get(3)?,
        cid: row.get(4)?,
        column: row.get(5)?,
        desc: row.get(6)?,
        constraint: row.get(7)?,
    })
}

fn foreign_key_row(row: &Row<'_>) -> rusqlite::Result<ForeignKeyRow> {
    Ok(ForeignKeyRow {
        table: row.get(0)?,
        id: row.get(1)?,
        referenced_table: row.get(2)?,
        column: row.get(3)?,
        referenced_column: row.get(4)?,
        on_delete: row.get(5)?,
        on_update: row.get(6)?,
    })
}
