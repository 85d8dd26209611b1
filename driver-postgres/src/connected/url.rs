//! `postgres://` / `postgresql://` URLs with Prisma's parameters. The ones
//! the client library does not know (`schema`, `connection_limit`, ...) are
//! read here, never passed on.

use migrate_core::driver::DriverError;
use migrate_core::url::{describe_login, host_and_port, ServerUrl, SslAccept, Timeouts};
use std::path::PathBuf;
use std::time::Duration;

/// libpq's `sslmode`s (`allow` is read as `prefer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// TLS when the server offers it, the certificate not verified.
    Prefer,
    /// TLS, the certificate not verified: encryption only.
    Require,
    /// TLS, the certificate chain verified, not the host name.
    VerifyCa,
    /// TLS, the certificate chain and the host name verified.
    VerifyFull,
}

/// A `postgresql://` / `postgres://` datasource URL in its parts, defaults
/// filled in: what a session needs to reach the server and its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgUrl {
    /// The user name, percent-decoded; `postgres` when the URL names none.
    pub user: String,
    /// The password, percent-decoded; `None` when the URL has none.
    pub password: Option<String>,
    /// The host name or IP address (an IPv6 one without brackets),
    /// percent-decoded; one starting with `/` is the folder of the server's
    /// Unix socket (as libpq and tokio-postgres read it).
    pub host: String,
    /// The TCP port, 5432 when the URL names none; with a socket folder, the
    /// port in the socket's file name (`.s.PGSQL.5432`).
    pub port: u16,
    /// The database name: the URL's path, percent-decoded; never empty.
    pub database: String,
    /// The PostgreSQL schema migrations work in (`?schema=`, default `public`).
    pub schema: String,
    /// `sslmode=` (default `prefer`), settled with Prisma's `sslaccept=`:
    /// `strict` makes `require` `verify-full`, `accept_invalid_certs` makes a
    /// verifying mode `require`; with neither, `require` and `sslrootcert=` is
    /// `verify-ca`, as in libpq.
    pub ssl_mode: SslMode,
    /// `sslrootcert=`: a PEM file of the CA certificates to trust instead of
    /// the webpki roots.
    pub ssl_root_cert: Option<PathBuf>,
    /// `connect_timeout=` (the server's start-up answer included) and
    /// `socket_timeout=`.
    pub timeouts: Timeouts,
}

/// The URL a session is opened with: one that does not parse is a
/// connection error.
pub(super) fn session_url(url: &str) -> Result<PgUrl, DriverError> {
    PgUrl::parse(url).map_err(|e| DriverError::connection(format!("invalid PostgreSQL URL: {e}")))
}

impl PgUrl {
    /// Reads a datasource URL, with defaults: user `postgres`, port 5432,
    /// `schema=public`, `sslmode=prefer`, `connect_timeout=5`. It reads
    /// `schema`, `sslmode`, `sslaccept`, `sslrootcert`, `connect_timeout` and
    /// `socket_timeout`, and ignores the other parameters (Prisma's
    /// `connection_limit`, `pool_timeout`, ...). The error says what is wrong
    /// (another scheme, no host, no database, an unknown `sslmode`, a timeout
    /// that is not whole seconds), never the password.
    pub fn parse(url: &str) -> Result<PgUrl, String> {
        if !(url.starts_with("postgresql://") || url.starts_with("postgres://")) {
            return Err("a PostgreSQL URL starts with postgresql:// or postgres://".into());
        }
        let url = ServerUrl::parse(url)?;
        if url.host.is_empty() {
            return Err("the URL names no host (postgresql://user@host:5432/database)".into());
        }
        if url.database.is_empty() {
            return Err("the URL names no database (postgresql://user@host:5432/database)".into());
        }
        let mut parsed = PgUrl {
            user: if url.user.is_empty() {
                "postgres".into()
            } else {
                url.user
            },
            password: url.password,
            host: url.host,
            port: url.port.unwrap_or(5432),
            database: url.database,
            schema: "public".into(),
            ssl_mode: SslMode::Prefer,
            ssl_root_cert: None,
            timeouts: Timeouts::default(),
        };
        let mut accept = None;
        for (key, value) in &url.params {
            parsed.apply(key, value, &mut accept)?;
        }
        parsed.ssl_mode = match (parsed.ssl_mode, accept) {
            // Prisma's `sslaccept=strict`: a required TLS session is verified.
            (SslMode::Require, Some(SslAccept::Strict)) => SslMode::VerifyFull,
            // `sslaccept=accept_invalid_certs`: never verified.
            (SslMode::VerifyCa | SslMode::VerifyFull, Some(SslAccept::AcceptInvalidCerts)) => SslMode::Require,
            // libpq: `require` with a root certificate file behaves as `verify-ca`.
            (SslMode::Require, None) if parsed.ssl_root_cert.is_some() => SslMode::VerifyCa,
            (mode, _) => mode,
        };
        Ok(parsed)
    }

