//! Operator classes (`@@index([c(ops: JsonbPathOps)])`): Prisma's names and
//! the SQL names PostgreSQL knows them by. Anything else is an operator
//! class written with `raw("...")` and goes to SQL verbatim.

use super::native::PgType;
use migrate_core::schema::{ColumnType, IndexAlgorithm};

/// `(Prisma name, SQL name)`.
const OPERATOR_CLASSES: &[(&str, &str)] = &[
    ("InetOps", "inet_ops"),
    ("JsonbOps", "jsonb_ops"),
    ("JsonbPathOps", "jsonb_path_ops"),
    ("ArrayOps", "array_ops"),
    ("TextOps", "text_ops"),
    ("BitMinMaxOps", "bit_minmax_ops"),
    ("VarBitMinMaxOps", "varbit_minmax_ops"),
    ("BpcharBloomOps", "bpchar_bloom_ops"),
    ("BpcharMinMaxOps", "bpchar_minmax_ops"),
    ("ByteaBloomOps", "bytea_bloom_ops"),
    ("ByteaMinMaxOps", "bytea_minmax_ops"),
    ("DateBloomOps", "date_bloom_ops"),
    ("DateMinMaxOps", "date_minmax_ops"),
    ("DateMinMaxMultiOps", "date_minmax_multi_ops"),
    ("Float4BloomOps", "float4_bloom_ops"),
    ("Float4MinMaxOps", "float4_minmax_ops"),
    ("Float4MinMaxMultiOps", "float4_minmax_multi_ops"),
    ("Float8BloomOps", "float8_bloom_ops"),
    ("Float8MinMaxOps", "float8_minmax_ops"),
    ("Float8MinMaxMultiOps", "float8_minmax_multi_ops"),
    ("InetInclusionOps", "inet_inclusion_ops"),
    ("InetBloomOps", "inet_bloom_ops"),
    ("InetMinMaxOps", "inet_minmax_ops"),
    ("InetMinMaxMultiOps", "inet_minmax_multi_ops"),
    ("Int2BloomOps", "int2_bloom_ops"),
    ("Int2MinMaxOps", "int2_minmax_ops"),
    ("Int2MinMaxMultiOps", "int2_minmax_multi_ops"),
    ("Int4BloomOps", "int4_bloom_ops"),
    ("Int4MinMaxOps", "int4_minmax_ops"),
    ("Int4MinMaxMultiOps", "int4_minmax_multi_ops"),
    ("Int8BloomOps", "int8_bloom_ops"),
    ("Int8MinMaxOps", "int8_minmax_ops"),
    ("Int8MinMaxMultiOps", "int8_minmax_multi_ops"),
    ("NumericBloomOps", "numeric_bloom_ops"),
    ("NumericMinMaxOps", "numeric_minmax_ops"),
    ("NumericMinMaxMultiOps", "numeric_minmax_multi_ops"),
    ("OidBloomOps", "oid_bloom_ops"),
    ("OidMinMaxOps", "oid_minmax_ops"),
    ("OidMinMaxMultiOps", "oid_minmax_multi_ops"),
    ("TextBloomOps", "text_bloom_ops"),
    ("TextMinMaxOps", "text_minmax_ops"),
    ("TimestampBloomOps", "timestamp_bloom_ops"),
    ("TimestampMinMaxOps", "timestamp_minmax_ops"),
    ("TimestampMinMaxMultiOps", "timestamp_minmax_multi_ops"),
    ("TimestampTzBloomOps", "timestamptz_bloom_ops"),
    ("TimestampTzMinMaxOps", "timestamptz_minmax_ops"),
    ("TimestampTzMinMaxMultiOps", "timestamptz_minmax_multi_ops"),
    ("TimeBloomOps", "time_bloom_ops"),
    ("TimeMinMaxOps", "time_minmax_ops"),
    ("TimeMinMaxMultiOps", "time_minmax_multi_ops"),
    ("TimeTzBloomOps", "timetz_bloom_ops"),
    ("TimeTzMinMaxOps", "timetz_minmax_ops"),
    ("TimeTzMinMaxMultiOps", "timetz_minmax_multi_ops"),
    ("UuidBloomOps", "uuid_bloom_ops"),
    ("UuidMinMaxOps", "uuid_minmax_ops"),
    ("UuidMinMaxMultiOps", "uuid_minmax_multi_ops"),
];

/// The SQL name of an operator class as the schema names it (`JsonbPathOps`
/// is `jsonb_path_ops`; a `raw("...")` class is its own SQL name).
pub fn operator_class_sql(ops: &str) -> &str {
    OPERATOR_CLASSES
        .iter()
        .find(|(prisma, _)| *prisma == ops)
        .map_or(ops, |(_, sql)| sql)
}

