//! TLS for PostgreSQL connections: rustls with the ring provider, libpq's
//! `sslmode` semantics. `require` encrypts without verifying the server's
//! certificate (as libpq does); `verify-ca` checks the chain against the
//! trusted roots; `verify-full` also checks the host name. The trusted roots
//! are the webpki roots, or the PEM file of `sslrootcert=` when given.

use super::error::connection_error;
use super::session::Session;
use super::url::{PgUrl, SslMode};
use migrate_core::driver::DriverError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::Path;
use std::sync::Arc;
use tokio_postgres::NoTls;
use tokio_postgres_rustls::MakeRustlsConnect;

/// A session on the server and database of `url`, with TLS as its
/// `sslmode` asks; its connection is spawned on the caller's runtime.
pub async fn connect(url: &PgUrl) -> Result<Session, DriverError> {
    let config = url.config();
    let session = match connector(&url.ssl_mode, url.ssl_root_cert.as_deref())? {
        Some(tls) => config.connect(tls).await.map(|(client, c)| Session::spawn(client, c)),
        None => config.connect(NoTls).await.map(|(client, c)| Session::spawn(client, c)),
    };
    session.map_err(|e| tls_connection_error(url, e))
}

/// [`connection_error`], plus the causes a TLS failure keeps in its source
/// chain (the client library's message alone says only "error performing
/// TLS handshake"), on one line and without the password.
fn tls_connection_error(url: &PgUrl, e: tokio_postgres::Error) -> DriverError {
    let mut causes = Vec::new();
    if e.as_db_error().is_none() {
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            causes.push(cause.to_string());
            source = cause.source();
        }
    }
    let error = connection_error(url, e);
    let DriverError::Connection { failure, mut message } = error else {
        return error;
    };
    for cause in causes {
        message = format!("{message}: {}", cause.replace(['\r', '\n'], " "));
    }
    if matches!(url.ssl_mode, SslMode::VerifyCa | SslMode::VerifyFull) {
        if message.contains("UnknownIssuer") {
            message.push_str(
                " (the server's certificate is not signed by a trusted CA: name its CA with \
                 sslrootcert=PATH, or use sslmode=require to encrypt without verifying)",
            );
        } else if message.contains("not valid for name") {
            message.push_str(
                " (connect by a host name the certificate lists, or use sslmode=verify-ca \
                 to verify the chain only)",
            );
        }
    }
    DriverError::Connection {
        failure,
        message: migrate_core::url::hide_secrets(&message, url.password.as_deref()),
    }
}

/// The TLS connector for `mode`, `None` for `sslmode=disable`.
pub fn connector(mode: &SslMode, root_cert: Option<&Path>) -> Result<Option<MakeRustlsConnect>, DriverError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| DriverError::connection(format!("TLS setup failed: {e}")))?;
    let config = match mode {
        SslMode::Disable => return Ok(None),
        SslMode::Prefer | SslMode::Require => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyHostName { provider, chain: None }))
            .with_no_client_auth(),
        SslMode::VerifyCa => {
            let roots = Arc::new(root_store(root_cert)?);
            let chain = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
                .build()
                .map_err(|e| DriverError::connection(format!("TLS setup failed: {e}")))?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AnyHostName {
                    provider,
                    chain: Some(chain),
                }))
                .with_no_client_auth()
        }
        SslMode::VerifyFull => builder
            .with_root_certificates(root_store(root_cert)?)
            .with_no_client_auth(),
    };
    Ok(Some(MakeRustlsConnect::new(config)))
}

/// The roots to verify against: the PEM file given, else the webpki roots.
fn root_store(root_cert: Option<&Path>) -> Result<RootCertStore, DriverError> {
    let Some(path) = root_cert else {
        return Ok(RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        });
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        DriverError::connection(format!("cannot read sslrootcert `{}`: {e}", path.display()))
    };
    let mut store = RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(path).map_err(|e| unreadable(&e))? {
        let cert = cert.map_err(|e| unreadable(&e))?;
        store.add(cert).map_err(|e| unreadable(&e))?;
    }
    if store.is_empty() {
        return Err(unreadable(&"no PEM certificate in the file"));
    }
    Ok(store)
}

/// `sslmode=require` (and `prefer`) and `verify-ca`: the host name is never
/// checked. With `chain` (verify-ca) the certificate chain must lead to a
/// trusted root; webpki checks the name last, after the chain, so a name
/// mismatch means the chain itself was valid. Without (require), any
/// certificate is accepted, as libpq does. The handshake signatures are
/// always checked, so the session is encrypted with the key of the
/// certificate the server presented.
#[derive(Debug)]
struct AnyHostName {
    provider: Arc<CryptoProvider>,
    chain: Option<Arc<WebPkiServerVerifier>>,
}

impl ServerCertVerifier for AnyHostName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(chain) = &self.chain else {
            return Ok(ServerCertVerified::assertion());
        };
        match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_connector_per_mode() {
        assert!(connector(&SslMode::Disable, None).unwrap().is_none());
        for mode in [
            SslMode::Prefer,
            SslMode::Require,
            SslMode::VerifyCa,
            SslMode::VerifyFull,
        ] {
            assert!(connector(&mode, None).unwrap().is_some(), "{mode:?}");
        }
        let missing = Path::new("/nonexistent/root.crt");
        let Err(DriverError::Connection { message, .. }) = connector(&SslMode::VerifyFull, Some(missing)) else {
            panic!("a missing sslrootcert must fail");
        };
        assert!(message.contains("/nonexistent/root.crt"), "{message}");
    }
}
