//! Checking one signature with a public key: RSA (PKCS#1 v1.5 and PSS) and
//! ECDSA on P-256 and P-384, over SHA-256, SHA-384 or SHA-512. Used for the
//! CMS signer's signature and for every certificate on the chain.

use der::Encode;
use der::asn1::ObjectIdentifier as Oid;
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, Pss, RsaPublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

/// A digest Loket accepts. SHA-1 and MD5 are refused: collisions in them
/// can be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");
const RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const RSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
const RSA_SHA256: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
const RSA_SHA384: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
const RSA_SHA512: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");
const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const ECDSA_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
const ECDSA_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
const P384: Oid = Oid::new_unwrap("1.3.132.0.34");

impl Hash {
    /// The digest named by a digest algorithm identifier.
    pub fn of_digest(oid: &Oid) -> Option<Hash> {
        match *oid {
            SHA256 => Some(Hash::Sha256),
            SHA384 => Some(Hash::Sha384),
            SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    /// The digest a signature algorithm names itself, when it does.
    fn of_signature(oid: &Oid) -> Option<Hash> {
        match *oid {
            RSA_SHA256 | ECDSA_SHA256 => Some(Hash::Sha256),
            RSA_SHA384 | ECDSA_SHA384 => Some(Hash::Sha384),
            RSA_SHA512 | ECDSA_SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }

    /// The digest of the concatenated `parts`.
    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut d = D::new();
            for p in parts {
                d.update(p);
            }
            d.finalize().to_vec()
        }
        match self {
            Hash::Sha256 => run::<Sha256>(parts),
            Hash::Sha384 => run::<Sha384>(parts),
            Hash::Sha512 => run::<Sha512>(parts),
        }
    }
}

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The algorithm or key type is not one Loket checks.
    Unsupported(String),
    /// The signature does not verify.
    Wrong,
}

fn unsupported(what: impl std::fmt::Display) -> Failure {
    Failure::Unsupported(what.to_string())
}

/// The digest a signature algorithm uses: its own, or for a bare key
/// algorithm (CMS allows `rsaEncryption`) the one given.
pub fn hash_for(alg: &AlgorithmIdentifierOwned, given: Option<Hash>) -> Result<Hash, Failure> {
    if alg.oid == RSA_PSS {
        let params = pss_params(alg)?;
        return Hash::of_digest(&params.hash)
            .ok_or_else(|| unsupported(format!("hash PSS {}", params.hash)));
    }
    Hash::of_signature(&alg.oid)
        .or(given)
        .ok_or_else(|| unsupported(format!("algoritma tanda tangan {}", alg.oid)))
}

/// RSASSA-PSS parameters (RFC 4055): the hash and the salt length. Read by
/// hand: signers use salts longer than 255 bytes (pyHanko the longest the key
/// allows), which `pkcs1`'s type cannot hold.
struct PssParams {
    hash: Oid,
    salt_len: usize,
}

fn pss_params(alg: &AlgorithmIdentifierOwned) -> Result<PssParams, Failure> {
    use der::{Reader, SliceReader, TagMode, TagNumber};
    let bad = || unsupported("parameter PSS");
    let p = alg.parameters.as_ref().ok_or_else(bad)?;
    let mut outer = SliceReader::new(p.value()).map_err(|_| bad())?;
    let hash: Option<AlgorithmIdentifierOwned> = outer
        .context_specific(TagNumber::N0, TagMode::Explicit)
        .map_err(|_| bad())?;
    let mgf: Option<AlgorithmIdentifierOwned> = outer
        .context_specific(TagNumber::N1, TagMode::Explicit)
        .map_err(|_| bad())?;
    let salt: Option<u32> = outer
        .context_specific(TagNumber::N2, TagMode::Explicit)
        .map_err(|_| bad())?;
    let trailer: Option<u32> = outer
        .context_specific(TagNumber::N3, TagMode::Explicit)
        .map_err(|_| bad())?;
    if !outer.is_finished() || trailer.is_some_and(|t| t != 1) {
        return Err(bad());
    }
    // The defaults (SHA-1) are refused below like any SHA-1.
    let hash = hash.map_or(Oid::new_unwrap("1.3.14.3.2.26"), |h| h.oid);
    let mgf_hash = mgf
        .and_then(|m| m.parameters)
        .and_then(|p| p.decode_as::<AlgorithmIdentifierOwned>().ok())
        .map(|h| h.oid);
    if mgf_hash != Some(hash) {
        return Err(unsupported("PSS dengan hash MGF yang berbeda"));
    }
    Ok(PssParams {
        hash,
        salt_len: salt.unwrap_or(20) as usize,
    })
}

