use super::{connect, Header, IfMissing};
use crate::cli::DbArgs;
use crate::error::CliError;
use crate::output::{absolute, outln, relative, write_data};
use migrate_core::migrations::order::NameKey;
use migrate_core::psl::ast::{datasource_properties_mut, BlockKind, Expr, SchemaFile, TopItem};
use migrate_core::psl::format::format;
use migrate_core::psl::to_psl::{pull_files, PullWarnings, ViewFile};
use migrate_core::schema::Schema;
use migrate_core::url::mask_credentials;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Introspects the database and rewrites the schema files (or prints them),
/// keeping their datasource and generator blocks; with `force`, nothing else
/// of the current models is kept.
pub async fn run(args: &DbArgs, print: bool, force: bool) -> Result<ExitCode, CliError> {
    let header = if print { Header::Quiet } else { Header::Print };
    let (project, mut driver) = connect(args, IfMissing::Fail, header).await?;
    let schema = driver.introspect().await?;
    let views = match project.schema.datamodel.has_preview_feature("views") {
        true => Some(driver.introspect_views().await?),
        false => None,
    };
    let no_views = views.as_ref().is_none_or(Vec::is_empty);
    if schema.tables.is_empty() && schema.enums.is_empty() && no_views {
        return Err(CliError::Usage(
            "The database is empty: there is nothing to pull. Create tables first, or run `migrate dev`.".into(),
        ));
    }
    refuse_references_outside(&schema, &driver.namespaces(), project.namespaces())?;
    let existing: Vec<SchemaFile> = if force {
        project.schema.files.iter().map(config_only).collect()
    } else {
        project.schema.files.clone()
    };
    let mut paths: Vec<PathBuf> = project
        .schema
        .sources
        .files
        .iter()
        .map(|f| PathBuf::from(&f.path))
        .collect();
    let new_blocks_to = introspection_file(&project.schema_path, &mut paths);
    let pulled = pull_files(&schema, views.as_deref(), driver.dialect(), &existing, new_blocks_to);
    if print {
        write_data(&printed(&paths, pulled.files))?;
    } else {
        for (path, file) in paths.iter().zip(pulled.files) {
            let text = format(&file);
            std::fs::write(path, &text).map_err(|source| CliError::Write {
                path: path.display().to_string(),
                source,
            })?;
        }
    }
    if let (false, Some(_)) = (print, &views) {
        let session = session_name(&project, args, &driver.namespaces())?;
        write_view_files(&project.views_dir()?, &pulled.views, &session)?;
    }
    if !print {
        let models = schema.tables.iter().filter(|t| !t.name.starts_with('_')).count();
        outln!(
            "Introspected {models} table(s) and wrote {}.",
            project.schema_path.display()
        );
    }
    warn(&pulled.warnings, print);
    Ok(ExitCode::SUCCESS)
}

/// What `--print` prints, as Prisma 6.19.3 prints it: the file, then a
/// blank line; of a schema of several files, each file after a
/// `// <path>` line (its path from the current folder), in the order of
/// their full paths (JavaScript's `localeCompare`), with a blank line
/// between two.
fn printed(paths: &[PathBuf], files: Vec<SchemaFile>) -> String {
    let mut texts: Vec<(PathBuf, String)> = paths
        .iter()
        .map(|p| absolute(p))
        .zip(files.into_iter().map(|f| format(&masked_datasources(f))))
        .collect();
    if let [(_, text)] = texts.as_slice() {
        return format!("{text}\n\n");
    }
    texts.sort_by_cached_key(|(path, _)| NameKey::of(&path.to_string_lossy()));
    let shown: Vec<String> = texts
        .iter()
        .map(|(path, text)| format!("// {}\n{text}", relative(path).display()))
        .collect();
    shown.join("\n") + "\n\n"
}

/// Where new blocks go in a schema of several files, as Prisma 6.19.3 puts
/// them: `introspected.prisma` in the schema's folder, which is added to
/// `paths` when it is not one of them yet. `None` for one file (new blocks
/// go into it).
fn introspection_file(schema_path: &Path, paths: &mut Vec<PathBuf>) -> Option<usize> {
    if paths.len() < 2 {
        return None;
    }
    let named = |p: &PathBuf| p.file_name().is_some_and(|n| n == INTROSPECTION_FILE);
    if let Some(at) = paths.iter().position(named) {
        return Some(at);
    }
    let folder = if schema_path.is_dir() {
        schema_path
    } else {
        schema_path.parent().unwrap_or(Path::new("."))
    };
    paths.push(folder.join(INTROSPECTION_FILE));
    Some(paths.len() - 1)
}

/// The file Prisma 6.19.3 writes new blocks to in a schema of several files.
const INTROSPECTION_FILE: &str = "introspected.prisma";

