//! TLS to the server as libpq's `sslmode` asks for it: `disable`; `allow`
//! and `prefer` (encrypted when the server offers it, not verified);
//! `require` (encrypted, not verified); `verify-ca` (the certificate signed
//! by a trusted root); `verify-full` (and made out to the host named). The
//! roots: `sslrootcert` (a file, or `system`), else `~/.postgresql/root.crt`
//! when there is one, else the system's.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, Error, RootCertStore, SignatureScheme};

/// What `sslmode` asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl Mode {
    pub fn parse(text: &str) -> Option<Mode> {
        Some(match text {
            "disable" => Mode::Disable,
            "allow" | "prefer" => Mode::Prefer,
            "require" => Mode::Require,
            "verify-ca" => Mode::VerifyCa,
            "verify-full" => Mode::VerifyFull,
            _ => return None,
        })
    }

    /// The postgres crate's own mode: whether TLS is tried, and required.
    pub fn client_mode(self) -> postgres::config::SslMode {
        match self {
            Mode::Disable => postgres::config::SslMode::Disable,
            Mode::Prefer => postgres::config::SslMode::Prefer,
            _ => postgres::config::SslMode::Require,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Disable => "disable",
            Mode::Prefer => "prefer",
            Mode::Require => "require",
            Mode::VerifyCa => "verify-ca",
            Mode::VerifyFull => "verify-full",
        }
    }
}

/// *ring*'s cryptography: it builds with a C compiler alone. (Its key
/// exchange is not post-quantum; a server offers the classic ones too.)
#[allow(deprecated)]
fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The roots certificates are checked against, and what they came from.
fn roots(rootcert: Option<&str>, home: Option<&Path>) -> Result<RootCertStore, String> {
    let file: Option<PathBuf> = match rootcert {
        Some("system") => None,
        Some(file) => Some(PathBuf::from(file)),
        None => home.map(|h| h.join(".postgresql/root.crt")).filter(|f| f.is_file()),
    };
    let mut store = RootCertStore::empty();
    match file {
        Some(file) => {
            let text = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let mut reader = std::io::BufReader::new(text.as_slice());
            for cert in rustls_pemfile_certs(&mut reader).map_err(|e| format!("{}: {e}", file.display()))? {
                store.add(cert).map_err(|e| format!("{}: {e}", file.display()))?;
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            for cert in found.certs {
                let _ = store.add(cert);
            }
        }
    }
    if store.is_empty() {
        return Err("no trusted root certificates were found".into());
    }
    Ok(store)
}

/// The certificates of a PEM file.
fn rustls_pemfile_certs(reader: &mut dyn std::io::BufRead) -> std::io::Result<Vec<CertificateDer<'static>>> {
    use rustls::pki_types::pem::PemObject;
    let mut text = Vec::new();
    reader.read_to_end(&mut text)?;
    CertificateDer::pem_slice_iter(&text)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))
}

/// The TLS client for a mode.
pub fn config(mode: Mode, rootcert: Option<&str>, home: Option<&Path>) -> Result<ClientConfig, String> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    // As libpq: `require` with a root certificate at hand checks it as `verify-ca` does.
    let root_at_hand = matches!(rootcert, Some(f) if f != "system")
        || (rootcert.is_none() && home.is_some_and(|h| h.join(".postgresql/root.crt").is_file()));
    let mode = if mode == Mode::Require && root_at_hand { Mode::VerifyCa } else { mode };
    let verifier: Arc<dyn ServerCertVerifier> = match mode {
        Mode::Disable | Mode::Prefer | Mode::Require => Arc::new(Unverified(provider())),
        Mode::VerifyCa | Mode::VerifyFull => {
            let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots(rootcert, home)?), provider())
                .build()
                .map_err(|e| e.to_string())?;
            Arc::new(Verified { webpki, names: mode == Mode::VerifyFull })
        }
    };
    Ok(builder.dangerous().with_custom_certificate_verifier(verifier).with_no_client_auth())
}

/// `prefer` and `require`: encrypted, the certificate not checked (as libpq
/// does without a root certificate); the handshake's signatures still are.
#[derive(Debug)]
struct Unverified(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca` and `verify-full`: the chain to a trusted root, and for
/// `verify-full` the host's name in the certificate.
#[derive(Debug)]
struct Verified {
    webpki: Arc<WebPkiServerVerifier>,
    names: bool,
}

impl ServerCertVerifier for Verified {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        match self.webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Err(Error::InvalidCertificate(CertificateError::NotValidForName))
            | Err(Error::InvalidCertificate(CertificateError::NotValidForNameContext { .. }))
                if !self.names =>
            {
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}
