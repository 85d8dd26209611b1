//! The change corpus against Prisma 6.19.3's own output
//! (tests/fixtures/changes): the SQL `migrate diff --from-schema-datamodel
//! before --to-schema-datamodel after --script` prints for a change, what
//! `migrate dev` writes after an edit, is Prisma's byte for byte, but for
//! the differences listed in [`DELIBERATE`], each with its reason. On real
//! databases, our change SQL applied after `before`'s leaves no drift
//! against `after`.

use migrate_core::diff::diff;
use migrate_core::driver::Dialect;
use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::lower::lower;
use migrate_core::psl::{parse_and_validate, ValidatedSchema};
use migrate_core::schema::Schema;
use migrate_tests::changes::{change_pairs, ChangePair};
use migrate_tests::harness::{DbKind, TestDb};

/// Prisma wraps an enum's recreation in `BEGIN;`/`COMMIT;`; we do not.
const OWN_TRANSACTION: &str =
    "the driver runs the migration in one transaction; a COMMIT in the script would end it early";

/// Where our change SQL differs from Prisma's on purpose: (pair, provider,
/// Prisma's text (every occurrence is replaced), ours, why).
/// Why an auto-increment column made BIGINT changes its sequence too.
const SEQUENCE_TYPE: &str = "a SERIAL column's sequence is `AS integer`: made BIGINT without it, the column still \
    stops at 2^31 - 1 (`nextval` reaches the sequence's maximum); Prisma leaves the sequence as it was";

/// Why a changed date-time default is written.
const DATE_TIME_DEFAULT_CHANGED: &str =
    "a DateTime default changed in the schema (one constant for another, a constant for \
    now() or back): Prisma 6.19.3 compares no default against a DateTime constant and writes nothing, so the database \
    keeps the old default and new rows get it; ours sets the schema's";

/// Why a date-time constant default is set again when its column is retyped.
const DATE_TIME_DEFAULT_RECAST: &str =
    "PostgreSQL keeps a default as it was cast for the old type (`'2025-03-01'::date` \
    in a column made TIMESTAMP): the database then differs from what the schema creates, and the next diff against it \
    sees a change (drift after Prisma's own script); set again, the default is cast for the new type";

/// Why a second index over the same columns is created.
const SECOND_INDEX: &str =
    "an index added beside one over the same columns, under a name of its own: Prisma writes no step, \
    so a database it migrates lacks the index its from-empty SQL creates (and its next diff still sees none)";

