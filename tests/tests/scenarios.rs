//! The workflow, start to finish, written once and run against every
//! database (see `migrate_tests::harness`). Everything runs real SQL.

use migrate_core::commands::{
    align_with_database, deploy, dev, push, reset, resolve_applied, resolve_rolled_back, status, DevOptions,
    DevOutcome, EngineError, PushOutcome,
};
use migrate_core::diff::diff;
use migrate_core::driver::Driver;
use migrate_core::migrations::MigrationsDir;
use migrate_core::psl::diagnostics::SourceFiles;
use migrate_core::psl::to_psl::pull_text;
use migrate_core::schema::Unmodelled;
use migrate_tests::harness::{fixtures_for, DbKind, Project, TestDb};
use migrate_tests::per_database;

const USER: &str =
    "model User {\n  id    Int     @id @default(autoincrement())\n  email String  @unique\n  name  String?\n}\n";

const USER_AND_POST: &str = "model User {\n  id    Int     @id @default(autoincrement())\n  email String  @unique\n  name  String?\n  posts Post[]\n}\n\nmodel Post {\n  id       Int    @id @default(autoincrement())\n  title    String\n  authorId Int\n  author   User   @relation(fields: [authorId], references: [id])\n}\n";

fn named(name: &str) -> DevOptions {
    DevOptions {
        name: Some(name.into()),
        ..Default::default()
    }
}

/// Runs `dev` and expects it to finish.
async fn dev_done(driver: &mut dyn Driver, project: &Project, options: DevOptions) -> Option<String> {
    let target = project.target(driver.dialect());
    match dev(driver, &project.migrations, &target, &options).await.unwrap() {
        DevOutcome::Done { created, .. } => created.map(|m| m.name),
        other => panic!("dev did not finish: {other:?}"),
    }
}

/// A fresh database, a session on it, and a project of `models` whose
/// first migration, `init`, is made and applied.
async fn initialized(kind: DbKind, models: &str) -> (TestDb, Box<dyn Driver>, Project) {
    let db = TestDb::new(kind);
    let mut driver = db.driver().await;
    let project = Project::new(kind, models);
    dev_done(driver.as_mut(), &project, named("init")).await.unwrap();
    (db, driver, project)
}

async fn in_sync(driver: &mut dyn Driver, project: &Project) -> bool {
    let target = project.target(driver.dialect());
    diff(&driver.introspect().await.unwrap(), &target, driver.dialect()).is_empty()
}

