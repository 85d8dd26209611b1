//! Command-line arguments. Flags mirror Prisma's names; Prisma 6 spellings
//! are aliases so existing scripts keep working.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "migrate",
    version,
    about = "Prisma Migrate as one native binary: schema.prisma → reviewed SQL migrations → your databases."
)]
pub struct Cli {
    /// The Prisma config file (`prisma.config.ts` and the like) to read
    /// instead of the one found in the current folder, as Prisma's `--config`.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct SchemaArg {
    /// The schema file or folder (default: ./prisma/schema.prisma, then ./schema.prisma).
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
}

/// The schema and the database a command works on.
#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(flatten)]
    pub schema: SchemaArg,
    /// The database URL; overrides the datasource's `url`.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Cancel any statement that runs longer than SECONDS (PostgreSQL and MySQL; the URL
    /// parameter `socket_timeout`, which this overrides). Statements are not bounded by default.
    #[arg(long, value_name = "SECONDS")]
    pub statement_timeout: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the schema and report every error as path:line:col.
    #[command(after_help = "Example:\n  migrate validate --schema prisma/schema.prisma")]
    Validate(SchemaArg),
    /// Rewrite the schema in Prisma's canonical layout.
    #[command(
        after_help = "Examples:\n  migrate format\n  migrate format --check   # exit 1 when a file is not formatted"
    )]
    Format {
        #[command(flatten)]
        schema: SchemaArg,
        /// Do not write; exit 1 when a file would change.
        #[arg(long)]
        check: bool,
    },
    Generate(GenerateArgs),
    /// Prisma's spelling of the migration commands: `migrate migrate dev` is `migrate dev`, and so on.
    #[command(subcommand)]
    Migrate(MigrateCommand),
    Dev(DevArgs),
    Reset(ResetArgs),
    /// Work on the database directly: pull, push, execute, seed.
    #[command(subcommand)]
    Db(DbCommand),
    Deploy(DeployArgs),
    Status(StatusArgs),
    Resolve(ResolveArgs),
    Diff(DiffArgs),
    /// The replay cache of `migrate dev` (what the migrations folder builds).
    #[command(subcommand)]
    Cache(CacheCommand),
}

/// `migrate cache clear`.
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Remove every entry of the replay cache (`.migrate-cache/` beside the
    /// migrations folder, or `MIGRATE_CACHE_DIR`).
    #[command(after_help = "Example:\n  migrate cache clear")]
    Clear {
        #[command(flatten)]
        schema: SchemaArg,
    },
}

/// The commands Prisma groups under `prisma migrate`; each is also a
/// command of its own (`migrate dev`).
#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    Dev(DevArgs),
    Reset(ResetArgs),
    Deploy(DeployArgs),
    Status(StatusArgs),
    Resolve(ResolveArgs),
    Diff(DiffArgs),
}

impl From<MigrateCommand> for Command {
    fn from(command: MigrateCommand) -> Self {
        match command {
            MigrateCommand::Dev(args) => Command::Dev(args),
            MigrateCommand::Reset(args) => Command::Reset(args),
            MigrateCommand::Deploy(args) => Command::Deploy(args),
            MigrateCommand::Status(args) => Command::Status(args),
            MigrateCommand::Resolve(args) => Command::Resolve(args),
            MigrateCommand::Diff(args) => Command::Diff(args),
        }
    }
}

/// Prisma's `--skip-generate`.
#[derive(Debug, Args)]
pub struct SkipGenerate {
    /// Do not run the schema's generator blocks afterwards.
    #[arg(long)]
    pub skip_generate: bool,
}

/// Run the schema's generator blocks: TypeScript and Rust types built in, other
/// generators through Prisma's generator protocol.
#[derive(Debug, Args)]
#[command(
    after_help = "Built-in generators:\n  generator types { provider = \"migrate-typescript\" }   # types.ts: Prisma Client types + Kysely DB\n  generator rust  { provider = \"migrate-rust\" }         # models.rs: serde structs and enums\n\nExamples:\n  migrate generate\n  migrate generate --generator types --watch"
)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub schema: SchemaArg,
    /// Run only this generator block (repeat for more).
    #[arg(long = "generator", value_name = "NAME")]
    pub generators: Vec<String>,
    /// Generate again whenever a schema file changes, until stopped.
    #[arg(long)]
    pub watch: bool,
}