    fn apply(&mut self, key: &str, value: &str, accept: &mut Option<SslAccept>) -> Result<(), String> {
        match key {
            "schema" => self.schema = value.to_string(),
            "sslmode" => {
                self.ssl_mode = match value {
                    "disable" => SslMode::Disable,
                    "allow" | "prefer" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" => SslMode::VerifyCa,
                    "verify-full" => SslMode::VerifyFull,
                    other => {
                        return Err(format!(
                            "unknown sslmode `{other}` (use disable, prefer, require, verify-ca or verify-full)"
                        ))
                    }
                }
            }
            "sslaccept" => *accept = Some(SslAccept::parse(value)?),
            "sslrootcert" => self.ssl_root_cert = (!value.is_empty()).then(|| PathBuf::from(value)),
            // Else a timeout, or one of Prisma's pool and client settings:
            // meaningless for migrations.
            _ => {
                self.timeouts.read(key, value)?;
            }
        }
        Ok(())
    }

    /// The same server and credentials, another database.
    pub fn with_database(&self, database: &str) -> PgUrl {
        PgUrl {
            database: database.to_string(),
            ..self.clone()
        }
    }

    /// The tokio-postgres configuration: user, password, host, port,
    /// database, `connect_timeout`, `application_name` `migrate`, and
    /// `socket_timeout` as the TCP user timeout (keepalives after at most 60 s
    /// idle). Its TLS mode is `disable`, `prefer` or `require` only: verifying
    /// the certificate (`verify-ca`, `verify-full`) is the TLS connector's job.
    pub fn config(&self) -> tokio_postgres::Config {
        let mut config = tokio_postgres::Config::new();
        config
            .user(&self.user)
            .host(&self.host)
            .port(self.port)
            .dbname(&self.database);
        if let Some(p) = &self.password {
            config.password(p);
        }
        if let Some(t) = self.timeouts.connect {
            config.connect_timeout(t);
        }
        if let Some(t) = self.timeouts.socket {
            // A peer that stops acknowledging (a dead network) fails the
            // statement instead of hanging it; the server's own
            // `statement_timeout` bounds the statement itself.
            config.tcp_user_timeout(t);
            config.keepalives_idle(t.min(Duration::from_secs(60)).max(Duration::from_secs(1)));
        }
        config.ssl_mode(match self.ssl_mode {
            SslMode::Disable => tokio_postgres::config::SslMode::Disable,
            SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => tokio_postgres::config::SslMode::Require,
        });
        config.application_name("migrate");
        config
    }

    /// For messages: never the password.
    pub fn describe(&self) -> String {
        describe_login(&self.user, &self.host, self.port, &self.database)
    }

