//! The CMS SignedData in a PDF signature's /Contents: its one signer, the
//! signed attributes (message digest, content type, signing time), and the
//! certificates it carries.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{AnyRef, ObjectIdentifier as Oid, OctetString};
use der::{Decode, Encode, Reader, SliceReader, Tag, TagNumber, Tagged};
use x509_cert::Certificate;
use x509_cert::time::Time;

const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
const SUBJECT_KEY_ID: Oid = Oid::new_unwrap("2.5.29.14");

/// The parts of a signature value that the checks need.
pub struct Parsed {
    pub signer: SignerInfo,
    pub certificates: Vec<Certificate>,
    /// The DER of the signed attributes as a SET OF, the bytes the signer's
    /// signature covers.
    pub signed_attrs_der: Vec<u8>,
    pub message_digest: Vec<u8>,
    /// The signing time the signer claims (seconds since 1970).
    pub signing_time: Option<i64>,
}

/// Parses the CMS object; the error is the reason in Indonesian.
pub fn parse(contents: &[u8]) -> Result<Parsed, String> {
    let bad = |what: &str| format!("Isi tanda tangan (CMS) tidak terbaca: {what}.");
    let mut reader = SliceReader::new(contents).map_err(|_| bad("kosong"))?;
    let info = ContentInfo::decode(&mut reader).map_err(|_| bad("bukan ContentInfo"))?;
    // After the object only the place holder's zero padding may follow.
    let rest = reader
        .read_slice(reader.remaining_len())
        .unwrap_or_default();
    if rest.iter().any(|&b| b != 0) {
        return Err(bad("ada isi lain setelah objek CMS"));
    }
    if info.content_type != SIGNED_DATA {
        return Err(bad("bukan SignedData"));
    }
    let data: SignedData = info
        .content
        .decode_as()
        .map_err(|_| bad("SignedData rusak"))?;
    if data.encap_content_info.econtent.is_some() {
        return Err(bad("bukan tanda tangan terpisah (detached)"));
    }
    let mut signers = data.signer_infos.0.into_vec();
    if signers.len() != 1 {
        return Err(bad("harus tepat satu penanda tangan"));
    }
    let signer = signers.remove(0);
    let certificates: Vec<Certificate> = data
        .certificates
        .map(|set| {
            set.0
                .into_vec()
                .into_iter()
                .filter_map(|c| match c {
                    cms::cert::CertificateChoices::Certificate(c) => Some(c),
                    cms::cert::CertificateChoices::Other(_) => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let attrs = signer
        .signed_attrs
        .as_ref()
        .ok_or_else(|| bad("tidak ada atribut bertanda tangan"))?;
    let one = |oid: Oid| -> Option<der::Any> {
        let a = attrs.iter().find(|a| a.oid == oid)?;
        (a.values.len() == 1)
            .then(|| a.values.get(0).cloned())
            .flatten()
    };
    let content_type: Oid = one(CONTENT_TYPE)
        .and_then(|v| v.decode_as().ok())
        .ok_or_else(|| bad("jenis isi tidak ada"))?;
    if content_type != DATA {
        return Err(bad("jenis isi bukan data"));
    }
    let message_digest = one(MESSAGE_DIGEST)
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .ok_or_else(|| bad("sidik pesan tidak ada"))?
        .into_bytes();
    let signing_time = match one(SIGNING_TIME) {
        None => None,
        Some(v) => Some(
            v.to_der()
                .and_then(|d| Time::from_der(&d))
                .map_err(|_| bad("waktu penandatanganan rusak"))?
                .to_unix_duration()
                .as_secs() as i64,
        ),
    };
    let signed_attrs_der = raw_signed_attrs(contents).ok_or_else(|| bad("atribut"))?;
    Ok(Parsed {
        signer,
        certificates,
        signed_attrs_der,
        message_digest,
        signing_time,
    })
}

/// The signer's certificate among those carried.
pub fn signer_certificate(p: &Parsed) -> Option<&Certificate> {
    p.certificates.iter().find(|c| match &p.signer.sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            c.tbs_certificate.issuer == ias.issuer
                && c.tbs_certificate.serial_number == ias.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            c.tbs_certificate.extensions.iter().flatten().any(|e| {
                e.extn_id == SUBJECT_KEY_ID
                    && OctetString::from_der(e.extn_value.as_bytes())
                        .is_ok_and(|v| v.as_bytes() == ski.0.as_bytes())
            })
        }
    })
}

/// The signed attributes exactly as the signer encoded them, re-tagged as
/// the SET OF their signature covers (RFC 5652 §5.4). Read from the raw
/// bytes: decoding and encoding again would sort them.
fn raw_signed_attrs(contents: &[u8]) -> Option<Vec<u8>> {
    fn inside(any: AnyRef<'_>) -> Option<SliceReader<'_>> {
        SliceReader::new(any.value()).ok()
    }
    let mut r = SliceReader::new(contents).ok()?;
    let info = AnyRef::decode(&mut r).ok()?;
    let mut r = inside(info)?;
    AnyRef::decode(&mut r).ok()?; // contentType
    let explicit = AnyRef::decode(&mut r).ok()?;
    let mut r = inside(explicit)?;
    let signed_data = AnyRef::decode(&mut r).ok()?;
    let mut r = inside(signed_data)?;
    let mut last = None;
    while !r.is_finished() {
        last = Some(AnyRef::decode(&mut r).ok()?);
    }
    let mut r = inside(last?)?;
    let signer = AnyRef::decode(&mut r).ok()?;
    let mut r = inside(signer)?;
    for _ in 0..3 {
        AnyRef::decode(&mut r).ok()?; // version, sid, digestAlgorithm
    }
    let attrs = AnyRef::decode(&mut r).ok()?;
    let tagged = Tag::ContextSpecific {
        constructed: true,
        number: TagNumber::N0,
    };
    if attrs.tag() != tagged {
        return None;
    }
    AnyRef::new(Tag::Set, attrs.value()).ok()?.to_der().ok()
}
