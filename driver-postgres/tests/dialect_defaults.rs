//! Every kind of default, rendered, run on a real database, and read back
//! from a row inserted with nothing but its id.

#[path = "common/dialect_builders.rs"]
mod builders;
#[path = "common/pg.rs"]
mod pg;

use builders::*;
use pg::{test_database, TestDatabase};

const MODELS: &str = r#"
enum Level {
  LOW
  HIGH @map("high")
}

model Defaults {
  id         Int        @id
  text       String     @default("it's \\ here")
  empty      String     @default("")
  int        Int        @default(-42)
  small      Int        @default(7) @db.SmallInt
  big        BigInt     @default(9007199254740993)
  float      Float      @default(2.5)
  real       Float      @default(-0.125) @db.Real
  decimal    Decimal    @default(12.345)
  money      Decimal    @default(1.5) @db.Money
  yes        Boolean    @default(true)
  no         Boolean    @default(false)
  level      Level      @default(HIGH)
  bytes      Bytes      @default("3q2+7w==")
  json       Json       @default("{\"a\": [1, \"it's\"]}")
  jsonText   Json       @default("{}") @db.Json
  stamp      DateTime   @default("2024-06-01T12:00:00.000Z")
  day        DateTime   @default("2024-06-01T00:00:00Z") @db.Date
  uuid       String     @default(dbgenerated("'00000000-0000-0000-0000-000000000001'::uuid")) @db.Uuid
  sum        Int        @default(dbgenerated("(1 + 2)"))
  label      String     @default(dbgenerated("'a' || 'b'"))
  texts      String[]   @default(["x", "it's", ""])
  ints       Int[]      @default([1, -2, 3])
  floats     Float[]    @default([1.5, 2])
  decimals   Decimal[]  @default([0.1, 10])
  bools      Boolean[]  @default([true, false])
  levels     Level[]    @default([LOW, HIGH])
  none       Int[]      @default([])
  varchars   String[]   @default(["ab"]) @db.VarChar(2)
  stamps     DateTime[] @default(["2024-01-01T00:00:00Z"])
  jsons      Json[]     @default(["{}", "[1]"])
  blobs      Bytes[]    @default(["AQI="])
}

model Clocks {
  id    Int      @id
  now   DateTime @default(now())
  tz    DateTime @default(now()) @db.Timestamptz(6)
  date  DateTime @default(now()) @db.Date
  time  DateTime @default(dbgenerated("CURRENT_TIME")) @db.Time(6)
}
"#;

#[test]
fn every_default_renders() {
    insta::assert_snapshot!(create_script(&schema(MODELS)));
}

/// Each column of a row that took every default, as PostgreSQL prints it.
#[tokio::test]
async fn every_default_runs_and_is_stored() {
    let schema = schema(MODELS);
    let mut db = test_database!();
    db.apply(&create_script(&schema)).await;
    db.apply(r#"INSERT INTO "Defaults" ("id") VALUES (1); INSERT INTO "Clocks" ("id") VALUES (1);"#)
        .await;
    let table = schema.table("Defaults").expect("Defaults");
    let mut values = Vec::new();
    for c in &table.columns {
        // Money prints with the server's currency locale: read it as a number.
        let cast = if c.name == "money" { "::numeric::text" } else { "::text" };
        let value = db.text(&format!("SELECT \"{}\"{cast} FROM \"Defaults\"", c.name)).await;
        values.push(format!("{:<9} {value}", c.name));
    }
    insta::assert_snapshot!(values.join("\n"));
    let clocks = db.text(r#"SELECT count(*) FROM "Clocks" WHERE "now" IS NOT NULL AND "tz" IS NOT NULL AND "date" = CURRENT_DATE AND "time" IS NOT NULL"#).await;
    assert_eq!(clocks, "1");
}
