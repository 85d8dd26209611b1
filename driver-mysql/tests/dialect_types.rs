//! Every scalar and native type: the DDL it renders to, `db pull`'s way
//! back (`native_type`), and the catalog reading that must give the same
//! canonical type for what MySQL 8 and MariaDB report.

#[path = "common/dialect_builders.rs"]
mod builders;

use builders::*;
use driver_mysql::dialect::column_type_from_catalog;
use driver_mysql::MysqlDialect;
use migrate_core::driver::{Dialect, FieldTypeRef};
use migrate_core::psl::datamodel::NativeType;
use migrate_core::schema::{ColumnType, ScalarType, TypeFamily};

#[test]
fn every_type_renders() {
    insta::assert_snapshot!(create_script(&schema_file("native_types.prisma")));
}

#[test]
fn capabilities() {
    insta::assert_debug_snapshot!(MysqlDialect.capabilities());
}

fn native(name: &str, args: &[&str]) -> NativeType {
    NativeType {
        name: name.to_string(),
        args: args.iter().map(|a| a.to_string()).collect(),
    }
}

fn lowered(scalar: ScalarType, native: Option<&NativeType>) -> ColumnType {
    MysqlDialect.column_type(FieldTypeRef::Scalar {
        scalar,
        native,
        list: false,
    })
}

