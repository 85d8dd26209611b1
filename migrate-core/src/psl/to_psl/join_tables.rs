//! Implicit many-to-many join tables: `_Name` with exactly the columns `A`
//! and `B`, a unique pair, an index on `B` and two cascading foreign keys to
//! the ids of two models, all named as lowering names them. Such a table
//! becomes a list field on both models instead of a model of its own.

use crate::schema::{ConstraintNames, ForeignKey, IndexKind, ReferentialAction, Schema, Table};

/// The tables a join table's columns `A` and `B` reference, when `table`
/// has the exact shape lowering gives a join table.
pub(super) fn join_shape<'a>(table: &'a Table, schema: &'a Schema, names: ConstraintNames) -> Option<[&'a str; 2]> {
    if !table.name.starts_with('_') || !has_columns_a_and_b(table) {
        return None;
    }
    let a = reference(table, "A", schema, names)?;
    let b = reference(table, "B", schema, names)?;
    let keys_ok = table.foreign_keys.len() == 2 && has_unique_pair(table, names) && has_b_index(table, names);
    keys_ok.then_some([a, b])
}

/// Under `relationMode = "prisma"` a join table has no foreign keys: whether
/// `table` has the rest of the shape, for ids in the tables `targets`.
pub(super) fn keyless_join_shape(table: &Table, targets: [&Table; 2], names: ConstraintNames) -> bool {
    let typed = |column: &str, target: &Table| {
        let pk = target.primary_key.as_ref().filter(|pk| pk.columns.len() == 1);
        let id = pk.and_then(|pk| target.column(&pk.columns[0].name));
        id.is_some_and(|id| table.column(column).is_some_and(|c| c.ty == id.ty))
    };
    table.foreign_keys.is_empty()
        && has_columns_a_and_b(table)
        && typed("A", targets[0])
        && typed("B", targets[1])
        && has_unique_pair(table, names)
        && has_b_index(table, names)
}

fn has_columns_a_and_b(table: &Table) -> bool {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let plain = table
        .columns
        .iter()
        .all(|c| !c.nullable && c.default.is_none() && !c.auto_increment && !c.ty.list);
    names == ["A", "B"] && plain
}

/// The table `column` references: the single-column id of a table, with
/// the id's column type, cascading both ways, under the default name.
fn reference<'a>(table: &Table, column: &str, schema: &'a Schema, names: ConstraintNames) -> Option<&'a str> {
    let fk: &ForeignKey = table.foreign_keys.iter().find(|fk| fk.columns == [column])?;
    let target = schema.table(&fk.referenced_table)?;
    let pk = target.primary_key.as_ref()?;
    let id = match pk.columns.as_slice() {
        [only] if fk.referenced_columns == [only.name.as_str()] => target.column(&only.name)?,
        _ => return None,
    };
    let cascades = fk.on_delete == ReferentialAction::Cascade && fk.on_update == ReferentialAction::Cascade;
    let same_type = table.column(column).is_some_and(|c| c.ty == id.ty);
    let named = fk.name == names.join_foreign_key(&table.name, column);
    (cascades && same_type && named).then_some(target.name.as_str())
}

/// `(A, B)` unique: a primary key (PostgreSQL) or a unique index.
fn has_unique_pair(table: &Table, names: ConstraintNames) -> bool {
    let is_ab = |cols: Vec<&str>| cols == ["A", "B"];
    let by_key = table.primary_key.as_ref().is_some_and(|pk| {
        let named = pk
            .name
            .as_ref()
            .is_none_or(|n| *n == names.join_unique(&table.name, true));
        named && is_ab(pk.columns.iter().map(|c| c.name.as_str()).collect())
    });
    let by_index = table.indexes.iter().any(|i| {
        i.kind == IndexKind::Unique
            && i.name == names.join_unique(&table.name, false)
            && is_ab(i.columns.iter().map(|c| c.name.as_str()).collect())
    });
    let indexes = if by_key { 1 } else { 2 };
    (by_key != by_index) && table.indexes.len() == indexes
}

fn has_b_index(table: &Table, names: ConstraintNames) -> bool {
    table.indexes.iter().any(|i| {
        i.kind == IndexKind::Normal
            && i.name == names.join_b_index(&table.name)
            && i.columns.len() == 1
            && i.columns[0].name == "B"
            && i.columns[0].sort.is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Column, ColumnType, IdentifierLimit, Index, IndexColumn, PrimaryKey, ScalarType, TypeFamily};

    const NAMES: ConstraintNames = ConstraintNames {
        limit: IdentifierLimit::SQLITE,
    };

    fn int(name: &str) -> Column {
        Column {
            name: name.into(),
            ty: ColumnType {
                family: TypeFamily::Scalar(ScalarType::Int),
                sql: "INTEGER".into(),
                list: false,
            },
            nullable: false,
            default: None,
            auto_increment: false,
        }
    }

    fn model(name: &str) -> Table {
        let mut t = Table::new(name);
        t.columns.push(int("id"));
        t.primary_key = Some(PrimaryKey {
            name: None,
            columns: vec![IndexColumn::named("id")],
        });
        t
    }

    fn index(name: &str, kind: IndexKind, cols: &[&str]) -> Index {
        Index {
            name: name.into(),
            kind,
            columns: cols.iter().map(|c| IndexColumn::named(*c)).collect(),
            algorithm: None,
            constraint: false,
        }
    }

    fn fk(column: &str, target: &str) -> ForeignKey {
        ForeignKey {
            name: format!("_PostToTag_{column}_fkey"),
            columns: vec![column.into()],
            referenced_table: target.into(),
            referenced_columns: vec!["id".into()],
            on_delete: ReferentialAction::Cascade,
            on_update: ReferentialAction::Cascade,
        }
    }

    fn schema() -> Schema {
        let mut join = Table::new("_PostToTag");
        join.columns = vec![int("A"), int("B")];
        join.indexes = vec![
            index("_PostToTag_AB_unique", IndexKind::Unique, &["A", "B"]),
            index("_PostToTag_B_index", IndexKind::Normal, &["B"]),
        ];
        join.foreign_keys = vec![fk("A", "Post"), fk("B", "Tag")];
        Schema {
            tables: vec![model("Post"), model("Tag"), join],
            enums: Vec::new(),
            extensions: Vec::new(),
        }
    }

    #[test]
    fn recognizes_the_shape_lowering_writes() {
        let s = schema();
        assert_eq!(join_shape(&s.tables[2], &s, NAMES), Some(["Post", "Tag"]));
        assert_eq!(join_shape(&s.tables[0], &s, NAMES), None);
    }

    #[test]
    fn any_difference_makes_it_a_model() {
        let changes: [fn(&mut Table); 5] = [
            |t| t.columns[1].nullable = true,
            |t| t.columns.push(int("C")),
            |t| t.foreign_keys[0].on_delete = ReferentialAction::Restrict,
            |t| t.indexes[1].name = "custom".into(),
            |t| t.name = "PostToTag".into(),
        ];
        for change in changes {
            let mut s = schema();
            change(&mut s.tables[2]);
            assert_eq!(join_shape(&s.tables[2], &s, NAMES), None);
        }
    }
}
