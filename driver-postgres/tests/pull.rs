//! DESIGN invariant 3 on PostgreSQL: after `db pull`, the pulled schema
//! lowers to what the database holds (diff empty), and pulling over it again
//! gives the same text. Native types come back as `@db.*` attributes only
//! where they are not the scalar's own type.

#[path = "common/pg.rs"]
mod pg;

use driver_postgres::{introspect::introspect, PostgresDialect};
use migrate_core::diff::diff;
use migrate_core::driver::Dialect;
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::lower::lower;
use migrate_core::psl::to_psl::pull_text;
use migrate_core::psl::{parse_and_validate, ValidatedSchema};
use migrate_core::schema::Schema;
use pg::{test_database, TestDatabase};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/schemas");

fn validated(text: &str) -> ValidatedSchema {
    parse_and_validate(SourceFiles::single("schema.prisma", text.to_string())).unwrap_or_else(|e| panic!("{e}"))
}

/// Creates the schema on a fresh database and pulls it back, twice; `None`
/// when the run leaves PostgreSQL out.
async fn round_trip(name: &str, text: &str) -> Option<String> {
    let original = validated(text);
    let target = lower(&original.datamodel, &PostgresDialect);
    let script = PostgresDialect
        .render(&diff(&Schema::default(), &target, &PostgresDialect))
        .unwrap();
    let mut db = TestDatabase::if_selected().await?;
    db.apply(&script).await;
    let live = introspect(db.client(), "public").await.unwrap();

    let pulled = pull_text(&live, &PostgresDialect, Some(&original.files));
    let again = validated(&pulled);
    let drift = diff(&live, &lower(&again.datamodel, &PostgresDialect), &PostgresDialect);
    assert!(
        drift.is_empty(),
        "{name}: the pulled schema drifts: {drift:#?}\n{pulled}"
    );
    assert_eq!(
        pull_text(&live, &PostgresDialect, Some(&again.files)),
        pulled,
        "{name}: pulling twice"
    );
    Some(pulled)
}

#[tokio::test]
async fn postgres_fixture_pulls_without_drift() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/postgres_features.prisma")).unwrap();
    let Some(pulled) = round_trip("postgres_features", &text).await else {
        return;
    };
    assert!(pulled.contains("@db.VarChar(8)"), "{pulled}");
    assert!(
        !pulled.contains("@db.Text"),
        "the default type of String gets no attribute:\n{pulled}"
    );
}

#[tokio::test]
async fn native_types_pull_as_attributes() {
    let models = r#"
model Kinds {
  id      Int      @id @default(autoincrement())
  code    String   @db.Char(3)
  name    String   @db.VarChar(120)
  uid     String   @db.Uuid
  price   Decimal  @db.Decimal(10, 2)
  small   Int      @db.SmallInt
  at      DateTime @db.Timestamptz(6)
  day     DateTime @db.Date
  doc     Json     @db.Json
  ratio   Float    @db.Real
  plain   String
  created DateTime @default(now())
}
"#;
    let text =
        format!("datasource db {{\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}}\n{models}");
    let fresh = validated(&text);
    let mut db = test_database!();
    let target = lower(&fresh.datamodel, &PostgresDialect);
    db.apply(
        &PostgresDialect
            .render(&diff(&Schema::default(), &target, &PostgresDialect))
            .unwrap(),
    )
    .await;
    let live = introspect(db.client(), "public").await.unwrap();
    let pulled = pull_text(&live, &PostgresDialect, None);
    for attr in [
        "@db.Char(3)",
        "@db.VarChar(120)",
        "@db.Uuid",
        "@db.Decimal(10, 2)",
        "@db.SmallInt",
        "@db.Timestamptz(6)",
        "@db.Date",
        "@db.Json",
        "@db.Real",
    ] {
        assert!(pulled.contains(attr), "{attr} missing:\n{pulled}");
    }
    round_trip("native types", &text).await;
}