/// Runs scenario SQL (written with double-quoted identifiers).
async fn exec(driver: &mut dyn Driver, sql: &str) {
    let sql = DbKind::of(driver.dialect().provider()).sql(sql);
    driver.apply_script(&sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn count(driver: &mut dyn Driver, table: &str) -> u64 {
    driver.row_count(&table.into()).await.unwrap()
}

async fn workflow_start_to_finish(kind: DbKind) {
    let db = TestDb::new(kind);
    let mut driver = db.driver().await;
    let project = Project::new(kind, USER);

    // Create a model and migrate.
    let init = dev_done(driver.as_mut(), &project, named("init"))
        .await
        .expect("a migration");
    assert!(init.ends_with("_init"), "{init}");
    let sql = std::fs::read_to_string(project.migrations.path.join(&init).join("migration.sql")).unwrap();
    assert!(
        sql.starts_with(&kind.sql("-- CreateTable\nCREATE TABLE \"User\"")),
        "review the file:\n{sql}"
    );
    assert!(in_sync(driver.as_mut(), &project).await);
    assert!(project.migrations.locked_provider().unwrap().is_some());

    // Nothing changed: dev creates nothing.
    assert_eq!(dev_done(driver.as_mut(), &project, DevOptions::default()).await, None);

    // Evolve, reset, migrate again.
    project.set_models(USER_AND_POST);
    dev_done(driver.as_mut(), &project, named("add posts"))
        .await
        .expect("second migration");
    exec(
        driver.as_mut(),
        "INSERT INTO \"User\" (\"email\") VALUES ('a@example.com');",
    )
    .await;
    let applied = reset(driver.as_mut(), &project.migrations).await.unwrap();
    assert_eq!(applied.names, project.migration_names());
    assert_eq!(count(driver.as_mut(), "User").await, 0, "reset drops the data");
    assert_eq!(dev_done(driver.as_mut(), &project, DevOptions::default()).await, None);

    // Deploy to a second database; status there.
    let staging = TestDb::new(kind);
    let mut staging_driver = staging.driver().await;
    let deployed = deploy(staging_driver.as_mut(), &project.migrations).await.unwrap();
    assert_eq!(deployed.names.len(), 2);
    assert!(status(staging_driver.as_mut(), &project.migrations)
        .await
        .unwrap()
        .is_up_to_date());
    assert!(
        deploy(staging_driver.as_mut(), &project.migrations)
            .await
            .unwrap()
            .names
            .is_empty(),
        "deploy is idempotent"
    );

    // Drift made by hand on the dev database is explained, and needs a reset.
    exec(driver.as_mut(), "CREATE TABLE \"hand_made\" (\"id\" INTEGER);").await;
    let target = project.target(driver.dialect());
    match dev(driver.as_mut(), &project.migrations, &target, &DevOptions::default())
        .await
        .unwrap()
    {
        DevOutcome::NeedsReset { reasons } => {
            assert!(
                reasons
                    .iter()
                    .any(|r| r.contains("Drift detected") && r.contains("hand_made")),
                "{reasons:?}"
            )
        }
        other => panic!("expected a reset request, got {other:?}"),
    }
}

async fn failed_deploy_and_resolve(kind: DbKind) {
    let (_db, mut driver, project) = initialized(kind, USER).await;
    // Fails at its third statement.
    let script = "CREATE TABLE \"Tmp\" (\"id\" INTEGER);\nCREATE TABLE \"Tmp2\" (\"id\" INTEGER);\nINSERT INTO \"Missing\" VALUES (1);\nCREATE TABLE \"Tmp3\" (\"id\" INTEGER);\n";
    project.add_migration("29990101000000_bad", script);

    let err = deploy(driver.as_mut(), &project.migrations).await.unwrap_err();
    assert!(
        matches!(&err, EngineError::MigrationFailed { name, .. } if name == "29990101000000_bad"),
        "{err}"
    );
    let message = err.to_string();
    assert!(
        message.contains("P3018") && message.contains("Missing") && message.contains("resolve"),
        "{message}"
    );
    let st = status(driver.as_mut(), &project.migrations).await.unwrap();
    assert!(!st.is_up_to_date());
    assert!(st.report().contains("have failed"), "{}", st.report());
    let row = driver
        .history()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.migration_name == "29990101000000_bad")
        .unwrap();
    assert!(row.finished_at.is_none() && row.logs.as_deref().unwrap_or("").contains("Missing"));
    let transactional_ddl = kind != DbKind::Mysql;
    if transactional_ddl {
        assert_eq!(row.applied_steps_count, 0, "rolled back as a whole");
        assert!(driver.introspect().await.unwrap().table("Tmp").is_none());
    } else {
        // MySQL commits DDL statement by statement: the row says how far it got.
        assert_eq!(row.applied_steps_count, 2, "{row:?}");
        let logs = row.logs.clone().unwrap_or_default();
        assert!(logs.contains("INSERT INTO `Missing`"), "{logs}");
        assert!(
            message.contains("2 statement(s) of the migration ran before the failing one"),
            "{message}"
        );
        assert!(
            st.report().contains("2 of its statements ran before the failing one"),
            "{}",
            st.report()
        );
        let left = driver.introspect().await.unwrap();
        assert!(left.table("Tmp").is_some() && left.table("Tmp2").is_some() && left.table("Tmp3").is_none());
        // The fix by hand the message asks for.
        exec(driver.as_mut(), "DROP TABLE \"Tmp\", \"Tmp2\";").await;
    }

    // Deploy refuses while the failure is unresolved.
    assert!(matches!(
        deploy(driver.as_mut(), &project.migrations).await,
        Err(EngineError::FailedMigrations { .. })
    ));
    // Roll back, fix, deploy again: applied once, history keeps both rows.
    resolve_rolled_back(driver.as_mut(), &project.migrations, "29990101000000_bad")
        .await
        .unwrap();
    project.add_migration("29990101000000_bad", "CREATE TABLE \"Tmp\" (\"id\" INTEGER);\n");
    assert_eq!(
        deploy(driver.as_mut(), &project.migrations).await.unwrap().names,
        ["29990101000000_bad"]
    );
    assert!(status(driver.as_mut(), &project.migrations)
        .await
        .unwrap()
        .is_up_to_date());
    let rows: Vec<_> = driver
        .history()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.migration_name == "29990101000000_bad")
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].rolled_back_at.is_some() && rows[1].finished_at.is_some());

    // resolve refuses what it cannot do.
    let e = resolve_rolled_back(driver.as_mut(), &project.migrations, "29990101000000_bad")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("P3012"), "{e}");
    let e = resolve_applied(driver.as_mut(), &project.migrations, "nope")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("P3017"), "{e}");
}

async fn data_migration_in_create_only(kind: DbKind) {
    let (_db, mut driver, project) = initialized(kind, USER).await;
    exec(
        driver.as_mut(),
        "INSERT INTO \"User\" (\"email\", \"name\") VALUES ('a@x', 'Ada'), ('b@x', 'Bob');",
    )
    .await;

    project.set_models(&USER.replace("  name  String?\n", "  name  String?\n  handle String?\n"));
    let options = DevOptions {
        name: Some("backfill handle".into()),
        create_only: true,
        ..Default::default()
    };
    let created = dev_done(driver.as_mut(), &project, options)
        .await
        .expect("migration written");
    let file = project.migrations.path.join(&created).join("migration.sql");
    let mut sql = std::fs::read_to_string(&file).unwrap();
    let user = driver.introspect().await.unwrap().table("User").cloned().unwrap();
    assert!(user.column("handle").is_none(), "--create-only applies nothing");
    sql.push_str(&kind.sql("\n-- Data migration\nUPDATE \"User\" SET \"handle\" = lower(\"name\");\n"));
    std::fs::write(&file, sql).unwrap();

    assert_eq!(
        dev_done(driver.as_mut(), &project, DevOptions::default()).await,
        None,
        "applies the edited migration"
    );
    assert!(in_sync(driver.as_mut(), &project).await);
    let staging = TestDb::new(kind);
    let mut staging_driver = staging.driver().await;
    deploy(staging_driver.as_mut(), &project.migrations).await.unwrap();
    assert!(status(staging_driver.as_mut(), &project.migrations)
        .await
        .unwrap()
        .is_up_to_date());
}

