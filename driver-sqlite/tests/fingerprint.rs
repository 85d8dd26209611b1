//! The schema fingerprint stands for an introspection: databases built by
//! the same statements share it (the history table aside) and read back
//! alike, and every change introspection could see changes it.

use driver_sqlite::introspect::{fingerprint, introspect};
use rusqlite::Connection;

const SHOP: &str = r#"
CREATE TABLE "Customer" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL);
CREATE UNIQUE INDEX "Customer_email_key" ON "Customer"("email");
CREATE TABLE "Order" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "customerId" INTEGER NOT NULL,
    CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
"#;

const HISTORY: &str =
    r#"CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL);"#;

fn database(scripts: &[&str]) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    for script in scripts {
        conn.execute_batch(script).unwrap();
    }
    conn
}

#[test]
fn the_same_statements_give_the_same_fingerprint_with_or_without_a_history() {
    let shadow = database(&[SHOP]);
    let dev = database(&[HISTORY, SHOP]);
    let print = fingerprint(&shadow).unwrap();
    assert_eq!(print.len(), 64, "a hex SHA-256: {print}");
    assert_eq!(print, fingerprint(&dev).unwrap());
    assert_eq!(introspect(&shadow).unwrap(), introspect(&dev).unwrap());
}

#[test]
fn every_change_introspection_sees_changes_the_fingerprint() {
    let base = fingerprint(&database(&[SHOP])).unwrap();
    let changes = [
        r#"ALTER TABLE "Customer" ADD COLUMN "name" TEXT"#,
        r#"CREATE INDEX "Order_customerId_idx" ON "Order"("customerId")"#,
        r#"DROP INDEX "Customer_email_key""#,
        r#"CREATE TABLE "Extra" ("id" INTEGER NOT NULL PRIMARY KEY)"#,
        r#"ALTER TABLE "Order" RENAME COLUMN "customerId" TO "buyerId""#,
        r#"CREATE TRIGGER "touch" AFTER INSERT ON "Order" BEGIN SELECT 1; END"#,
        r#"CREATE VIEW "Big" AS SELECT * FROM "Order""#,
    ];
    for change in changes {
        let changed = database(&[SHOP, change]);
        assert_ne!(fingerprint(&changed).unwrap(), base, "{change}");
    }
    let rows_only = database(&[SHOP, r#"INSERT INTO "Customer" ("email") VALUES ('a@example.com')"#]);
    assert_eq!(fingerprint(&rows_only).unwrap(), base, "rows are not schema");
}