/// Create a migration from the schema changes and apply it (development).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  migrate dev --name add_user_profile\n  migrate dev --name backfill --create-only   # write it, edit it, then run `migrate dev`"
)]
pub struct DevArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The migration's name.
    #[arg(long, short = 'n')]
    pub name: Option<String>,
    /// Write the migration without applying it.
    #[arg(long)]
    pub create_only: bool,
    /// Apply changes that lose data in non-empty tables without asking.
    #[arg(long)]
    pub accept_data_loss: bool,
    /// Do not run the seed command after a reset.
    #[arg(long)]
    pub skip_seed: bool,
    /// Replay the migrations folder on a shadow database even when the replay
    /// cache knows what it builds (and leave the cache as it is).
    #[arg(long)]
    pub no_cache: bool,
    #[command(flatten)]
    pub skip_generate: SkipGenerate,
}

/// Drop the database, re-apply every migration, run the seed.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  migrate reset --force   # no question asked (CI)")]
pub struct ResetArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Do not ask for confirmation.
    #[arg(long, short = 'f')]
    pub force: bool,
    /// Do not run the seed command.
    #[arg(long)]
    pub skip_seed: bool,
    #[command(flatten)]
    pub skip_generate: SkipGenerate,
}

/// Apply pending migrations in order, under a lock. Never generates SQL, never resets.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  DATABASE_URL=file:./prod.db migrate deploy\n  migrate deploy --targets tenants.txt --jobs 8      # one URL per line\n  migrate deploy --schemas-query \"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant_%'\""
)]
pub struct DeployArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub fan_out: FanOutArgs,
}

/// Show applied, pending, failed, edited and missing migrations; exit 1 unless up to date.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  migrate status --schema prisma/schema.prisma\n  migrate status --targets tenants.txt   # a summary over many databases"
)]
pub struct StatusArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub fan_out: FanOutArgs,
}

/// Many databases at once (a database or schema per tenant): the same
/// migrations on each, each under its own lock.
#[derive(Debug, Args)]
pub struct FanOutArgs {
    /// Work on every database listed in FILE instead of the datasource's: one URL per
    /// line; blank lines and lines starting with `#` are skipped.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["schemas", "schemas_query", "url"])]
    pub targets: Option<PathBuf>,
    /// PostgreSQL: work on each schema named in FILE (one per line), the datasource URL's
    /// `schema` set to each.
    #[arg(long, value_name = "FILE", conflicts_with = "schemas_query")]
    pub schemas: Option<PathBuf>,
    /// PostgreSQL: work on each schema the query's first column names, the query run on
    /// the datasource's database.
    #[arg(long, value_name = "SQL")]
    pub schemas_query: Option<String>,
    /// How many targets to work on at once.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: u16,
}

impl FanOutArgs {
    /// Whether the command works on listed targets rather than the datasource's database.
    pub fn is_set(&self) -> bool {
        self.targets.is_some() || self.schemas.is_some() || self.schemas_query.is_some()
    }
}

/// Mark a failed migration rolled back (deploy retries it) or applied (finished by hand, or baselining).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  migrate resolve --rolled-back 20240101120000_add_index\n  migrate resolve --applied 0_init   # baseline an existing database",
    group(clap::ArgGroup::new("resolution").required(true).multiple(false))
)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Record NAME as applied.
    #[arg(long, value_name = "NAME", group = "resolution")]
    pub applied: Option<String>,
    /// Record the failed NAME as rolled back.
    #[arg(long, value_name = "NAME", group = "resolution")]
    pub rolled_back: Option<String>,
}