/// (scalar, `@db.*` or none, DATA_TYPE, MariaDB 10 COLUMN_TYPE, MySQL 8 COLUMN_TYPE).
type CatalogCase = (
    ScalarType,
    Option<(&'static str, &'static [&'static str])>,
    &'static str,
    &'static str,
    &'static str,
);

const CASES: &[CatalogCase] = {
    use ScalarType::*;
    &[
        (String, None, "varchar", "varchar(191)", "varchar(191)"),
        (Boolean, None, "tinyint", "tinyint(1)", "tinyint(1)"),
        (Int, None, "int", "int(11)", "int"),
        (BigInt, None, "bigint", "bigint(20)", "bigint"),
        (Float, None, "double", "double", "double"),
        (Decimal, None, "decimal", "decimal(65,30)", "decimal(65,30)"),
        (DateTime, None, "datetime", "datetime(3)", "datetime(3)"),
        (Json, None, "json", "json", "json"),
        (Bytes, None, "longblob", "longblob", "longblob"),
        (
            String,
            Some(("VarChar", &["120"])),
            "varchar",
            "varchar(120)",
            "varchar(120)",
        ),
        (String, Some(("Char", &["36"])), "char", "char(36)", "char(36)"),
        (String, Some(("Char", &[])), "char", "char(1)", "char(1)"),
        (String, Some(("TinyText", &[])), "tinytext", "tinytext", "tinytext"),
        (String, Some(("Text", &[])), "text", "text", "text"),
        (
            String,
            Some(("MediumText", &[])),
            "mediumtext",
            "mediumtext",
            "mediumtext",
        ),
        (String, Some(("LongText", &[])), "longtext", "longtext", "longtext"),
        (Int, Some(("Int", &[])), "int", "int(11)", "int"),
        (
            Int,
            Some(("UnsignedInt", &[])),
            "int",
            "int(10) unsigned",
            "int unsigned",
        ),
        (Int, Some(("SmallInt", &[])), "smallint", "smallint(6)", "smallint"),
        (
            Int,
            Some(("UnsignedSmallInt", &[])),
            "smallint",
            "smallint(5) unsigned",
            "smallint unsigned",
        ),
        (Int, Some(("TinyInt", &[])), "tinyint", "tinyint(4)", "tinyint"),
        (
            Int,
            Some(("UnsignedTinyInt", &[])),
            "tinyint",
            "tinyint(3) unsigned",
            "tinyint unsigned",
        ),
        (Int, Some(("MediumInt", &[])), "mediumint", "mediumint(9)", "mediumint"),
        (
            Int,
            Some(("UnsignedMediumInt", &[])),
            "mediumint",
            "mediumint(8) unsigned",
            "mediumint unsigned",
        ),
        (Int, Some(("Year", &[])), "year", "year(4)", "year"),
        (BigInt, Some(("BigInt", &[])), "bigint", "bigint(20)", "bigint"),
        (
            BigInt,
            Some(("UnsignedBigInt", &[])),
            "bigint",
            "bigint(20) unsigned",
            "bigint unsigned",
        ),
        (Boolean, Some(("TinyInt", &[])), "tinyint", "tinyint(1)", "tinyint(1)"),
        (Boolean, Some(("Bit", &["1"])), "bit", "bit(1)", "bit(1)"),
        (Bytes, Some(("Bit", &["8"])), "bit", "bit(8)", "bit(8)"),
        (
            Decimal,
            Some(("Decimal", &["10", "2"])),
            "decimal",
            "decimal(10,2)",
            "decimal(10,2)",
        ),
        (
            Decimal,
            Some(("Decimal", &[])),
            "decimal",
            "decimal(10,0)",
            "decimal(10,0)",
        ),
        (Float, Some(("Float", &[])), "float", "float", "float"),
        (Float, Some(("Double", &[])), "double", "double", "double"),
        (
            DateTime,
            Some(("DateTime", &["6"])),
            "datetime",
            "datetime(6)",
            "datetime(6)",
        ),
        (DateTime, Some(("DateTime", &[])), "datetime", "datetime", "datetime"),
        (
            DateTime,
            Some(("Timestamp", &["3"])),
            "timestamp",
            "timestamp(3)",
            "timestamp(3)",
        ),
        (
            DateTime,
            Some(("Timestamp", &[])),
            "timestamp",
            "timestamp",
            "timestamp",
        ),
        (DateTime, Some(("Date", &[])), "date", "date", "date"),
        (DateTime, Some(("Time", &["2"])), "time", "time(2)", "time(2)"),
        (DateTime, Some(("Time", &[])), "time", "time", "time"),
        (Json, Some(("Json", &[])), "json", "json", "json"),
        (Bytes, Some(("Binary", &["16"])), "binary", "binary(16)", "binary(16)"),
        (Bytes, Some(("Binary", &[])), "binary", "binary(1)", "binary(1)"),
        (
            Bytes,
            Some(("VarBinary", &["32"])),
            "varbinary",
            "varbinary(32)",
            "varbinary(32)",
        ),
        (Bytes, Some(("TinyBlob", &[])), "tinyblob", "tinyblob", "tinyblob"),
        (Bytes, Some(("Blob", &[])), "blob", "blob", "blob"),
        (
            Bytes,
            Some(("MediumBlob", &[])),
            "mediumblob",
            "mediumblob",
            "mediumblob",
        ),
        (Bytes, Some(("LongBlob", &[])), "longblob", "longblob", "longblob"),
    ]
};

/// Every lowered type reads back from both servers' catalog spellings as
/// the same `sql` and scalar, and `db pull`'s attribute lowers to it again.
#[test]
fn catalog_spellings_read_back_as_lowered() {
    for (scalar, attribute, data_type, mariadb, mysql) in CASES {
        let attribute = attribute.map(|(name, args)| native(name, args));
        let expected = lowered(*scalar, attribute.as_ref());
        for column_type in [mariadb, mysql] {
            let read = column_type_from_catalog(data_type, column_type, false);
            assert_eq!(read.sql, expected.sql, "{column_type}");
            assert_eq!(read.family, TypeFamily::Scalar(*scalar), "{column_type}");
        }
        let pulled = MysqlDialect.native_type(&expected, *scalar);
        assert_eq!(lowered(*scalar, pulled.as_ref()).sql, expected.sql, "{attribute:?}");
    }
}

#[test]
fn pull_writes_attributes_only_where_needed() {
    let pull = |scalar, name: &str, args: &[&str]| {
        MysqlDialect
            .native_type(&lowered(scalar, Some(&native(name, args))), scalar)
            .map(|n| match n.args.is_empty() {
                true => format!("@db.{}", n.name),
                false => format!("@db.{}({})", n.name, n.args.join(", ")),
            })
    };
    assert_eq!(pull(ScalarType::String, "VarChar", &["191"]), None);
    assert_eq!(pull(ScalarType::Boolean, "TinyInt", &[]), None);
    assert_eq!(pull(ScalarType::DateTime, "DateTime", &["3"]), None);
    assert_eq!(pull(ScalarType::Decimal, "Decimal", &["65", "30"]), None);
    assert_eq!(
        pull(ScalarType::DateTime, "Timestamp", &[]).as_deref(),
        Some("@db.Timestamp(0)")
    );
    assert_eq!(
        pull(ScalarType::Int, "UnsignedInt", &[]).as_deref(),
        Some("@db.UnsignedInt")
    );
    assert_eq!(
        pull(ScalarType::Float, "Decimal", &["8", "3"]).as_deref(),
        Some("@db.Decimal(8, 3)")
    );
}

#[test]
fn mariadb_json_is_longtext_with_a_check() {
    let json = lowered(ScalarType::Json, None);
    assert_eq!(column_type_from_catalog("longtext", "longtext", true), json);
    assert_eq!(column_type_from_catalog("longtext", "longtext", false).sql, "LONGTEXT");
}

#[test]
fn inline_enums_and_unsupported_types() {
    let values = ["A".to_string(), "it's".into(), r"back\slash".into()];
    let lowered = MysqlDialect.column_type(FieldTypeRef::Enum {
        namespace: Default::default(),
        name: "Mood",
        values: &values,
        list: false,
    });
    assert_eq!(lowered.sql, r"ENUM('A', 'it''s', 'back\\slash')");
    let read = column_type_from_catalog("enum", r"enum('A','it''s','back\\slash')", false);
    assert_eq!(read.sql, lowered.sql);
    assert_eq!(read.family, TypeFamily::Enum(String::new()));
    for odd in ["point", "set('a','b')", "float(7,4)", "int(10) unsigned zerofill"] {
        let read = column_type_from_catalog(odd.split('(').next().unwrap_or(odd), odd, false);
        assert_eq!(read.family, TypeFamily::Unsupported, "{odd}");
        assert_eq!(read.sql, odd);
        let again = MysqlDialect.column_type(FieldTypeRef::Unsupported(odd));
        assert_eq!(again, read);
    }
    let upper = MysqlDialect.column_type(FieldTypeRef::Unsupported(" SET('A','b') "));
    assert_eq!(upper.sql, "set('A','b')");
    let known = MysqlDialect.column_type(FieldTypeRef::Unsupported("text"));
    assert_eq!((known.family, known.sql.as_str()), (TypeFamily::Unsupported, "TEXT"));
}

/// Values added to an inline enum lose nothing; a value taken away may
/// (Prisma warns only then).
#[test]
fn an_enum_that_keeps_its_values_is_a_safe_cast() {
    use migrate_core::driver::TypeChange;
    let e = |sql: &str| ColumnType {
        family: TypeFamily::Enum("T_r".into()),
        sql: sql.into(),
        list: false,
    };
    let change = |from, to| MysqlDialect.type_change(&e(from), &e(to));
    assert_eq!(change("ENUM('A', 'B')", "ENUM('A', 'B', 'C')"), TypeChange::SafeCast);
    assert_eq!(change("ENUM('A', 'B')", "ENUM('C', 'B', 'A')"), TypeChange::SafeCast);
    assert_eq!(change("ENUM('A', 'B')", "ENUM('A', 'C')"), TypeChange::RiskyCast);
}
