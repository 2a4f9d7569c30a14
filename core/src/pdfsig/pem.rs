//! Reading certificates from the files an office is given: PEM (one or
//! more blocks, as a CA publishes its chain) or DER.

use x509_cert::Certificate;

/// Certificates from a PEM file (one or more `CERTIFICATE` blocks) or one
/// DER certificate.
pub fn parse_certificates(bytes: &[u8]) -> Result<Vec<Certificate>, String> {
    use base64::Engine;
    use der::Decode;
    let bad = || "Berkas bukan sertifikat X.509 (PEM atau DER).".to_string();
    let text = std::str::from_utf8(bytes).ok();
    if let Some(text) = text.filter(|t| t.contains("-----BEGIN CERTIFICATE-----")) {
        let mut out = vec![];
        for block in text.split("-----BEGIN CERTIFICATE-----").skip(1) {
            let body = block
                .split("-----END CERTIFICATE-----")
                .next()
                .ok_or_else(bad)?;
            let clean: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            let der = base64::engine::general_purpose::STANDARD
                .decode(clean)
                .map_err(|_| bad())?;
            out.push(Certificate::from_der(&der).map_err(|_| bad())?);
        }
        return Ok(out);
    }
    Ok(vec![Certificate::from_der(bytes).map_err(|_| bad())?])
}
