//! One schema change per [`Op`]. The variants are declared in execution
//! order: sorting a plan by [`Op::rank`], then by where each step's objects
//! stand in the schemas (see `order`), gives a script that runs, in Prisma's
//! step order.

use crate::schema::{
    Column, DefaultValue, Enum, Extension, ForeignKey, Index, PrimaryKey, Table, TableName, Unmodelled,
};

/// One step of a migration plan: one or more SQL statements under Prisma's comment line
/// ([`Op::description`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Database schemas first (PostgreSQL, multiSchema): everything else is
    /// created in them. `IF NOT EXISTS`, and never dropped, as in Prisma.
    CreateSchema(String),
    /// Extensions next: types and operator classes may come from them.
    /// They are only ever created: one the schema no longer lists stays
    /// (a database may have extensions the schema never managed).
    CreateExtension(Extension),
    /// Named enum types first: tables created later may use them.
    CreateEnum(Enum),
    /// Values added or removed (a removal recreates the type, converting
    /// every column in `usages`).
    AlterEnum {
        /// The enum type as it is.
        from: Enum,
        /// The enum type as it must be.
        to: Enum,
        /// The columns of type `from`, which a recreated type must convert.
        usages: Vec<EnumUsage>,
    },
    /// Foreign keys go before the indexes, columns and tables they use.
    DropForeignKey {
        /// The table holding the key.
        table: TableName,
        /// The key to drop.
        foreign_key: ForeignKey,
    },
    /// An index or unique constraint that is gone, or whose definition changed.
    DropIndex {
        /// The index's table.
        table: TableName,
        /// The index to drop.
        index: Index,
    },
    /// Column and primary key changes a database can make in place.
    AlterTable {
        /// The table to alter.
        table: TableName,
        /// The changes; [`TableChange::rank`] gives their order in the statement.
        changes: Vec<TableChange>,
    },
    /// A table the target schema no longer has (a renamed table is dropped and created).
    DropTable(Table),
    /// After the tables that used it are gone.
    DropEnum(Enum),
    /// Holds its foreign keys and indexes only where the dialect creates
    /// them inline (`Capabilities::foreign_keys_in_create_table`,
    /// `Capabilities::indexes_in_create_table`).
    CreateTable(Table),
    /// Tables rebuilt through a copy, for changes the database cannot
    /// `ALTER` (SQLite). Their indexes are recreated inside.
    RedefineTables(Vec<TableRedefinition>),
    /// An index or unique constraint added to a table, or one of a new table where the dialect
    /// does not create indexes inline.
    CreateIndex {
        /// The index's table.
        table: TableName,
        /// The index to create.
        index: Index,
    },
    /// A key that only changes its name (where the database renames
    /// constraints: `Capabilities::rename_constraint`).
    RenameForeignKey {
        /// The key's table.
        table: TableName,
        /// The key's current name.
        from: String,
        /// The key's new name.
        to: String,
    },
    /// Last, when every table and unique index they point at exists.
    AddForeignKey {
        /// The table holding the key.
        table: TableName,
        /// The key to add.
        foreign_key: ForeignKey,
    },
    /// An index that only changes its name, where the database renames indexes
    /// (`Capabilities::rename_index`).
    RenameIndex {
        /// The index's table.
        table: TableName,
        /// The index's current name.
        from: String,
        /// The index's new name.
        to: String,
    },
    /// A rename where the database cannot rename: drop and create.
    RedefineIndex {
        /// The index's table.
        table: TableName,
        /// The index as it is.
        from: Index,
        /// The same index under its new name.
        to: Index,
    },
}

impl Op {
    /// Position in execution order.
    pub fn rank(&self) -> u8 {
        match self {
            Op::CreateSchema(_) => 0,
            Op::CreateExtension(_) => 1,
            Op::CreateEnum(_) => 2,
            Op::AlterEnum { .. } => 3,
            Op::DropForeignKey { .. } => 4,
            Op::DropIndex { .. } => 5,
            Op::AlterTable { .. } => 6,
            Op::DropTable(_) => 7,
            Op::DropEnum(_) => 8,
            Op::CreateTable(_) => 9,
            Op::RedefineTables(_) => 10,
            Op::CreateIndex { .. } => 11,
            Op::RenameForeignKey { .. } => 12,
            Op::AddForeignKey { .. } => 13,
            Op::RenameIndex { .. } => 14,
            Op::RedefineIndex { .. } => 15,
        }
    }

    /// Prisma's comment line for this step (`-- CreateTable`).
    pub fn description(&self) -> &'static str {
        match self {
            Op::CreateSchema(_) => "CreateSchema",
            Op::CreateExtension(_) => "CreateExtension",
            Op::CreateEnum(_) => "CreateEnum",
            Op::AlterEnum { .. } => "AlterEnum",
            Op::DropForeignKey { .. } => "DropForeignKey",
            Op::DropIndex { .. } => "DropIndex",
            Op::AlterTable { .. } => "AlterTable",
            Op::DropTable(_) => "DropTable",
            Op::DropEnum(_) => "DropEnum",
            Op::CreateTable(_) => "CreateTable",
            Op::RedefineTables(_) => "RedefineTables",
            Op::CreateIndex { .. } => "CreateIndex",
            Op::RenameForeignKey { .. } => "RenameForeignKey",
            Op::AddForeignKey { .. } => "AddForeignKey",
            Op::RenameIndex { .. } => "RenameIndex",
            Op::RedefineIndex { .. } => "RedefineIndex",
        }
    }
}