async fn data_loss_needs_confirmation(kind: DbKind) {
    let (_db, mut driver, project) = initialized(kind, USER).await;
    exec(
        driver.as_mut(),
        "INSERT INTO \"User\" (\"email\", \"name\") VALUES ('a@x', 'Ada');",
    )
    .await;
    project.set_models(&USER.replace("  name  String?\n", ""));
    let target = project.target(driver.dialect());
    match dev(driver.as_mut(), &project.migrations, &target, &named("drop name"))
        .await
        .unwrap()
    {
        DevOutcome::NeedsConfirmation { loss, .. } => {
            assert!(
                loss.losing[0].contains("drop the column `name`") && loss.losing[0].contains("1 row"),
                "{loss:?}"
            )
        }
        other => panic!("expected a confirmation request, got {other:?}"),
    }
    assert_eq!(
        project.migration_names().len(),
        1,
        "nothing written before confirmation"
    );
    let options = DevOptions {
        accept_data_loss: true,
        ..named("drop name")
    };
    let created = dev_done(driver.as_mut(), &project, options).await.unwrap();
    let sql = std::fs::read_to_string(project.migrations.path.join(created).join("migration.sql")).unwrap();
    assert!(
        sql.starts_with("/*\n  Warnings:\n\n  - You are about to drop the column `name` on the `User` table."),
        "{sql}"
    );
    assert_eq!(
        count(driver.as_mut(), "User").await,
        1,
        "the other columns' data survives"
    );

    // A required column without default cannot be added to a table with rows.
    project.set_models(&USER.replace("  name  String?\n", "  age   Int\n"));
    let target = project.target(driver.dialect());
    let err = dev(driver.as_mut(), &project.migrations, &target, &named("age"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Added the required column `age`"), "{err}");
}

async fn baseline_an_existing_database(kind: DbKind) {
    let db = TestDb::new(kind);
    let mut driver = db.driver().await;
    let project = Project::new(kind, USER);
    // The database already has the schema, made without migrations.
    let target = project.target(driver.dialect());
    assert!(matches!(
        push(driver.as_mut(), &target, false).await.unwrap(),
        PushOutcome::Pushed { .. }
    ));
    assert!(matches!(
        push(driver.as_mut(), &target, false).await.unwrap(),
        PushOutcome::InSync
    ));
    // A migration matching it is written with --create-only on a scratch database.
    let scratch = TestDb::new(kind);
    let options = DevOptions {
        name: Some("init".into()),
        create_only: true,
        ..Default::default()
    };
    let init = dev_done(scratch.driver().await.as_mut(), &project, options)
        .await
        .unwrap();

    let err = deploy(driver.as_mut(), &project.migrations).await.unwrap_err();
    assert!(err.to_string().contains("P3005"), "{err}");
    resolve_applied(driver.as_mut(), &project.migrations, &init)
        .await
        .unwrap();
    assert!(status(driver.as_mut(), &project.migrations)
        .await
        .unwrap()
        .is_up_to_date());
    assert!(deploy(driver.as_mut(), &project.migrations)
        .await
        .unwrap()
        .names
        .is_empty());
    let e = resolve_applied(driver.as_mut(), &project.migrations, &init)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("P3008"), "{e}");
}

/// DESIGN invariants 1, 2 and 3 on every fixture: `db push` then diff is
/// empty; the generated migration replayed on a fresh database gives the
/// same schema as `db push`; `db pull` gives a schema that diffs to nothing
/// and pulls to itself again.
async fn fixtures_push_migrate_and_pull_agree(kind: DbKind) {
    for (name, valid) in fixtures_for(kind) {
        // The datasource's `schemas` (multiSchema), read by every session.
        let schemas = valid
            .datamodel
            .datasource
            .as_ref()
            .map(|d| d.schemas.clone())
            .unwrap_or_default();
        let pushed = TestDb::new(kind);
        let mut push_driver = pushed.driver_in(&schemas).await;
        let target = migrate_core::psl::lower::lower(&valid.datamodel, push_driver.dialect());
        push(push_driver.as_mut(), &target, false)
            .await
            .unwrap_or_else(|e| panic!("{name}: push: {e}"));
        let after_push = push_driver.introspect().await.unwrap();
        // As `migrate diff --from-url --to-schema` compares them.
        let mut aligned = target.clone();
        align_with_database(push_driver.as_mut(), &after_push, &mut aligned)
            .await
            .unwrap();
        let drift = diff(&after_push, &aligned, push_driver.dialect());
        assert!(drift.is_empty(), "{name}: push then diff: {drift:#?}");

        let migrated = TestDb::new(kind);
        let mut driver = migrated.driver_in(&schemas).await;
        let dir = migrate_tests::harness::TempDir::new("fixture-migrations");
        let migrations = MigrationsDir {
            path: dir.0.join("migrations"),
        };
        let outcome = dev(driver.as_mut(), &migrations, &target, &named("init"))
            .await
            .unwrap();
        assert!(matches!(outcome, DevOutcome::Done { created: Some(_), .. }), "{name}");
        let fresh = TestDb::new(kind);
        let mut fresh_driver = fresh.driver_in(&schemas).await;
        deploy(fresh_driver.as_mut(), &migrations).await.unwrap();
        let replayed = fresh_driver.introspect().await.unwrap();
        assert!(
            diff(&replayed, &after_push, push_driver.dialect()).is_empty(),
            "{name}: migrations differ from push"
        );
        assert!(
            diff(&after_push, &replayed, push_driver.dialect()).is_empty(),
            "{name}: push differs from migrations"
        );

        let dialect = push_driver.dialect();
        let pulled = pull_text(&after_push, dialect, Some(&valid.files));
        let again = migrate_core::psl::parse_and_validate(SourceFiles::single("pulled.prisma", pulled.clone()))
            .unwrap_or_else(|e| panic!("{name}: the pulled schema is invalid: {e}\n{pulled}"));
        let drift = diff(
            &after_push,
            &migrate_core::psl::lower::lower(&again.datamodel, dialect),
            push_driver.dialect(),
        );
        assert!(
            drift.is_empty(),
            "{name}: the pulled schema drifts: {drift:#?}\n{pulled}"
        );
        assert_eq!(
            pull_text(&after_push, dialect, Some(&again.files)),
            pulled,
            "{name}: pulling twice"
        );
    }
}

async fn a_migration_breaking_a_foreign_key_fails(kind: DbKind) {
    let (_db, mut driver, project) = initialized(kind, USER_AND_POST).await;
    let sql = "INSERT INTO \"Post\" (\"title\", \"authorId\") VALUES ('lost', 42);\n";
    project.add_migration("29990101000000_orphan", sql);
    let err = deploy(driver.as_mut(), &project.migrations).await.unwrap_err();
    assert!(matches!(err, EngineError::MigrationFailed { .. }), "{err}");
    assert_eq!(count(driver.as_mut(), "Post").await, 0, "the orphan row is not kept");
}

/// A data migration's `DELETE` of a referenced row cascades as the key says,
/// on every database: SQLite's migrations run with foreign keys on, as
/// Prisma runs them (they used to run with them off, and the cascade never
/// fired). A table rebuild that switches them off still goes through rows
/// that broke a key before it ran (SQLite: Prisma never checks them).
async fn a_data_migration_cascades(kind: DbKind) {
    let models = USER_AND_POST.replace("references: [id])", "references: [id], onDelete: Cascade)");
    let (_db, mut driver, project) = initialized(kind, &models).await;
    let rows = "INSERT INTO \"User\" (\"id\", \"email\") VALUES (1, 'a@x.io');\n\
                INSERT INTO \"Post\" (\"title\", \"authorId\") VALUES ('p', 1);";
    exec(driver.as_mut(), rows).await;
    project.add_migration(
        "29990101000000_cleanup",
        "DELETE FROM \"User\" WHERE \"email\" = 'a@x.io';\n",
    );
    deploy(driver.as_mut(), &project.migrations).await.unwrap();
    assert_eq!(count(driver.as_mut(), "Post").await, 0, "the post went with its author");
    if kind != DbKind::Sqlite {
        return;
    }
    let orphan = "PRAGMA foreign_keys=OFF;\nINSERT INTO \"Post\" (\"title\", \"authorId\") VALUES ('orphan', 42);\nPRAGMA foreign_keys=ON;";
    exec(driver.as_mut(), orphan).await;
    let rebuild = "PRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\n\
                   CREATE TABLE \"new_Post\" (\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \"title\" TEXT NOT NULL, \"authorId\" INTEGER NOT NULL, \"note\" TEXT,\n\
                   CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\" (\"id\") ON DELETE CASCADE ON UPDATE CASCADE);\n\
                   INSERT INTO \"new_Post\" (\"id\", \"title\", \"authorId\") SELECT \"id\", \"title\", \"authorId\" FROM \"Post\";\n\
                   DROP TABLE \"Post\";\nALTER TABLE \"new_Post\" RENAME TO \"Post\";\n\
                   PRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;\n";
    project.add_migration("29990102000000_rebuild", rebuild);
    deploy(driver.as_mut(), &project.migrations).await.unwrap();
    assert_eq!(count(driver.as_mut(), "Post").await, 1, "the orphan is still there");
    // A rebuild that breaks a key itself is still refused.
    let breaking = "PRAGMA foreign_keys=OFF;\nINSERT INTO \"Post\" (\"title\", \"authorId\") VALUES ('new orphan', 43);\nPRAGMA foreign_keys=ON;\n";
    project.add_migration("29990103000000_breaking", breaking);
    let err = deploy(driver.as_mut(), &project.migrations).await.unwrap_err();
    assert!(
        err.to_string().contains("Post (row 3) -> User") || format!("{err:?}").contains("row 3"),
        "{err:?}"
    );
    assert_eq!(count(driver.as_mut(), "Post").await, 1, "rolled back");
    resolve_rolled_back(driver.as_mut(), &project.migrations, "29990103000000_breaking")
        .await
        .unwrap();
    std::fs::remove_dir_all(project.migrations.path.join("29990103000000_breaking")).unwrap();

    // Rebuilding the referenced table with foreign keys off, however the
    // pragma is spelled, keeps the rows that reference it.
    let rows = "INSERT INTO \"User\" (\"id\", \"email\") VALUES (2, 'b@x.io');\n\
                INSERT INTO \"Post\" (\"title\", \"authorId\") VALUES ('kept', 2);";
    exec(driver.as_mut(), rows).await;
    let rebuild_user = "PRAGMA foreign_keys=0;\n\
                        CREATE TABLE \"new_User\" (\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \"email\" TEXT NOT NULL, \"name\" TEXT);\n\
                        INSERT INTO \"new_User\" SELECT \"id\", \"email\", \"name\" FROM \"User\";\n\
                        DROP TABLE \"User\";\nALTER TABLE \"new_User\" RENAME TO \"User\";\n\
                        CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\nPRAGMA foreign_keys=1;\n";
    project.add_migration("29990104000000_rebuild_user", rebuild_user);
    deploy(driver.as_mut(), &project.migrations).await.unwrap();
    assert_eq!(
        count(driver.as_mut(), "Post").await,
        2,
        "no post went with the old table"
    );
}

const ROLES: &str = "enum Role {\n  USER\n  ADMIN\n  GUEST\n}\n\nmodel User {\n  id    Int    @id\n  role  Role   @default(USER)\n  roles Role[]\n}\n";

/// Removing an enum value: PostgreSQL recreates the type and converts the
/// columns (rows keep their values, the default is set again); SQLite keeps
/// enums as text, so there is nothing to change in the database.
async fn removing_an_enum_value(kind: DbKind) {
    let db = TestDb::new(kind);
    let mut driver = db.driver().await;
    let models = if kind == DbKind::Postgres {
        ROLES.to_string()
    } else {
        ROLES.replace("  roles Role[]\n", "")
    };
    let project = Project::new(kind, &models);
    dev_done(driver.as_mut(), &project, named("init")).await.unwrap();
    let rows = if kind == DbKind::Postgres {
        "INSERT INTO \"User\" (\"id\", \"role\", \"roles\") VALUES (1, 'ADMIN', '{USER,ADMIN}');\nINSERT INTO \"User\" (\"id\") VALUES (2);"
    } else {
        "INSERT INTO \"User\" (\"id\", \"role\") VALUES (1, 'ADMIN');\nINSERT INTO \"User\" (\"id\") VALUES (2);"
    };
    exec(driver.as_mut(), rows).await;

    project.set_models(&models.replace("  GUEST\n", ""));
    let options = DevOptions {
        accept_data_loss: true,
        ..named("remove guest")
    };
    let created = dev_done(driver.as_mut(), &project, options).await;
    assert!(in_sync(driver.as_mut(), &project).await);
    assert_eq!(count(driver.as_mut(), "User").await, 2, "the rows survive");
    if kind == DbKind::Postgres {
        let created = created.expect("a migration recreating the enum");
        let sql = std::fs::read_to_string(project.migrations.path.join(created).join("migration.sql")).unwrap();
        assert!(
            sql.contains("The values [GUEST] on the enum `Role` will be removed.")
                && sql.contains("CREATE TYPE \"Role_new\" AS ENUM ('USER', 'ADMIN');")
                && !sql.contains("BEGIN"),
            "{sql}"
        );
        let schema = driver.introspect().await.unwrap();
        assert_eq!(schema.enum_("Role").expect("the enum").values, ["USER", "ADMIN"]);
        assert_eq!(
            schema.enums.len(),
            1,
            "no Role_old or Role_new left: {:?}",
            schema.enums
        );
    }
    // Applying the history from scratch gives the same database.
    reset(driver.as_mut(), &project.migrations).await.unwrap();
    assert!(in_sync(driver.as_mut(), &project).await);
}

const STATUSES: &str = "enum Status {\n  DRAFT\n  LEGACY\n  PUBLISHED\n}\n\nmodel Post {\n  id        Int      @id\n  status    Status   @default(DRAFT)\n  oldStatus Status?\n  kind      Status\n  tags      Status[]\n}\n\nmodel Archive {\n  id     Int    @id\n  status Status @default(LEGACY)\n}\n";

/// An enum value removed in the same change that drops, or retypes, the
/// columns still holding it: those columns leave the enum through text
/// before the old type goes, so the migration applies and the retyped ones
/// keep their values (Prisma 6.19.3 converts only the columns that keep the
/// enum, and its `DROP TYPE "Status_old"` fails while the others use it).
#[tokio::test]
async fn an_enum_value_goes_with_the_columns_still_holding_it() {
    let Some(_) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let (_db, mut driver, project) = initialized(DbKind::Postgres, STATUSES).await;
    exec(
        driver.as_mut(),
        "INSERT INTO \"Post\" VALUES (1, 'DRAFT', 'LEGACY', 'LEGACY', '{LEGACY,DRAFT}');\nINSERT INTO \"Archive\" VALUES (1, 'LEGACY');",
    )
    .await;
    let edited = STATUSES
        .replace("  LEGACY\n", "")
        .replace("  oldStatus Status?\n", "")
        .replace("kind      Status\n", "kind      String\n")
        .replace("Status[]", "String[]");
    let edited = &edited[..edited.find("\nmodel Archive").unwrap()];
    project.set_models(edited);
    let options = DevOptions {
        accept_data_loss: true,
        ..named("retire legacy")
    };
    dev_done(driver.as_mut(), &project, options).await.expect("a migration");
    assert!(in_sync(driver.as_mut(), &project).await);
    exec(
        driver.as_mut(),
        "DO $$ BEGIN IF (SELECT \"kind\" || ' ' || array_to_string(\"tags\", ',') FROM \"Post\") <> 'LEGACY LEGACY,DRAFT' THEN RAISE EXCEPTION 'values lost'; END IF; END $$;",
    )
    .await;
    reset(driver.as_mut(), &project.migrations).await.unwrap();
    assert!(in_sync(driver.as_mut(), &project).await);
}

/// A generated column written by hand in a migration (the usual full-text
/// `tsvector`), which the schema can only list (`Unsupported("tsvector")?`,
/// without `dbgenerated`): no migration touches it, where Prisma 6.19.3
/// writes `ALTER COLUMN "search" DROP DEFAULT`, which PostgreSQL refuses.
/// A script from the database rebuilds it as a generated column.
#[tokio::test]
async fn a_generated_column_written_by_hand_is_left_to_the_database() {
    let Some(db) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let mut driver = db.driver().await;
    let project = Project::new(
        DbKind::Postgres,
        "model Doc {\n  id     Int                      @id\n  title  String\n  search Unsupported(\"tsvector\")?\n}\n",
    );
    project.add_migration(
        "20240101000000_init",
        "CREATE TABLE \"Doc\" (\n    \"id\" INTEGER NOT NULL,\n    \"title\" TEXT NOT NULL,\n    \"search\" tsvector GENERATED ALWAYS AS (to_tsvector('english', \"title\")) STORED,\n    CONSTRAINT \"Doc_pkey\" PRIMARY KEY (\"id\")\n);\n",
    );
    assert_eq!(dev_done(driver.as_mut(), &project, named("again")).await, None);
    assert!(in_sync(driver.as_mut(), &project).await);
    exec(
        driver.as_mut(),
        "INSERT INTO \"Doc\" (\"id\", \"title\") VALUES (1, 'hello world');",
    )
    .await;
    exec(
        driver.as_mut(),
        "DO $$ BEGIN IF (SELECT \"search\" FROM \"Doc\") <> to_tsvector('english', 'hello world') THEN RAISE EXCEPTION 'not computed'; END IF; END $$;",
    )
    .await;

    let pulled = driver.introspect().await.unwrap();
    let copy = TestDb::new(DbKind::Postgres);
    let mut copy_driver = copy.driver().await;
    let script = copy_driver
        .dialect()
        .render(&diff(&Default::default(), &pulled, copy_driver.dialect()))
        .unwrap();
    assert!(script.contains("GENERATED ALWAYS AS"), "{script}");
    copy_driver
        .apply_script(&script)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{script}"));
    let rebuilt = copy_driver.introspect().await.unwrap();
    assert!(diff(&rebuilt, &pulled, copy_driver.dialect()).is_empty());
    assert_eq!(
        rebuilt.tables[0].columns[2].default,
        pulled.tables[0].columns[2].default
    );
}

const DISHES: &str = "model Dish {\n  id      Int     @id @default(autoincrement())\n  name    String\n  method  String\n  note    String?\n  minutes Int     @default(30)\n}\n";

/// What a hand-written SQLite migration adds that no schema describes: a
/// generated column, check constraints, a full-text table kept in step by
/// a trigger, partial and expression indexes, and a trigger and an index
/// on columns that go.
const DISHES_BY_HAND: &str = r#"CREATE TABLE "Dish" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "note" TEXT,
    "minutes" INTEGER NOT NULL DEFAULT 30 CHECK ("minutes" >= 0),
    "hours" REAL GENERATED ALWAYS AS ("minutes" / 60.0) VIRTUAL,
    CONSTRAINT "Dish_name_check" CHECK (length("name") > 0)
);
CREATE VIRTUAL TABLE "DishSearch" USING fts5("name", "method", content="Dish", content_rowid="id");
CREATE TRIGGER "Dish_ai" AFTER INSERT ON "Dish" BEGIN
    INSERT INTO "DishSearch"(rowid, "name", "method") VALUES (new."id", new."name", new."method");
