//! A database URL and where it came from (a flag, an environment variable,
//! the schema), checked before anything connects: a URL with nothing in it
//! (`postgresql://`, `file:`) is refused, never read as a default server,
//! database or temporary file. Its credentials are remembered so that no
//! message shows them.

use crate::error::CliError;
use crate::secrets;
use migrate_core::psl::datamodel::Provider;
use migrate_core::url::{is_scheme, ServerUrl};
use std::fmt;
use std::path::PathBuf;

/// Where a database URL came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag, such as `--url`.
    Flag(&'static str),
    /// An environment variable; `file` is the `.env` file that set it.
    Env { var: String, file: Option<PathBuf> },
    /// A string in the schema's datasource (`url`, `shadowDatabaseUrl`).
    Schema { property: &'static str, path: PathBuf },
    /// Line `line` (1-based) of a list of targets (`deploy --targets FILE`).
    Listed { path: PathBuf, line: usize },
    /// A setting of the Prisma config file (`datasource.url`, ...), at a
    /// 1-based line and column.
    Config {
        property: &'static str,
        path: PathBuf,
        line: usize,
        col: usize,
    },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "the {flag} flag"),
            Origin::Env { var, file: Some(file) } => {
                write!(f, "the environment variable `{var}` (set in {})", file.display())
            }
            Origin::Env { var, file: None } => write!(f, "the environment variable `{var}`"),
            Origin::Schema { property, path } => write!(f, "`{property}` in {}", path.display()),
            Origin::Listed { path, line } => write!(f, "line {line} of {}", path.display()),
            Origin::Config {
                property,
                path,
                line,
                col,
            } => write!(f, "`{property}` in {}:{line}:{col}", path.display()),
        }
    }
}

/// A database URL as given, with its origin.
#[derive(Debug, Clone)]
pub struct DatabaseUrl {
    value: String,
    pub origin: Origin,
}

impl DatabaseUrl {
    pub fn new(value: impl Into<String>, origin: Origin) -> Self {
        let value = value.into();
        secrets::remember(&value);
        DatabaseUrl { value, origin }
    }

    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The URL with `socket_timeout=seconds` (PostgreSQL and MySQL: how long
    /// one statement may run), replacing the URL's own; SQLite URLs are kept
    /// as they are (SQLite runs in-process, waiting only on its lock).
    pub fn with_statement_timeout(self, seconds: Option<u64>) -> Self {
        let Some(seconds) = seconds else { return self };
        if !(self.value.starts_with("postgres") || self.value.starts_with("mysql:")) {
            return self;
        }
        self.with_parameter("socket_timeout", &seconds.to_string())
    }

    /// The URL with the query parameter `key` set to `value`, replacing the
    /// URL's own (`schema`, `socket_timeout`); kept as it is when it does
    /// not parse (then refused with what is wrong when it is checked).
    pub fn with_parameter(self, key: &str, value: &str) -> Self {
        let Ok(mut url) = url::Url::parse(&self.value) else {
            return self;
        };
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != key)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.query_pairs_mut().clear().extend_pairs(kept).append_pair(key, value);
        DatabaseUrl {
            value: url.to_string(),
            ..self
        }
    }

    /// Refuses a URL for another database than the datasource's `provider`.
    pub fn expect_provider(&self, provider: Provider) -> Result<(), CliError> {
        let url_provider = self.provider()?;
        if url_provider != provider {
            return Err(CliError::Usage(format!(
                "The datasource provider is `{}`, but the database URL from {} is for {}.",
                provider.name(),
                self.origin,
                url_provider.name()
            )));
        }
        Ok(())
    }

    /// The database the URL is for, once it is known to name one: a
    /// scheme migrate knows, and for servers a host and a database, for
    /// SQLite a file.
    pub fn provider(&self) -> Result<Provider, CliError> {
        check(&self.value)
            .map_err(|problem| CliError::Usage(format!("The database URL from {} {problem}.", self.origin)))
    }
}

/// The provider of `url`, or what is wrong with it (never its value).
fn check(url: &str) -> Result<Provider, String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("is empty".into());
    }
    let Some((scheme, rest)) = url.split_once(':').filter(|(s, _)| is_scheme(s)) else {
        return Err("is not a URL: it does not start with a scheme such as postgresql://, mysql:// or file:".into());
    };
    let Some(database) = migrate::core::database::for_url(migrate::databases(), url) else {
        return Err(format!(
            "has the scheme `{scheme}:`, which migrate does not know: use postgresql://, mysql:// or file:"
        ));
    };
    let provider = database.provider;
    match provider {
        Provider::Sqlite => check_sqlite(rest)?,
        Provider::Postgres | Provider::Mysql => check_server(provider, scheme, rest)?,
    }
    Ok(provider)
}

fn check_sqlite(rest: &str) -> Result<(), String> {
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() {
        return Err(
            "names no database file: write it after `file:`, such as file:./dev.db (relative to the schema's folder)"
                .into(),
        );
    }
    Ok(())
}