/// The schema's name for an operator class PostgreSQL reports: Prisma's
/// name when it has one, else the SQL name (written `raw("...")`).
pub fn prisma_operator_class(sql: &str) -> &str {
    OPERATOR_CLASSES
        .iter()
        .find(|(_, name)| *name == sql)
        .map_or(sql, |(prisma, _)| prisma)
}

/// The operator class (by Prisma's name) an index column gets when none is
/// written, for the methods and types Prisma names classes for (PostgreSQL's
/// `pg_opclass.opcdefault`): naming it is no difference, and the catalogue
/// reports it as none.
pub(crate) fn default_operator_class(method: Option<IndexAlgorithm>, ty: &ColumnType) -> Option<&'static str> {
    use IndexAlgorithm::*;
    use PgType::*;
    let pg = PgType::parse(&ty.sql);
    match (method?, ty.list, pg) {
        (Gin | Hash, true, _) => Some("ArrayOps"),
        (_, true, _) => None,
        (Gin | Hash, false, Some(JsonB)) => Some("JsonbOps"),
        (Hash | SpGist, false, Some(Inet)) => Some("InetOps"),
        (Hash | SpGist, false, Some(Text | VarChar(_))) => Some("TextOps"),
        (Brin, false, Some(t)) => brin_default(t),
        _ => None,
    }
}

fn brin_default(t: PgType) -> Option<&'static str> {
    use PgType::*;
    Some(match t {
        Bit(_) => "BitMinMaxOps",
        VarBit(_) => "VarBitMinMaxOps",
        Char(_) | Bpchar => "BpcharMinMaxOps",
        ByteA => "ByteaMinMaxOps",
        Date => "DateMinMaxOps",
        Real => "Float4MinMaxOps",
        DoublePrecision => "Float8MinMaxOps",
        Inet => "InetInclusionOps",
        SmallInt => "Int2MinMaxOps",
        Integer => "Int4MinMaxOps",
        BigInt => "Int8MinMaxOps",
        Decimal(..) => "NumericMinMaxOps",
        Oid => "OidMinMaxOps",
        Text | VarChar(_) => "TextMinMaxOps",
        Timestamp(_) => "TimestampMinMaxOps",
        Timestamptz(_) => "TimestampTzMinMaxOps",
        Time(_) => "TimeMinMaxOps",
        Timetz(_) => "TimeTzMinMaxOps",
        Uuid => "UuidMinMaxOps",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_classes_by_method_and_type() {
        use migrate_core::schema::{ScalarType, TypeFamily};
        let ty = |sql: &str, list: bool| ColumnType {
            family: TypeFamily::Scalar(ScalarType::String),
            sql: sql.into(),
            list,
        };
        let gin = Some(IndexAlgorithm::Gin);
        assert_eq!(default_operator_class(gin, &ty("TEXT", true)), Some("ArrayOps"));
        assert_eq!(default_operator_class(gin, &ty("JSONB", false)), Some("JsonbOps"));
        assert_eq!(
            default_operator_class(Some(IndexAlgorithm::Brin), &ty("TIMESTAMP(3)", false)),
            Some("TimestampMinMaxOps")
        );
        assert_eq!(default_operator_class(None, &ty("TEXT", false)), None);
        assert_eq!(
            default_operator_class(Some(IndexAlgorithm::Gist), &ty("TEXT", true)),
            None
        );
    }

    /// The classes the schema language checks are the ones named here.
    #[test]
    fn same_classes_as_the_language() {
        let language: Vec<&str> = migrate_core::psl::operator_classes::OPERATOR_CLASSES
            .iter()
            .map(|c| c.name)
            .collect();
        let here: Vec<&str> = OPERATOR_CLASSES.iter().map(|(prisma, _)| *prisma).collect();
        assert_eq!(language, here);
    }

    #[test]
    fn both_directions() {
        assert_eq!(operator_class_sql("JsonbPathOps"), "jsonb_path_ops");
        assert_eq!(
            operator_class_sql("TimestampTzMinMaxMultiOps"),
            "timestamptz_minmax_multi_ops"
        );
        assert_eq!(operator_class_sql("gin_trgm_ops"), "gin_trgm_ops");
        assert_eq!(prisma_operator_class("jsonb_path_ops"), "JsonbPathOps");
        assert_eq!(prisma_operator_class("gin_trgm_ops"), "gin_trgm_ops");
        for (prisma, sql) in OPERATOR_CLASSES {
            assert_eq!(prisma_operator_class(operator_class_sql(prisma)), *prisma);
            assert_eq!(*sql, sql.to_ascii_lowercase());
        }
    }
}
