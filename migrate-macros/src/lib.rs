//! `embed_migrations!("prisma/migrations")`: reads a Prisma migrations
//! folder at compile time, with the engine's own reader (same order, same
//! checksums, same errors), and expands to a
//! `migrate::EmbeddedMigrations` value. Use it through the `migrate` crate,
//! which re-exports it.

use migrate_core::migrations::MigrationsDir;
use proc_macro::{TokenStream, TokenTree};
use std::path::PathBuf;

/// Embeds the migrations folder at `path` (relative to the crate's
/// `Cargo.toml`, as `include_str!` paths are not) into the binary.
///
/// Expands to a `migrate::EmbeddedMigrations` constant expression: each
/// `migration.sql` through `include_bytes!` (so editing a script rebuilds
/// the crate) with its SHA-256 checksum computed now, and the provider of
/// `migration_lock.toml`. A folder that cannot be read is a compile error
/// naming it. Cargo does not notice a new migration folder by itself: add
/// a `build.rs` with `println!("cargo:rerun-if-changed=prisma/migrations");`.
#[proc_macro]
pub fn embed_migrations(input: TokenStream) -> TokenStream {
    match embed(input) {
        Ok(tokens) => tokens,
        Err(message) => format!("::core::compile_error!({message:?})").parse().unwrap(),
    }
}

fn embed(input: TokenStream) -> Result<TokenStream, String> {
    let folder = folder_argument(input)?;
    let root = std::env::var("CARGO_MANIFEST_DIR").map_err(|e| format!("CARGO_MANIFEST_DIR: {e}"))?;
    let dir = MigrationsDir {
        path: PathBuf::from(root).join(&folder),
    };
    if !dir.path.is_dir() {
        return Err(format!("embed_migrations!: {} is not a folder", dir.path.display()));
    }
    let locked = dir.locked_provider().map_err(|e| format!("embed_migrations!: {e}"))?;
    let migrations = dir.list().map_err(|e| format!("embed_migrations!: {e}"))?;
    let mut items = String::new();
    for m in &migrations {
        let script = m.path.join("migration.sql");
        items.push_str(&format!(
            "::migrate::EmbeddedMigration {{ name: {:?}, script: ::core::include_bytes!({:?}), checksum: {:?} }},",
            m.name,
            script.display().to_string(),
            m.checksum
        ));
    }
    let provider = match locked {
        Some(p) => format!("::core::option::Option::Some({p:?})"),
        None => "::core::option::Option::None".into(),
    };
    let lock_file = dir.path.join("migration_lock.toml");
    // Editing the lock file rebuilds the crate too.
    let track_lock = match lock_file.is_file() {
        true => format!(
            "const _: &[u8] = ::core::include_bytes!({:?});",
            lock_file.display().to_string()
        ),
        false => String::new(),
    };
    let expansion = format!(
        "{{ {track_lock} ::migrate::EmbeddedMigrations {{ folder: {folder:?}, provider: {provider}, migrations: &[{items}] }} }}"
    );
    expansion.parse().map_err(|e| format!("embed_migrations!: {e:?}"))
}

/// The one string literal the macro takes.
fn folder_argument(input: TokenStream) -> Result<String, String> {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    let usage = "embed_migrations! takes one string: embed_migrations!(\"prisma/migrations\")";
    let [TokenTree::Literal(literal)] = tokens.as_slice() else {
        return Err(usage.into());
    };
    let text = literal.to_string();
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(folder) if !folder.contains('\\') => Ok(folder.to_string()),
        _ => Err(usage.into()),
    }
}
