//! The change corpus (`tests/fixtures/changes`, README there): pairs of
//! schemas `before.prisma` → `after.prisma` reproducing the edits real Prisma
//! projects make, with Prisma 6.19.3's SQL for each change beside them
//! (`prisma-6.19.3.<provider>.sql`, from `migrate diff
//! --from-schema-datamodel before --to-schema-datamodel after --script`).

use crate::corpus::switch_provider;
use crate::Fixture;
use migrate_core::psl::datamodel::Provider;
use migrate_core::psl::diagnostics::SourceFiles;
use std::path::PathBuf;

/// One pair of schemas and its goldens.
#[derive(Debug, Clone)]
pub struct ChangePair {
    pub name: String,
    /// The pair's folder (goldens beside the schemas).
    pub dir: PathBuf,
    /// The provider both files declare.
    pub declared: Provider,
}

impl ChangePair {
    /// Providers Prisma's goldens exist for (the declared one and, for a
    /// SQLite pair, PostgreSQL with only the provider switched).
    pub fn golden_providers(&self) -> Vec<Provider> {
        [Provider::Sqlite, Provider::Postgres]
            .into_iter()
            .filter(|p| self.golden_path(*p).exists())
            .collect()
    }

    /// `prisma-6.19.3.<provider>.sql`.
    pub fn golden_path(&self, provider: Provider) -> PathBuf {
        self.dir.join(format!("prisma-6.19.3.{}.sql", provider.name()))
    }

    /// Prisma's SQL for the change on `provider`.
    pub fn golden(&self, provider: Provider) -> String {
        crate::read(&self.golden_path(provider))
    }

    /// `before.prisma` with its datasource's provider switched to `provider`.
    pub fn before(&self, provider: Provider) -> SourceFiles {
        self.side("before", provider)
    }

    /// `after.prisma` with its datasource's provider switched to `provider`.
    pub fn after(&self, provider: Provider) -> SourceFiles {
        self.side("after", provider)
    }

    fn side(&self, side: &str, provider: Provider) -> SourceFiles {
        let fixture = Fixture {
            name: format!("{}/{side}", self.name),
            path: self.dir.join(format!("{side}.prisma")),
        };
        let mut sources = fixture.sources();
        for file in &mut sources.files {
            file.text = switch_provider(&file.text, provider);
        }
        sources
    }
}

/// Every pair of the change corpus, by name.
pub fn change_pairs() -> Vec<ChangePair> {
    crate::fixtures_in("changes")
        .into_iter()
        .filter(|f| f.path.is_dir())
        .map(|dir| {
            let after = crate::read(&dir.path.join("after.prisma"));
            let declared = crate::corpus::declared_provider(&after)
                .unwrap_or_else(|| panic!("{}: no datasource provider", dir.name));
            ChangePair {
                name: dir.name,
                dir: dir.path,
                declared,
            }
        })
        .collect()
}