    /// Where the server is, as Prisma names it in messages: `host:port`
    /// (an IPv6 host in brackets), or `unix:FOLDER` for a socket folder
    /// given as the host.
    pub fn location(&self) -> String {
        if self.host.starts_with('/') {
            format!("unix:{}", self.host)
        } else {
            host_and_port(&self.host, self.port)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prisma_urls() {
        let u =
            PgUrl::parse("postgresql://me:p%40ss@db.example:6543/app?schema=tenant&sslmode=disable&connection_limit=5")
                .unwrap();
        assert_eq!((u.user.as_str(), u.password.as_deref()), ("me", Some("p@ss")));
        assert_eq!(
            (u.host.as_str(), u.port, u.database.as_str()),
            ("db.example", 6543, "app")
        );
        assert_eq!((u.schema.as_str(), u.ssl_mode), ("tenant", SslMode::Disable));
        assert_eq!(u.describe(), "me@db.example:6543/app");
        assert_eq!(u.location(), "db.example:6543");
        let d = PgUrl::parse("postgres://127.0.0.1/app").unwrap();
        assert_eq!(
            (d.user.as_str(), d.port, d.database.as_str(), d.schema.as_str()),
            ("postgres", 5432, "app", "public")
        );
        // Nothing is ever a default server or database.
        for empty in [
            "postgresql://",
            "postgres://127.0.0.1/",
            "postgres://h",
            "postgres://u:pw@/db",
        ] {
            assert!(PgUrl::parse(empty).is_err(), "{empty}");
        }
        assert_eq!((d.ssl_mode, d.ssl_root_cert.as_deref()), (SslMode::Prefer, None));
        assert!(PgUrl::parse("postgres://h/db?sslmode=sometimes").is_err());
        assert!(PgUrl::parse("postgres://h/db?sslaccept=maybe").is_err());
        assert!(PgUrl::parse("mysql://h/db").is_err());
        let t = PgUrl::parse("postgres://h/db?connect_timeout=0&socket_timeout=30").unwrap();
        assert_eq!(
            (t.timeouts.connect, t.timeouts.socket),
            (None, Some(Duration::from_secs(30)))
        );
        assert!(PgUrl::parse("postgres://h/db?connect_timeout=soon").is_err());
        let v6 = PgUrl::parse("postgresql://postgres@[::1]/app?schema=a%26b").unwrap();
        assert_eq!((v6.host.as_str(), v6.port, v6.schema.as_str()), ("::1", 5432, "a&b"));
    }

    fn ssl(query: &str) -> SslMode {
        PgUrl::parse(&format!("postgres://h/db?{query}")).unwrap().ssl_mode
    }

    #[test]
    fn reads_libpq_ssl_modes() {
        assert_eq!(ssl(""), SslMode::Prefer);
        assert_eq!(ssl("sslmode=disable"), SslMode::Disable);
        assert_eq!(ssl("sslmode=allow"), SslMode::Prefer);
        assert_eq!(ssl("sslmode=prefer"), SslMode::Prefer);
        assert_eq!(ssl("sslmode=require"), SslMode::Require);
        assert_eq!(ssl("sslmode=verify-ca"), SslMode::VerifyCa);
        assert_eq!(ssl("sslmode=verify-full"), SslMode::VerifyFull);
        let u = PgUrl::parse("postgres://h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem").unwrap();
        assert_eq!(u.ssl_root_cert.as_deref(), Some(std::path::Path::new("/etc/ca.pem")));
        assert_eq!(u.ssl_mode, SslMode::VerifyFull);
        // libpq: `require` with a root certificate verifies the chain.
        assert_eq!(ssl("sslmode=require&sslrootcert=ca.pem"), SslMode::VerifyCa);
    }

    #[test]
    fn reads_prisma_sslaccept() {
        assert_eq!(ssl("sslmode=require&sslaccept=strict"), SslMode::VerifyFull);
        assert_eq!(ssl("sslaccept=strict&sslmode=require"), SslMode::VerifyFull);
        assert_eq!(ssl("sslmode=require&sslaccept=accept_invalid_certs"), SslMode::Require);
        assert_eq!(
            ssl("sslmode=verify-full&sslaccept=accept_invalid_certs"),
            SslMode::Require
        );
        assert_eq!(
            ssl("sslmode=verify-ca&sslaccept=accept_invalid_certs"),
            SslMode::Require
        );
        assert_eq!(ssl("sslmode=verify-ca&sslaccept=strict"), SslMode::VerifyCa);
        assert_eq!(ssl("sslmode=disable&sslaccept=strict"), SslMode::Disable);
        assert_eq!(ssl("sslaccept=strict"), SslMode::Prefer);
    }
}
