//! MySQL indexes only a prefix of a column of the `TEXT` and `BLOB`
//! families: a key on one needs `length:`, or the server refuses the table
//! (errno 1170, "used in key specification without a key length").
//!
//! Prisma refuses such keys when the field has an explicit native type
//! (`@db.Text`, `@db.LongBlob`, ...), with the messages below. It accepts
//! them on a plain `Bytes` field (a `LONGBLOB`) or a `Json` one, where the
//! migration then fails; here those are refused too where every server
//! refuses them (a primary key, a plain index), and left alone in a unique
//! key, which MariaDB (10.4 and later) keeps as a hash. Full-text indexes
//! are exempt: they are made for such columns.
//!
//! PostgreSQL has no B-tree operator class for `xml`, so no key can hold
//! an `@db.Xml` column, whatever the index method (Prisma's messages).

use super::Ctx;
use crate::psl::datamodel::{Datamodel, Field, FieldType, IndexField, IndexType, Model, Provider};
use crate::psl::diagnostics::Span;
use crate::schema::ScalarType;

/// MySQL's types whose values a key holds only in part.
const PREFIX_ONLY: [&str; 8] = [
    "Text",
    "TinyText",
    "MediumText",
    "LongText",
    "Blob",
    "TinyBlob",
    "MediumBlob",
    "LongBlob",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Id,
    Unique,
    Index,
}

pub fn check(ctx: &mut Ctx<'_>, dm: &Datamodel) {
    let refusal = match ctx.provider {
        Some(Provider::Mysql) => mysql_refusal,
        Some(Provider::Postgres) => postgres_refusal,
        _ => return,
    };
    for model in &dm.models {
        for index in &model.indexes {
            let key = match index.kind {
                IndexType::Unique => Key::Unique,
                IndexType::Normal => Key::Index,
                IndexType::Fulltext => continue,
            };
            check_fields(ctx, model, &index.fields, key, Some(index.span), refusal);
        }
        if let Some(pk) = &model.primary_key {
            check_fields(ctx, model, &pk.fields, Key::Id, None, refusal);
        }
    }
}

/// Why the database refuses `field` in a key of this kind, if it does.
type Refusal = fn(&Field, Key) -> Option<String>;

/// `span`: the index's; a primary key's error goes on the field.
fn check_fields(
    ctx: &mut Ctx<'_>,
    model: &Model,
    fields: &[IndexField],
    key: Key,
    span: Option<Span>,
    refusal: Refusal,
) {
    for key_field in fields.iter().filter(|f| f.length.is_none()) {
        let Some(field) = model.field(&key_field.field) else {
            continue;
        };
        if let Some(message) = refusal(field, key) {
            ctx.diags.error(span.unwrap_or(field.span), message);
        }
    }
}

fn mysql_refusal(field: &Field, key: Key) -> Option<String> {
    const LENGTH: &str = "Please use the `length` argument to the field in the index definition to allow this.";
    if let Some(native) = field.native.as_ref().filter(|n| PREFIX_ONLY.contains(&n.name.as_str())) {
        let ty = &native.name;
        return Some(match key {
            Key::Id => {
                format!("Native type `{ty}` of MySQL cannot be used on a field that is `@id` or `@@id`. {LENGTH}")
            }
            Key::Unique => format!("Native type `{ty}` cannot be unique in MySQL. {LENGTH}"),
            Key::Index => format!("You cannot define an index on fields with native type `{ty}` of MySQL. {LENGTH}"),
        });
    }
    let implicit = match (&field.native, &field.ty) {
        (None, FieldType::Scalar(ScalarType::Bytes)) => "LONGBLOB",
        (None, FieldType::Scalar(ScalarType::Json)) => "JSON",
        _ => return None,
    };
    (key != Key::Unique).then(|| {
        format!(
            "MySQL and MariaDB refuse the {implicit} column `{}` in a primary key or an index. Give the field a bounded type (such as `@db.VarBinary(255)` or `@db.VarChar(191)`), or leave it out of the key.",
            field.name
        )
    })
}

fn postgres_refusal(field: &Field, key: Key) -> Option<String> {
    let ty = field.native.as_ref().filter(|n| n.name == "Xml")?;
    let ty = &ty.name;
    Some(match key {
        // Prisma accepts it; PostgreSQL refuses the table ("data type xml
        // has no default operator class for access method btree").
        Key::Id => format!(
            "Native type `{ty}` cannot be used on a field that is `@id` or `@@id` in Postgres: PostgreSQL cannot index it."
        ),
        Key::Unique => format!("Native type `{ty}` cannot be unique in Postgres."),
        Key::Index => format!("You cannot define an index on fields with native type `{ty}` of Postgres."),
    })
}
