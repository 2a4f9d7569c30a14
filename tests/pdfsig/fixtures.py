"""Signed copies of a Loket export for the signature tests, made by a real signer.

    python fixtures.py EXPORT.pdf OUTDIR "SIGNER NAME" NIP OTHER_EXPORT.pdf
    python fixtures.py - OUTDIR          (only the CA, for an office to import first)

A CA already in OUTDIR (ca.pem with ca.key) is used again.

writes into OUTDIR:
  ca.pem            a test CA (RSA-3072) standing in for BSrE's chain
  rsa.pdf           signed with an RSA-3072 certificate from that CA
  ec.pdf            signed with an ECDSA P-256 certificate from that CA
  p384.pdf          signed with an ECDSA P-384 certificate from that CA
  pss.pdf           signed with the RSA-3072 certificate, RSASSA-PSS
  other.pdf         OTHER_EXPORT.pdf (another letter) signed validly
  expired.pdf       signed with a certificate of the CA that had expired
  stranger.pdf      signed by a valid certificate of the CA naming someone else
  fake.pdf          the unsigned export plus an appended signature field whose
                    /Contents is garbage (an incremental update, as a forger
                    would write it)
  appended.pdf      rsa.pdf plus an incremental update that changes the page
                    after signing, and a comment holding a /ByteRange that
                    reaches the new end of the file
  flipped.pdf       rsa.pdf with one byte inside the signed range changed
  lookalike.pdf     signed by a valid certificate named "NGURAH RAI" (a piece
                    of the signatory's name), no number
  other-nip.pdf     signed by a certificate with the signatory's name and
                    another person's NIP
  by-name.pdf       signed by "I GUSTI NGURAH RAI" (the name without titles),
                    no number
  server-eku.pdf    the signatory's certificate meant for web servers only
                    (extended key usage serverAuth)
  docsign-eku.pdf   the signatory's certificate naming document signing
  critical.pdf      the signatory's certificate with an unknown critical
                    extension

Each file is what an attacker (or an honest signer) could hand to the desk;
the Rust tests check Loket's verdict and pyHanko's on every one.
"""

import datetime
import re
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

FIELD = "TandaTanganElektronik"
PLACEHOLDER = 1_000_000_000


def name(cn, serial=None):
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kota Uji"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    if serial:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(attrs)


def certificate(subject, key, issuer, issuer_key, start, end, ca, extra=()):
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    for ext, critical in extra:
        b = b.add_extension(ext, critical=critical)
    if issuer_key is not key:
        b = b.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False
        )
    return b.sign(issuer_key, hashes.SHA256())


def pem(path, cert, key=None):
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    if key is not None:
        path.with_suffix(".key").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )


def sign(src, dst, cert_path, ca_path, pss=False):
    signer = signers.SimpleSigner.load(
        str(cert_path.with_suffix(".key")), str(cert_path), ca_chain_files=(str(ca_path),), prefer_pss=pss
    )
    with open(src, "rb") as inf, open(dst, "wb") as outf:
        w = IncrementalPdfFileWriter(inf)
        signers.sign_pdf(w, signers.PdfSignatureMetadata(field_name=FIELD), signer=signer, output=outf)


def fake(src, dst):
    """An incremental update adding a signature value with garbage contents."""
    with open(src, "rb") as inf:
        w = IncrementalPdfFileWriter(inf)
        sig = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Sig"),
                generic.NameObject("/Filter"): generic.NameObject("/Adobe.PPKLite"),
                generic.NameObject("/SubFilter"): generic.NameObject("/adbe.pkcs7.detached"),
                generic.NameObject("/ByteRange"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER)]
                ),
                generic.NameObject("/Contents"): generic.ByteStringObject(b"\xde\xad\xbe\xef" * 64),
            }
        )
        sig_ref = w.add_object(sig)
        root = w.root
        form = root["/AcroForm"]
        for f in form["/Fields"]:
            field = f.get_object()
            if field.get("/T") == FIELD:
                field[generic.NameObject("/V")] = sig_ref
                w.update_container(field)
        with open(dst, "wb") as outf:
            w.write(outf)
    # The forger's byte range: exactly around the garbage, to the end of the
    # file, as a signer would write it (same width, so no offset moves).
    data = Path(dst).read_bytes()
    old = re.search(rb"\[\s*0\s+%d\s+%d\s+%d\s*\]" % (PLACEHOLDER, PLACEHOLDER, PLACEHOLDER), data).group(0)
    hole = data.index(b"<" + (b"deadbeef" * 64) + b">")
    end = hole + 2 + 8 * 64
    new = b"[0 %d %d %d]" % (hole, end, len(data) - end)
    data = data.replace(old, new.ljust(len(old)), 1)
    Path(dst).write_bytes(data)