fn check_server(provider: Provider, scheme: &str, rest: &str) -> Result<(), String> {
    let example = match provider {
        Provider::Mysql => "mysql://user@host:3306/database",
        _ => "postgresql://user@host:5432/database",
    };
    if !rest.starts_with("//") {
        return Err(format!("is not a {scheme}:// URL: write it as {example}"));
    }
    let url = ServerUrl::parse(&format!("{scheme}:{rest}")).map_err(|e| match e.as_str() {
        "the host is empty" => format!("names no host: write it as {example}"),
        _ => format!(
            "has a bad host or port: {e}. If the user or password holds `#`, `?`, `/`, `@` or `:`, percent-encode them (`#` is %23, `?` %3F, `/` %2F, `@` %40, `:` %3A)"
        ),
    })?;
    let socket = url.param("socket").is_some_and(|s| !s.is_empty());
    if url.host.is_empty() && !(provider == Provider::Mysql && socket) {
        return Err(format!("names no host: write it as {example}"));
    }
    if url.database.is_empty() {
        return Err(format!(
            "names no database: write it as {example} (migrate never picks a default database)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_with_nothing_in_them_are_refused() {
        let refused = |url: &str| check(url).unwrap_err();
        assert_eq!(refused(""), "is empty");
        assert_eq!(refused("  "), "is empty");
        assert!(refused("not a url at all Secr3t-PW").starts_with("is not a URL"));
        assert!(refused("sqlserver://h;password=x").contains("`sqlserver:`"));
        for url in [
            "postgresql://",
            "postgres://u:pw@/db",
            "postgresql:///db",
            "mysql://",
            "mysql://root@:3306/db",
        ] {
            assert!(refused(url).contains("names no host"), "{url}");
        }
        for url in [
            "postgresql://localhost",
            "postgres://h:5432/",
            "postgres://h/?schema=x",
            "mysql://root@h:3306",
        ] {
            assert!(refused(url).contains("names no database"), "{url}");
        }
        for url in ["file:", "sqlite:", "file://", "file:?connection_limit=1"] {
            assert!(refused(url).contains("names no database file"), "{url}");
        }
        assert!(refused("postgres:db").contains("is not a postgres:// URL"));
        assert!(refused("postgres://u:secret/db").contains("bad host or port"));
        assert!(!refused("postgres://u:secret/db").contains("secret"));
    }

    #[test]
    fn urls_that_name_a_database_pass() {
        assert_eq!(check("postgresql://u:p@h:5432/app?schema=x"), Ok(Provider::Postgres));
        assert_eq!(check("postgres://h/app"), Ok(Provider::Postgres));
        assert_eq!(check("mysql://root@127.0.0.1:3306/app"), Ok(Provider::Mysql));
        assert_eq!(check("mysql://root@/app?socket=/run/mysqld.sock"), Ok(Provider::Mysql));
        assert_eq!(check("file:./dev.db"), Ok(Provider::Sqlite));
        assert_eq!(check("sqlite:dev.db"), Ok(Provider::Sqlite));
        assert_eq!(check("file::memory:"), Ok(Provider::Sqlite));
        // IPv6 hosts with and without a port, encoded credentials with `#`,
        // `?`, `/` and `@`: the old hand-written splitter read `[::1]/db` as
        // host `:` and port 1.
        assert_eq!(check("postgresql://u:p%23%3F%2F%40@[::1]/app"), Ok(Provider::Postgres));
        assert_eq!(check("mysql://root@[::1]:3306/app"), Ok(Provider::Mysql));
        assert!(check("postgresql://[::1]").unwrap_err().contains("names no database"));
        let raw_hash = check("postgresql://u:pa#ss@h/db").unwrap_err();
        assert!(
            raw_hash.contains("bad host or port") && raw_hash.contains("%23"),
            "{raw_hash}"
        );
    }

    #[test]
    fn the_statement_timeout_replaces_socket_timeout() {
        let url = |s: &str| DatabaseUrl::new(s, Origin::Flag("--url"));
        let with = |s: &str| url(s).with_statement_timeout(Some(30)).value;
        assert_eq!(with("postgres://h/db"), "postgres://h/db?socket_timeout=30");
        assert_eq!(
            with("mysql://h/db?socket_timeout=5&x=1"),
            "mysql://h/db?x=1&socket_timeout=30"
        );
        assert_eq!(with("file:./dev.db"), "file:./dev.db");
        assert_eq!(
            url("postgres://h/db").with_statement_timeout(None).value,
            "postgres://h/db"
        );
        // Other parameters keep their values, encoded or not.
        assert_eq!(
            with("postgresql://u:p%23w@[::1]:5432/db?schema=a%26b"),
            "postgresql://u:p%23w@[::1]:5432/db?schema=a%26b&socket_timeout=30"
        );
    }

    #[test]
    fn the_origin_is_named() {
        let url = DatabaseUrl::new(
            "postgresql://",
            Origin::Env {
                var: "DATABASE_URL".into(),
                file: Some(".env".into()),
            },
        );
        let message = url.provider().unwrap_err().to_string();
        assert_eq!(
            message,
            "The database URL from the environment variable `DATABASE_URL` (set in .env) names no host: write it as postgresql://user@host:5432/database."
        );
    }
}
