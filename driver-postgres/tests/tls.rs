//! TLS against the real server of `MIGRATE_TEST_POSTGRES_URL` (default: the
//! local one, which has `ssl = on` with a self-signed certificate). A server
//! that cannot be reached fails the tests; nothing is skipped unless
//! `MIGRATE_TEST_DATABASES` leaves PostgreSQL out.

#[path = "common/pg.rs"]
mod pg;

use driver_postgres::PostgresDriver;
use migrate_core::driver::DriverError;

const URL_VARIABLE: &str = "MIGRATE_TEST_POSTGRES_URL";
const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The server URL with `sslmode` (and any other parameter) replaced.
fn url_with(query: &str) -> String {
    let server = std::env::var(URL_VARIABLE).unwrap_or_else(|_| DEFAULT_URL.to_string());
    let base = server.split_once('?').map_or(server.as_str(), |(b, _)| b);
    format!("{base}?{query}")
}

async fn connect(url: &str) -> PostgresDriver {
    PostgresDriver::connect(url, None).await.unwrap_or_else(|e| {
        panic!("cannot reach the PostgreSQL server (set {URL_VARIABLE} to a reachable server): {e}")
    })
}

async fn uses_ssl(driver: &mut PostgresDriver) -> bool {
    driver
        .client()
        .query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[])
        .await
        .expect("pg_stat_ssl")
        .get(0)
}

#[tokio::test]
async fn require_encrypts_without_verifying() {
    if !pg::selected() {
        return;
    }
    let mut driver = connect(&url_with("sslmode=require")).await;
    assert!(uses_ssl(&mut driver).await);
}

#[tokio::test]
async fn accept_invalid_certs_encrypts_without_verifying() {
    if !pg::selected() {
        return;
    }
    let mut driver = connect(&url_with("sslmode=verify-full&sslaccept=accept_invalid_certs")).await;
    assert!(uses_ssl(&mut driver).await);
}

#[tokio::test]
async fn disable_stays_plain() {
    if !pg::selected() {
        return;
    }
    let mut driver = connect(&url_with("sslmode=disable")).await;
    assert!(!uses_ssl(&mut driver).await);
}

#[tokio::test]
async fn prefer_uses_tls_when_offered() {
    if !pg::selected() {
        return;
    }
    let mut driver = connect(&url_with("sslmode=prefer")).await;
    assert!(uses_ssl(&mut driver).await);
    let mut default = connect(&url_with("")).await;
    assert!(uses_ssl(&mut default).await);
}

#[tokio::test]
async fn verify_full_rejects_a_self_signed_certificate() {
    if !pg::selected() {
        return;
    }
    // Reachable at all? Then only the certificate can make the next one fail.
    connect(&url_with("sslmode=disable")).await;
    let url = "postgres://postgres:pw-secret@127.0.0.1:5432/postgres?sslmode=verify-full";
    let server = std::env::var(URL_VARIABLE).unwrap_or_else(|_| DEFAULT_URL.to_string());
    let url = if server == DEFAULT_URL {
        url.to_string()
    } else {
        url_with("sslmode=verify-full")
    };
    let message = match PostgresDriver::connect(&url, None).await {
        Ok(_) => panic!("verify-full must reject the server's self-signed certificate"),
        Err(DriverError::Connection { message, .. }) => message,
        Err(other) => panic!("expected a connection error, got {other}"),
    };
    assert!(!message.contains('\n'), "one line: {message}");
    assert!(!message.contains("pw-secret"), "no password: {message}");
    assert!(
        message.contains("certificate"),
        "names the certificate problem: {message}"
    );
}

#[tokio::test]
async fn verify_ca_with_a_missing_root_file_says_so() {
    if !pg::selected() {
        return;
    }
    let message = match PostgresDriver::connect(
        &url_with("sslmode=verify-ca&sslrootcert=%2Fnonexistent%2Froot.crt"),
        None,
    )
    .await
    {
        Ok(_) => panic!("a missing sslrootcert must fail"),
        Err(e) => e.to_string(),
    };
    assert!(message.contains("/nonexistent/root.crt"), "{message}");
}

#[tokio::test]
async fn verify_ca_trusts_the_server_certificate_given_as_sslrootcert() {
    if !pg::selected() {
        return;
    }
    // The server's own self-signed certificate, read from where the server
    // keeps it: the chain is then valid, whatever host name it names.
    let mut plain = connect(&url_with("sslmode=disable")).await;
    let path: String = plain
        .client()
        .query_one("SHOW ssl_cert_file", &[])
        .await
        .expect("SHOW ssl_cert_file")
        .get(0);
    assert!(
        std::fs::metadata(&path).is_ok(),
        "this test reads the server's certificate {path}: run it on the server's machine"
    );
    let encoded = path.replace('%', "%25").replace('&', "%26");
    let mut driver = connect(&url_with(&format!("sslmode=verify-ca&sslrootcert={encoded}"))).await;
    assert!(uses_ssl(&mut driver).await);
}
