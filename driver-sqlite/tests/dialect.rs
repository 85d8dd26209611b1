//! Provider, capabilities and the type mapping.

use driver_sqlite::SqliteDialect;
use migrate_core::driver::{Dialect, EnumSupport, FieldTypeRef, TableAlteration};
use migrate_core::psl::datamodel::{NativeType, Provider};
use migrate_core::schema::{IdentifierLimit, ScalarType, TypeFamily};

#[test]
fn provider_and_capabilities() {
    assert_eq!(SqliteDialect.provider(), Provider::Sqlite);
    let caps = SqliteDialect.capabilities();
    assert_eq!(caps.enums, EnumSupport::Text);
    assert!(!caps.scalar_lists);
    assert!(caps.foreign_keys_in_create_table);
    assert_eq!(caps.table_alteration, TableAlteration::Redefine);
    assert!(!caps.rename_index);
    assert!(!caps.named_primary_keys);
    assert!(!caps.join_table_primary_key);
    assert_eq!(caps.identifier_limit, IdentifierLimit::SQLITE);
}

#[test]
fn scalars_map_to_prisma_types() {
    let expected = [
        (ScalarType::String, "TEXT"),
        (ScalarType::Boolean, "BOOLEAN"),
        (ScalarType::Int, "INTEGER"),
        (ScalarType::BigInt, "BIGINT"),
        (ScalarType::Float, "REAL"),
        (ScalarType::Decimal, "DECIMAL"),
        (ScalarType::DateTime, "DATETIME"),
        (ScalarType::Json, "JSONB"),
        (ScalarType::Bytes, "BLOB"),
    ];
    assert_eq!(expected.len(), ScalarType::ALL.len());
    for (scalar, sql) in expected {
        let ty = SqliteDialect.column_type(FieldTypeRef::Scalar {
            scalar,
            native: None,
            list: false,
        });
        assert_eq!(
            (ty.family, ty.sql.as_str(), ty.list),
            (TypeFamily::Scalar(scalar), sql, false)
        );
    }
}

#[test]
fn native_types_and_lists_are_ignored() {
    let native = NativeType {
        name: "VarChar".into(),
        args: vec!["10".into()],
    };
    let field = FieldTypeRef::Scalar {
        scalar: ScalarType::String,
        native: Some(&native),
        list: true,
    };
    let ty = SqliteDialect.column_type(field);
    assert_eq!((ty.sql.as_str(), ty.list), ("TEXT", false));
}

#[test]
fn enums_are_text_and_unsupported_is_verbatim() {
    let values = vec!["A".to_string()];
    let ty = SqliteDialect.column_type(FieldTypeRef::Enum {
        namespace: Default::default(),
        name: "Role",
        values: &values,
        list: false,
    });
    assert_eq!((ty.family, ty.sql.as_str()), (TypeFamily::Enum("Role".into()), "TEXT"));
    let ty = SqliteDialect.column_type(FieldTypeRef::Unsupported("NUMERIC(10, 2)"));
    assert_eq!(
        (ty.family, ty.sql.as_str()),
        (TypeFamily::Unsupported, "NUMERIC(10, 2)")
    );
}

/// Prisma 6.19.3 pulls `INT(11)` and `bool` columns as `Unsupported("int(11)")`
/// and `Unsupported("bool")`, and so does this driver: another spelling of
/// the same declared type (any case) is the same column, a scalar is not
/// (Prisma redefines the table for it too). `INTEGER` written as
/// `Unsupported("INTEGER")` is read back as `Int`, the same column.
#[test]
fn a_declared_type_is_the_type_it_reads_back_as() {
    let unsupported = |sql: &str| SqliteDialect.column_type(FieldTypeRef::Unsupported(sql));
    let scalar = |scalar| {
        SqliteDialect.column_type(FieldTypeRef::Scalar {
            scalar,
            native: None,
            list: false,
        })
    };
    assert!(!SqliteDialect.same_type(&unsupported("int(11)"), &scalar(ScalarType::Int)));
    assert!(!SqliteDialect.same_type(&scalar(ScalarType::Boolean), &unsupported("bool")));
    assert!(SqliteDialect.same_type(&unsupported("INT(11)"), &unsupported("int(11)")));
    assert!(SqliteDialect.same_type(&unsupported("integer"), &scalar(ScalarType::Int)));
    assert!(!SqliteDialect.same_type(&unsupported("circle"), &scalar(ScalarType::String)));
    assert!(!SqliteDialect.same_type(&unsupported("int(11)"), &scalar(ScalarType::BigInt)));
}