/// The name of the database schema the session works in, which names the
/// folder of its views: PostgreSQL's (the URL's `?schema=`, `public` by
/// default), the MySQL database, SQLite's `main`.
fn session_name(project: &crate::project::Project, args: &DbArgs, read: &[String]) -> Result<String, CliError> {
    if let Some(first) = read.first() {
        return Ok(first.clone());
    }
    let provider = project.provider()?;
    let place = crate::drivers::place(&project.url(args.url.as_deref())?, provider);
    Ok(match provider {
        migrate_core::psl::datamodel::Provider::Sqlite => "main".to_string(),
        _ => place.map(|p| p.database).unwrap_or_default(),
    })
}

/// Writes each view's query to `dir/<schema>/<view>.sql` and removes the
/// other `.sql` files two levels down (views that are gone), and folders
/// left empty (`dir` too), as Prisma 6.19.3 does after a pull. Nothing else
/// in `dir` is touched.
fn write_view_files(dir: &Path, views: &[ViewFile], session: &str) -> Result<(), CliError> {
    let write_error = |path: &Path, source| CliError::Write {
        path: path.display().to_string(),
        source,
    };
    let mut kept = Vec::new();
    for view in views {
        let folder = dir.join(view.schema.as_deref().unwrap_or(session));
        std::fs::create_dir_all(&folder).map_err(|e| write_error(&folder, e))?;
        let path = folder.join(format!("{}.sql", view.name));
        std::fs::write(&path, &view.sql).map_err(|e| write_error(&path, e))?;
        kept.push(path);
    }
    let Ok(folders) = std::fs::read_dir(dir) else {
        return Ok(()); // no views, and no folder of them
    };
    for folder in folders.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let files = std::fs::read_dir(&folder).map_err(|e| write_error(&folder, e))?;
        for file in files.flatten().map(|e| e.path()) {
            if file.extension().is_some_and(|x| x == "sql") && file.is_file() && !kept.contains(&file) {
                std::fs::remove_file(&file).map_err(|e| write_error(&file, e))?;
            }
        }
        remove_if_empty(&folder).map_err(|e| write_error(&folder, e))?;
    }
    remove_if_empty(dir).map_err(|e| write_error(dir, e))
}

fn remove_if_empty(folder: &Path) -> std::io::Result<()> {
    match std::fs::read_dir(folder)?.next() {
        None => std::fs::remove_dir(folder),
        Some(_) => Ok(()),
    }
}

/// Prisma 6.19.3's warnings after a pull, as it prints them: after the
/// summary when the file is written; with `--print`, on standard error,
/// each line after `// ` (standard output holds the schema).
fn warn(warnings: &PullWarnings, print: bool) {
    if warnings.is_empty() {
        return;
    }
    match print {
        true => eprint!("{}", warnings.commented()),
        false => outln!("\n{warnings}"),
    }
}

/// A foreign key to a table of a database schema that is not read (not
/// the URL's `schema`, nor listed in the datasource's `schemas`) cannot be
/// written: pulled without it, the next migration would drop it. Prisma
/// 6.19.3 refuses such a database as well (P4002, "Cross schema references
/// are only allowed when the target schema is listed in the schemas
/// property of your datasource").
///
/// `read`: the schemas the session read, its own first ([`Driver::namespaces`](migrate_core::driver::Driver::namespaces)).
fn refuse_references_outside(schema: &Schema, read: &[String], listed: &[String]) -> Result<(), CliError> {
    let outside = schema.foreign_keys_to_other_tables();
    let Some((table, key)) = outside.first() else {
        return Ok(());
    };
    let target = key.referenced();
    let session = read.first().map_or("public", String::as_str);
    let advice = match &target.namespace {
        Some(ns) if listed.is_empty() => {
            format!(
                "Add `schemas = [\"{session}\", \"{ns}\"]` to the datasource (and `@@schema(\"{session}\")` to the models the file has)"
            )
        }
        Some(ns) => format!("Add `{ns}` to the datasource's `schemas`"),
        None => "Read the table's schema too".to_string(),
    };
    Err(CliError::Usage(format!(
        "The foreign key `{}` of table `{}` references `{target}`, a table of a database schema that is not read (P4002): \
         the pulled file would leave the key out, and the next migration would drop it; nothing was written. \
         {advice}, and pull again.{}",
        key.name,
        table.qualified_name(),
        match outside.len() {
            1 => String::new(),
            n => format!(" ({} such keys in all.)", n),
        }
    )))
}

/// The file with the credentials in its datasource's URLs masked: printed
/// output ends up in logs. (The file written keeps them, as the user wrote them.)
fn masked_datasources(mut file: SchemaFile) -> SchemaFile {
    for property in datasource_properties_mut(&mut file.items) {
        if let Expr::String(s, _) = &mut property.value {
            s.raw = mask_credentials(&s.raw);
            s.value = mask_credentials(&s.value);
        }
    }
    file
}

/// A file with only its datasource and generator blocks (and their comments).
fn config_only(file: &SchemaFile) -> SchemaFile {
    let items = file
        .items
        .iter()
        .filter(|item| match item {
            TopItem::Block(b) => matches!(b.kind, BlockKind::Datasource | BlockKind::Generator),
            TopItem::Comment(_) | TopItem::Blank => true,
        })
        .cloned()
        .collect();
    SchemaFile { items }
}
