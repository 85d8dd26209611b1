//! The views of the URL's database, for `db pull` with the `views` preview
//! feature: `information_schema.VIEWS` for their names and queries, and the
//! columns query of [`super::introspect`] for their columns, in two queries
//! whatever the number of views, and the server's version (which spells
//! defaults its own way).

use super::catalog::{self, ColumnRow, Flavour, ViewRow};
use super::columns::view_column;
use super::enums::inline_enum;
use crate::connected::Session;
use migrate_core::introspection::TablePositions;
use migrate_core::schema::View;

/// The views of the database named `database`, by name (bytes), each with
/// its columns in order and its `VIEW_DEFINITION` as the server returns it.
pub async fn introspect_views(session: &mut Session, database: &str) -> Result<Vec<View>, mysql_async::Error> {
    let rows = catalog::read_views(session, database).await?;
    let columns = TablePositions::new(rows.views.iter().map(|v| v.name.as_str())).split(rows.columns, |r| &r.table);
    let flavour = rows.flavour;
    Ok(rows
        .views
        .into_iter()
        .zip(columns)
        .map(|(row, columns)| view(row, columns, flavour))
        .collect())
}

fn view(row: ViewRow, columns: Vec<ColumnRow>, flavour: Flavour) -> View {
    View {
        namespace: None,
        name: row.name,
        enums: columns.iter().filter_map(inline_enum).collect(),
        columns: columns.into_iter().map(|c| view_column(c, flavour)).collect(),
        definition: row.definition,
        commented: false,
    }
}
