//! One schema change per [`Op`]. The variants are declared in execution
//! order: sorting a plan by [`Op::rank`], then by where each step's objects
//! stand in the schemas (see `order`), gives a script that runs, in Prisma's
//! step order.

use crate::schema::{Column, DefaultValue, Enum, Extension, ForeignKey, Index, PrimaryKey, Table};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Extensions first: types and operator classes may come from them.
    /// They are only ever created: one the schema no longer lists stays
    /// (a database may have extensions the schema never managed).
    CreateExtension(Extension),
    /// Named enum types first: tables created later may use them.
    CreateEnum(Enum),
    /// Values added or removed (a removal recreates the type, converting
    /// every column in `usages`).
    AlterEnum {
        from: Enum,
        to: Enum,
        usages: Vec<EnumUsage>,
    },
    /// Foreign keys go before the indexes, columns and tables they use.
    DropForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    DropIndex {
        table: String,
        index: Index,
    },
    /// Column and primary key changes a database can make in place.
    AlterTable {
        table: String,
        changes: Vec<TableChange>,
    },
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
    CreateIndex {
        table: String,
        index: Index,
    },
    /// A key that only changes its name (where the database renames
    /// constraints: `Capabilities::rename_foreign_key`).
    RenameForeignKey {
        table: String,
        from: String,
        to: String,
    },
    /// Last, when every table and unique index they point at exists.
    AddForeignKey {
        table: String,
        foreign_key: ForeignKey,
    },
    RenameIndex {
        table: String,
        from: String,
        to: String,
    },
    /// A rename where the database cannot rename: drop and create.
    RedefineIndex {
        table: String,
        from: Index,
        to: Index,
    },
}

impl Op {
    /// Position in execution order.
    pub fn rank(&self) -> u8 {
        match self {
            Op::CreateExtension(_) => 0,
            Op::CreateEnum(_) => 1,
            Op::AlterEnum { .. } => 2,
            Op::DropForeignKey { .. } => 3,
            Op::DropIndex { .. } => 4,
            Op::AlterTable { .. } => 5,
            Op::DropTable(_) => 6,
            Op::DropEnum(_) => 7,
            Op::CreateTable(_) => 8,
            Op::RedefineTables(_) => 9,
            Op::CreateIndex { .. } => 10,
            Op::RenameForeignKey { .. } => 11,
            Op::AddForeignKey { .. } => 12,
            Op::RenameIndex { .. } => 13,
            Op::RedefineIndex { .. } => 14,
        }
    }

    /// Prisma's comment line for this step (`-- CreateTable`).
    pub fn description(&self) -> &'static str {
        match self {
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
    pub table: String,
    pub column: String,
    /// A list of the enum (a PostgreSQL array).
    pub list: bool,
    /// The column has a default now, which must be dropped while its type
    /// changes (it cannot be cast).
    pub drop_default: bool,
    /// The default to set once the type is replaced: the target schema's,
    /// or the current one when the column leaves the enum later in the plan
    /// (never one naming a removed value).
    pub default: Option<DefaultValue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableChange {
    AddColumn(Column),
    DropColumn(Column),
    /// Changed in place (nullability, default, a type the database casts).
    AlterColumn {
        from: Column,
        to: Column,
    },
    /// A type the database cannot cast to ([`TypeChange::NotCastable`]):
    /// the column is dropped and added again, and its values are lost.
    ///
    /// [`TypeChange::NotCastable`]: crate::driver::TypeChange::NotCastable
    RecreateColumn {
        from: Column,
        to: Column,
    },
    DropPrimaryKey(PrimaryKey),
    AddPrimaryKey(PrimaryKey),
}

impl TableChange {
    /// Position inside one `ALTER TABLE` (Prisma's order): the old primary
    /// key goes first, then dropped, added and altered columns, and the new
    /// primary key last, when its columns exist.
    pub fn rank(&self) -> u8 {
        match self {
            TableChange::DropPrimaryKey(_) => 0,
            TableChange::DropColumn(_) => 1,
            TableChange::AddColumn(_) => 2,
            TableChange::AlterColumn { .. } | TableChange::RecreateColumn { .. } => 3,
            TableChange::AddPrimaryKey(_) => 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRedefinition {
    pub from: Table,
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
}
