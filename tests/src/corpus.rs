//! The corpus (`tests/fixtures/corpus`, README there): schemas that
//! reproduce the patterns of real Prisma projects, with Prisma 6.19.3's own
//! outputs beside them as golden files (`prisma-6.19.3.<provider>.sql`, the
//! SQL of `migrate diff --from-empty`; `prisma-6.19.3.<provider>.pulled.prisma`,
//! a fresh `db pull` of a database made by that SQL).

use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::diagnostics::SourceFiles;
use std::path::PathBuf;

/// One corpus fixture.
#[derive(Debug, Clone)]
pub struct CorpusFixture {
    pub name: String,
    /// The fixture's folder (goldens beside the schema).
    pub dir: PathBuf,
    /// Its schema: `schema.prisma`, or the `schema/` folder.
    pub fixture: crate::Fixture,
    /// The provider its datasource declares.
    pub declared: Provider,
}

impl CorpusFixture {
    /// Providers Prisma's goldens exist for (the declared one, and another
    /// one the schema also runs on with only the provider switched).
    pub fn golden_providers(&self) -> Vec<Provider> {
        [Provider::Sqlite, Provider::Postgres]
            .into_iter()
            .filter(|p| self.golden_path(*p, "sql").exists())
            .collect()
    }

    /// `prisma-6.19.3.<provider>.<ext>` (`sql`, `pulled.prisma`).
    pub fn golden_path(&self, provider: Provider, ext: &str) -> PathBuf {
        self.dir.join(format!("prisma-6.19.3.{}.{ext}", provider.name()))
    }

    /// The golden file's text.
    pub fn golden(&self, provider: Provider, ext: &str) -> String {
        crate::read(&self.golden_path(provider, ext))
    }

    /// The schema's files with the datasource's provider switched to
    /// `provider` (nothing else changes, as the goldens were made).
    pub fn sources_for(&self, provider: Provider) -> SourceFiles {
        let mut sources = self.fixture.sources();
        for file in &mut sources.files {
            file.text = switch_provider(&file.text, provider);
        }
        sources
    }
}

/// Every corpus fixture, by name.
pub fn corpus() -> Vec<CorpusFixture> {
    crate::fixtures_in("corpus")
        .into_iter()
        .filter(|f| f.path.is_dir())
        .map(|dir| {
            let folder = dir.path.join("schema");
            let path = if folder.is_dir() {
                folder
            } else {
                dir.path.join("schema.prisma")
            };
            let fixture = crate::Fixture {
                name: dir.name.clone(),
                path,
            };
            let text: String = fixture.sources().files.iter().map(|f| f.text.clone()).collect();
            let declared =
                declared_provider(&text).unwrap_or_else(|| panic!("{}: no datasource provider", fixture.name));
            CorpusFixture {
                name: fixture.name.clone(),
                dir: dir.path,
                fixture,
                declared,
            }
        })
        .collect()
}

/// The provider of the `datasource` block of `text`.
pub fn declared_provider(text: &str) -> Option<Provider> {
    let mut lines = text.lines().skip_while(|l| !l.trim_start().starts_with("datasource "));
    let line = lines.find(|l| l.trim_start().starts_with("provider"))?;
    let name = line.split('"').nth(1)?;
    Provider::from_name(name)
}

/// `text` with the `provider = "..."` line of its datasource block set to
/// `provider` (generators' providers are left alone).
pub fn switch_provider(text: &str, provider: Provider) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_datasource = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("datasource ") {
            in_datasource = true;
        } else if trimmed.starts_with('}') {
            in_datasource = false;
        }
        let is_provider = trimmed.starts_with("provider") && trimmed[8..].trim_start().starts_with('=');
        if in_datasource && is_provider {
            let (head, _) = line.split_once('"').expect("a quoted provider");
            let tail = line.rsplit_once('"').map_or("\n", |(_, tail)| tail);
            out.push_str(&format!("{head}\"{}\"{tail}", provider.name()));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Corpus fixtures that MySQL cannot take with only the provider switched
/// (validation refuses them, as Prisma's does): `onDelete: SetDefault`,
/// which InnoDB lacks; keys on `Bytes` (LONGBLOB) columns without a prefix
/// length.
const NOT_ON_MYSQL: [&str; 2] = ["sqlite_habit_tracker", "sqlite_photo_catalog"];

/// The corpus fixtures `provider` can hold, validated for it: those written
/// for it, and the SQLite ones with the provider switched.
pub fn corpus_for(provider: Provider) -> Vec<(String, migrate_core::psl::ValidatedSchema)> {
    corpus()
        .into_iter()
        .filter(|f| match (f.declared, provider) {
            (declared, wanted) if declared == wanted => true,
            (Provider::Sqlite, Provider::Mysql) => !NOT_ON_MYSQL.contains(&f.name.as_str()),
            (Provider::Sqlite, _) => true,
            _ => false,
        })
        .map(|f| {
            let valid = migrate_core::psl::parse_and_validate(f.sources_for(provider))
                .unwrap_or_else(|e| panic!("{} on {}: {e}", f.name, provider.name()));
            (format!("corpus/{}", f.name), valid)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_datasource_provider_switches() {
        let text = "generator client {\n  provider = \"prisma-client-js\"\n}\n\ndatasource db {\n  provider = \"sqlite\" // here\n  url      = env(\"DATABASE_URL\")\n}\n";
        let switched = switch_provider(text, Provider::Postgres);
        assert!(switched.contains("provider = \"prisma-client-js\""));
        assert!(switched.contains("  provider = \"postgresql\" // here\n"));
        assert_eq!(declared_provider(&switched), Some(Provider::Postgres));
    }
}