def appended(src, dst):
    """A change to the page after signing, then a /ByteRange in a comment
    that reaches the new end of the file."""
    with open(src, "rb") as inf:
        w = IncrementalPdfFileWriter(inf)
        page = w.root["/Pages"]["/Kids"][0].get_object()
        extra = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 72 Td (DIUBAH) Tj ET")
        ref = w.add_object(extra)
        contents = page["/Contents"]
        arr = generic.ArrayObject(list(contents) if isinstance(contents, generic.ArrayObject) else [contents])
        arr.append(ref)
        page[generic.NameObject("/Contents")] = arr
        w.update_container(page)
        with open(dst, "wb") as outf:
            w.write(outf)
    data = Path(dst).read_bytes()
    start = data.index(b"/Contents <")  # not used by a parser; a text search finds it
    total = len(data)
    for _ in range(5):  # the line's own length moves the end it names
        line = b"\n%% /ByteRange [0 %d %d %d]\n" % (start, start + 10, total - start - 10)
        total = len(data) + len(line)
    Path(dst).write_bytes(data + line)


def flipped(src, dst):
    data = bytearray(Path(src).read_bytes())
    # The second line of a PDF is a binary comment: changing it keeps the
    # file readable and changes the digest of the first signed range.
    i = data.index(b"\n") + 2
    data[i] ^= 0x01
    Path(dst).write_bytes(bytes(data))


def main():
    export, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc)
    day = datetime.timedelta(days=1)
    if (out / "ca.key").exists():
        ca_key = serialization.load_pem_private_key((out / "ca.key").read_bytes(), None)
        ca_name = x509.load_pem_x509_certificate((out / "ca.pem").read_bytes()).subject
    else:
        ca_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
        ca_name = name("CA Uji Loket")
        ca = certificate(ca_name, ca_key, ca_name, ca_key, now - day, now + 3650 * day, True)
        pem(out / "ca.pem", ca, ca_key)
    if export == "-":
        return
    export, signer_name, nip, other_export = Path(export), sys.argv[3], sys.argv[4], Path(sys.argv[5])

    def issue(file, key, cn, start, end, serial="same", extra=()):
        number = (nip if cn == signer_name else None) if serial == "same" else serial
        cert = certificate(name(cn, number), key, ca_name, ca_key, start, end, False, extra)
        pem(out / file, cert, key)
        return out / file

    rsa_cert = issue("rsa-signer.pem", rsa.generate_private_key(65537, 3072), signer_name, now - day, now + 365 * day)
    ec_cert = issue("ec-signer.pem", ec.generate_private_key(ec.SECP256R1()), signer_name, now - day, now + 365 * day)
    p384_cert = issue("p384-signer.pem", ec.generate_private_key(ec.SECP384R1()), signer_name, now - day, now + 365 * day)
    old_cert = issue("old-signer.pem", ec.generate_private_key(ec.SECP256R1()), signer_name, now - 400 * day, now - 30 * day)
    other = issue("other-signer.pem", ec.generate_private_key(ec.SECP256R1()), "Orang Lain Bukan Penandatangan", now - day, now + 365 * day)

    sign(export, out / "rsa.pdf", rsa_cert, out / "ca.pem")
    sign(export, out / "ec.pdf", ec_cert, out / "ca.pem")
    sign(export, out / "p384.pdf", p384_cert, out / "ca.pem")
    sign(export, out / "pss.pdf", rsa_cert, out / "ca.pem", pss=True)
    sign(other_export, out / "other.pdf", rsa_cert, out / "ca.pem")
    sign(export, out / "expired.pdf", old_cert, out / "ca.pem")
    sign(export, out / "stranger.pdf", other, out / "ca.pem")
    fake(export, out / "fake.pdf")

    # Look-alikes of the signatory, and certificates not meant for documents.
    year = (now - day, now + 365 * day)
    key = ec.generate_private_key(ec.SECP256R1())
    # A piece of the signatory's name, no number: once matched as "contained".
    sign(export, out / "lookalike.pdf", issue("lookalike-signer.pem", key, "NGURAH RAI", *year, serial=None), out / "ca.pem")
    # The signatory's name with someone else's NIP.
    sign(export, out / "other-nip.pdf", issue("other-nip-signer.pem", key, signer_name, *year, serial="198001012005011002"), out / "ca.pem")
    # The signatory's name without titles and without a number: the same person by name.
    sign(export, out / "by-name.pdf", issue("by-name-signer.pem", key, "I GUSTI NGURAH RAI", *year, serial=None), out / "ca.pem")
    # A web server's certificate (extended key usage serverAuth only).
    server = x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH])
    sign(export, out / "server-eku.pdf", issue("server-signer.pem", key, signer_name, *year, extra=[(server, False)]), out / "ca.pem")
    # Document signing named in the extended key usage: fit for a letter.
    docsign = x509.ExtendedKeyUsage([x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")])
    sign(export, out / "docsign-eku.pdf", issue("docsign-signer.pem", key, signer_name, *year, extra=[(docsign, False)]), out / "ca.pem")
    # A critical extension Loket does not know.
    unknown = x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.4.1.55555.1"), b"\x05\x00")
    sign(export, out / "critical.pdf", issue("critical-signer.pem", key, signer_name, *year, extra=[(unknown, True)]), out / "ca.pem")
    appended(out / "rsa.pdf", out / "appended.pdf")
    flipped(out / "rsa.pdf", out / "flipped.pdf")


if __name__ == "__main__":
    main()