const DELIBERATE: &[(&str, Provider, &str, &str, &str)] = &[
    (
        "pg_datetime_default_retyped",
        Provider::Postgres,
        "ALTER TABLE \"Shift\" ALTER COLUMN \"startsAt\" SET DATA TYPE",
        "ALTER TABLE \"Shift\" ALTER COLUMN \"startsAt\" SET DEFAULT '2025-03-01 09:00:00 +01:00',\nALTER COLUMN \"startsAt\" SET DATA TYPE",
        DATE_TIME_DEFAULT_RECAST,
    ),
    (
        "pg_datetime_default_retyped",
        Provider::Postgres,
        "ALTER COLUMN \"rosterDay\" SET DATA TYPE",
        "ALTER COLUMN \"rosterDay\" SET DEFAULT '2025-03-01 00:00:00 +00:00',\nALTER COLUMN \"rosterDay\" SET DATA TYPE",
        DATE_TIME_DEFAULT_RECAST,
    ),
    (
        "pg_datetime_default_retyped",
        Provider::Postgres,
        "ALTER COLUMN \"lockedAt\" SET DATA TYPE",
        "ALTER COLUMN \"lockedAt\" SET DEFAULT '2025-03-01 18:30:00.250 +00:00',\nALTER COLUMN \"lockedAt\" SET DATA TYPE",
        DATE_TIME_DEFAULT_RECAST,
    ),
    (
        "pg_autoincrement_changed",
        Provider::Postgres,
        "SET DATA TYPE BIGSERIAL",
        "SET DATA TYPE BIGINT",
        "BIGSERIAL is no type ALTER COLUMN takes: Prisma's script fails (the column keeps its sequence default)",
    ),
    (
        "pg_autoincrement_changed",
        Provider::Postgres,
        "ADD CONSTRAINT \"Counter_pkey\" PRIMARY KEY (\"id\");\n",
        "ADD CONSTRAINT \"Counter_pkey\" PRIMARY KEY (\"id\");\nALTER SEQUENCE \"Counter_id_seq\" AS BIGINT;\n",
        SEQUENCE_TYPE,
    ),
    (
        "pg_referenced_keys_retyped",
        Provider::Postgres,
        "SET DATA TYPE BIGSERIAL",
        "SET DATA TYPE BIGINT",
        "BIGSERIAL is no type ALTER COLUMN takes: Prisma's script fails (the column keeps its sequence default)",
    ),
    (
        "pg_referenced_keys_retyped",
        Provider::Postgres,
        "ADD CONSTRAINT \"Warehouse_pkey\" PRIMARY KEY (\"id\");\n",
        "ADD CONSTRAINT \"Warehouse_pkey\" PRIMARY KEY (\"id\");\nALTER SEQUENCE \"Warehouse_id_seq\" AS BIGINT;\n",
        SEQUENCE_TYPE,
    ),
    (
        "pg_autoincrement_changed",
        Provider::Postgres,
        "counter_seq_seq",
        "\"Counter_seq_seq\"",
        "the sequence keeps the case SERIAL gives it; Prisma's lowercased bare name fails for names that need quotes",
    ),
    (
        "pg_autoincrement_removed",
        Provider::Postgres,
        "DROP SEQUENCE \"\";",
        "DROP SEQUENCE \"Badge_id_seq\";",
        "Prisma names no sequence when the old side is a schema file, and its script fails",
    ),
    (
        "pg_autoincrement_replaced_by_default",
        Provider::Postgres,
        "DROP DEFAULT;\nDROP SEQUENCE \"\";",
        "DROP DEFAULT;\nDROP SEQUENCE \"Tally_seq_seq\";",
        "Prisma names no sequence when the old side is a schema file, and its script fails",
    ),
    (
        "pg_autoincrement_replaced_by_default",
        Provider::Postgres,
        "SET DATA TYPE BIGINT;\nDROP SEQUENCE \"\";",
        "SET DATA TYPE BIGINT;\nDROP SEQUENCE \"Gauge_level_seq\";",
        "Prisma names no sequence when the old side is a schema file, and its script fails",
    ),
    (
        "sqlite_int_id_to_string_id",
        Provider::Postgres,
        "DROP SEQUENCE \"\";",
        "DROP SEQUENCE \"Ticket_id_seq\";",
        "Prisma names no sequence when the old side is a schema file, and its script fails",
    ),
    (
        "pg_enum_default_and_map",
        Provider::Postgres,
        "ALTER TABLE \"Bike\" DROP COLUMN \"color\",\nADD COLUMN     \"color\" \"bike_color\" NOT NULL DEFAULT 'GREEN';",
        "ALTER TABLE \"Bike\" ALTER COLUMN \"color\" DROP DEFAULT;\nALTER TABLE \"Bike\" ALTER COLUMN \"color\" SET DATA TYPE \"bike_color\" USING (\"color\"::text::\"bike_color\");\nALTER TABLE \"Bike\" ALTER COLUMN \"color\" SET DEFAULT 'GREEN';",
        "an enum column moving to another enum keeps its values through their text; Prisma drops the column and its data",
    ),
    (
        "pg_enum_to_string",
        Provider::Postgres,
        "ALTER TABLE \"Notice\" DROP COLUMN \"channel\",\nADD COLUMN     \"channel\" TEXT NOT NULL DEFAULT 'EMAIL';",
        "ALTER TABLE \"Notice\" ALTER COLUMN \"channel\" DROP DEFAULT;\nALTER TABLE \"Notice\" ALTER COLUMN \"channel\" SET DATA TYPE TEXT;\nALTER TABLE \"Notice\" ALTER COLUMN \"channel\" SET DEFAULT 'EMAIL';",
        "an enum column becoming text keeps its values; Prisma drops the column and its data",
    ),
    (
        "pg_string_to_enum",
        Provider::Postgres,
        "ALTER TABLE \"Shipment\" DROP COLUMN \"status\",\nADD COLUMN     \"status\" \"ShipmentStatus\" NOT NULL DEFAULT 'PENDING';",
        "ALTER TABLE \"Shipment\" ALTER COLUMN \"status\" SET DATA TYPE \"ShipmentStatus\" USING (\"status\"::text::\"ShipmentStatus\");\nALTER TABLE \"Shipment\" ALTER COLUMN \"status\" SET DEFAULT 'PENDING';",
        "a text column becoming an enum keeps its values (a value outside the enum fails the migration, which rolls back); Prisma drops the column and its data",
    ),
    (
        "pg_enum_value_removed",
        Provider::Postgres,
        "BEGIN;\n",
        "",
        OWN_TRANSACTION,
    ),
    (
        "pg_enum_value_removed",
        Provider::Postgres,
        "COMMIT;\n",
        "",
        OWN_TRANSACTION,
    ),
    (
        "pg_enum_value_renamed",
        Provider::Postgres,
        "BEGIN;\n",
        "",
        OWN_TRANSACTION,
    ),
    (
        "pg_enum_value_renamed",
        Provider::Postgres,
        "COMMIT;\n",
        "",
        OWN_TRANSACTION,
    ),
    ("pg_enum_value_removed_column_dropped", Provider::Postgres, "BEGIN;\n", "", OWN_TRANSACTION),
    ("pg_enum_value_removed_column_dropped", Provider::Postgres, "COMMIT;\n", "", OWN_TRANSACTION),
    (
        "pg_enum_value_removed_column_dropped",
        Provider::Postgres,
        "ALTER TABLE \"Nurse\" ALTER COLUMN \"preferred\" DROP DEFAULT;\n",
        "ALTER TABLE \"Nurse\" ALTER COLUMN \"preferred\" DROP DEFAULT;\nALTER TABLE \"Nurse\" ALTER COLUMN \"preferred\" TYPE text USING (\"preferred\"::text);\n",
        "a column dropped later in the plan still uses the enum: Prisma leaves it on the old type, and its DROP TYPE fails; ours goes to text, which holds a removed value too",
    ),
    ("pg_enum_value_removed_table_renamed", Provider::Postgres, "BEGIN;\n", "", OWN_TRANSACTION),
    ("pg_enum_value_removed_table_renamed", Provider::Postgres, "COMMIT;\n", "", OWN_TRANSACTION),
    (
        "pg_enum_value_removed_table_renamed",
        Provider::Postgres,
        "ALTER TABLE \"tickets\" ALTER COLUMN \"state\" TYPE \"TicketState_new\" USING (\"state\"::text::\"TicketState_new\");\n",
        "ALTER TABLE \"Ticket\" ALTER COLUMN \"state\" TYPE text USING (\"state\"::text);\n",
        "the table is renamed by @@map (dropped and created): Prisma converts a column of the new name, which does not exist yet, and its script fails; ours takes the old table's column to text, as for any column dropped later in the plan",
    ),
    ("pg_enum_value_removed_column_added", Provider::Postgres, "BEGIN;\n", "", OWN_TRANSACTION),
    ("pg_enum_value_removed_column_added", Provider::Postgres, "COMMIT;\n", "", OWN_TRANSACTION),
    (
        "pg_enum_value_removed_column_added",
        Provider::Postgres,
        "ALTER TABLE \"Medal\" ALTER COLUMN \"history\" TYPE \"Grade_new\"[] USING (\"history\"::text::\"Grade_new\"[]);\n",
        "",
        "the column is added later in the plan (with the new type): Prisma converts it before it exists, and its script fails",
    ),
    (
        "sqlite_referenced_key_made_composite",
        Provider::Postgres,
        "-- AlterTable\nALTER TABLE \"Season\" DROP CONSTRAINT \"Season_pkey\",",
        "-- DropForeignKey\nALTER TABLE \"Episode\" DROP CONSTRAINT \"Episode_seasonId_fkey\";\n\n-- AlterTable\nALTER TABLE \"Season\" DROP CONSTRAINT \"Season_pkey\",",
        "a foreign key depends on the primary key Prisma drops, and its script fails: the key is dropped first and added again last",
    ),
    (
        "sqlite_referenced_key_made_composite",
        Provider::Postgres,
        "CREATE UNIQUE INDEX \"Season_id_key\" ON \"Season\"(\"id\");\n",
        "CREATE UNIQUE INDEX \"Season_id_key\" ON \"Season\"(\"id\");\n\n-- AddForeignKey\nALTER TABLE \"Episode\" ADD CONSTRAINT \"Episode_seasonId_fkey\" FOREIGN KEY (\"seasonId\") REFERENCES \"Season\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE;\n",
        "see the DropForeignKey above",
    ),
    (
        "pg_recreated_columns_keep_indexes",
        Provider::Postgres,
        "\n-- RenameIndex\nALTER INDEX \"berth_depth\" RENAME TO \"berth_depth_idx\";\n",
        "",
        "the index went with its column (dropped and added again) and is created under its new name: Prisma also renames the old one, which is gone, and its script fails",
    ),
    (
        "pg_list_to_single_value",
        Provider::Postgres,
        "ALTER COLUMN \"moods\" DROP NOT NULL,\nALTER COLUMN \"moods\" SET DATA TYPE \"Mood\",",
        "DROP COLUMN \"moods\",\nADD COLUMN     \"moods\" \"Mood\",",
        "PostgreSQL has no cast from an enum list to the enum: Prisma's `SET DATA TYPE` fails; the column is dropped and added again, as Prisma does for an Int[] made Int",
    ),
    (
        "sqlite_datetime_default_changed",
        Provider::Sqlite,
        "-- This is an empty migration.",
        "-- RedefineTables\nPRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\nCREATE TABLE \"new_Subscription\" (\n    \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    \"renewsAt\" DATETIME NOT NULL DEFAULT '2026-01-01 00:00:00 +00:00',\n    \"trialEnds\" DATETIME DEFAULT CURRENT_TIMESTAMP,\n    \"startedAt\" DATETIME NOT NULL DEFAULT '2025-01-01 00:00:00 +00:00'\n);\nINSERT INTO \"new_Subscription\" (\"id\", \"renewsAt\", \"startedAt\", \"trialEnds\") SELECT \"id\", \"renewsAt\", \"startedAt\", \"trialEnds\" FROM \"Subscription\";\nDROP TABLE \"Subscription\";\nALTER TABLE \"new_Subscription\" RENAME TO \"Subscription\";\nPRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;",
        DATE_TIME_DEFAULT_CHANGED,
    ),
    (
        "sqlite_datetime_default_changed",
        Provider::Postgres,
        "-- This is an empty migration.",
        "-- AlterTable\nALTER TABLE \"Subscription\" ALTER COLUMN \"renewsAt\" SET DEFAULT '2026-01-01 00:00:00 +00:00',\nALTER COLUMN \"trialEnds\" SET DEFAULT CURRENT_TIMESTAMP,\nALTER COLUMN \"startedAt\" SET DEFAULT '2025-01-01 00:00:00 +00:00';",
        DATE_TIME_DEFAULT_CHANGED,
    ),
    (
        "sqlite_second_index_on_same_columns",
        Provider::Sqlite,
        "-- This is an empty migration.",
        "-- CreateIndex\nCREATE INDEX \"wishlist_owner_lookup\" ON \"Wishlist\"(\"ownerId\");",
        SECOND_INDEX,
    ),
    (
        "sqlite_second_index_on_same_columns",
        Provider::Postgres,
        "-- This is an empty migration.",
        "-- CreateIndex\nCREATE INDEX \"wishlist_owner_lookup\" ON \"Wishlist\"(\"ownerId\");",
        SECOND_INDEX,
    ),
    (
        "pg_defaults_through_type_changes",
        Provider::Postgres,
        "ALTER TABLE \"Rota\" ALTER COLUMN \"startsAt\" SET DATA TYPE TEXT,",
        "ALTER TABLE \"Rota\" ALTER COLUMN \"startsAt\" SET DEFAULT 'tbd',\nALTER COLUMN \"startsAt\" SET DATA TYPE TEXT,",
        "a DateTime default becoming a String default is a new default: Prisma writes none, and the column keeps the old timestamp (drift on its next diff)",
    ),
    (
        "sqlite_add_json_and_bytes",
        Provider::Sqlite,
        "DEFAULT {}",
        "DEFAULT '{}'",
        "Prisma writes a Json default unquoted, which SQLite refuses (corpus/_prisma_bugs/sqlite_json_default)",
    ),
];

