//! Catalog rows to the neutral [`Schema`](crate::schema::Schema): the
//! pieces every driver's introspection shares, whatever its catalog.

use crate::schema::{ForeignKey, Index, PrimaryKey, ReferentialAction};
use std::collections::HashMap;

/// A catalog query of the driver that invokes it, from `src/introspect/`:
/// its `src/queries/user_tables.sql` (the common table expression of the
/// user's tables, which each of these queries starts with), then the query
/// of `src/queries/<file>`. The paths are read from the invoking file.
#[macro_export]
macro_rules! catalog_query {
    ($file:literal) => {
        concat!(
            include_str!("../queries/user_tables.sql"),
            include_str!(concat!("../queries/", $file))
        )
    };
}

/// What one introspection cost, for the drivers that count it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IntrospectStats {
    /// Statements executed, the snapshot's `BEGIN` and `COMMIT` included.
    pub statements: usize,
    /// Rows read from the catalog.
    pub rows: usize,
}

/// Where each table stands in the schema's table order, to split a
/// catalog query's rows (every table's at once) per table.
pub struct TablePositions<'a> {
    position: HashMap<&'a str, usize>,
}

impl<'a> TablePositions<'a> {
    /// The positions of `tables`, in the order given.
    pub fn new(tables: impl IntoIterator<Item = &'a str>) -> Self {
        let position = tables.into_iter().enumerate().map(|(at, name)| (name, at)).collect();
        TablePositions { position }
    }

    /// `rows` split per table, in table order; rows of other tables are dropped.
    pub fn split<T>(&self, rows: Vec<T>, table: fn(&T) -> &String) -> Vec<Vec<T>> {
        let mut split: Vec<Vec<T>> = (0..self.position.len()).map(|_| Vec::new()).collect();
        for row in rows {
            if let Some(&at) = self.position.get(table(&row).as_str()) {
                split[at].push(row);
            }
        }
        split
    }
}

/// Consecutive rows with the same key, as groups: catalog queries return
/// the columns of each index or key together, in key order.
pub fn runs<T, K: PartialEq>(rows: Vec<T>, key: impl Fn(&T) -> K) -> Vec<Vec<T>> {
    let mut groups: Vec<Vec<T>> = Vec::new();
    for row in rows {
        match groups.last_mut() {
            Some(group) if key(&group[0]) == key(&row) => group.push(row),
            _ => groups.push(vec![row]),
        }
    }
    groups
}

/// One column of one foreign key, as a catalog lists it.
pub struct ForeignKeyColumn {
    /// The foreign key's constraint name.
    pub name: String,
    /// The referencing column.
    pub column: String,
    /// The referenced table.
    pub referenced_table: String,
    /// The referenced table's database schema (`None`: the session's, as in
    /// [`TableName`](crate::schema::TableName)).
    pub referenced_namespace: Option<String>,
    /// The referenced column, paired with `column`.
    pub referenced_column: String,
    /// `ON DELETE`.
    pub on_delete: ReferentialAction,
    /// `ON UPDATE`.
    pub on_update: ReferentialAction,
}

/// One table's foreign keys from their columns, each key's together in
/// key order.
pub fn foreign_keys(rows: impl IntoIterator<Item = ForeignKeyColumn>) -> Vec<ForeignKey> {
    let mut keys: Vec<ForeignKey> = Vec::new();
    for row in rows {
        match keys.last_mut() {
            Some(key) if key.name == row.name => {
                key.columns.push(row.column);
                key.referenced_columns.push(row.referenced_column);
            }
            _ => keys.push(ForeignKey {
                name: row.name,
                columns: vec![row.column],
                referenced_table: row.referenced_table,
                referenced_namespace: row.referenced_namespace,
                referenced_columns: vec![row.referenced_column],
                on_delete: row.on_delete,
                on_update: row.on_update,
            }),
        }
    }
    keys
}

/// What one table's index rows describe.
#[derive(Debug, Default)]
pub struct TableIndexes {
    /// The primary key; `None` when the rows describe none.
    pub primary_key: Option<PrimaryKey>,
    /// The other indexes and unique constraints.
    pub indexes: Vec<Index>,
    /// What `db pull` notes about the indexes left out (an expression index).
    pub notes: Vec<crate::schema::TableNote>,
}

impl TableIndexes {
    /// What one table's index rows describe: the rows of each index come
    /// together (the same `index` name), in key order, and `add` reads them.
    pub fn read<T>(rows: Vec<T>, index: fn(&T) -> String, add: fn(&mut TableIndexes, Vec<T>)) -> TableIndexes {
        let mut found = TableIndexes::default();
        for rows in runs(rows, index) {
            add(&mut found, rows);
        }
        found
    }
}

/// Tables and enums by name in byte order, as Prisma's describers list
/// them: the places a plan from a live database is sorted by (a catalogue's
/// `ORDER BY` follows the database's collation instead).
pub fn order_by_name(schema: &mut crate::schema::Schema) {
    schema.tables.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    schema.enums.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
}

/// Each table's indexes by name in byte order (PostgreSQL and MySQL; SQLite's
/// describer keeps `PRAGMA index_list` order).
pub fn order_indexes_by_name(schema: &mut crate::schema::Schema) {
    for table in &mut schema.tables {
        table.indexes.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    }
}

/// Each table's foreign keys by constraint name in byte order (PostgreSQL
/// and MySQL, whose keys have names of their own).
pub fn order_foreign_keys_by_name(schema: &mut crate::schema::Schema) {
    for table in &mut schema.tables {
        table
            .foreign_keys
            .sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_consecutive_rows_and_keys() {
        assert_eq!(runs(vec![1, 1, 2, 1], |n| *n), vec![vec![1, 1], vec![2], vec![1]]);
        let column = |name: &str, column: &str| ForeignKeyColumn {
            referenced_namespace: Default::default(),
            name: name.into(),
            column: column.into(),
            referenced_table: "P".into(),
            referenced_column: format!("p{column}"),
            on_delete: ReferentialAction::Cascade,
            on_update: ReferentialAction::NoAction,
        };
        let keys = foreign_keys([column("a", "x"), column("a", "y"), column("b", "z")]);
        assert_eq!(keys.len(), 2);
        assert_eq!(
            (keys[0].columns.clone(), keys[0].referenced_columns.clone()),
            (vec!["x".to_string(), "y".into()], vec!["px".to_string(), "py".into()])
        );
        assert_eq!(keys[1].columns, ["z"]);
        let positions = TablePositions::new(["T", "U"]);
        let rows = vec!["U".to_string(), "T".into(), "V".into(), "U".into()];
        assert_eq!(positions.split(rows, |r| r), vec![vec!["T"], vec!["U", "U"]]);
    }
}
