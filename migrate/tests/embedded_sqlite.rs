//! The library's main use on the embedded default: migrations compiled in,
//! deployed from async code, by many tasks at once, each applied once.

use migrate::{EmbeddedMigrations, MigrationSource, MigrationsDir, Migrator};

static MIGRATIONS: EmbeddedMigrations = migrate::embed_migrations!("tests/migrations");

#[test]
fn the_macro_reads_the_folder_as_the_engine_does() {
    let folder = MigrationsDir {
        path: concat!(env!("CARGO_MANIFEST_DIR"), "/tests/migrations").into(),
    };
    let from_folder = folder.list().unwrap();
    let embedded = MIGRATIONS.list().unwrap();
    let names = |m: &[migrate::core::migrations::LocalMigration]| -> Vec<(String, String)> {
        m.iter().map(|m| (m.name.clone(), m.checksum.clone())).collect()
    };
    assert_eq!(names(&embedded), names(&from_folder));
    assert_eq!(embedded[0].script, from_folder[0].script);
    assert_eq!(MIGRATIONS.provider, Some("sqlite"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_tasks_deploy_at_once_and_each_migration_is_applied_once() {
    let dir = std::env::temp_dir().join(format!("migrate-embedded-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("file:{}", dir.join("app.db").display());
    let _ = std::fs::remove_file(dir.join("app.db"));
    std::fs::File::create(dir.join("app.db")).unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move {
                let mut db = migrate::connect(&url).await.unwrap();
                Migrator::new(&MIGRATIONS).deploy(db.as_mut()).await.unwrap().names
            })
        })
        .collect();
    let mut applied = Vec::new();
    for task in tasks {
        applied.extend(task.await.unwrap());
    }
    assert_eq!(
        applied,
        ["20240101000000_init"],
        "each migration applied by exactly one task"
    );
    let mut db = migrate::connect(&url).await.unwrap();
    let history = db.history().await.unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0].is_applied());
    let status = Migrator::new(&MIGRATIONS).status(db.as_mut()).await.unwrap();
    assert!(status.is_up_to_date(), "{}", status.report());
    assert!(
        Migrator::new(&MIGRATIONS).diff(db.as_mut()).await.unwrap().is_empty(),
        "no drift"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn errors_carry_prismas_codes() {
    let error = migrate::connect("file:/nonexistent-folder/missing.db")
        .await
        .err()
        .unwrap();
    assert_eq!(error.code(), Some("P1003"), "{error}");
}