fn dialect(provider: Provider) -> Box<dyn Dialect> {
    match provider {
        Provider::Sqlite => Box::new(driver_sqlite::SqliteDialect),
        Provider::Postgres => Box::new(driver_postgres::PostgresDialect),
        Provider::Mysql => Box::new(driver_mysql::MysqlDialect),
    }
}

fn validated(pair: &ChangePair, sources: SourceFiles) -> ValidatedSchema {
    parse_and_validate(sources).unwrap_or_else(|e| panic!("{}: {e}", pair.name))
}

/// Our script from `from` to `to` on `provider`, as `migrate diff --script` renders it.
fn script(from: &Schema, to: &Schema, dialect: &dyn Dialect) -> String {
    dialect
        .render(&diff(from, to, dialect))
        .unwrap_or_else(|e| panic!("render: {e}"))
}

/// Both sides of a pair lowered for `provider`.
fn sides(pair: &ChangePair, provider: Provider, dialect: &dyn Dialect) -> (Schema, Schema) {
    let before = validated(pair, pair.before(provider));
    let after = validated(pair, pair.after(provider));
    (lower(&before.datamodel, dialect), lower(&after.datamodel, dialect))
}

/// Prisma's golden with the deliberate differences of (pair, provider) made.
fn expected(pair: &ChangePair, provider: Provider) -> String {
    let mut expected = pair.golden(provider);
    for (_, _, prisma, ours, why) in DELIBERATE
        .iter()
        .filter(|(name, p, ..)| *name == pair.name && *p == provider)
    {
        assert!(
            expected.contains(prisma),
            "{}: no {prisma:?} in Prisma's SQL ({why})",
            pair.name
        );
        expected = expected.replace(prisma, ours);
    }
    expected
}

