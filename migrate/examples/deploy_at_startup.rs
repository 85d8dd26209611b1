//! A service that brings its database up to date before it serves: the
//! blog example's migrations are compiled into the binary (one folder per
//! database kind, as Prisma keeps them), and deployed at start-up from
//! async code. Several replicas starting at once are safe: the migration
//! lock lets one apply, the others find nothing pending.
//!
//! ```sh
//! cargo run -p migrate --features postgres --example deploy_at_startup -- file:./blog.db
//! cargo run -p migrate --features postgres --example deploy_at_startup -- postgres://postgres@127.0.0.1:5432/blog
//! ```

use migrate::{EmbeddedMigrations, Migrator};

static SQLITE: EmbeddedMigrations = migrate::embed_migrations!("../examples/blog/migrations");
static POSTGRES: EmbeddedMigrations = migrate::embed_migrations!("../examples/blog-postgres/migrations");

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args().nth(1).unwrap_or_else(|| "file:./blog.db".into());
    let migrations = match url.split_once(':').map(|(scheme, _)| scheme) {
        Some("postgres" | "postgresql") => &POSTGRES,
        _ => &SQLITE,
    };
    let (mut db, created) = migrate::connect_or_create(
        migrate::database_for_url(&url)?,
        migrate::Connect {
            url: &url,
            shadow_url: None,
            base_dir: std::path::Path::new("."),
            if_missing: migrate::IfMissing::Fail,
            blocking_calls: migrate::BlockingCalls::OwnThread,
            namespaces: &[],
        },
    )
    .await?;
    if created {
        println!("created the database");
    }
    match Migrator::new(migrations).deploy(db.as_mut()).await {
        Ok(applied) if applied.names.is_empty() => println!("the database is up to date"),
        Ok(applied) => println!("applied: {}", applied.names.join(", ")),
        Err(e) => {
            // Prisma's code as data: a service can tell a failed migration
            // (P3018) or a lock held too long (P1002) from the rest.
            eprintln!("migrations failed ({}): {e}", e.code().unwrap_or("no code"));
            std::process::exit(1);
        }
    }
    db.close().await?;
    // ... start serving here.
    Ok(())
}
