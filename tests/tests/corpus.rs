//! The corpus against Prisma 6.19.3's own output (tests/fixtures/corpus):
//! `migrate diff --from-empty --script` prints Prisma's SQL byte for byte,
//! but for the differences listed in [`DELIBERATE`], each with its reason.

use migrate_core::diff::diff;
use migrate_core::driver::Dialect;
use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::lower::lower;
use migrate_core::psl::parse_and_validate;
use migrate_core::schema::Schema;
use migrate_tests::corpus::{corpus, CorpusFixture};

fn dialect(provider: Provider) -> Box<dyn Dialect> {
    match provider {
        Provider::Sqlite => Box::new(driver_sqlite::SqliteDialect),
        Provider::Postgres => Box::new(driver_postgres::PostgresDialect),
        Provider::Mysql => Box::new(driver_mysql::MysqlDialect),
    }
}

fn our_sql(fixture: &CorpusFixture, provider: Provider) -> Result<String, String> {
    let valid = parse_and_validate(fixture.sources_for(provider)).map_err(|e| e.to_string())?;
    let dialect = dialect(provider);
    let schema = lower(&valid.datamodel, dialect.as_ref());
    dialect
        .render(&diff(&Schema::default(), &schema, dialect.as_ref()))
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn from_empty_sql_is_prismas() {
    let mut equal = 0;
    let mut mismatches = Vec::new();
    let mut goldens = 0;
    for fixture in corpus() {
        for provider in fixture.golden_providers() {
            goldens += 1;
            let ours = our_sql(&fixture, provider);
            let expected = fixture.golden(provider, "sql");
            match ours {
                Ok(sql) if sql.trim_end() == expected.trim_end() => equal += 1,
                Ok(sql) => mismatches.push(format!(
                    "{} ({}): differs from Prisma's\n{}",
                    fixture.name,
                    provider.name(),
                    migrate_tests::first_difference(&expected, &sql)
                )),
                Err(e) => mismatches.push(format!("{} ({}): {e}", fixture.name, provider.name())),
            }
        }
    }
    eprintln!("{equal} of {goldens} golden scripts byte-equal");
    assert!(goldens >= 20, "only {goldens} golden scripts");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

/// Where our fresh pull differs from Prisma's golden pull on purpose:
/// (fixture, provider, Prisma's text (once in its file), ours, why).
const PULL_DELIBERATE: &[(&str, Provider, &str, &str, &str)] = &[(
    "sqlite_cms_generated",
    Provider::Sqlite,
    "  id           Int     @id @default(autoincrement())\n  siteTitle",
    "  id           Int     @id @default(1)\n  siteTitle",
    "the key's DEFAULT 1 is kept (Prisma writes autoincrement() and the pulled schema would differ from its database)",
)];

/// The database Prisma's from-empty SQL makes is in sync with the schema
/// (no drift), and a fresh `db pull` (bare datasource) of it prints
/// Prisma's pull of it, line for line.
#[tokio::test]
async fn fresh_pull_is_prismas() {
    use migrate_core::psl::diagnostics::SourceFiles;
    use migrate_core::psl::to_psl::pull_text;
    use migrate_tests::harness::{DbKind, TestDb};
    let mut equal = 0;
    let mut mismatches = Vec::new();
    for fixture in corpus() {
        for provider in fixture.golden_providers() {
            let kind = DbKind::of(provider);
            let Some(db) = TestDb::if_selected(kind) else {
                continue;
            };
            let valid = parse_and_validate(fixture.sources_for(provider)).unwrap();
            let mut schemas = valid.datamodel.datasource.as_ref().unwrap().schemas.clone();
            let mut driver = db.driver_in(&schemas).await;
            driver
                .apply_script(&fixture.golden(provider, "sql"))
                .await
                .unwrap_or_else(|e| panic!("{}: Prisma's SQL: {e}", fixture.name));
            let live = driver.introspect().await.unwrap();
            // Prisma's SQL, deployed, is what the schema describes: no drift.
            let mut target = lower(&valid.datamodel, driver.dialect());
            migrate_core::commands::align_with_database(driver.as_mut(), &live, &mut target)
                .await
                .unwrap();
            let drift = diff(&live, &target, driver.dialect());
            if !drift.is_empty() {
                mismatches.push(format!(
                    "{} ({}): Prisma's SQL drifts from the schema: {drift:#?}",
                    fixture.name,
                    provider.name()
                ));
            }
            // Prisma's pull of several schemas was made with them listed, in name order.
            schemas.sort();
            let listed = match schemas.is_empty() {
                true => String::new(),
                false => format!("  schemas  = [\"{}\"]\n", schemas.join("\", \"")),
            };
            let bare = format!(
                "datasource db {{\n  provider = \"{}\"\n  url      = env(\"DATABASE_URL\")\n{listed}}}\n",
                provider.name()
            );
            let bare = parse_and_validate(SourceFiles::single("schema.prisma", bare)).unwrap();
            let ours = pull_text(&live, driver.dialect(), Some(&bare.files));
            let mut expected = fixture.golden(provider, "pulled.prisma");
            for (_, _, prisma, mine, why) in PULL_DELIBERATE
                .iter()
                .filter(|(name, p, ..)| *name == fixture.name && *p == provider)
            {
                assert_eq!(
                    expected.matches(prisma).count(),
                    1,
                    "{}: {prisma} ({why})",
                    fixture.name
                );
                expected = expected.replacen(prisma, mine, 1);
            }
            // Prisma's `--print` ends with two more blank lines than the file.
            if ours.trim_end() == expected.trim_end() {
                equal += 1;
            } else {
                mismatches.push(format!(
                    "{} ({}): our pull differs from Prisma's\n{}",
                    fixture.name,
                    provider.name(),
                    migrate_tests::first_difference(&expected, &ours)
                ));
            }
        }
    }
    eprintln!(
        "{equal} fresh pulls equal Prisma's, {} with deliberate differences",
        PULL_DELIBERATE.len()
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}
