//! Replaying the migrations folder on a shadow database: the schema the
//! migrations produce, as the database itself builds it.

use super::error::EngineError;
use crate::driver::Driver;
use crate::migrations::{check_scripts, LocalMigration};
use crate::schema::Schema;

/// Applies `migrations` in order to `shadow`; a failure is P3006. A script
/// that is not UTF-8 is refused before any runs.
///
/// The history table is created first, as `deploy` creates it before the
/// first migration runs, so that a migration touching it (`ALTER TABLE
/// "_prisma_migrations" ENABLE ROW LEVEL SECURITY`, which Supabase's advisor
/// asks for) replays as it deployed. Prisma 6.19.3 replays without it and
/// fails such a history with P3006 ("The underlying table for model
/// `_prisma_migrations` does not exist").
pub async fn apply_all(shadow: &mut dyn Driver, migrations: &[&LocalMigration]) -> Result<(), EngineError> {
    check_scripts(migrations.iter().copied())?;
    if !migrations.is_empty() && !shadow.history_table_exists().await? {
        shadow.create_history_table().await?;
    }
    for m in migrations {
        shadow
            .apply_script(m.script_text()?)
            .await
            .map_err(|failure| EngineError::ShadowFailed {
                name: m.name.clone(),
                error: failure.error,
            })?;
    }
    Ok(())
}

/// The schema a folder of migrations builds from an empty database.
pub async fn schema_of(shadow: &mut dyn Driver, migrations: &[LocalMigration]) -> Result<Schema, EngineError> {
    apply_all(shadow, &migrations.iter().collect::<Vec<_>>()).await?;
    Ok(shadow.introspect().await?)
}