#[test]
fn change_sql_is_prismas() {
    let mut equal = 0;
    let mut mismatches = Vec::new();
    let pairs = change_pairs();
    for pair in &pairs {
        for provider in pair.golden_providers() {
            let dialect = dialect(provider);
            let (before, after) = sides(pair, provider, dialect.as_ref());
            let ours = script(&before, &after, dialect.as_ref());
            let expected = expected(pair, provider);
            if ours.trim_end() == expected.trim_end() {
                equal += 1;
            } else {
                mismatches.push(format!(
                    "{} ({}): differs from Prisma's\n{}",
                    pair.name,
                    provider.name(),
                    migrate_tests::first_difference(&expected, &ours)
                ));
            }
        }
    }
    eprintln!(
        "{equal} change scripts equal Prisma's, {} deliberate differences",
        DELIBERATE.len()
    );
    assert!(pairs.len() >= 30, "only {} pairs", pairs.len());
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

/// Whether a pair runs on `provider`: its own; a SQLite pair also on
/// PostgreSQL, and on MySQL where validation takes it with only the
/// provider switched (it refuses, as Prisma does, `Bytes` keys without a
/// prefix length, say).
fn runs_on(pair: &ChangePair, provider: Provider) -> bool {
    match (pair.declared, provider) {
        (declared, wanted) if declared == wanted => true,
        (Provider::Sqlite, Provider::Mysql) => parse_and_validate(pair.after(provider)).is_ok(),
        (Provider::Sqlite, Provider::Postgres) => true,
        _ => false,
    }
}

/// `before`'s from-empty SQL then our change SQL, on a fresh database:
/// the database is what `after` describes.
async fn no_drift_after_change(kind: DbKind) {
    let provider = kind.provider_kind();
    let mut checked = 0;
    let mut drifted = Vec::new();
    for pair in change_pairs().iter().filter(|p| runs_on(p, provider)) {
        let Some(db) = TestDb::if_selected(kind) else { return };
        let after = validated(pair, pair.after(provider));
        let schemas = after
            .datamodel
            .datasource
            .as_ref()
            .map(|d| d.schemas.clone())
            .unwrap_or_default();
        let mut driver = db.driver_in(&schemas).await;
        let (before, mut target) = sides(pair, provider, driver.dialect());
        for (step, sql) in [
            ("before", script(&Schema::default(), &before, driver.dialect())),
            ("change", script(&before, &target, driver.dialect())),
        ] {
            driver
                .apply_script(&sql)
                .await
                .unwrap_or_else(|e| panic!("{} ({}): {step} SQL: {e}\n{sql}", pair.name, kind.name()));
        }
        let live = driver.introspect().await.unwrap();
        migrate_core::commands::align_with_database(driver.as_mut(), &live, &mut target)
            .await
            .unwrap();
        let drift = diff(&live, &target, driver.dialect());
        if !drift.is_empty() {
            drifted.push(format!("{} ({}): {drift:#?}", pair.name, kind.name()));
        }
        checked += 1;
    }
    eprintln!("{checked} changes applied on {}", kind.name());
    assert!(
        drifted.is_empty(),
        "drift after our change SQL:\n{}",
        drifted.join("\n\n")
    );
}

migrate_tests::per_database!(no_drift_after_change);