/// Compare two schema sources and print the difference or the SQL script.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  migrate diff --from-empty --to-schema prisma/schema.prisma --script\n  migrate diff --from-schema old.prisma --to-schema new.prisma --exit-code\n  migrate diff --from-schema-datasource prisma/schema.prisma --to-schema prisma/schema.prisma --script\n\nExit codes with --exit-code: 0 no difference, 2 differences, 1 error."
)]
pub struct DiffArgs {
    /// Start from an empty database.
    #[arg(long, group = "from")]
    pub from_empty: bool,
    /// Start from the schema described by this schema file.
    #[arg(long, value_name = "PATH", group = "from", visible_alias = "from-schema-datamodel")]
    pub from_schema: Option<PathBuf>,
    /// Start from the live database this schema file's datasource names.
    #[arg(long, value_name = "PATH", group = "from")]
    pub from_schema_datasource: Option<PathBuf>,
    /// Start from the schema the migrations in this folder build (replayed on a shadow database).
    #[arg(long, value_name = "DIR", group = "from")]
    pub from_migrations: Option<PathBuf>,
    /// Start from the schema of a live database.
    #[arg(long, value_name = "URL", group = "from")]
    pub from_url: Option<String>,
    /// End at an empty database.
    #[arg(long, group = "to")]
    pub to_empty: bool,
    /// End at the schema described by this schema file.
    #[arg(long, value_name = "PATH", group = "to", visible_alias = "to-schema-datamodel")]
    pub to_schema: Option<PathBuf>,
    /// End at the live database this schema file's datasource names.
    #[arg(long, value_name = "PATH", group = "to")]
    pub to_schema_datasource: Option<PathBuf>,
    /// End at the schema the migrations in this folder build.
    #[arg(long, value_name = "DIR", group = "to")]
    pub to_migrations: Option<PathBuf>,
    /// End at the schema of a live database.
    #[arg(long, value_name = "URL", group = "to")]
    pub to_url: Option<String>,
    /// Database to replay migrations on (needed for PostgreSQL and MySQL; SQLite uses memory).
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,
    /// Print the SQL script instead of a summary.
    #[arg(long)]
    pub script: bool,
    /// Exit 2 when there are differences, 0 when there are none.
    #[arg(long)]
    pub exit_code: bool,
    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Make the database match the schema without a migration (prototyping).
    #[command(
        after_help = "Examples:\n  migrate db push\n  migrate db push --accept-data-loss\n  migrate db push --force-reset"
    )]
    Push {
        #[command(flatten)]
        db: DbArgs,
        /// Apply changes that lose data without asking.
        #[arg(long)]
        accept_data_loss: bool,
        /// Drop everything first, then push.
        #[arg(long)]
        force_reset: bool,
        #[command(flatten)]
        skip_generate: SkipGenerate,
    },
    /// Run a SQL script against the database.
    #[command(
        after_help = "Examples:\n  migrate db execute --file fix.sql\n  echo 'SELECT 1;' | migrate db execute --stdin --url file:./dev.db"
    )]
    Execute {
        #[command(flatten)]
        db: DbArgs,
        /// The script to run.
        #[arg(long, value_name = "PATH", group = "input", required = true)]
        file: Option<PathBuf>,
        /// Read the script from standard input.
        #[arg(long, group = "input", required = true)]
        stdin: bool,
    },
    /// Run the configured seed command.
    #[command(
        after_help = "Configure it in migrate.toml ([seed] command = \"...\"), prisma.config.ts (migrations.seed) or package.json (\"prisma\": {\"seed\": \"...\"}).\n\nExample:\n  migrate db seed -- --count 10   # runs the seed command with `--count 10` after it"
    )]
    Seed {
        /// The schema, whose folder's `.env` the seed sees (as Prisma's `db seed --schema`).
        #[command(flatten)]
        schema: SchemaArg,
        /// Arguments passed on to the seed command (after `--`).
        #[arg(last = true, value_name = "ARGS")]
        args: Vec<String>,
    },
    /// Write the schema file from the database (introspection).
    #[command(after_help = "Examples:\n  migrate db pull\n  migrate db pull --print")]
    Pull {
        #[command(flatten)]
        db: DbArgs,
        /// Print the schema instead of writing it.
        #[arg(long)]
        print: bool,
        /// Ignore the current schema file's models (keep only its datasource and generators).
        #[arg(long)]
        force: bool,
    },
}
