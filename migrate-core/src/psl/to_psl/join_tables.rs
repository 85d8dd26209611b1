//! Implicit many-to-many join tables: `_Name` with exactly the columns `A`
//! and `B` (required, no default), a unique pair, an index on `B`, no other
//! index, and two foreign keys to the single-column ids of two models. Such
//! a table becomes a list field on both models instead of a model of its
//! own. As for Prisma, the names of the keys and indexes and the
//! referential actions do not matter: a table written by hand in Prisma's
//! shape is a many-to-many relation too (the next migration gives its
//! constraints Prisma's names and actions).

use crate::schema::{ForeignKey, IndexColumn, IndexKind, Schema, Table};

/// The tables a join table's columns `A` and `B` reference (their keys, as
/// `TableName` prints them), when `table` has the shape of a join table.
/// `by_key`: the dialect's join tables have a primary key (PostgreSQL);
/// older ones a unique index, which counts too.
pub(super) fn join_shape(table: &Table, schema: &Schema, by_key: bool) -> Option<[String; 2]> {
    if !table.name.starts_with('_') || !has_columns_a_and_b(table) || table.foreign_keys.len() != 2 {
        return None;
    }
    let a = reference(table, "A", schema)?;
    let b = reference(table, "B", schema)?;
    (has_unique_pair(table, by_key) && has_b_index(table)).then_some([a, b])
}

/// Under `relationMode = "prisma"` a join table has no foreign keys: whether
/// `table` has the rest of the shape, for ids in the tables `targets`.
pub(super) fn keyless_join_shape(table: &Table, targets: [&Table; 2], by_key: bool) -> bool {
    let typed = |column: &str, target: &Table| {
        let pk = target.primary_key.as_ref().filter(|pk| pk.columns.len() == 1);
        let id = pk.and_then(|pk| target.column(&pk.columns[0].name));
        id.is_some_and(|id| table.column(column).is_some_and(|c| c.ty == id.ty))
    };
    table.foreign_keys.is_empty()
        && has_columns_a_and_b(table)
        && typed("A", targets[0])
        && typed("B", targets[1])
        && has_unique_pair(table, by_key)
        && has_b_index(table)
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
/// the id's column type.
fn reference(table: &Table, column: &str, schema: &Schema) -> Option<String> {
    let fk: &ForeignKey = table.foreign_keys.iter().find(|fk| fk.columns == [column])?;
    let target = schema.table_named(&fk.referenced())?;
    let pk = target.primary_key.as_ref()?;
    let id = match pk.columns.as_slice() {
        [only] if fk.referenced_columns == [only.name.as_str()] => target.column(&only.name)?,
        _ => return None,
    };
    let same_type = table.column(column).is_some_and(|c| c.ty == id.ty);
    same_type.then(|| target.qualified_name().to_string())
}

/// `(A, B)` unique, by a unique index or, where the dialect's join tables
/// have one (`by_key`, PostgreSQL), the primary key; no index but that and
/// the one on `B`.
fn has_unique_pair(table: &Table, by_key: bool) -> bool {
    let is_ab = |cols: &[IndexColumn]| cols.len() == 2 && cols[0].name == "A" && cols[1].name == "B";
    match &table.primary_key {
        Some(pk) => by_key && is_ab(&pk.columns) && table.indexes.len() == 1,
        None => {
            table
                .indexes
                .iter()
                .any(|i| i.kind == IndexKind::Unique && is_ab(&i.columns))
                && table.indexes.len() == 2
        }
    }
}

fn has_b_index(table: &Table) -> bool {
    table.indexes.iter().any(|i| {
        i.kind == IndexKind::Normal && i.columns.len() == 1 && i.columns[0].name == "B" && i.columns[0].sort.is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{
        Column, ColumnType, Index, IndexColumn, PrimaryKey, ReferentialAction, ScalarType, TypeFamily,
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
            sequence: None,
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
            referenced_namespace: Default::default(),
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
            namespaces: Default::default(),
            session_namespace: None,
            tables: vec![model("Post"), model("Tag"), join],
            enums: Vec::new(),
            extensions: Vec::new(),
            notes: Default::default(),
            manages_extensions: false,
        }
    }

    #[test]
    fn recognizes_the_shape_lowering_writes() {
        let s = schema();
        assert_eq!(
            join_shape(&s.tables[2], &s, false),
            Some(["Post".to_string(), "Tag".to_string()])
        );
        assert_eq!(join_shape(&s.tables[0], &s, false), None);
    }

    #[test]
    fn names_and_actions_do_not_matter() {
        let changes: [fn(&mut Table); 3] = [
            |t| t.foreign_keys[0].on_delete = ReferentialAction::Restrict,
            |t| t.indexes[1].name = "custom".into(),
            |t| t.foreign_keys[1].name = "custom".into(),
        ];
        for change in changes {
            let mut s = schema();
            change(&mut s.tables[2]);
            assert_eq!(
                join_shape(&s.tables[2], &s, false),
                Some(["Post".to_string(), "Tag".to_string()])
            );
        }
    }

    #[test]
    fn any_other_difference_makes_it_a_model() {
        let changes: [fn(&mut Table); 6] = [
            |t| t.columns[1].nullable = true,
            |t| t.columns.push(int("C")),
            |t| t.columns[0].name = "a".into(),
            |t| t.indexes.push(index("_PostToTag_A_idx", IndexKind::Normal, &["A"])),
            |t| drop(t.indexes.remove(1)),
            |t| t.name = "PostToTag".into(),
        ];
        for change in changes {
            let mut s = schema();
            change(&mut s.tables[2]);
            assert_eq!(join_shape(&s.tables[2], &s, false), None);
        }
    }
}
