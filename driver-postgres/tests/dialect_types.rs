//! Prisma field types to PostgreSQL column types: every scalar, every
//! `@db.*` native type with and without arguments, lists, enums and
//! `Unsupported(...)`. Each table is created on a real database, and the
//! catalog's own spelling of every column type is recorded beside ours.

#[path = "common/dialect_builders.rs"]
mod builders;
#[path = "common/pg.rs"]
mod pg;

use builders::*;
use driver_postgres::dialect::native::PgType;
use driver_postgres::PostgresDialect;
use migrate_core::driver::{Dialect, FieldTypeRef};
use migrate_core::psl::datamodel::NativeType;
use migrate_core::schema::{ScalarType, Schema, TypeFamily};
use pg::{test_database, TestDatabase};

const MODELS: &str = r#"
enum Role {
  USER
  ADMIN
}

model Scalars {
  id       Int      @id
  string   String
  boolean  Boolean
  int      Int
  bigInt   BigInt
  float    Float
  decimal  Decimal
  dateTime DateTime
  json     Json
  bytes    Bytes
  role     Role
  geometry Unsupported("circle")
}

model Natives {
  id           Int      @id
  text         String   @db.Text
  char         String   @db.Char
  char8        String   @db.Char(8)
  varchar      String   @db.VarChar
  varchar12    String   @db.VarChar(12)
  bit          String   @db.Bit
  bit4         String   @db.Bit(4)
  varbit       String   @db.VarBit
  varbit8      String   @db.VarBit(8)
  uuid         String   @db.Uuid
  xml          String   @db.Xml
  inet         String   @db.Inet
  citext       String   @db.Citext
  boolean      Boolean  @db.Boolean
  integer      Int      @db.Integer
  smallint     Int      @db.SmallInt
  oid          Int      @db.Oid
  bigint       BigInt   @db.BigInt
  double       Float    @db.DoublePrecision
  real         Float    @db.Real
  decimal      Decimal  @db.Decimal
  decimal10    Decimal  @db.Decimal(10, 2)
  money        Decimal  @db.Money
  timestamp    DateTime @db.Timestamp
  timestamp0   DateTime @db.Timestamp(0)
  timestamptz  DateTime @db.Timestamptz
  timestamptz3 DateTime @db.Timestamptz(3)
  date         DateTime @db.Date
  time         DateTime @db.Time
  time2        DateTime @db.Time(2)
  timetz       DateTime @db.Timetz
  timetz4      DateTime @db.Timetz(4)
  json         Json     @db.Json
  jsonb        Json     @db.JsonB
  bytea        Bytes    @db.ByteA
}

model Lists {
  id        Int        @id
  strings   String[]
  ints      Int[]
  bigInts   BigInt[]
  floats    Float[]
  decimals  Decimal[]
  booleans  Boolean[]
  dateTimes DateTime[]
  jsons     Json[]
  bytes     Bytes[]
  roles     Role[]
  varchars  String[]   @db.VarChar(3)
  uuids     String[]   @db.Uuid
}

model Serials {
  small Int    @default(autoincrement()) @db.SmallInt
  int   Int    @default(autoincrement())
  big   BigInt @default(autoincrement())

  @@id([small, int, big])
}
"#;

fn every_type() -> Schema {
    schema(MODELS)
}

#[test]
fn every_type_renders() {
    insta::assert_snapshot!(create_script(&every_type()));
}

/// Our canonical spelling of each column beside `format_type` of the
/// column PostgreSQL created from it.
#[tokio::test]
async fn every_type_runs_and_matches_the_catalog() {
    let schema = every_type();
    let mut db = test_database!();
    db.apply("CREATE EXTENSION citext;").await;
    db.apply(&create_script(&schema)).await;
    let mut lines = Vec::new();
    for table in &schema.tables {
        let catalog = db
            .texts(&format!(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute \
             WHERE attrelid = '\"{}\"'::regclass AND attnum > 0 ORDER BY attnum",
                table.name
            ))
            .await;
        for (column, pg_type) in table.columns.iter().zip(catalog) {
            let ours = if column.ty.list {
                format!("{}[]", column.ty.sql)
            } else {
                column.ty.sql.clone()
            };
            lines.push(format!(
                "{:<24} {:<18} {pg_type}",
                format!("{}.{}", table.name, column.name),
                ours
            ));
        }
    }
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn families_and_lists() {
    let role = ["USER".to_string()];
    let enum_list = PostgresDialect.column_type(FieldTypeRef::Enum {
        namespace: None,
        name: "we\"ird",
        values: &role,
        list: true,
    });
    assert_eq!(enum_list.sql, r#""we""ird""#);
    assert!(enum_list.list);
    assert_eq!(enum_list.family, TypeFamily::Enum("we\"ird".into()));
    let unsupported = PostgresDialect.column_type(FieldTypeRef::Unsupported("tsvector"));
    assert_eq!(
        (unsupported.sql.as_str(), unsupported.family),
        ("tsvector", TypeFamily::Unsupported)
    );
    let money = NativeType {
        name: "Money".into(),
        args: Vec::new(),
    };
    let ty = PostgresDialect.column_type(FieldTypeRef::Scalar {
        scalar: ScalarType::Decimal,
        native: Some(&money),
        list: true,
    });
    assert_eq!((ty.sql.as_str(), ty.list), ("MONEY", true));
    assert_eq!(ty.family, TypeFamily::Scalar(ScalarType::Decimal));
}

/// Every canonical spelling reads back as the type it came from.
#[test]
fn canonical_spellings_parse_back() {
    for table in &every_type().tables {
        for column in &table.columns {
            if let TypeFamily::Scalar(_) = column.ty.family {
                let parsed = PgType::parse(&column.ty.sql).unwrap_or_else(|| panic!("{}", column.ty.sql));
                assert_eq!(parsed.sql(), column.ty.sql);
            }
        }
    }
}

#[test]
fn capabilities() {
    insta::assert_debug_snapshot!(PostgresDialect.capabilities());
}

/// A `nextval()` default draws from a sequence (the differ then takes it for
/// `autoincrement()`, as Prisma 6.19.3 pulls it); other defaults do not.
#[test]
fn nextval_defaults_draw_from_a_sequence() {
    assert!(PostgresDialect.draws_from_sequence("nextval('shared_seq'::regclass)"));
    assert!(PostgresDialect.draws_from_sequence("NEXTVAL('\"Doc_seq\"')"));
    assert!(!PostgresDialect.draws_from_sequence("now()"));
    assert!(!PostgresDialect.draws_from_sequence("currval('s')"));
}
