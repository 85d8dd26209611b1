//! `previewFeatures` of generator blocks, read as Prisma 6.19 reads them:
//! names compare without regard to case; a feature that became generally
//! available is deprecated (a warning); one Prisma does not know is an
//! error, whatever the generator (Prisma 6.19.3's `validate`, `format` and
//! `migrate diff` all stop on it). None of them changes what `migrate` does.
//! The lists are Prisma 6.19.3's verdicts, asked of it feature by feature.

use super::Ctx;
use crate::psl::ast::Expr;
use crate::psl::datamodel::Provider;

/// Deprecated: the functionality no longer needs the flag.
const GENERALLY_AVAILABLE: [&str; 40] = [
    "aggregateApi",
    "atomicNumberOperations",
    "clientExtensions",
    "cockroachdb",
    "connectOrCreate",
    "createMany",
    "dataProxy",
    "deno",
    "distinct",
    "driverAdapters",
    "extendedIndexes",
    "extendedWhereUnique",
    "fieldReference",
    "filteredRelationCount",
    "filterJson",
    "fullTextIndex",
    "fullTextSearch",
    "groupBy",
    "improvedQueryRaw",
    "interactiveTransactions",
    "jsonProtocol",
    "microsoftSqlServer",
    "middlewares",
    "mongoDb",
    "multiSchema",
    "namedConstraints",
    "nApi",
    "nativeTypes",
    "omitApi",
    "orderByAggregateGroup",
    "orderByNulls",
    "orderByRelation",
    "prismaSchemaFolder",
    "queryCompiler",
    "referentialActions",
    "referentialIntegrity",
    "selectRelationCount",
    "tracing",
    "transactionApi",
    "uncheckedScalarInputs",
];

/// Deprecated and to be removed.
const TO_BE_REMOVED: [&str; 1] = ["metrics"];

/// Still preview features in Prisma 6.19.
const CURRENT: [&str; 9] = [
    "nativeDistinct",
    "postgresqlExtensions",
    "reactNative",
    "relationJoins",
    "schemaEngineDriverAdapters",
    "shardKeys",
    "strictUndefinedChecks",
    "typedSql",
    "views",
];

/// A preview feature of PostgreSQL only.
const POSTGRES_FULL_TEXT: &str = "fullTextSearchPostgres";

/// Warns about each deprecated or unknown feature in `items`.
pub fn check(ctx: &mut Ctx<'_>, items: &[Expr]) {
    for item in items {
        let Some(name) = item.as_str() else { continue };
        match verdict(name, ctx.provider) {
            Some(Verdict::Unknown(message)) => ctx.diags.error(item.span(), message),
            Some(Verdict::Deprecated(message)) => ctx.diags.warning(item.span(), message),
            None => {}
        }
    }
}

enum Verdict {
    Deprecated(String),
    Unknown(String),
}

impl Verdict {
    #[cfg(test)]
    fn message(&self) -> &str {
        match self {
            Verdict::Deprecated(m) | Verdict::Unknown(m) => m,
        }
    }
}

fn verdict(name: &str, provider: Option<Provider>) -> Option<Verdict> {
    let is = |known: &str| known.eq_ignore_ascii_case(name);
    let postgres = provider == Some(Provider::Postgres);
    let deprecated = if postgres && is("fullTextSearch") {
        format!("The preview feature \"{name}\" is called \"{POSTGRES_FULL_TEXT}\" on PostgreSQL: rename it.")
    } else if GENERALLY_AVAILABLE.iter().any(|f| is(f)) {
        format!("The preview feature \"{name}\" is deprecated: what it enabled works without it. Remove it.")
    } else if TO_BE_REMOVED.iter().any(|f| is(f)) {
        format!("The preview feature \"{name}\" is deprecated and will be removed from Prisma.")
    } else if CURRENT.iter().any(|f| is(f)) || (postgres && is(POSTGRES_FULL_TEXT)) {
        return None;
    } else {
        return Some(Verdict::Unknown(format!(
            "The preview feature \"{name}\" is not known. Expected one of: {}.",
            CURRENT.join(", ")
        )));
    };
    Some(Verdict::Deprecated(deprecated))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_as_prisma_gives_them() {
        assert!(verdict("views", None).is_none());
        assert!(verdict("VIEWS", Some(Provider::Sqlite)).is_none());
        assert!(verdict("multiSchema", None).unwrap().message().contains("deprecated"));
        assert!(verdict("metrics", None).unwrap().message().contains("will be removed"));
        assert!(verdict("fullTextSearch", Some(Provider::Postgres))
            .unwrap()
            .message()
            .contains("fullTextSearchPostgres"));
        assert!(verdict("fullTextSearch", Some(Provider::Mysql))
            .unwrap()
            .message()
            .contains("deprecated"));
        assert!(verdict("fullTextSearchPostgres", Some(Provider::Postgres)).is_none());
        assert!(verdict("fullTextSearchPostgres", Some(Provider::Sqlite))
            .unwrap()
            .message()
            .contains("not known"));
        assert!(verdict("esm", None).unwrap().message().contains("not known"));
    }
}
