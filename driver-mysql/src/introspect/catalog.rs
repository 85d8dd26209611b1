//! The `information_schema` queries (`src/queries/*.sql`) and their rows.
//! Each query covers the whole database: their number does not grow with
//! the number of tables.

use crate::connected::Session;
use mysql_async::Error;
use std::collections::HashMap;

const VERSION: &str = include_str!("../queries/version.sql");
const TABLES: &str = include_str!("../queries/tables.sql");
const COLUMNS: &str = include_str!("../queries/columns.sql");
const INDEXES: &str = include_str!("../queries/indexes.sql");
const FOREIGN_KEYS: &str = include_str!("../queries/foreign_keys.sql");
const FOREIGN_KEY_ACTIONS: &str = include_str!("../queries/foreign_key_actions.sql");
const JSON_CHECKS: &str = include_str!("../queries/json_checks.sql");
const VIEWS: &str = include_str!("../queries/views.sql");

/// Which server answers: they spell defaults and JSON differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavour {
    Mysql,
    Mariadb,
}

impl Flavour {
    /// From `VERSION()`: `10.11.6-MariaDB-0+deb12u1`, `8.0.36`.
    pub fn from_version(version: &str) -> Flavour {
        if version.to_ascii_lowercase().contains("mariadb") {
            Flavour::Mariadb
        } else {
            Flavour::Mysql
        }
    }
}

/// One column of a table (or of a view: `table` is then the view's name).
pub(super) struct ColumnRow {
    pub table: String,
    pub name: String,
    pub nullable: bool,
    /// `DATA_TYPE`: `int`, `varchar`, `enum`.
    pub data_type: String,
    /// `COLUMN_TYPE`: `int(10) unsigned`, `varchar(191)`, `enum('A','B')`.
    pub column_type: String,
    /// `COLUMN_DEFAULT` as the server prints it; bytes, for binary columns'
    /// defaults are not text.
    pub default: Option<Vec<u8>>,
    /// `EXTRA`: `auto_increment`, `DEFAULT_GENERATED`, `on update ...`.
    pub extra: String,
}

/// One key column of one index.
pub(super) struct IndexRow {
    pub table: String,
    pub index: String,
    pub unique: bool,
    /// `INDEX_TYPE`: `BTREE`, `FULLTEXT`, `SPATIAL`, `HASH`.
    pub index_type: String,
    /// `None` for a functional key part.
    pub column: Option<String>,
    pub descending: bool,
    pub length: Option<u32>,
}

/// One column of one foreign key.
pub(super) struct ForeignKeyRow {
    pub table: String,
    pub name: String,
    pub referenced_table: String,
    pub column: String,
    pub referenced_column: String,
    pub actions: Actions,
}

/// A foreign key's `DELETE_RULE` and `UPDATE_RULE`: `CASCADE`, `SET NULL`,
/// `SET DEFAULT`, `RESTRICT`, `NO ACTION`.
#[derive(Debug, Clone, Default)]
pub(super) struct Actions {
    pub on_delete: String,
    pub on_update: String,
}

/// A table's `CHECK (json_valid(...))` clause (MariaDB).
pub(super) struct CheckRow {
    pub table: String,
    pub clause: String,
}

/// Every row introspection needs.
pub(super) struct CatalogRows {
    pub flavour: Flavour,
    pub tables: Vec<String>,
    pub columns: Vec<ColumnRow>,
    pub indexes: Vec<IndexRow>,
    pub foreign_keys: Vec<ForeignKeyRow>,
    pub checks: Vec<CheckRow>,
}

/// One view.
pub(super) struct ViewRow {
    pub name: String,
    /// `VIEW_DEFINITION`: the query as the server rewrote it.
    pub definition: String,
}

/// Every row view introspection needs.
pub(super) struct ViewCatalogRows {
    pub flavour: Flavour,
    /// By name (bytes).
    pub views: Vec<ViewRow>,
    /// Every column of the database, tables' too, as [`read`] reads them.
    pub columns: Vec<ColumnRow>,
}

