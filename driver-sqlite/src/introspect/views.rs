//! The views of the `main` schema, for `db pull` with the `views` preview
//! feature: their names, their columns (read and converted as a table's,
//! see [`super::columns::view_column`]) and their queries, in two catalog
//! statements whatever the number of views (`src/queries/views.sql`,
//! `src/queries/view_columns.sql`), in one snapshot.

use super::catalog::{column_row, Catalog, ColumnRow};
use super::columns::view_column;
use migrate_core::introspection::TablePositions;
use migrate_core::schema::View;
use rusqlite::{Connection, Row};
use sqlparser::ast::Statement;
use sqlparser::dialect::SQLiteDialect;
use sqlparser::parser::Parser;

const VIEWS: &str = include_str!("../queries/views.sql");
const VIEW_COLUMNS: &str = include_str!("../queries/view_columns.sql");

/// One view and the statement that made it.
struct ViewRow {
    name: String,
    sql: String,
}

/// The views of `conn`'s main database, by name (bytes). Temporary views
/// are not among them. Errors: SQLite's, among them that of a view whose
/// query no longer compiles (it selects from a table since dropped).
pub fn introspect_views(conn: &Connection) -> Result<Vec<View>, rusqlite::Error> {
    let mut catalog = Catalog::new(conn);
    let (views, columns) = catalog.snapshot(|catalog| {
        let views = catalog.run(VIEWS, view_row)?;
        let columns = catalog.run(VIEW_COLUMNS, column_row)?;
        Ok((views, columns))
    })?;
    let columns = TablePositions::new(views.iter().map(|v| v.name.as_str())).split(columns, |r| &r.table);
    Ok(views
        .into_iter()
        .zip(columns)
        .map(|(row, columns)| view(row, columns))
        .collect())
}

fn view(row: ViewRow, columns: Vec<ColumnRow>) -> View {
    View {
        namespace: None,
        definition: definition(&row.sql),
        name: row.name,
        columns: columns.into_iter().map(view_column).collect(),
    }
}

fn view_row(row: &Row<'_>) -> rusqlite::Result<ViewRow> {
    Ok(ViewRow {
        name: row.get(0)?,
        sql: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
    })
}

/// The view's query as Prisma 6.19.3 reads it from the stored `CREATE
/// VIEW` statement: parsed by sqlparser (SQLite dialect), the statement's
/// query printed back in sqlparser's spelling, then `;`. A text that does
/// not parse as one `CREATE VIEW` is kept as it is.
fn definition(create_view: &str) -> String {
    match Parser::parse_sql(&SQLiteDialect {}, create_view).as_deref() {
        Ok([Statement::CreateView(view)]) => format!("{};", view.query),
        _ => create_view.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::definition;

    #[test]
    fn the_query_is_printed_back_by_sqlparser_and_ends_with_a_semicolon() {
        assert_eq!(
            definition("create   view \"v\"  as\n  select a,b   from \"T\" where a>1"),
            "SELECT a, b FROM \"T\" WHERE a > 1;"
        );
    }

    #[test]
    fn a_text_that_is_not_a_create_view_stays_as_it_is() {
        assert_eq!(definition("CREATE VIEW v AS SELEKT"), "CREATE VIEW v AS SELEKT");
        // SQLite's postfix ISNULL, which sqlparser does not know.
        let postfix = "CREATE VIEW v AS SELECT id FROM t WHERE id ISNULL";
        assert_eq!(definition(postfix), postfix);
        assert_eq!(definition("SELECT 1"), "SELECT 1");
    }
}