END;
CREATE TRIGGER "Dish_note_au" AFTER UPDATE OF "note" ON "Dish" BEGIN
    SELECT 1;
END;
CREATE INDEX "Dish_quick_idx" ON "Dish"("name") WHERE "minutes" < 15;
CREATE INDEX "Dish_lower_name_idx" ON "Dish"(lower("name"));
CREATE INDEX "Dish_hours_idx" ON "Dish"("hours");
"#;

/// A SQLite table rebuild declares the generated columns and check
/// constraints again and makes the triggers and indexes the schema does not
/// describe again, and names in a warning what it drops: what names a
/// dropped column. Prisma 6.19.3 drops them all without a word (a full-text index
/// then silently goes stale).
#[tokio::test]
async fn a_sqlite_rebuild_keeps_triggers_and_names_what_it_drops() {
    let Some(db) = TestDb::if_selected(DbKind::Sqlite) else {
        return;
    };
    let mut driver = db.driver().await;
    let project = Project::new(DbKind::Sqlite, DISHES);
    project.add_migration("20240101000000_init", DISHES_BY_HAND);
    assert_eq!(dev_done(driver.as_mut(), &project, named("again")).await, None);

    project.set_models(
        &DISHES
            .replace("  note    String?\n", "")
            .replace("Int     @default(30)", "Int?"),
    );
    let options = DevOptions {
        accept_data_loss: true,
        ..named("rebuild")
    };
    let created = dev_done(driver.as_mut(), &project, options).await.expect("a migration");
    let sql = std::fs::read_to_string(project.migrations.path.join(created).join("migration.sql")).unwrap();
    assert!(
        sql.contains("The table `Dish` is rebuilt, which drops what the schema cannot describe: the trigger `Dish_note_au`. To keep it"),
        "{sql}"
    );
    let schema = driver.introspect().await.unwrap();
    let mut kept: Vec<&str> = schema.tables[0]
        .unmodelled
        .iter()
        .map(|u| match u {
            Unmodelled::Trigger(o) | Unmodelled::Index(o) => o.name.as_str(),
            Unmodelled::GeneratedColumn(o) => o.name.as_str(),
            Unmodelled::Check { .. } => "a check",
        })
        .collect();
    kept.sort_unstable();
    assert_eq!(
        kept,
        [
            "Dish_ai",
            "Dish_hours_idx",
            "Dish_lower_name_idx",
            "Dish_quick_idx",
            "a check",
            "a check",
            "hours"
        ]
    );
    let refused = "INSERT INTO \"Dish\" (\"name\", \"method\", \"minutes\") VALUES ('', 'raw', -1);";
    let error = driver.apply_script(refused).await.expect_err("both checks still hold");
    assert!(error.to_string().contains("CHECK constraint failed"), "{error}");
    exec(
        driver.as_mut(),
        "INSERT INTO \"Dish\" (\"name\", \"method\", \"minutes\") VALUES ('stew', 'slow', 90);",
    )
    .await;
    let hours = driver
        .query_column("SELECT \"hours\" FROM \"Dish\" WHERE \"name\" = 'stew'")
        .await
        .unwrap();
    assert_eq!(hours, [Some("1.5".to_string())], "the generated column still computes");
    assert!(in_sync(driver.as_mut(), &project).await);
    reset(driver.as_mut(), &project.migrations).await.unwrap();
    assert!(in_sync(driver.as_mut(), &project).await);
}

