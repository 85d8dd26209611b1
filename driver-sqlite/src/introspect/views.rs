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
use sqlparser::ast::{Query, SetExpr, Statement, TableFactor, TableWithJoins};
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
        commented: false,
        name: row.name,
        columns: columns.into_iter().map(view_column).collect(),
        enums: Vec::new(),
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
    match Parser::parse_sql(&SQLiteDialect {}, create_view).as_deref_mut() {
        Ok([Statement::CreateView(view)]) => {
            explicit_table_aliases(&mut view.query);
            format!("{};", view.query)
        }
        _ => create_view.to_string(),
    }
}

/// Every table alias of `query` printed with `AS`, as the sqlparser of
/// Prisma 6.19.3 (0.32) prints them whether or not the view wrote it
/// (`FROM "Post" p` is `FROM "Post" AS p` there; 0.64 keeps it as written).
fn explicit_table_aliases(query: &mut Query) {
    for cte in query.with.iter_mut().flat_map(|w| w.cte_tables.iter_mut()) {
        explicit_table_aliases(&mut cte.query);
    }
    in_set_expr(&mut query.body);
}

fn in_set_expr(body: &mut SetExpr) {
    match body {
        SetExpr::Select(select) => select.from.iter_mut().for_each(in_table_with_joins),
        SetExpr::Query(query) => explicit_table_aliases(query),
        SetExpr::SetOperation { left, right, .. } => {
            in_set_expr(left);
            in_set_expr(right);
        }
        _ => {}
    }
}

fn in_table_with_joins(from: &mut TableWithJoins) {
    in_table_factor(&mut from.relation);
    for join in &mut from.joins {
        in_table_factor(&mut join.relation);
    }
}

fn in_table_factor(factor: &mut TableFactor) {
    let alias = match factor {
        TableFactor::Table { alias, .. } => alias,
        TableFactor::Derived { subquery, alias, .. } => {
            explicit_table_aliases(subquery);
            alias
        }
        TableFactor::NestedJoin {
            table_with_joins,
            alias,
        } => {
            in_table_with_joins(table_with_joins);
            alias
        }
        _ => return,
    };
    if let Some(alias) = alias {
        alias.explicit = true;
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
    fn table_aliases_are_printed_with_as_as_prisma_prints_them() {
        assert_eq!(
            definition("CREATE VIEW v AS WITH c AS (SELECT x FROM a y) SELECT p.id FROM t p JOIN (SELECT 1 AS one) d ON 1 UNION SELECT z.x FROM c z"),
            "WITH c AS (SELECT x FROM a AS y) SELECT p.id FROM t AS p JOIN (SELECT 1 AS one) AS d ON 1 UNION SELECT z.x FROM c AS z;"
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