/// A column of type `from` when an [`Op::AlterEnum`] runs (before any table
/// change of the plan), which a recreated enum type must convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumUsage {
    /// The table holding the column.
    pub table: TableName,
    /// The column's name.
    pub column: String,
    /// A list of the enum (a PostgreSQL array).
    pub list: bool,
    /// The column has a default now, which must be dropped while its type
    /// changes (it cannot be cast).
    pub drop_default: bool,
    /// The default to set once the type is replaced: the target schema's;
    /// the current one when the column is retyped later in the plan; none
    /// when it is dropped.
    pub default: Option<DefaultValue>,
    /// The plan drops the column (or its table) or gives it another type
    /// after this step. Such a column is converted to text, which holds
    /// every value, so a removed value it still holds cannot stop the step
    /// (Prisma 6.19.3 leaves it on the old type, whose `DROP TYPE` then
    /// fails); the later step drops or converts it.
    pub leaves_enum: bool,
}

/// One clause of an [`Op::AlterTable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableChange {
    /// A column the target schema adds.
    AddColumn(Column),
    /// A column the target schema no longer has (its values are lost).
    DropColumn(Column),
    /// Changed in place (nullability, default, a type the database casts).
    AlterColumn {
        /// The column as it is.
        from: Column,
        /// The column as it must be.
        to: Column,
    },
    /// A type the database cannot cast to ([`TypeChange::NotCastable`]):
    /// the column is dropped and added again, and its values are lost.
    ///
    /// [`TypeChange::NotCastable`]: crate::driver::TypeChange::NotCastable
    RecreateColumn {
        /// The column as it is.
        from: Column,
        /// The column as it must be.
        to: Column,
    },
    /// The primary key is dropped: gone, or changed (and added again).
    DropPrimaryKey(PrimaryKey),
    /// The primary key keeps its columns and takes another name
    /// ([`Capabilities::rename_constraint`]); foreign keys that reference
    /// it stay.
    ///
    /// [`Capabilities::rename_constraint`]: crate::driver::Capabilities::rename_constraint
    RenamePrimaryKey {
        /// The constraint's name now.
        from: String,
        /// Its new name.
        to: String,
    },
    /// A primary key is added: new, or changed.
    AddPrimaryKey(PrimaryKey),
}

impl TableChange {
    /// Position inside one `ALTER TABLE` (Prisma's order): the old primary
    /// key goes first, then dropped, added and altered columns, and the new
    /// primary key last, when its columns exist.
    pub fn rank(&self) -> u8 {
        match self {
            TableChange::DropPrimaryKey(_) | TableChange::RenamePrimaryKey { .. } => 0,
            TableChange::DropColumn(_) => 1,
            TableChange::AddColumn(_) => 2,
            TableChange::AlterColumn { .. } | TableChange::RecreateColumn { .. } => 3,
            TableChange::AddPrimaryKey(_) => 4,
        }
    }
}

/// A table rebuilt through a copy (SQLite): a new table with the target definition is
/// created, the columns on both sides are copied into it, the old table is dropped and the
/// new one takes its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRedefinition {
    /// The table as it is.
    pub from: Table,
    /// The table as it must be.
    pub to: Table,
}

impl TableRedefinition {
    /// Columns whose data is copied: those on both sides, by name, in byte
    /// order (as Prisma lists them).
    pub fn copied_columns(&self) -> Vec<(&Column, &Column)> {
        let mut both: Vec<_> = self
            .to
            .columns
            .iter()
            .filter_map(|to| self.from.column(&to.name).map(|from| (from, to)))
            .collect();
        both.sort_by(|a, b| a.1.name.cmp(&b.1.name));
        both
    }

    /// What the old table holds beyond the schema ([`Table::unmodelled`]),
    /// split into what the rebuilt table gets back and what it loses.
    /// Generated columns and `CHECK` constraints are declared again in the
    /// new table, the triggers and indexes made again from their text,
    /// after the table's own indexes. Lost are a generated column whose
    /// name the schema now gives a column of its own, and whatever names a
    /// column the rebuild drops or a lost generated column (made again, it
    /// would fail at once, or a trigger at its next firing), or could not
    /// be read. Prisma 6.19.3 loses them all, without a word.
    pub fn unmodelled(&self) -> (Vec<&Unmodelled>, Vec<&Unmodelled>) {
        let mut gone: Vec<String> = self
            .from
            .columns
            .iter()
            .filter(|c| self.to.column(&c.name).is_none())
            .map(|c| c.name.to_lowercase())
            .collect();
        // A generated column can name another: lose them until none is left to lose.
        loop {
            let lost = self.from.unmodelled.iter().filter_map(|u| match u {
                Unmodelled::GeneratedColumn(o) if !gone.contains(&o.name.to_lowercase()) => {
                    let shadowed = self.to.column(&o.name).is_some() || o.sql.is_empty();
                    let names_gone = o.names.iter().any(|n| gone.contains(n));
                    (shadowed || names_gone).then(|| o.name.to_lowercase())
                }
                _ => None,
            });
            let lost: Vec<String> = lost.collect();
            if lost.is_empty() {
                break;
            }
            gone.extend(lost);
        }
        self.from.unmodelled.iter().partition(|u| match u {
            Unmodelled::GeneratedColumn(o) => !gone.contains(&o.name.to_lowercase()),
            Unmodelled::Trigger(o) | Unmodelled::Index(o) => !o.names.iter().any(|n| gone.contains(n)),
            Unmodelled::Check { sql, names, .. } => !sql.is_empty() && !names.iter().any(|n| gone.contains(n)),
        })
    }
}