/// A rebuild loses the generated columns and checks it cannot declare
/// again, and names them: a generated column or check naming a column the
/// schema drops, a generated column naming that lost column in turn, and
/// one whose name the schema now gives a column of its own. Those naming
/// only kept columns stay.
#[tokio::test]
async fn a_sqlite_rebuild_names_the_generated_columns_it_cannot_keep() {
    let Some(db) = TestDb::if_selected(DbKind::Sqlite) else {
        return;
    };
    let mut driver = db.driver().await;
    let models = "model Shift {\n  id      Int @id\n  minutes Int\n  breaks  Int\n}\n";
    let project = Project::new(DbKind::Sqlite, models);
    project.add_migration(
        "20240101000000_init",
        r#"CREATE TABLE "Shift" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "minutes" INTEGER NOT NULL CHECK ("minutes" > 0),
    "breaks" INTEGER NOT NULL,
    "hours" REAL GENERATED ALWAYS AS ("minutes" / 60.0) VIRTUAL,
    "days" REAL GENERATED ALWAYS AS ("hours" / 24.0) STORED,
    "label" TEXT GENERATED ALWAYS AS ('shift ' || "id") VIRTUAL,
    "paid" INTEGER GENERATED ALWAYS AS ("breaks" * 2) VIRTUAL,
    CONSTRAINT "Shift_breaks_check" CHECK ("breaks" < 10)
);
"#,
    );
    assert_eq!(dev_done(driver.as_mut(), &project, named("again")).await, None);

    project.set_models("model Shift {\n  id     Int    @id\n  breaks Int\n  label  String?\n}\n");
    let options = DevOptions {
        accept_data_loss: true,
        ..named("rebuild")
    };
    let created = dev_done(driver.as_mut(), &project, options).await.expect("a migration");
    let sql = std::fs::read_to_string(project.migrations.path.join(created).join("migration.sql")).unwrap();
    for lost in ["`hours`", "`days`", "`label`"] {
        assert!(sql.contains(&format!("the generated column {lost}")), "{lost}: {sql}");
    }
    let (warnings, _) = sql.split_once("*/").expect("a warnings comment");
    assert!(warnings.contains("a check constraint on `minutes`"), "{sql}");
    assert!(
        !warnings.contains("`paid`") && !warnings.contains("Shift_breaks_check"),
        "{sql}"
    );
    let schema = driver.introspect().await.unwrap();
    let generated: Vec<&str> = schema.tables[0]
        .unmodelled
        .iter()
        .filter_map(|u| match u {
            Unmodelled::GeneratedColumn(o) => Some(o.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(generated, ["paid"]);
    exec(
        driver.as_mut(),
        "INSERT INTO \"Shift\" (\"id\", \"breaks\") VALUES (1, 3);",
    )
    .await;
    let paid = driver.query_column("SELECT \"paid\" FROM \"Shift\"").await.unwrap();
    assert_eq!(paid, [Some("6".to_string())]);
    let refused = "INSERT INTO \"Shift\" (\"id\", \"breaks\") VALUES (2, 10);";
    let error = driver.apply_script(refused).await.expect_err("the kept check holds");
    assert!(error.to_string().contains("Shift_breaks_check"), "{error}");
    assert!(in_sync(driver.as_mut(), &project).await);
}

/// An extension a DBA adds to the dev database by hand is no drift while
/// the schema does not manage extensions (no `postgresqlExtensions`
/// preview feature): Prisma 6.19.3 leaves extensions out of every
/// comparison then (its `migrate diff --from-migrations ...
/// --to-schema-datasource ...` is empty). With the feature, it is drift, as
/// in Prisma.
#[tokio::test]
async fn an_extension_added_by_hand_is_drift_only_where_the_schema_manages_extensions() {
    let Some(_) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let (_db, mut driver, project) = initialized(DbKind::Postgres, USER).await;
    exec(driver.as_mut(), "CREATE EXTENSION IF NOT EXISTS citext;").await;
    let mut target = project.target(driver.dialect());
    assert!(!target.manages_extensions);
    let outcome = dev(driver.as_mut(), &project.migrations, &target, &named("again"))
        .await
        .unwrap();
    assert!(matches!(outcome, DevOutcome::Done { created: None, .. }), "{outcome:?}");

    target.manages_extensions = true;
    let outcome = dev(driver.as_mut(), &project.migrations, &target, &named("again"))
        .await
        .unwrap();
    let DevOutcome::NeedsReset { reasons } = outcome else {
        panic!("drift expected: {outcome:?}");
    };
    assert!(reasons.iter().any(|r| r.contains("citext")), "{reasons:?}");
}

/// An auto-increment key made BigInt counts past 2^31 - 1: its sequence
/// is made BIGINT with it (Prisma 6.19.3 leaves it `AS integer`, and the
/// next id after 2,147,483,647 fails).
#[tokio::test]
async fn an_auto_increment_key_made_bigint_counts_past_two_billion() {
    let Some(_) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let (_db, mut driver, project) = initialized(DbKind::Postgres, USER).await;
    exec(driver.as_mut(), "INSERT INTO \"User\" (\"email\") VALUES ('a@x');").await;
    project.set_models(&USER.replace("id    Int ", "id    BigInt "));
    dev_done(driver.as_mut(), &project, named("bigint ids"))
        .await
        .expect("a migration");
    assert!(in_sync(driver.as_mut(), &project).await);
    exec(
        driver.as_mut(),
        "SELECT setval('\"User_id_seq\"', 3000000000); INSERT INTO \"User\" (\"email\") VALUES ('b@x');",
    )
    .await;
    assert_eq!(count(driver.as_mut(), "User").await, 2);
}

per_database!(
    a_migration_breaking_a_foreign_key_fails,
    a_data_migration_cascades,
    workflow_start_to_finish,
    failed_deploy_and_resolve,
    data_migration_in_create_only,
    data_loss_needs_confirmation,
    baseline_an_existing_database,
    fixtures_push_migrate_and_pull_agree,
    removing_an_enum_value,
);

/// On MySQL, columns made wider (`VARCHAR(191)` to `VARCHAR(255)` and to
/// `TEXT`, `INT` to `BIGINT`) keep every value: `dev` over a table with
/// rows asks nothing and writes no warning, as Prisma 6.19.3's MySQL
/// differ passes them; narrowing one still asks.
#[tokio::test]
async fn widened_mysql_columns_need_no_confirmation() {
    let Some(_) = TestDb::if_selected(DbKind::Mysql) else {
        return;
    };
    let models =
        "model Note {\n  id    Int    @id @default(autoincrement())\n  title String\n  body  String\n  views Int\n}\n";
    let (_db, mut driver, project) = initialized(DbKind::Mysql, models).await;
    exec(
        driver.as_mut(),
        "INSERT INTO \"Note\" (\"title\", \"body\", \"views\") VALUES ('a', 'b', 1);",
    )
    .await;
    let wider = models
        .replace("title String\n", "title String @db.VarChar(255)\n")
        .replace("body  String\n", "body  String @db.Text\n")
        .replace("views Int\n", "views BigInt\n");
    project.set_models(&wider);
    let created = dev_done(driver.as_mut(), &project, named("wider"))
        .await
        .expect("a migration");
    let sql = std::fs::read_to_string(project.migrations.path.join(created).join("migration.sql")).unwrap();
    assert!(!sql.contains("Warnings"), "{sql}");
    assert!(in_sync(driver.as_mut(), &project).await);
    project.set_models(&wider.replace("@db.VarChar(255)", "@db.VarChar(100)"));
    let target = project.target(driver.dialect());
    let outcome = dev(driver.as_mut(), &project.migrations, &target, &named("narrower"))
        .await
        .unwrap();
    assert!(matches!(outcome, DevOutcome::NeedsConfirmation { .. }), "{outcome:?}");
}

/// A MySQL table whose auto-increment key joins a composite primary key led
/// by another column, and back: the index that keeps the column keyed is
/// created before the key changes and dropped after (MySQL refuses, error
/// 1075, a moment where it leads no index; Prisma 6.19.3's order fails).
#[tokio::test]
async fn an_auto_increment_column_stays_keyed_while_its_primary_key_changes() {
    let Some(_) = TestDb::if_selected(DbKind::Mysql) else {
        return;
    };
    const POST: &str =
        "model Post {\n  id       Int    @id @default(autoincrement())\n  tenantId Int\n  title    String\n}\n";
    let (_db, mut driver, project) = initialized(DbKind::Mysql, POST).await;
    exec(
        driver.as_mut(),
        "INSERT INTO \"Post\" (\"tenantId\", \"title\") VALUES (7, 'a');",
    )
    .await;
    let tenant_keyed = POST
        .replace("id       Int    @id @default", "id       Int    @default")
        .replace("String\n}", "String\n\n  @@id([tenantId, id])\n  @@index([id])\n}");
    project.set_models(&tenant_keyed);
    dev_done(driver.as_mut(), &project, named("tenant key"))
        .await
        .expect("a migration");
    assert!(in_sync(driver.as_mut(), &project).await);
    project.set_models(POST);
    dev_done(driver.as_mut(), &project, named("id key again"))
        .await
        .expect("a migration");
    assert!(in_sync(driver.as_mut(), &project).await);
    exec(
        driver.as_mut(),
        "INSERT INTO \"Post\" (\"tenantId\", \"title\") VALUES (7, 'b');",
    )
    .await;
    assert_eq!(count(driver.as_mut(), "Post").await, 2);
}

/// An enum value that rows still hold is not removed: `dev` counts them
/// first and stops with what to update, before writing or applying
/// anything (the step would fail half-way: PostgreSQL cannot convert the
/// rows). Once no row holds it, the removal needs no confirmation.
#[tokio::test]
async fn an_enum_value_rows_still_hold_is_not_removed_until_they_are_updated() {
    let Some(_) = TestDb::if_selected(DbKind::Postgres) else {
        return;
    };
    let (_db, mut driver, project) = initialized(DbKind::Postgres, ROLES).await;
    exec(
        driver.as_mut(),
        "INSERT INTO \"User\" (\"id\", \"role\", \"roles\") VALUES (1, 'GUEST', '{}'), (2, 'USER', '{ADMIN,GUEST}'), (3, 'USER', '{USER}');",
    )
    .await;
    project.set_models(&ROLES.replace("  GUEST\n", ""));
    let options = || DevOptions {
        accept_data_loss: true,
        ..named("remove guest")
    };
    let target = project.target(driver.dialect());
    let refused = dev(driver.as_mut(), &project.migrations, &target, &options()).await;
    let Err(EngineError::Unexecutable { steps }) = refused else {
        panic!("rows hold GUEST: {refused:?}");
    };
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert!(
        steps[0].contains("1 row(s) of the `User` table still hold them in the column `role`"),
        "{steps:?}"
    );
    assert!(steps[1].contains("in the column `roles`"), "{steps:?}");
    assert_eq!(project.migrations.list().unwrap().len(), 1, "no migration written");

    exec(
        driver.as_mut(),
        "UPDATE \"User\" SET \"role\" = 'USER', \"roles\" = array_remove(\"roles\", 'GUEST');",
    )
    .await;
    let unconfirmed = DevOptions {
        accept_data_loss: false,
        ..options()
    };
    dev_done(driver.as_mut(), &project, unconfirmed)
        .await
        .expect("the removal, without a question: no row holds the value");
    assert!(in_sync(driver.as_mut(), &project).await);
}