/// Whether the database has one of the tables [`read`] reads.
pub(super) async fn has_tables(session: &mut Session, database: &str) -> Result<bool, Error> {
    let tables: Vec<String> = session.exec(TABLES, (database,)).await?;
    Ok(!tables.is_empty())
}

pub(super) async fn read(session: &mut Session, database: &str) -> Result<CatalogRows, Error> {
    let version: Vec<String> = session.query(VERSION).await?;
    let flavour = Flavour::from_version(version.first().map_or("", String::as_str));
    let param = (database,);
    let tables: Vec<String> = session.exec(TABLES, param).await?;
    let columns = columns(session, database).await?;
    let indexes = session.exec(INDEXES, param).await?.into_iter().map(index_row).collect();
    let actions = session
        .exec(FOREIGN_KEY_ACTIONS, param)
        .await?
        .into_iter()
        .map(actions_row)
        .collect();
    let foreign_keys = foreign_key_rows(session.exec(FOREIGN_KEYS, param).await?, actions);
    let checks = match flavour {
        Flavour::Mariadb => session
            .exec(JSON_CHECKS, param)
            .await?
            .into_iter()
            .map(check_row)
            .collect(),
        Flavour::Mysql => Vec::new(),
    };
    Ok(CatalogRows {
        flavour,
        tables,
        columns,
        indexes,
        foreign_keys,
        checks,
    })
}

/// The views of the database named `database`, and its columns, in two
/// queries.
pub(super) async fn read_views(session: &mut Session, database: &str) -> Result<ViewCatalogRows, Error> {
    let views = session
        .exec(VIEWS, (database,))
        .await?
        .into_iter()
        .map(view_row)
        .collect();
    let columns = columns(session, database).await?;
    let version: Vec<String> = session.query(VERSION).await?;
    let flavour = Flavour::from_version(version.first().map_or("", String::as_str));
    Ok(ViewCatalogRows {
        flavour,
        views,
        columns,
    })
}

/// Every column of every table and view of the database, in one query.
async fn columns(session: &mut Session, database: &str) -> Result<Vec<ColumnRow>, Error> {
    let rows = session.exec(COLUMNS, (database,)).await?;
    Ok(rows.into_iter().map(column_row).collect())
}

fn view_row((name, definition): (String, Option<String>)) -> ViewRow {
    ViewRow {
        name,
        definition: definition.unwrap_or_default(),
    }
}

type ColumnTuple = (String, String, bool, String, String, Option<Vec<u8>>, String);

fn column_row((table, name, nullable, data_type, column_type, default, extra): ColumnTuple) -> ColumnRow {
    ColumnRow {
        table,
        name,
        nullable,
        data_type,
        column_type,
        default,
        extra,
    }
}

type IndexTuple = (String, String, bool, String, Option<String>, Option<bool>, Option<u32>);

fn index_row((table, index, unique, index_type, column, descending, length): IndexTuple) -> IndexRow {
    IndexRow {
        table,
        index,
        unique,
        index_type,
        column,
        descending: descending.unwrap_or(false),
        length,
    }
}

type ForeignKeyTuple = (String, String, String, String, String);

/// Key columns with their key's actions, keyed by (table, constraint).
fn foreign_key_rows(rows: Vec<ForeignKeyTuple>, actions: HashMap<(String, String), Actions>) -> Vec<ForeignKeyRow> {
    rows.into_iter()
        .map(|(table, name, referenced_table, column, referenced_column)| {
            let actions = actions.get(&(table.clone(), name.clone())).cloned().unwrap_or_default();
            ForeignKeyRow {
                table,
                name,
                referenced_table,
                column,
                referenced_column,
                actions,
            }
        })
        .collect()
}

fn actions_row((table, name, on_delete, on_update): (String, String, String, String)) -> ((String, String), Actions) {
    ((table, name), Actions { on_delete, on_update })
}

fn check_row((table, clause): (String, String)) -> CheckRow {
    CheckRow { table, clause }
}