/// Checks `signature` over `message` with the key in `spki`, the signature
/// algorithm `alg` and the digest `hash`.
pub fn verify(
    spki: &SubjectPublicKeyInfoOwned,
    alg: &AlgorithmIdentifierOwned,
    hash: Hash,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Failure> {
    let key_der = spki.to_der().map_err(|_| unsupported("kunci publik"))?;
    let digest = hash.digest(&[message]);
    match spki.algorithm.oid {
        RSA => {
            let key = RsaPublicKey::from_public_key_der(&key_der)
                .map_err(|_| unsupported("kunci RSA tidak terbaca"))?;
            if key.size() < 256 {
                return Err(unsupported("kunci RSA kurang dari 2048 bit"));
            }
            let scheme_ok = match alg.oid {
                RSA | RSA_SHA256 | RSA_SHA384 | RSA_SHA512 => {
                    let scheme = match hash {
                        Hash::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
                        Hash::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
                        Hash::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
                    };
                    key.verify(scheme, &digest, signature)
                }
                RSA_PSS => {
                    let salt = pss_params(alg)?.salt_len;
                    let scheme = match hash {
                        Hash::Sha256 => Pss::new_with_salt::<Sha256>(salt),
                        Hash::Sha384 => Pss::new_with_salt::<Sha384>(salt),
                        Hash::Sha512 => Pss::new_with_salt::<Sha512>(salt),
                    };
                    key.verify(scheme, &digest, signature)
                }
                other => return Err(unsupported(format!("algoritma {other} untuk kunci RSA"))),
            };
            scheme_ok.map_err(|_| Failure::Wrong)
        }
        EC_PUBLIC_KEY => {
            if !matches!(
                alg.oid,
                EC_PUBLIC_KEY | ECDSA_SHA256 | ECDSA_SHA384 | ECDSA_SHA512
            ) {
                return Err(unsupported(format!("algoritma {} untuk kunci EC", alg.oid)));
            }
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<Oid>().ok());
            match curve {
                Some(P256) => {
                    let key = p256::ecdsa::VerifyingKey::from_public_key_der(&key_der)
                        .map_err(|_| unsupported("kunci P-256 tidak terbaca"))?;
                    let sig =
                        p256::ecdsa::Signature::from_der(signature).map_err(|_| Failure::Wrong)?;
                    key.verify_prehash(&digest, &sig)
                        .map_err(|_| Failure::Wrong)
                }
                Some(P384) => {
                    let key = p384::ecdsa::VerifyingKey::from_public_key_der(&key_der)
                        .map_err(|_| unsupported("kunci P-384 tidak terbaca"))?;
                    let sig =
                        p384::ecdsa::Signature::from_der(signature).map_err(|_| Failure::Wrong)?;
                    key.verify_prehash(&digest, &sig)
                        .map_err(|_| Failure::Wrong)
                }
                other => Err(unsupported(format!("kurva {other:?}"))),
            }
        }
        other => Err(unsupported(format!("jenis kunci {other}"))),
    }
}

/// A short name of the signature mechanism, for the report.
pub fn mechanism(spki: &SubjectPublicKeyInfoOwned, alg: &AlgorithmIdentifierOwned) -> String {
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<Oid>().ok());
    match (spki.algorithm.oid, alg.oid, curve) {
        (RSA, RSA_PSS, _) => "RSA-PSS".into(),
        (RSA, _, _) => "RSA PKCS#1 v1.5".into(),
        (EC_PUBLIC_KEY, _, Some(P256)) => "ECDSA P-256".into(),
        (EC_PUBLIC_KEY, _, Some(P384)) => "ECDSA P-384".into(),
        (k, _, _) => k.to_string(),
    }
}
