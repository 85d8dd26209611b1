use super::{connect, Header, IfMissing};
use crate::cli::DbArgs;
use crate::error::CliError;
use crate::output::{outln, write_data};
use migrate_core::psl::ast::{BlockKind, Expr, Member, Property, SchemaFile, TopItem};
use migrate_core::psl::format::format;
use migrate_core::psl::to_psl::pull_files;
use migrate_core::schema::Schema;
use migrate_core::url::mask_credentials;
use std::process::ExitCode;

/// Introspects the database and rewrites the schema files (or prints them),
/// keeping their datasource and generator blocks; with `force`, nothing else
/// of the current models is kept.
pub async fn run(args: &DbArgs, print: bool, force: bool) -> Result<ExitCode, CliError> {
    let header = if print { Header::Quiet } else { Header::Print };
    let (project, mut driver) = connect(args, IfMissing::Fail, header).await?;
    let schema = driver.introspect().await?;
    if schema.tables.is_empty() && schema.enums.is_empty() {
        return Err(CliError::Usage(
            "The database is empty: there is nothing to pull. Create tables first, or run `migrate dev`.".into(),
        ));
    }
    refuse_references_outside(&schema)?;
    let existing: Vec<SchemaFile> = if force {
        project.schema.files.iter().map(config_only).collect()
    } else {
        project.schema.files.clone()
    };
    let pulled = pull_files(&schema, driver.dialect(), &existing);
    let paths: Vec<&str> = project.schema.sources.files.iter().map(|f| f.path.as_str()).collect();
    for (path, file) in paths.iter().zip(pulled) {
        if print {
            write_data(&format(&masked_datasources(file)))?;
        } else {
            let text = format(&file);
            std::fs::write(path, &text).map_err(|source| CliError::Write {
                path: path.to_string(),
                source,
            })?;
        }
    }
    if !print {
        let models = schema.tables.iter().filter(|t| !t.name.starts_with('_')).count();
        outln!(
            "Introspected {models} table(s) and wrote {}.",
            project.schema_path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A foreign key to a table of another database schema cannot be written
/// (the schema file holds one database schema): pulled without it, the
/// next migration would drop it. Prisma 6.19.3 refuses such a database as
/// well (P4002, "Cross schema references are only allowed when the target
/// schema is listed in the schemas property of your datasource").
fn refuse_references_outside(schema: &Schema) -> Result<(), CliError> {
    let outside = schema.foreign_keys_to_other_tables();
    let Some((table, key)) = outside.first() else {
        return Ok(());
    };
    Err(CliError::Usage(format!(
        "The foreign key `{}` of table `{}` references `{}`, a table of another database schema (P4002). \
         migrate reads one database schema (the URL's `schema`), so the pulled file would leave the key out, \
         and the next migration would drop it; nothing was written. Prisma refuses this too, unless the other \
         schema is listed in the datasource's `schemas`, which migrate does not support yet.{}",
        key.name,
        table.name,
        key.referenced_table,
        match outside.len() {
            1 => String::new(),
            n => format!(" ({} such keys in all.)", n),
        }
    )))
}

/// The file with the credentials in its datasource's URLs masked: printed
/// output ends up in logs. (The file written keeps them, as the user wrote them.)
fn masked_datasources(mut file: SchemaFile) -> SchemaFile {
    for item in &mut file.items {
        let TopItem::Block(block) = item else { continue };
        if block.kind != BlockKind::Datasource {
            continue;
        }
        for member in &mut block.members {
            if let Member::Property(Property {
                value: Expr::String(s, _),
                ..
            }) = member
            {
                s.raw = mask_credentials(&s.raw);
                s.value = mask_credentials(&s.value);
            }
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
